"""Commitments: which sentences bind someone to something, and how firmly.

Analysts read a joint statement for its commitments and positions ("the
United States reaffirmed its ironclad commitment...", "both sides condemned
...") and ask, year on year, which got stronger, which softer, which vanished.
This module answers the first two questions for one aligned unit at a time;
:mod:`tracker.compare.lineage` follows the answers across a series.

The vocabulary (actors, topics, commitment verbs, the strength scale) lives
in ``lexicon.toml`` beside this file, so that a new formula is a data change.
It is read lazily, on first use, and compiled once: the classifier runs for
every unit of documents of hundreds of thousands of words, so each category
is one precompiled alternation and a sentence costs a few regex scans.

Contents:

- :class:`Commitment` -- what one sentence commits to, and how strongly.
- :class:`CommitmentChange` -- how an aligned pair of commitments differs.
- :func:`find_commitment` -- a :class:`Commitment`, or ``None``.
- :func:`read_wording` -- the same reading without the commitment test.
- :func:`commitment_change` -- compare the two sides of one aligned unit.
- :class:`Lexicon`, :func:`load_lexicon` -- the compiled vocabulary.

Strength is additive: each ladder (concern < serious concern < grave concern
< condemn; may < should < will; support < strong support) contributes the
level of the highest rung the text reaches, each intensifier ("ironclad",
"including nuclear") adds its weight and each hedge ("as appropriate") takes
its weight away. Additive scores let a comparison name each word that moved
the total, which is what the analyst wants to see.

>>> c = find_commitment("The United States reaffirmed its ironclad commitment to the ROK.")
>>> c.actors, c.verbs, c.markers
(('United States', 'ROK'), ('reaffirm', 'commit'), ('ironclad',))
>>> commitment_change("Both sides expressed concern about DPRK launches.",
...                   "Both sides condemned DPRK launches.").signals
('concern → condemn',)
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache

from tracker.compare.datafile import read_bundled_toml, read_toml
from tracker.compare.phrase_starts import (
    PhraseStarts,
    WordStarts,
    keyed_word_pattern,
    may_match,
    needs_of,
)
from tracker.compare.precompiled import compile_regex
from tracker.errors import InputError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# The bundled files, as strings: pathlib (with the urllib.parse it imports)
# is ~4 ms of a 1k-word diff's start-up, which needs no Path. The public
# ``LEXICON_PATH`` and ``GLOSSARY_PATH`` are made when asked for.
_LEXICON_FILE = os.path.join(os.path.dirname(__file__), "lexicon.toml")
_GLOSSARY_FILE = os.path.join(os.path.dirname(__file__), "glossary.toml")

# A pattern matches only at word edges: never inside a longer word.
_EDGE = r"(?<!\w)(?:{})(?!\w)"
# Inline flags, e.g. (?-i:US): such a pattern must see the original case.
_FLAGS = compile_regex(r"\(\?[aiLmsux-]")
# An escape (kept as written, so \S stays \S) or any other character.
_PATTERN_TOKEN = compile_regex(r"\\N\{[^}]*\}|\\.|.", re.DOTALL)
# The escapes alone, kept by a split between the text around them.
_ESCAPES = compile_regex(r"(\\N\{[^}]*\}|\\.)", re.DOTALL)
# Texts whose labels a PhraseSet remembers before starting afresh.
_FOUND_LIMIT = 4096
# Plain scans a phrase set makes before it reads where its phrases can start
# (~1.5 ms, which a few hundred scans earn back), unless given from the store.
_ANALYSE_AFTER = 256
_SECTIONS = ("actors", "topics", "verbs", "ladders", "intensifiers", "hedges", "terms",
             "threat_sources")


def __getattr__(name: str):
    """``LEXICON_PATH`` and ``GLOSSARY_PATH``, the bundled files' ``Path``
    forms, made when asked for (PEP 562; see ``datafile.path_attributes``)."""
    from tracker.compare.datafile import path_attributes

    files = {"LEXICON_PATH": _LEXICON_FILE, "GLOSSARY_PATH": _GLOSSARY_FILE}
    return path_attributes(__name__, files)(name)


@dataclass(frozen=True)
class Commitment:
    """What one sentence commits to: who, about what, with which words, how firmly."""

    actors: tuple[str, ...]
    topics: tuple[str, ...]
    verbs: tuple[str, ...]
    markers: tuple[str, ...]
    level: float

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "actors": list(self.actors),
            "topics": list(self.topics),
            "verbs": list(self.verbs),
            "markers": list(self.markers),
            "level": self.level,
        }


@dataclass(frozen=True)
class CommitmentChange:
    """How the commitment of one aligned unit changed between two versions."""

    actors: tuple[str, ...]
    topics: tuple[str, ...]
    strength: str
    signals: tuple[str, ...]

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "actors": list(self.actors),
            "topics": list(self.topics),
            "strength": self.strength,
            "signals": list(self.signals),
        }


class PhraseSet:
    """Labelled phrases found with one precompiled scan.

    All patterns of a section go into one alternation, longest pattern first,
    so that where two phrases could match at one place the longer one ("the
    United States and the ROK") wins over its parts. Speed matters (every unit
    of a long document is read), and two things make Python's regex engine
    slow here: case-insensitive matching and capture groups, which both defeat
    its first-character shortcuts. So the scan runs without either, over
    lowercased text with lowercased patterns, and each match is then traced to
    its pattern (cached by matched text, since statements repeat their
    vocabulary). Patterns with inline flags such as ``(?-i:US)`` need the
    original case and run in a small second scan. ``each`` keeps one
    case-insensitive regex per label for callers that count labels
    independently, overlaps allowed.
    """

    __slots__ = ("labels", "_entries", "_section", "_scan", "_cased", "_cased_labels",
                 "_plain", "_traced", "_each", "_rank", "_seen", "_keep", "_found", "_starts",
                 "_scans", "_cased_needs", "_words")

    def __init__(self, entries: dict[str, tuple[str, ...]], section: str,
                 keep: bool = False, parts: tuple[list, list] | None = None) -> None:
        self.labels = tuple(entries)
        self._entries, self._section, self._keep = entries, section, keep
        self._rank = {label: rank for rank, label in enumerate(self.labels)}
        plain, cased = parts or split_patterns(entries)
        self._plain = plain
        self._compile_scans(cased)
        self._seen: dict[str, str] = {}
        self._found: dict[str, tuple[str, ...]] = {}
        # Compiled on first use: a process that diffs two files once should
        # not pay for hundreds of regexes it never runs.
        self._traced: tuple | None = None
        self._each: tuple | None = None
        # Where the scan need be tried (phrase_starts): read after a few
        # hundred scans, or given from the store for the bundled lexicon.
        self._starts: PhraseStarts | None = None
        self._scans = 0
        self._words: WordStarts | None = None

    def _compile_scans(self, cased: list[tuple[str, str]]) -> None:
        """The plain scan and the small one of the ``cased`` patterns."""
        groups = "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(cased))
        section, keep = self._section, self._keep
        try:
            self._scan = _compile(
                _EDGE.format("|".join(p for _, p in self._plain) or "(?!x)x"), section, 0, keep)
            self._cased = _compile(_EDGE.format(groups), section, keep=keep) if cased else None
        except InputError:
            _check_each(self._entries, section)
            raise
        self._cased_labels = tuple(label for label, _ in cased)
        # What a text must hold for a cased pattern to match ("U" and "S"
        # for US): most texts hold none, and skip that scan (7 ms of 2,066
        # scans on a 100k-word comparison).
        self._cased_needs = needs_of([p for _, p in cased], re.IGNORECASE) if cased else None

    @property
    def each(self) -> tuple[tuple[str, re.Pattern[str]], ...]:
        if self._each is None:
            self._each = tuple(
                (label, _compile(_EDGE.format("|".join(patterns)), f"[{self._section}]",
                                 keep=self._keep))
                for label, patterns in self._entries.items()
            )
        return self._each

    def _tracer(self) -> re.Pattern[str]:
        """The scan again, with a named group per pattern: matched only at a
        known position, where its groups cost nothing."""
        if self._traced is None:
            groups = "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(self._plain))
            self._traced = _compile(_EDGE.format(groups), self._section, 0, self._keep)
        return self._traced

    def compile_all(self) -> None:
        """Compile now what is otherwise compiled on first use."""
        self._tracer()
        self.each  # noqa: B018 (the property compiles)
        if self._words is not None:
            self._words.compile_all()

    def find(self, text: str, lowered: str | None = None) -> tuple[str, ...]:
        """The distinct labels found in ``text``, in lexicon order.

        ``lowered`` is ``text.lower()`` when the caller already has it.
        Answers are remembered per text: a changed pair is read by the
        commitment test and again word by word, so about a quarter of the
        scans of a long comparison asked about a sentence already read.
        """
        found = self._found.get(text)
        if found is None:
            found = self._scan_text(text, text.lower() if lowered is None else lowered)
            if len(self._found) >= _FOUND_LIMIT:
                self._found.clear()
            self._found[text] = found
        return found

    def _scan_text(self, text: str, lowered: str) -> tuple[str, ...]:
        starts = self._starts  # known (the usual): straight to its matches, one call less
        matches = (starts.matches(self._scan, lowered, self._words) if starts is not None
                   else self._plain_matches(lowered))
        if not matches and self._cased is None:  # most scans: no label, nothing to gather
            return ()
        found = {self._trace(lowered, m) for m in matches}
        if self._cased is not None and may_match(text, self._cased_needs):
            found.update(
                self._cased_labels[int(m.lastgroup[1:])] for m in self._cased.finditer(text)
            )
        if len(found) < 2:  # most scans find one label or none: nothing to order
            return tuple(found)
        return tuple(sorted(found, key=self._rank.__getitem__))

    def _plain_matches(self, lowered: str):
        """The plain scan's matches over ``lowered``, tried only at the word
        starts a phrase can have once they are known: on a 100k-word
        comparison 4,181 scans take about 18 ms instead of 49 (a set's keys
        start about one word in seventeen)."""
        if self._starts is None:
            self._scans += 1
            if self._scans < _ANALYSE_AFTER:
                return self._scan.finditer(lowered)
            self.use_starts(self.read_starts())
        return self._starts.matches(self._scan, lowered, self._words)

    def read_starts(self) -> PhraseStarts:
        """The starts of the plain scan's phrases (see :mod:`phrase_starts`)."""
        return PhraseStarts.of(tuple(pattern for _, pattern in self._plain))

    def use_starts(self, starts: PhraseStarts, words: WordStarts | None = None) -> bool:
        """Scan with ``starts`` from now on, if they were read from this set's
        phrases (a stored analysis of an older lexicon is not); ``words``
        lists word starts for the whole lexicon (its keys hold these)."""
        if starts.patterns != tuple(pattern for _, pattern in self._plain):
            return False
        if words is None or not words.serves(starts):
            words = WordStarts(starts.keys or frozenset(), starts.triggers)
        self._words = words
        self._starts = starts
        return True

    def _trace(self, lowered: str, match: re.Match) -> str:
        """The label of the pattern that made ``match`` (the first that matches there)."""
        label = self._seen.get(match.group())
        if label is None:
            start = match.start()
            found = self._tracer().match(lowered, start)
            label = self._plain[int(found.lastgroup[1:])][0]
            if len(self._seen) > 4096:  # open-ended patterns (cyber\w*) must not grow it forever
                self._seen.clear()
            self._seen[match.group()] = label
        return label


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to make at start-up
class Lexicon:
    """The compiled vocabulary: phrase sets plus what each strength marker is worth.

    ``ladder_of`` maps a rung's label to its ladder's name; ``weight`` maps
    every marker to its value (rung level, intensifier weight, or minus the
    hedge weight); ``sources`` maps each actor whose naming as the source of
    a threat hardens an assessment to what naming it is worth.
    """

    actors: PhraseSet
    topics: PhraseSet
    verbs: PhraseSet
    markers: PhraseSet
    terms: PhraseSet
    ladder_of: dict[str, str]
    weight: dict[str, float]
    sources: dict[str, float] = field(default_factory=dict)


