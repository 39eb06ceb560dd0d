"""Commitment lineage: the history of every commitment across a series.

A meeting-over-meeting comparison says what changed between two statements;
analysts also ask the longer question: since when has the alliance said
this, how has the wording moved year by year, when did it vanish, and did it
ever come back? This module chains the aligned units of consecutive
comparisons (from :func:`tracker.compare.compare_texts`) into *threads*, one
per commitment.

The chaining works sentence by sentence: after each comparison every
sentence of the newer statement knows the threads it carries, so splits and
merges between one pair of meetings do not break a thread in the next pair.
A commitment that the aligner reports as removed ends its thread's run (the
thread is *dropped* at the first meeting without it); a commitment reported
as added is first matched against dropped threads, with the aligner's own
similarity test, and only when none matches does it start a new thread.
Only commitments (sentences where :func:`find_commitment` finds an actor and
a commitment verb) make threads.

Contents:

- :class:`Appearance`, :class:`Thread`, :class:`Lineage` -- frozen results.
- :func:`build_lineage` -- threads for a series of ``(meeting, text)``.
- :func:`format_lineage_text` -- the threads as text for a terminal.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.compare.align import WORD_PAIR_THRESHOLD, similarity
from tracker.compare.commitments import commitment_change, find_commitment
from tracker.compare.keys import thread_key
from tracker.compare.limits import Skipped, within_cap
from tracker.compare.normalise import content_words
from tracker.compare.segment import segment

NEW, UNCHANGED, REWORDED, RETURNED = "new", "unchanged", "reworded", "returned"
ADDED, REMOVED = "added", "removed"


@dataclass(frozen=True)
class Appearance:
    """A commitment's wording at one meeting, and how it differs from the one before.

    For a ``new`` appearance there is nothing before: strength is "same" and
    there are no signals. A ``returned`` one is weighed against the wording
    it had when it was dropped.
    """

    meeting: str
    text: str
    kind: str
    strength: str
    signals: tuple[str, ...]
    moved: bool = False

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "meeting": self.meeting,
            "text": self.text,
            "kind": self.kind,
            "strength": self.strength,
            "signals": list(self.signals),
            "moved": self.moved,
        }


@dataclass(frozen=True)
class Thread:
    """One commitment through the series.

    ``dropped`` lists every meeting where the commitment went missing after
    being present; ``dropped_at`` is the last of them when the commitment is
    still missing at the end of the series, else None.
    """

    id: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    first_seen: str
    last_seen: str
    dropped: tuple[str, ...]
    dropped_at: str | None
    returned_at: tuple[str, ...]
    appearances: tuple[Appearance, ...]

    @property
    def key(self) -> str:
        """The stable name of the thread (:func:`tracker.compare.keys.thread_key`):
        ``id`` numbers threads in order and shifts when an earlier one appears."""
        return thread_key(self.first_seen, self.appearances[0].text)

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "id": self.id,
            "key": self.key,
            "actors": list(self.actors),
            "topics": list(self.topics),
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "dropped": list(self.dropped),
            "dropped_at": self.dropped_at,
            "returned_at": list(self.returned_at),
            "appearances": [appearance.to_dict() for appearance in self.appearances],
        }


@dataclass(frozen=True)
class Lineage:
    """Every commitment thread of a series, in order of first appearance.

    ``skipped`` lists the statements left out for being over the sentence cap.
    """

    meetings: tuple[str, ...]
    threads: tuple[Thread, ...]
    skipped: tuple[Skipped, ...] = ()

    def events(self, thread: Thread) -> list[tuple[str, Appearance | None]]:
        """``(meeting, appearance)`` of a thread in meeting order, with None
        where the commitment was missing (dropped there): the order in which
        a reader follows it, and the one ``tracker lineage`` prints."""
        found: dict[str, Appearance | None] = {a.meeting: a for a in thread.appearances}
        found.update(dict.fromkeys(thread.dropped))
        return sorted(found.items(), key=lambda item: self.meetings.index(item[0]))

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {
            "meetings": list(self.meetings),
            "threads": [thread.to_dict() for thread in self.threads],
            "skipped": [skipped.to_dict() for skipped in self.skipped],
        }


class _Side(NamedTuple):
    """One side of an aligned unit: sentence indexes and joined text."""

    index: tuple[int, ...]
    text: str


class _Unit(NamedTuple):
    """The parts of a comparison unit that lineage needs."""

    kind: str
    moved: bool
    a: _Side | None
    b: _Side | None


@dataclass
class _Draft:
    """A thread while it is being built (mutable; frozen into a :class:`Thread`)."""

    id: str
    appearances: list[Appearance] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    actors: dict[str, None] = field(default_factory=dict)
    topics: dict[str, None] = field(default_factory=dict)
    active: bool = True
    _words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """Content words of the latest wording, computed once (return matching needs them)."""
        if self._words is None:
            self._words = content_words(self.appearances[-1].text)
        return self._words

    def add(self, appearance: Appearance) -> None:
        """Record the wording at one meeting, with its actors and topics."""
        self.appearances.append(appearance)
        self.active = True
        self._words = None
        found = find_commitment(appearance.text)
        if found is not None:
            self.actors.update(dict.fromkeys(found.actors))
            self.topics.update(dict.fromkeys(found.topics))

    def freeze(self, last_meeting: str) -> Thread:
        """The finished :class:`Thread`."""
        shown = self.appearances
        return Thread(
            id=self.id,
            actors=tuple(self.actors),
            topics=tuple(self.topics),
            first_seen=shown[0].meeting,
            last_seen=shown[-1].meeting,
            dropped=tuple(self.dropped),
            dropped_at=None if shown[-1].meeting == last_meeting else self.dropped[-1],
            returned_at=tuple(a.meeting for a in shown if a.kind == RETURNED),
            appearances=tuple(shown),
        )


# Which threads each sentence of the current meeting carries.
_Carried = dict[int, list[_Draft]]


def build_lineage(
    statements: Sequence[tuple[str, str]], max_sentences: int | None = None
) -> Lineage:
    """Thread the commitments of ``(meeting label, text)`` statements, oldest first.

    A statement of more than ``max_sentences`` sentences is left out (and
    listed in :attr:`Lineage.skipped`): the series is threaded without it.
    """
    from tracker.compare import compare_texts  # the engine is loaded only when used

    statements, skipped = within_cap(statements, max_sentences)
    meetings = tuple(label for label, _ in statements)
    drafts: list[_Draft] = []
    if len(statements) == 1:
        _open_sentences(statements[0], drafts)
    carried: _Carried = {}
    pairs = zip(statements, statements[1:], strict=False)
    for step, ((label_a, text_a), (label_b, text_b)) in enumerate(pairs):
        units = _units(compare_texts(text_a, text_b, label_a, label_b))
        if step == 0:
            carried = _open_first(units, label_a, drafts)
        carried = _step(units, carried, label_a, label_b, drafts)
    threads = tuple(draft.freeze(meetings[-1]) for draft in drafts)
    return Lineage(meetings, threads, skipped)


def _open_sentences(statement: tuple[str, str], drafts: list[_Draft]) -> None:
    """Threads for the commitments of a series of one statement."""
    label, text = statement
    for sentence in segment(text):
        _opened(sentence.text, label, drafts)


def _open_first(units: Iterable[_Unit], label: str, drafts: list[_Draft]) -> _Carried:
    """Threads for the commitments of the first meeting, read from the A sides."""
    carried: _Carried = {}
    for unit in units:
        threads = _opened(unit.a.text, label, drafts) if unit.a is not None else []
        if threads:
            carried.update(dict.fromkeys(unit.a.index, threads))
    return carried


def _step(
    units: Iterable[_Unit], carried: _Carried, label_a: str, label_b: str, drafts: list[_Draft]
) -> _Carried:
    """Carry threads over one comparison; return what the newer statement carries."""
    following: _Carried = {}
    continued: set[str] = set()
    for unit in units:
        if unit.b is None:
            continue  # a removed unit: its threads are dropped below unless carried elsewhere
        if unit.a is None:
            threads = _added(unit.b.text, label_b, drafts)
        else:
            threads = _threads_of(unit, carried, label_a, drafts)
            if threads:
                _continue(threads, unit, label_b, continued)
            else:  # a sentence reworded into a commitment starts one here
                threads = _opened(unit.b.text, label_b, drafts)
        continued.update(draft.id for draft in threads)
        if threads:
            following.update(dict.fromkeys(unit.b.index, threads))
    _drop_missing(carried, continued, label_b)
    return following


def _threads_of(unit: _Unit, carried: _Carried, label_a: str, drafts: list[_Draft]) -> list[_Draft]:
    """The threads an A side carries; a commitment with none starts one at ``label_a``.

    A side can hold a commitment no thread knows when the aligner groups
    sentences differently from the previous comparison (a merge whose parts
    alone were not commitments).
    """
    threads = list({id(d): d for i in unit.a.index for d in carried.get(i, [])}.values())
    return threads or _opened(unit.a.text, label_a, drafts)


def _opened(text: str, label: str, drafts: list[_Draft]) -> list[_Draft]:
    """A new thread for ``text`` at ``label`` if it is a commitment, else none."""
    if find_commitment(text) is None:
        return []
    draft = _new_draft(drafts)
    draft.add(Appearance(label, text, NEW, "same", ()))
    return [draft]


def _continue(threads: list[_Draft], unit: _Unit, label_b: str, continued: set[str]) -> None:
    """Add the B wording of an aligned unit to each thread it carries."""
    kind = UNCHANGED if unit.kind == UNCHANGED else REWORDED
    strength, signals = "same", ()
    if kind == REWORDED:
        strength, signals = _change(unit.a.text, unit.b.text)
    for draft in threads:
        if draft.id not in continued:  # a thread split over two units appears once
            draft.add(Appearance(label_b, unit.b.text, kind, strength, signals, unit.moved))


def _added(text: str, label: str, drafts: list[_Draft]) -> list[_Draft]:
    """The thread of an added unit: a dropped one that comes back, or a new one."""
    if find_commitment(text) is None:
        return []
    draft = _returning(text, drafts)
    if draft is None:
        return _opened(text, label, drafts)
    strength, signals = _change(draft.appearances[-1].text, text)
    draft.add(Appearance(label, text, RETURNED, strength, signals))
    return [draft]


def _returning(text: str, drafts: list[_Draft]) -> _Draft | None:
    """The dropped thread whose last wording is most like ``text``, if alike enough.

    The aligner's own test decides (content-word similarity at its pairing
    threshold), so "came back" means what "reworded" means between neighbours.
    """
    words = content_words(text)
    best, best_score = None, WORD_PAIR_THRESHOLD
    for draft in drafts:
        if draft.active:
            continue
        score = similarity(words, draft.words)
        if score >= best_score:
            best, best_score = draft, score
    return best


def _drop_missing(carried: _Carried, continued: set[str], label_b: str) -> None:
    """Mark as dropped at ``label_b`` every carried thread that did not continue."""
    for threads in carried.values():
        for draft in threads:
            if draft.active and draft.id not in continued:
                draft.active = False
                draft.dropped.append(label_b)


def _change(old: str, new: str) -> tuple[str, tuple[str, ...]]:
    """Strength and signals between two wordings ("same", () when neither commits)."""
    change = commitment_change(old, new)
    return ("same", ()) if change is None else (change.strength, change.signals)


def _new_draft(drafts: list[_Draft]) -> _Draft:
    """A fresh thread, numbered in order of creation."""
    draft = _Draft(f"c{len(drafts) + 1}")
    drafts.append(draft)
    return draft


def _units(comparison) -> list[_Unit]:
    """The units of a comparison, read from its attributes or, failing that, its dict."""
    try:
        return [_Unit(u.kind, bool(u.moved), _side(u.a), _side(u.b)) for u in comparison.units]
    except AttributeError:
        return [
            _Unit(u["kind"], bool(u.get("moved")), _side(u["a"]), _side(u["b"]))
            for u in comparison.to_dict()["units"]
        ]


def _side(side) -> _Side | None:
    """A unit side as a :class:`_Side` (from an object or a dict)."""
    if side is None:
        return None
    if isinstance(side, dict):
        return _Side(tuple(side["index"]), side["text"])
    return _Side(tuple(side.index), side.text)


def format_lineage_text(lineage: Lineage, names: Mapping[str, str] | None = None) -> str:
    """The threads as text: a header per commitment, then one line per meeting.

    Meetings are named by ``names`` (slug → "Fifth EDSCG meeting
    (2024-09-04)") where it knows them, else by slug. Unchanged appearances
    are shown without their text (it is the line above); a meeting where
    the commitment is missing says "dropped".
    """
    names = names or {}
    header = (
        f"{_count(len(lineage.threads), 'commitment')} across "
        f"{_count(len(lineage.meetings), 'meeting')}: "
        f"{sum(t.dropped_at is not None for t in lineage.threads)} dropped, "
        f"{sum(bool(t.returned_at) for t in lineage.threads)} came back"
    )
    shown = {m: names.get(m, m) for m in lineage.meetings}
    width = max((len(name) for name in shown.values()), default=0)
    header += "".join(f"\nnote: {s.describe(names.get(s.meeting))}" for s in lineage.skipped)
    blocks = [_format_thread(lineage, thread, shown, width) for thread in lineage.threads]
    return "\n\n".join([header, *blocks])


def _count(number: int, noun: str) -> str:
    """'1 meeting', '3 meetings'."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _format_thread(lineage: Lineage, thread: Thread, shown: Mapping[str, str],
                   width: int) -> str:
    """One thread: who and what, then its appearances and drops in meeting order."""
    title = f"[{thread.id}] {', '.join(thread.actors) or '?'}"
    if thread.topics:
        title += f" — {', '.join(thread.topics)}"
    lines = [_format_appearance(a, shown[m], width) if a
             else f"  {shown[m].ljust(width)}  dropped"
             for m, a in lineage.events(thread)]
    return "\n".join([title, *lines])


def _format_appearance(appearance: Appearance, name: str, width: int) -> str:
    """One meeting's line: kind, strength and signals, then the wording if it changed."""
    line = f"  {name.ljust(width)}  {appearance.kind}"
    if appearance.moved:
        line += " (moved)"
    if appearance.strength != "same":
        line += f", {appearance.strength}"
    if appearance.signals:
        line += ": " + ", ".join(appearance.signals)
    if appearance.kind != UNCHANGED:
        line += f"\n  {' ' * width}  {appearance.text}"
    return line
