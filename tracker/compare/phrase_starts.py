"""Where a lexicon phrase can start: the first letters of every match it can make.

A phrase set's scan (:class:`tracker.compare.commitments.PhraseSet`) is one
alternation of a hundred-odd phrases tried by the regex engine at every
word start of a sentence, though a sentence has a few places at most where
one of them can begin. This module reads each phrase's parsed regex and
lists the *starts* its matches can have: the first :data:`KEY_LENGTH`
characters of the match's first word (all of the word when shorter). A word
whose start no phrase has cannot begin a match, so the scan is tried only
at the others (see :class:`StartIndex`), and finds exactly what the plain
scan finds.

A phrase whose starts cannot be listed (a word class such as ``\\w*``
within the first letters, as in the Korean forms ``(?:\\w*안보리)\\w*``) gets
the characters one of which every match must contain instead: a sentence
without any of them cannot hold a match of it; a sentence with one is
scanned the plain way.

>>> sorted(starts(r"(?:the )?co-?chairs"))
['co', 'coc', 'the']
>>> starts(r"(?:\\w*안보리)\\w*") is None
True
>>> sorted(required_characters(r"(?:\\w*안보리)\\w*"))
['리', '보', '안']
"""

import re
from dataclasses import dataclass
from re import _constants as c
from re import _parser

from tracker.compare.precompiled import compile_regex

# Letters of a word's start that tell phrases apart: "the" starts several
# actors, "rea" only "reaffirm"; longer keys add spellings, not precision.
KEY_LENGTH = 3
# More starts than this for one phrase: treated as unlistable.
_MOST = 512
_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


@dataclass(frozen=True, slots=True)
class PhraseStarts:
    """What a phrase set's scan needs to be tried at some word starts only.

    ``keys`` holds the starts of every listable phrase (None: some phrase
    is neither listable nor has required characters, so every text is
    scanned the plain way); a text holding one of ``triggers`` (the required
    characters of the unlistable phrases) is scanned the plain way too.
    ``patterns`` are the phrases this was read from: a stored analysis is
    used only for the very same phrases.
    """

    patterns: tuple[str, ...]
    keys: frozenset[str] | None
    triggers: frozenset[str]
    # Whether a trigger is ASCII: if not, an ASCII text (O(1) to tell) has none.
    ascii_triggers: bool

    @classmethod
    def of(cls, patterns: tuple[str, ...]) -> "PhraseStarts":
        """Read the starts of ``patterns`` (about 1.5 ms for a hundred phrases)."""
        keys: set[str] | None = set()
        triggers: set[str] = set()
        for pattern in patterns:
            found = starts(pattern)
            if found is not None:
                keys |= found
                continue
            needed = required_characters(pattern)
            if not needed:
                keys = None
                break
            triggers |= needed
        return cls(patterns, None if keys is None else frozenset(keys), frozenset(triggers),
                   any(char.isascii() for char in triggers))

    def matches(self, scan: re.Pattern[str], lowered: str,
                words: "WordStarts") -> list[re.Match] | object:
        """``scan.finditer(lowered)``'s matches, found by trying ``scan`` only
        at the word starts whose key some phrase has (``words`` lists every
        word start with one of ``keys``, and maybe others).

        The same matches: every match of the scan begins at a word start
        with one of ``keys`` (or the text holds a trigger and is scanned
        plainly), a match at a position is the one ``finditer`` finds there,
        and a later match is looked for from the end of the one before.
        """
        if self.keys is None:
            return scan.finditer(lowered)
        starts, triggered = words.of(lowered)
        if triggered and _holds(self.triggers, self.ascii_triggers, lowered):
            return scan.finditer(lowered)
        keys, match = self.keys, scan.match
        found, end = [], 0
        for position in [position for position, key in starts if key in keys]:
            if position >= end:
                hit = match(lowered, position)
                if hit is not None:
                    found.append(hit)
                    end = hit.end()
        return found


# The start and key of every word: (?<!\w) as in the scans' edge.
_WORD_START = compile_regex(rf"(?<!\w)\w{{1,{KEY_LENGTH}}}")