def load_lexicon(path: Path | str | None = None) -> Lexicon:
    """Read and compile a lexicon file (the bundled one when ``path`` is None).

    The bundled lexicon is cached; an explicit path is read afresh each call,
    so that tests and users can try a variant without touching the package.
    """
    if path is None:
        return default_lexicon()
    from pathlib import Path

    return _compile_lexicon(read_toml(Path(path), "lexicon"))


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, read and compiled once per process (from the
    compiled forms kept per install, see ``precompiled``), with the Korean
    forms of the bilingual glossary (:mod:`tracker.compare.glossary`).

    Without users' glossary files (``use_glossary_files``, which imports the
    glossary module), the merged tables are the bundled files' alone and are
    kept between runs with them: an English comparison then never loads the
    glossary."""
    import sys

    glossary = sys.modules.get("tracker.compare.glossary")
    if glossary is not None and glossary.user_glossary_files():
        data = glossary.with_korean_forms(read_bundled_toml(_LEXICON_FILE, "lexicon"))
        return _compile_lexicon(data, keep=True)
    from tracker.compare.precompiled import read_bundled

    data = read_bundled(_LEXICON_FILE, _bundled_with_korean_forms, (_GLOSSARY_FILE,))
    parts = read_bundled(_LEXICON_FILE, lambda _: _split_sets(data), (_GLOSSARY_FILE, __file__))
    lexicon = _compile_lexicon(data, keep=True, parts=parts)
    _use_stored_starts(lexicon)
    return lexicon


def _use_stored_starts(lexicon: Lexicon) -> None:
    """Give the bundled lexicon's phrase sets their starts (phrase_starts),
    kept between runs with the files they come from: reading them parses
    every phrase (~8 ms), as much as a short comparison's readings take."""
    from tracker.compare import phrase_starts
    from tracker.compare.precompiled import read_bundled

    sets = _phrase_sets(lexicon)
    stored = read_bundled(_LEXICON_FILE, lambda _: _stored_starts(sets),
                          (_GLOSSARY_FILE, phrase_starts.__file__))
    starts = [PhraseStarts(*data) for data in stored["sets"]]
    words = WordStarts(_all_keys(starts), frozenset().union(*(s.triggers for s in starts)),
                       stored["keyed"])
    for phrases, found in zip(sets, starts, strict=True):
        phrases.use_starts(found, words)


