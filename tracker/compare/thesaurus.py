"""The domain thesaurus: words that communiqués use for one another.

Year-on-year redrafts swap equivalent words freely ("condemned" for
"denounced", "held" for "convened", "North Korea" for "DPRK"), and two
sentences that say the same thing in those words should look alike to the
aligner. The equivalences are data, in ``thesaurus.toml`` beside this file,
so that an analyst can add one without touching code; :func:`load_thesaurus`
reads that file or another.

A :class:`Thesaurus` rewrites text into *concepts*: each phrase or word of a
group becomes the group's name, every other word is left alone.

>>> t = default_thesaurus()
>>> t.phrase_text("north korea fired missiles")
'dprk fired missiles'
>>> t.concept("fired"), t.concept("alliance")
('launch', 'ally')
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from os.path import commonprefix

from tracker.compare.datafile import path_attributes, read_bundled_toml, read_toml
from tracker.compare.normalise import STOP_WORDS, normalise_text, stem, strip_suffix
from tracker.compare.precompiled import compile_regex, read_bundled
from tracker.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# The bundled file, as a string: pathlib (with the urllib.parse it imports)
# is ~4 ms of a 1k-word diff's start-up. ``THESAURUS_PATH`` is made when asked for.
_THESAURUS_FILE = os.path.join(os.path.dirname(__file__), "thesaurus.toml")
# The code that turns the file into words and a pattern (kept while all are unchanged).
_MADE_BY = (__file__, os.path.join(os.path.dirname(__file__), "normalise.py"))
_WORD = compile_regex(r"[\w'.-]+")
_SEEN_LIMIT = 200_000
_TOKEN = compile_regex(r"\w+")
# Every ASCII character that is not a word character (\w) becomes a space.
# re.escape's table, but a space stands for any run of white space (\\s+).
_SPACED = {**{ord(c): re.escape(c) for c in map(chr, range(128)) if re.escape(c) != c},
           ord(" "): r"\s+"}
# A table of bytes: ASCII text is translated as bytes, twice as fast as a
# str through a dict (1 us a sentence less).
_ASCII_SPACES = bytes(c if c > 127 or chr(c).isalnum() or c == 0x5F else 32 for c in range(256))

__getattr__ = path_attributes(__name__, {"THESAURUS_PATH": _THESAURUS_FILE})


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to make at start-up
class Thesaurus:
    """Equivalence groups compiled for lookup.

    ``words`` maps a stemmed single word to its group; ``phrases`` is one
    alternation of the multi-word variants, longest first, over lowercased
    text; ``phrase_group`` maps a lowercased phrase to its group.
    """

    words: dict[str, str]
    phrases: re.Pattern[str] | None
    phrase_group: dict[str, str]
    # Word (unstemmed) -> concept, filled as words are seen: every sentence
    # comes through here, and a document repeats its vocabulary.
    seen: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    content: _ContentConcepts = field(init=False, compare=False, repr=False)
    # Each phrase's longest word: a text without any of them holds no
    # phrase. None when some phrase has no word at all.
    clues: frozenset[str] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "content", _ContentConcepts(self))
        object.__setattr__(self, "clues", _clues(self.phrase_group))

    def phrase_text(self, lowered: str) -> str:
        """``lowered`` with every multi-word variant replaced by its group name."""
        if self.phrases is None:
            return lowered
        return self.phrases.sub(lambda m: self.phrase_group[" ".join(m.group().split())],
                                lowered)

    def phrase_words(self, lowered: str) -> list[str]:
        """The words (``\\w+``) of :meth:`phrase_text` of ``lowered``.

        Every word of a phrase is a word of the text it is in, so a text
        holding none of the phrases' clue words skips the phrase pattern
        (2.4 us a sentence) for one set test (0.3 us).
        """
        words = words_of(lowered)
        if self.phrases is None or (self.clues is not None and self.clues.isdisjoint(words)):
            return words
        folded = self.phrase_text(lowered)
        return words if folded == lowered else words_of(folded)

    def concept(self, stemmed: str) -> str:
        """The group of one stemmed word, or the word itself."""
        return self.words.get(stemmed, stemmed)

    def concept_of_word(self, word: str) -> str:
        """The group of one unstemmed word (stemmed here), or its stem."""
        found = self.seen.get(word)
        if found is None:
            stemmed = stem(word)
            found = self.words.get(stemmed, stemmed)
            if len(self.seen) < _SEEN_LIMIT:
                self.seen[word] = found
        return found


def words_of(text: str) -> list[str]:
    """``re.findall(r"\\w+", text)``; for ASCII text by ``translate`` and ``split``, 2x faster."""
    if text.isascii():
        return text.encode().translate(_ASCII_SPACES).decode().split()
    return _TOKEN.findall(text)


def _clues(phrase_group: dict[str, str]) -> frozenset[str] | None:
    """The longest word of each phrase (see ``Thesaurus.clues``)."""
    clues = set()
    for phrase in phrase_group:
        words = _TOKEN.findall(phrase)
        if not words:
            return None
        clues.add(max(words, key=len))
    return frozenset(clues)


class _ContentConcepts(dict):
    """Word (unstemmed, lowercased) -> its concept, or None for a word that carries no content.

    A stop word or a lone letter is None. Looked up through ``map`` over a
    sentence's words, a word already seen costs one C-level dict hit: on the
    100k-word pair (29k words to map) 1.3 ms against 2.3 ms for a filter and
    a method call per word. Bounded like ``Thesaurus.seen``.
    """

    __slots__ = ("thesaurus",)

    def __init__(self, thesaurus: Thesaurus) -> None:
        super().__init__()
        self.thesaurus = thesaurus

    def __missing__(self, word: str) -> str | None:
        found = None
        if word not in STOP_WORDS and (len(word) > 1 or word.isdigit()):
            stemmed = strip_suffix(word)  # concept_of_word, without the two memories
            found = self.thesaurus.words.get(stemmed, stemmed)
        if len(self) < _SEEN_LIMIT:
            self[word] = found
        return found


def load_thesaurus(path: Path | str | None = None) -> Thesaurus:
    """Read a thesaurus file (the bundled one when ``path`` is None)."""
    if path is None:
        return default_thesaurus()
    from pathlib import Path

    return _compile(_read(Path(path)))


@cache
def default_thesaurus() -> Thesaurus:
    """The bundled thesaurus, read once per process.

    Its words, phrases and merged phrase pattern are kept between runs with
    the compiled patterns (``precompiled``): 0.2 ms, not 0.6, at start-up.
    """
    words, phrase_group, pattern = read_bundled(_THESAURUS_FILE, _bundled_parts, also=_MADE_BY)
    return Thesaurus(words, compile_regex(pattern) if pattern else None, phrase_group)


def _bundled_parts(path: str) -> tuple[dict[str, str], dict[str, str], str | None]:
    return _parts(_read(path, bundled=True))


def _read(path: Path, bundled: bool = False) -> dict[str, list[str]]:
    data = (read_bundled_toml if bundled else read_toml)(path, "thesaurus")
    groups = data.get("groups", {})
    if not isinstance(groups, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in groups.values()
    ):
        raise InputError(f"thesaurus {path}: [groups] must map names to lists of strings")
    return groups


def _compile(groups: dict[str, list[str]], keep: bool = False) -> Thesaurus:
    words, phrase_group, pattern = _parts(groups)
    return Thesaurus(words, compile_regex(pattern, keep=keep) if pattern else None, phrase_group)


def _parts(groups: dict[str, list[str]]) -> tuple[dict[str, str], dict[str, str], str | None]:
    """Each group's variants split into single words (stemmed) and phrases; the phrase pattern."""
    words: dict[str, str] = {}
    phrase_group: dict[str, str] = {}
    for name, variants in groups.items():
        concept = name.casefold()
        for variant in variants:
            text = " ".join(normalise_text(variant).casefold().split())
            if len(_WORD.findall(text)) > 1 or not text.isalnum():
                phrase_group[text] = concept
            else:
                words[stem(text)] = concept
    if not phrase_group:
        return words, {}, None
    merged = _merged(sorted(phrase_group, key=len, reverse=True))
    return words, phrase_group, rf"(?<!\w)(?:{merged})(?!\w)"


def _merged(phrases: list[str]) -> str:
    """One alternation of ``phrases``, tried in their order, their common starts merged.

    "united\\s+(?:nations|states)" for "united\\s+nations|united\\s+states":
    the regex engine tries each branch at every position of a sentence, and
    the merged form has a few branches to try, not one per phrase (text with
    phrases in 2.4 us a sentence, not 3.6). It matches what the plain list
    does: siblings start with different characters, which no text matches
    both of (a phrase's one space, as ``\\s+``, is none of its letters), and
    the order of the list is kept within each branch (a phrase that ends
    where a longer one goes on comes last, as the list is longest first).
    """
    shared = commonprefix(phrases)
    branches: dict[str, list[str]] = {}
    for phrase in phrases:
        rest = phrase[len(shared):]
        branches.setdefault(rest[:1], []).append(rest)
    parts = [_spaced(rests[0]) if len(rests) == 1 else _merged(rests)
             for rests in branches.values()]
    return _spaced(shared) + "(?:{})".format("|".join(parts))


def _spaced(text: str) -> str:
    """``text`` as a pattern: ``re.escape``, and any run of white space for each space."""
    return text.translate(_SPACED)