class WordStarts:
    """The starts of the words of a text whose key is one of ``keys``, and
    whether the text holds one of ``triggers``.

    One for all the phrase sets of a lexicon (their keys and triggers
    together): they read one text one after another (a commitment reads
    four), so its words are listed once, and each set goes through the few
    with a key of the lexicon's (a word in five), not every word; a text
    with a curly quote (not ASCII) is looked through for triggers once, not
    by every set (4 µs each). The last texts' are remembered, bounded:
    started afresh when full.

    An ASCII text (most) is listed by one regex of the ASCII keys
    (:func:`keyed_word_pattern`), which skips the other words in C: 4.5 µs
    instead of 7.6 for a 200-character sentence (each word found by a
    general word-start scan cost a match object and a key lookup).
    """

    __slots__ = ("keys", "triggers", "_ascii_triggers", "_known", "_pattern", "_keyed")
    limit = 64

    def __init__(self, keys: frozenset[str], triggers: frozenset[str] = frozenset(),
                 pattern: str | None = None) -> None:
        self.keys, self.triggers = keys, triggers
        self._ascii_triggers = any(char.isascii() for char in triggers)
        self._known: dict[str, tuple[list[tuple[int, str]], bool]] = {}
        # keyed_word_pattern(keys), when the caller has it (the store keeps it).
        self._pattern = pattern
        self._keyed: re.Pattern[str] | None = None

    def of(self, lowered: str) -> tuple[list[tuple[int, str]], bool]:
        """(start, key) of each word of ``lowered`` with a key among ``keys``,
        and whether ``lowered`` holds one of ``triggers``."""
        known = self._known.get(lowered)
        if known is None:
            if lowered.isascii():
                # " " + text: a word start is then a non-word character and a key.
                found = [(match.start(), match.group(1))
                         for match in self._keyed_scan().finditer(" " + lowered)]
            else:
                keys = self.keys
                found = [(match.start(), key) for match in _WORD_START.finditer(lowered)
                         if (key := match.group()) in keys]
            known = found, _holds(self.triggers, self._ascii_triggers, lowered)
            if len(self._known) >= self.limit:
                self._known.clear()
            self._known[lowered] = known
        return known

    def compile_all(self) -> None:
        """Compile now what is otherwise compiled on first use."""
        self._keyed_scan()

    def _keyed_scan(self) -> re.Pattern[str]:
        """The ASCII keys' scan, compiled on first use (kept between runs)."""
        if self._keyed is None:
            if self._pattern is None:
                self._pattern = keyed_word_pattern(self.keys)
            self._keyed = compile_regex(self._pattern)
        return self._keyed

    def serves(self, starts: PhraseStarts) -> bool:
        """Whether these keys and triggers hold those of ``starts``."""
        return (starts.keys or frozenset()) <= self.keys and starts.triggers <= self.triggers


def keyed_word_pattern(keys: frozenset[str]) -> str:
    r"""A regex that finds, in ``" " + text`` for an ASCII ``text``, a
    non-word character and the start of a word whose key (its first
    :data:`KEY_LENGTH` characters, all of a shorter word) is one of the ASCII
    ``keys`` (group 1): the keys as a tree (a shared first letter tried
    once), a shorter key followed by the word's end. The non-word character
    is spelled as an ASCII class, a table lookup (``\W`` asks Unicode
    categories: 0.7 µs more a sentence).

    >>> keyed_word_pattern(frozenset({"the", "to", "tim"}))
    '[^0-9A-Z_a-z](t(?:h[e]|i[m]|o(?!\\w)))'
    """
    tree: dict = {}
    for key in keys:
        if key.isascii():
            node = tree
            for char in key:
                node = node.setdefault(char, {})
            node[""] = {}
    return f"[^0-9A-Z_a-z]({_branches(tree, 0)})" if tree else r"(?!x)(x)"


def _branches(node: dict, depth: int) -> str:
    """The regex of one node of the key tree (see keyed_word_pattern)."""
    ends, rest = [], []
    for char, child in sorted(node.items()):
        if not char:
            rest.append(r"(?!\w)")  # a key shorter than KEY_LENGTH: the whole word
        elif depth + 1 == KEY_LENGTH:
            ends.append(re.escape(char))
        else:
            rest.append(re.escape(char) + _branches(child, depth + 1))
    if ends:
        rest.insert(0, f"[{''.join(ends)}]")
    return rest[0] if len(rest) == 1 else f"(?:{'|'.join(rest)})"


def _holds(triggers: frozenset[str], ascii_triggers: bool, lowered: str) -> bool:
    """Whether ``lowered`` holds one of ``triggers`` (at once false for an
    ASCII text when no trigger is ASCII: telling costs nothing)."""
    return (ascii_triggers or not lowered.isascii()) and not triggers.isdisjoint(lowered)


class Unlistable(Exception):
    """The starts of a phrase cannot be listed (or would be too many)."""


def is_word(char: str) -> bool:
    r"""Whether the regex engine counts ``char`` as ``\w`` (str patterns)."""
    return char.isalnum() or char == "_"


def starts(pattern: str) -> frozenset[str] | None:
    """The starts of every match of ``pattern`` (compiled without flags and
    followed by ``(?!\\w)``), or None when they cannot be listed. A start is
    never empty: a phrase that can match nothing or begin with a non-word
    character is unlistable."""
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & ~c.SRE_FLAG_UNICODE:  # the scans' patterns carry no flags
            return None
        done, open_ = _sequence(parsed, {""})
    except (Unlistable, RecursionError, re.error):
        return None
    found = done | open_  # open at the end: the phrase ends, so does the word
    if "" in found:
        return None
    return frozenset(found)