def _stored_starts(sets: tuple[PhraseSet, ...]) -> dict:
    """What the store keeps of the phrase sets' starts: each set's, and the
    scan of their keys (its text takes ~0.3 ms to write)."""
    starts = [s.read_starts() for s in sets]
    return {"sets": [_starts_data(found) for found in starts],
            "keyed": keyed_word_pattern(_all_keys(starts))}


def _all_keys(starts: list[PhraseStarts]) -> frozenset[str]:
    """The keys of all ``starts`` together."""
    return frozenset().union(*(found.keys for found in starts if found.keys))


def _starts_data(starts: PhraseStarts) -> tuple:
    """``starts`` as plain data the store can keep (marshal)."""
    return starts.patterns, starts.keys, starts.triggers, starts.ascii_triggers


def _phrase_sets(lexicon: Lexicon) -> tuple[PhraseSet, ...]:
    """The phrase sets of a lexicon, in a fixed order."""
    return (lexicon.actors, lexicon.topics, lexicon.verbs, lexicon.markers, lexicon.terms)


def _bundled_with_korean_forms(path: Path) -> dict:
    """The bundled lexicon with the bundled glossary's Korean forms."""
    from tracker.compare.glossary import with_korean_forms

    return with_korean_forms(read_bundled_toml(path, "lexicon"))


