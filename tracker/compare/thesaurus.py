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

from tracker.compare.datafile import path_attributes, read_bundled_toml, read_toml
from tracker.compare.precompiled import compile_regex
from tracker.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# The bundled file, as a string: pathlib (with the urllib.parse it imports)
# is ~4 ms of a 1k-word diff's start-up. ``THESAURUS_PATH`` is made when asked for.
_THESAURUS_FILE = os.path.join(os.path.dirname(__file__), "thesaurus.toml")
_WORD = compile_regex(r"[\w'.-]+")
_SEEN_LIMIT = 200_000

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

    def phrase_text(self, lowered: str) -> str:
        """``lowered`` with every multi-word variant replaced by its group name."""
        if self.phrases is None:
            return lowered
        return self.phrases.sub(lambda m: self.phrase_group[" ".join(m.group().split())],
                                lowered)

    def concept(self, stemmed: str) -> str:
        """The group of one stemmed word, or the word itself."""
        return self.words.get(stemmed, stemmed)

    def concept_of_word(self, word: str) -> str:
        """The group of one unstemmed word (stemmed here), or its stem."""
        found = self.seen.get(word)
        if found is None:
            from tracker.compare.normalise import stem

            found = self.words.get(stem(word), stem(word))
            if len(self.seen) < _SEEN_LIMIT:
                self.seen[word] = found
        return found


def load_thesaurus(path: Path | str | None = None) -> Thesaurus:
    """Read a thesaurus file (the bundled one when ``path`` is None)."""
    if path is None:
        return default_thesaurus()
    from pathlib import Path

    return _compile(_read(Path(path)))


@cache
def default_thesaurus() -> Thesaurus:
    """The bundled thesaurus, read once per process."""
    return _compile(_read(_THESAURUS_FILE, bundled=True), keep=True)


def _read(path: Path, bundled: bool = False) -> dict[str, list[str]]:
    data = (read_bundled_toml if bundled else read_toml)(path, "thesaurus")
    groups = data.get("groups", {})
    if not isinstance(groups, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in groups.values()
    ):
        raise InputError(f"thesaurus {path}: [groups] must map names to lists of strings")
    return groups


def _compile(groups: dict[str, list[str]], keep: bool = False) -> Thesaurus:
    """Split each group's variants into single words (stemmed) and phrases."""
    from tracker.compare.normalise import normalise_text, stem
    from tracker.compare.precompiled import compile_regex

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
        return Thesaurus(words, None, {})
    alternatives = sorted(phrase_group, key=len, reverse=True)
    pattern = r"(?<!\w)(?:{})(?!\w)".format("|".join(
        r"\s+".join(map(re.escape, phrase.split())) for phrase in alternatives))
    return Thesaurus(words, compile_regex(pattern, keep=keep), phrase_group)