def _sequence(items, open_: set[str]) -> tuple[set[str], set[str]]:
    """Starts completed and still open after matching ``items`` from ``open_``."""
    done: set[str] = set()
    for op, av in items:
        if not open_:
            break
        finished, open_ = _item(op, av, open_)
        done |= finished
        if len(done) + len(open_) > _MOST:
            raise Unlistable
    return done, open_


def _item(op, av, open_: set[str]) -> tuple[set[str], set[str]]:
    """One parsed item applied to every open start."""
    if op in _ZERO_WIDTH:  # assertions only narrow what matches
        return set(), open_
    if op is c.LITERAL:
        return _extend(open_, [chr(av)])
    if op is c.IN:
        return _extend(open_, _class_members(av))
    if op is c.SUBPATTERN:
        if (av[1] | av[2]) & ~c.SRE_FLAG_UNICODE:  # (?i:...) and the like: letters vary
            raise Unlistable
        return _sequence(av[-1], open_)
    if op is c.ATOMIC_GROUP:
        return _sequence(av, open_)
    if op is c.BRANCH:
        done, still = set(), set()
        for branch in av[1]:
            finished, left = _sequence(branch, open_)
            done |= finished
            still |= left
        return done, still
    if op in _REPEATS:
        return _repeat(av, open_)
    raise Unlistable  # ANY, NOT_LITERAL, group references...


def _repeat(av, open_: set[str]) -> tuple[set[str], set[str]]:
    """A repeat unrolled until no new open start appears (open starts are
    shorter than KEY_LENGTH over a finite alphabet, so this ends)."""
    low, high, body = av
    done: set[str] = set()
    for _ in range(low):
        if not open_:
            break
        finished, open_ = _sequence(body, open_)
        done |= finished
    seen, frontier, count = set(open_), set(open_), low
    while frontier and count < high:
        finished, frontier = _sequence(body, frontier)
        done |= finished
        frontier -= seen
        seen |= frontier
        count += 1
    return done, seen


def _extend(open_: set[str], chars: list[str]) -> tuple[set[str], set[str]]:
    """Every open start followed by each of ``chars``; a non-word character
    ends the word, so it completes the start without being part of it."""
    done, still = set(), set()
    for start in open_:
        for char in chars:
            if not is_word(char):
                done.add(start)
            elif len(start) + 1 >= KEY_LENGTH:
                done.add(start + char)
            else:
                still.add(start + char)
    return done, still


def _class_members(items) -> list[str]:
    """The characters of a ``[...]`` class: listed only when they are few;
    a class of non-word characters stands for one of them (all end a word)."""
    chars: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            chars.append(chr(av))
        elif op is c.RANGE and av[1] - av[0] < 64:
            chars.extend(map(chr, range(av[0], av[1] + 1)))
        elif op is c.CATEGORY and av in (c.CATEGORY_SPACE, c.CATEGORY_LINEBREAK):
            chars.append(" ")
        else:
            raise Unlistable  # \w, \d, negated classes...
    return chars


def required_characters(pattern: str, flags: int = 0) -> frozenset[str]:
    """Characters every match of ``pattern`` (compiled with ``flags``) holds
    all of (empty when none can be named): a text without one cannot match.
    A letter matched regardless of case is not named."""
    try:
        parsed = _parser.parse(pattern, flags)
        return frozenset(_required(parsed, bool(parsed.state.flags & c.SRE_FLAG_IGNORECASE)))
    except (RecursionError, re.error):
        return frozenset()


def may_match(text: str, needs: tuple[frozenset[str], ...] | None) -> bool:
    """False when ``text`` lacks a required character of each pattern
    (``needs``: their :func:`required_characters`, None: unknown)."""
    if needs is None:
        return True
    for chars in needs:
        for char in chars:
            if char not in text:
                break
        else:
            return True
    return False


def needs_of(patterns, flags: int = 0) -> tuple[frozenset[str], ...] | None:
    """The :func:`required_characters` of each pattern, or None if one has none."""
    needs = tuple(required_characters(pattern, flags) for pattern in patterns)
    return None if not all(needs) else needs


def _required(items, ignore_case: bool) -> set[str]:
    """Characters every match of ``items`` contains (a literal met on every path)."""
    needed: set[str] = set()
    for op, av in items:
        if op is c.LITERAL and not ignore_case:
            needed.add(chr(av))
        elif op is c.SUBPATTERN:
            _, add, remove, body = av
            needed |= _required(body, bool((ignore_case or add & c.SRE_FLAG_IGNORECASE)
                                           and not remove & c.SRE_FLAG_IGNORECASE))
        elif op is c.ATOMIC_GROUP:
            needed |= _required(av, ignore_case)
        elif op is c.BRANCH:
            branches = [_required(branch, ignore_case) for branch in av[1]]
            needed |= set.intersection(*branches) if branches else set()
        elif op in _REPEATS and av[0] >= 1:
            needed |= _required(av[2], ignore_case)
    return needed