def _compile_lexicon(data: dict, keep: bool = False, parts: dict | None = None) -> Lexicon:
    """Build a :class:`Lexicon` from parsed TOML (``parts``: each set's
    :func:`split_patterns`, when kept from an earlier run)."""
    unknown = set(data) - set(_SECTIONS)
    if unknown:
        raise InputError(f"lexicon has unknown sections: {', '.join(sorted(unknown))}")
    markers, ladder_of, weight = _strength_entries(data)
    parts = parts or {}
    sets = {section: PhraseSet(entries, section, keep, parts.get(section))
            for section, entries in _set_entries(data, markers).items()}
    return Lexicon(
        actors=sets["actors"],
        topics=sets["topics"],
        verbs=sets["verbs"],
        markers=sets["strength markers"],
        terms=sets["terms"],
        ladder_of=ladder_of,
        weight=weight,
        sources=_source_entries(data),
    )


def _split_sets(data: dict) -> dict[str, tuple[list, list]]:
    """:func:`split_patterns` of every phrase set of ``data``."""
    entries = _set_entries(data, _strength_entries(data)[0])
    return {section: split_patterns(found) for section, found in entries.items()}


def _set_entries(data: dict, markers: dict) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each phrase set's entries, by the section name its errors give."""
    return {"actors": _phrase_entries(data, "actors"),
            "topics": _phrase_entries(data, "topics"),
            "verbs": _phrase_entries(data, "verbs"),
            "strength markers": markers,
            "terms": _phrase_entries(data, "terms")}


def _source_entries(data: dict) -> dict[str, float]:
    """``[threat_sources]``: actor = weight, each actor one of ``[actors]``."""
    actors = dict(_table(data, "actors"))
    sources = {}
    for label, value in _table(data, "threat_sources"):
        if label not in actors:
            raise InputError(f"lexicon [threat_sources] {label!r} is not an actor of [actors]")
        sources[label] = _number({"weight": value}, "weight", "threat_sources", label)
    return sources


def _phrase_entries(data: dict, section: str) -> dict[str, tuple[str, ...]]:
    """``label = [patterns]`` entries of a section, checked."""
    return {label: _patterns(label, value, section) for label, value in _table(data, section)}


def _table(data: dict, section: str) -> list[tuple[str, object]]:
    """The entries of a TOML table, or an :class:`InputError` if it is not a table."""
    table = data.get(section, {})
    if not isinstance(table, dict):
        raise InputError(f"lexicon section [{section}] must be a table")
    return list(table.items())


def _patterns(label: str, value: object, section: str) -> tuple[str, ...]:
    """The checked regexes of one entry; an empty list means the label as a phrase."""
    if isinstance(value, dict):
        value = value.get("patterns", [])
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise InputError(f"lexicon [{section}] {label!r}: patterns must be a list of strings")
    if not value:
        value = [r"\s+".join(map(re.escape, label.split()))]
    for pattern in value:
        if "(?P" in pattern:
            raise InputError(f"lexicon [{section}] {label!r}: named groups are not allowed")
    return tuple(value)


def _strength_entries(data: dict) -> tuple[dict, dict[str, str], dict[str, float]]:
    """Ladder rungs, intensifiers and hedges as one phrase table plus their values."""
    entries: dict[str, tuple[str, ...]] = {}
    ladder_of: dict[str, str] = {}
    weight: dict[str, float] = {}
    sources = [
        (f"ladders.{name}", _table(data["ladders"], name), name, "level", 1.0)
        for name, _ in _table(data, "ladders")
    ]
    sources += [
        ("intensifiers", _table(data, "intensifiers"), None, "weight", 1.0),
        ("hedges", _table(data, "hedges"), None, "weight", -1.0),
    ]
    for section, table, ladder, key, sign in sources:
        for label, spec in table:
            if label in entries:
                raise InputError(f"lexicon strength marker {label!r} is defined twice")
            entries[label] = _patterns(label, spec, section)
            weight[label] = sign * _number(spec, key, section, label)
            if ladder is not None:
                ladder_of[label] = ladder
    return entries, ladder_of, weight


def _number(spec: object, key: str, section: str, label: str) -> float:
    """The numeric ``level``/``weight`` of a strength entry."""
    value = spec.get(key) if isinstance(spec, dict) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"lexicon [{section}] {label!r} needs a numeric {key}")
    return float(value)


def _compile(pattern: str, where: str, flags: int = re.IGNORECASE,
             keep: bool = False) -> re.Pattern[str]:
    """Compile a lexicon pattern, naming the entry if it is not a valid regex;
    ``keep`` keeps the compiled form between runs (the bundled lexicon's)."""
    from tracker.compare.precompiled import compile_regex

    try:
        return compile_regex(pattern, flags, keep)
    except re.error as error:
        raise InputError(f"lexicon {where}: bad pattern {pattern!r}: {error}") from error


def _check_each(entries: dict[str, tuple[str, ...]], section: str) -> None:
    """Compile the patterns one by one to name the entry that broke a
    combined pattern (done only then: one by one is slow)."""
    for label, patterns in entries.items():
        for pattern in patterns:
            _compile(pattern, f"[{section}] {label!r}")


def split_patterns(entries: dict[str, tuple[str, ...]]) -> tuple[list, list]:
    """A phrase set's ``(label, pattern)`` pairs, longest first, as the plain
    scan takes them (lowered, for lowercased text) and the cased scan's (with
    inline flags). Kept per install for the bundled lexicon: ~1.2 ms of a
    short diff's start-up."""
    pairs = [(label, p) for label, patterns in entries.items() for p in patterns]
    pairs.sort(key=lambda pair: -len(pair[1]))
    plain = [(label, _lower_pattern(p)) for label, p in pairs if not _FLAGS.search(p)]
    return plain, [(label, p) for label, p in pairs if _FLAGS.search(p)]


def _lower_pattern(pattern: str) -> str:
    """``pattern`` for lowercased text: literal letters lowered, escapes untouched.

    The text between escapes is lowered at once (a quarter of the time of
    token by token: ~1 ms of loading the lexicon), except with a capital
    sigma, which ``str.lower`` lowers by its neighbours."""
    if "\u03a3" not in pattern:
        parts = _ESCAPES.split(pattern)
        parts[::2] = [part.lower() for part in parts[::2]]
        return "".join(parts)
    return "".join(
        token if token.startswith("\\") else token.lower()
        for token in _PATTERN_TOKEN.findall(pattern)
    )


def read_wording(text: str, lexicon: Lexicon | None = None) -> Commitment:
    """Read actors, topics, verbs and strength markers of ``text``, commitment or not.

    Used when one side of an aligned pair is a commitment and the
    other is not: the change is still explained word by word.
    """
    lex = lexicon or default_lexicon()
    lowered = text.lower()
    markers = lex.markers.find(text, lowered)
    return Commitment(
        actors=lex.actors.find(text, lowered),
        topics=lex.topics.find(text, lowered),
        verbs=lex.verbs.find(text, lowered),
        markers=markers,
        level=_level(markers, lex),
    )


def find_commitment(sentence: str, lexicon: Lexicon | None = None) -> Commitment | None:
    """The commitment ``sentence`` makes, or None if it names no actor or no commitment verb.

    The verb test runs first because it rejects most non-commitments (headings,
    date lines, narrative) in one scan.
    """
    lex = lexicon or default_lexicon()
    lowered = sentence.lower()
    verbs = lex.verbs.find(sentence, lowered)
    if not verbs:
        return None
    actors = lex.actors.find(sentence, lowered)
    if not actors:
        return None
    markers = lex.markers.find(sentence, lowered)
    topics = lex.topics.find(sentence, lowered)
    return Commitment(actors, topics, verbs, markers, _level(markers, lex))


def _level(markers: tuple[str, ...], lex: Lexicon) -> float:
    """Sum of the top rung of each ladder, plus intensifiers, minus hedges."""
    top: dict[str, float] = {}
    total = 0.0
    for marker in markers:
        ladder = lex.ladder_of.get(marker)
        if ladder is None:
            total += lex.weight[marker]
        else:
            top[ladder] = max(top.get(ladder, 0.0), lex.weight[marker])
    return total + sum(top.values())


def commitment_change(
    a: str | None, b: str | None, lexicon: Lexicon | None = None
) -> CommitmentChange | None:
    """How the commitment in aligned unit text ``a`` became ``b``.

    None when neither side is a commitment or a stated position. An added
    or removed commitment (one side absent) is "same" with no signals: there
    is nothing to weigh it against, and the unit's kind already says it came
    or went.

    When both sides state a position, the call is made *in context*
    (:func:`_context_level`): only what a drafter adds or drops to change
    the force counts. When one side states nothing (a heading became a
    commitment), the whole force of the other is the change.
    """
    lex = lexicon or default_lexicon()
    if a is not None and a == b:
        return _unchanged(a, lex)
    if a is None or b is None:
        return _one_sided(a or b, lex)
    found_a = find_commitment(a, lex) if a else None
    found_b = find_commitment(b, lex) if b else None
    return _both_sides(a, b, found_a, found_b, lex)


def _one_sided(text: str | None, lex: Lexicon) -> CommitmentChange | None:
    """An added or removed unit: nothing to weigh it against.

    :func:`find_commitment`'s test and reading without the strength
    markers, which nothing weighs here (one scan in four of an added or
    dropped commitment)."""
    if not text:
        return None
    lowered = text.lower()
    actors = lex.actors.find(text, lowered) if lex.verbs.find(text, lowered) else None
    if not actors:
        return None
    return CommitmentChange(actors, lex.topics.find(text, lowered), "same", ())


def _both_sides(a: str, b: str, found_a: Commitment | None, found_b: Commitment | None,
                lex: Lexicon) -> CommitmentChange | None:
    """Both sides present: weigh in context when both state a position."""
    stance_a, stance_b = _stance(a, found_a), _stance(b, found_b)
    if found_a is None and found_b is None and not (
            POSITION in (stance_a, stance_b) and None not in (stance_a, stance_b)):
        return None
    old = found_a or read_wording(a, lex)
    new = found_b or read_wording(b, lex)
    signals = _signals(old.markers, new.markers, lex)
    if stance_a and stance_b:
        levels = _context_level(old.markers, new.markers, lex)
        shift, named = _source_shift(old.actors, new.actors, lex)
        if named and _assesses_threat(a, b, old.verbs + new.verbs):
            levels, signals = (levels[0], levels[1] + shift), signals + named
    else:
        levels = old.level, new.level
    return CommitmentChange(
        actors=_union(old.actors, new.actors),
        topics=_union(old.topics, new.topics),
        strength=_direction(*levels),
        signals=signals,
    )


# Verbs (lexicon labels) that judge a threat rather than pledge a response to
# it: "condemned the DPRK's launches" names a culprit, while "reiterated its
# commitment to deter DPRK aggression" names whom a pledge is about.
_ASSESSING = frozenset({"condemn", "express concern", "recognize", "note", "warn", "oppose"})


def _assesses_threat(a: str, b: str, verbs: tuple[str, ...]) -> bool:
    """True when the pair judges a threat: an assessing verb on either side,
    and a threat in the roles of either (read last: it costs the most)."""
    if _ASSESSING.isdisjoint(verbs):
        return False
    from tracker.compare.roles import sentence_roles

    return "threat" in sentence_roles(a) or "threat" in sentence_roles(b)


def _source_shift(old: tuple[str, ...], new: tuple[str, ...],
                  lex: Lexicon) -> tuple[float, tuple[str, ...]]:
    """What naming or no longer naming the source of a threat does to its force.

    "Coercive attempts present challenges" becoming "China's behavior
    presents challenges" points at who is behind the threat: drafters name
    a state to harden an assessment and leave its name out to soften one.
    The actors that count are the lexicon's ``[threat_sources]``.
    """
    named = [actor for actor in new if actor in lex.sources and actor not in old]
    unnamed = [actor for actor in old if actor in lex.sources and actor not in new]
    shift = sum(lex.sources[a] for a in named) - sum(lex.sources[a] for a in unnamed)
    return shift, tuple(f'+source "{a}"' for a in named) + tuple(f'-source "{a}"'
                                                                for a in unnamed)


def _unchanged(text: str, lex: Lexicon) -> CommitmentChange | None:
    """The call for a sentence kept as it was: "same" if it is a commitment or position.

    Read once, not twice, and without the strength markers (nor the level
    they make): every unchanged sentence of a long document comes here.
    """
    lowered = text.lower()
    # find_commitment's test (a commitment verb, then an actor), markers unread.
    actors = lex.actors.find(text, lowered) if lex.verbs.find(text, lowered) else None
    if not actors:
        if not states_position(text):
            return None
        actors = lex.actors.find(text, lowered) if actors is None else actors
    return CommitmentChange(actors, lex.topics.find(text, lowered), "same", ())


# A sentence whose primary role is one of these states no position.
_NO_POSITION = frozenset({"heading", "lead", "delegation", "next-meeting"})
_POSITION_ROLES = frozenset({"threat", "welcome", "commitment", "forum"})


def states_position(text: str) -> bool:
    """True when ``text`` asserts or commits to something (see :func:`_stance`)."""
    return _stance(text, None) == POSITION


POSITION, TALK = "position", "talk"


def _stance(text: str, found: Commitment | None) -> str | None:
    """What a sentence does with force: states a POSITION, reports TALK, or neither.

    The lexicon test (:func:`find_commitment`) wants a known actor and a
    commitment verb; "NATO is a defensive Alliance" has neither, yet it is a
    position whose force can change, so roles decide for the rest. A
    sentence with no role at all is a plain assertion. A line that only
    reports talks ("discussed", "exchanged views") is TALK: two such lines
    get no call, but a position that became mere talk ("put forth a shared
    vision" to "discussed opportunities") is weighed as a softening. A
    title, lead line, delegation list or bare meeting line is neither.
    """
    if found is not None:
        return POSITION
    from tracker.compare.roles import sentence_roles

    roles = sentence_roles(text)
    if not roles or (roles[0] not in _NO_POSITION and not _POSITION_ROLES.isdisjoint(roles)):
        return POSITION
    return TALK if "exchange" in roles else None


def _context_level(old: tuple[str, ...], new: tuple[str, ...], lex: Lexicon) -> tuple[float, float]:
    """Levels of two positions, counting only what can be weighed against each other.

    Intensifiers and hedges always count: adding "ironclad" or "as
    appropriate" is a drafting choice about force. A ladder counts only when
    both sides stand on it ("concern" to "condemn", "may" to "will"): a
    rewording that happens to drop a "will" or gain a "support" elsewhere in
    the sentence moves no commitment along a scale.
    """
    shared = {lex.ladder_of[m] for m in old if m in lex.ladder_of} & {
        lex.ladder_of[m] for m in new if m in lex.ladder_of}

    def kept(markers: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(m for m in markers if lex.ladder_of.get(m, None) in shared
                     or m not in lex.ladder_of)

    return _level(kept(old), lex), _level(kept(new), lex)


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Items of both, without repeats, in first-seen order."""
    return tuple(dict.fromkeys(first + second))


def _direction(old: float, new: float) -> str:
    """'stronger', 'weaker' or 'same' by level, ignoring float noise."""
    if abs(new - old) < 1e-9:
        return "same"
    return "stronger" if new > old else "weaker"


def _signals(old: tuple[str, ...], new: tuple[str, ...], lex: Lexicon) -> tuple[str, ...]:
    """Readable reasons: ladder moves ('may → will'), then words added or dropped."""
    old_top, new_top = _ladder_tops(old, lex), _ladder_tops(new, lex)
    signals = []
    for ladder in _union(tuple(old_top), tuple(new_top)):
        before, after = old_top.get(ladder), new_top.get(ladder)
        if before and after and before != after:
            signals.append(f"{before} → {after}")
        elif before != after:
            signals.append(f'+"{after}"' if after else f'-"{before}"')
    flat_old = {m for m in old if m not in lex.ladder_of}
    flat_new = {m for m in new if m not in lex.ladder_of}
    signals += [f'+"{m}"' for m in new if m in flat_new - flat_old]
    signals += [f'-"{m}"' for m in old if m in flat_old - flat_new]
    return tuple(signals)


def _ladder_tops(markers: tuple[str, ...], lex: Lexicon) -> dict[str, str]:
    """For each ladder the text reaches, the label of its highest rung."""
    top: dict[str, str] = {}
    for marker in markers:
        ladder = lex.ladder_of.get(marker)
        if ladder is not None and (
            ladder not in top or lex.weight[marker] > lex.weight[top[ladder]]
        ):
            top[ladder] = marker
    return top
