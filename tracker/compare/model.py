"""The result of a comparison: plain frozen dataclasses, ready to format.

A :class:`Comparison` holds both documents' sentences and a list of
:class:`Unit` in reading order. Formatters (``tracker.compare.formats``)
read these and nothing else; :meth:`Comparison.to_dict` is the JSON shape
documented in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.compare.inline import Token
from tracker.compare.lists import group_list

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing takes milliseconds to import: for annotations only
    from typing import Any

UNCHANGED, REWORDED, ADDED, REMOVED = "unchanged", "reworded", "added", "removed"
KINDS = (UNCHANGED, REWORDED, ADDED, REMOVED)
# What people read for each kind. JSON keeps the kinds above (``removed``)
# so scripts keep working; every page, terminal and report says "dropped".
KIND_NAMES = {UNCHANGED: "unchanged", REWORDED: "reworded", ADDED: "added", REMOVED: "dropped"}


def kind_name(kind: str) -> str:
    """The word a reader sees for a unit kind or summary key ("dropped")."""
    return KIND_NAMES.get(kind, kind)


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a unit: which sentences, and their text joined by spaces."""

    index: tuple[int, ...]
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": list(self.index), "text": self.text}


@dataclass(frozen=True, slots=True)
class Unit:
    """Sentences of A and B that correspond, with how they differ.

    ``commitment`` is a :class:`tracker.compare.commitments.CommitmentChange`
    (or ``None`` when neither side states a commitment); it is typed loosely
    so this module need not import the lexicon. It is built from ``reading``:
    the change itself, or a function of the unit that reads it on first use.
    Unchanged units get the function: they are most of a long document, their
    call is "same" by construction, and only a caller that shows them needs it.
    ``how`` and ``shared`` say how the aligner paired the unit's sides
    (:data:`tracker.compare.align.HOW`) and the terms they share.
    ``diff`` holds the word diff (:attr:`tokens`), or a function of the two
    sides that computes it on first use, for the same reason: a caller that
    only counts changes or reads strength calls never needs it. (Functions
    shared by all units, not one made per unit: 4,802 of each on a
    100k-word comparison.)
    """

    kind: str
    moved: bool
    a: Side | None
    b: Side | None
    similarity: float
    diff: Any = field(compare=False, repr=False)
    reading: Any = field(default=None, compare=False, repr=False)
    how: str = ""
    shared: tuple[str, ...] = ()

    @property
    def tokens(self) -> tuple[Token, ...]:
        """The word diff of this unit, computed now if it was deferred."""
        if callable(self.diff):
            object.__setattr__(self, "diff", tuple(self.diff(self.a, self.b)))
        return self.diff

    @property
    def commitment(self) -> Any:
        """The commitment change of this unit, read now if it was deferred."""
        if callable(self.reading):
            object.__setattr__(self, "reading", self.reading(self))
        return self.reading

    @property
    def strength(self) -> str | None:
        """"stronger", "weaker", "same", or ``None`` if no commitment is involved."""
        return getattr(self.commitment, "strength", None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "moved": self.moved,
            "a": self.a.to_dict() if self.a else None,
            "b": self.b.to_dict() if self.b else None,
            "similarity": self.similarity,
            "tokens": [{"op": token.op, "text": token.text} for token in self.tokens],
            "commitment": self.commitment.to_dict() if self.commitment is not None else None,
            "how": self.how or None,
            "shared": list(self.shared),
        }


@dataclass(frozen=True, slots=True)
class Document:
    """One compared text: its label, the hash of its canonical form, its sentences.

    ``paragraphs[k]`` is the paragraph number of sentence ``k``, for
    formatters that lay sentences out in their paragraphs.
    """

    label: str
    sha256: str
    sentences: tuple[str, ...]
    paragraphs: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """Everything known about how document ``a`` became document ``b``."""

    a: Document
    b: Document
    units: tuple[Unit, ...]
    engine: str
    summary: dict[str, int] = field(init=False)
    _topics: tuple | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "summary", summarise(self.units))

    @property
    def topics(self) -> tuple:
        """Per-topic net verdicts (:mod:`tracker.compare.verdict`), computed on first
        use: they read the added and dropped commitments, which only a caller
        that shows them needs."""
        if self._topics is None:
            from tracker.compare.verdict import topic_verdicts

            object.__setattr__(self, "_topics", topic_verdicts(self.units))
        return self._topics

    @property
    def identical(self) -> bool:
        """True when every sentence is unchanged and in its place: what
        ``--exit-code``, the compare page and change reports all ask."""
        return all(unit.kind == UNCHANGED and not unit.moved for unit in self.units)

    def relabelled(self, a: str, b: str) -> Comparison:
        """The same comparison under other labels: names people read for the
        terminal and pages, while JSON keeps the slugs it was built with."""
        from dataclasses import replace

        return replace(self, a=replace(self.a, label=a), b=replace(self.b, label=b))

    def sentence_before(self, unit: Unit, side: str = "a") -> str | None:
        """The sentence just before ``unit`` on one side (None at the start):
        where a moved unit stood, or what a change follows."""
        shown = unit.a if side == "a" else unit.b
        sentences = self.a.sentences if side == "a" else self.b.sentences
        first = shown.index[0] if shown and shown.index else 0
        return sentences[first - 1] if first > 0 else None

    def to_dict(self) -> dict[str, Any]:
        return {**self.head_dict(), "units": [unit.to_dict() for unit in self.units],
                "topics": self.topics_list()}

    def head_dict(self) -> dict[str, Any]:
        """The keys of :meth:`to_dict` before ``units``: the JSON writer
        (``formats.format_json``) writes the units itself, between these
        and :meth:`topics_list`."""
        return {
            "engine": self.engine,
            "a": {"label": self.a.label, "sha256": self.a.sha256},
            "b": {"label": self.b.label, "sha256": self.b.sha256},
            "summary": dict(self.summary),
            "sentences": {"a": list(self.a.sentences), "b": list(self.b.sentences)},
            "lists": {"a": group_list(self.a.sentences), "b": group_list(self.b.sentences)},
        }

    def topics_list(self) -> list[dict[str, Any]]:
        """``topics`` of :meth:`to_dict`: the per-topic verdicts as plain data."""
        return [verdict.to_dict() for verdict in self.topics]


def summarise(units: tuple[Unit, ...]) -> dict[str, int]:
    """Counts of units per kind, moved units, and strengthened/weakened commitments."""
    summary = dict.fromkeys((*KINDS, "moved", "stronger", "weaker"), 0)
    for unit in units:
        summary[unit.kind] += 1
        summary["moved"] += unit.moved
        # An unchanged unit keeps its force: no need to read it to know.
        if unit.kind != UNCHANGED and unit.strength in ("stronger", "weaker"):
            summary[unit.strength] += 1
    return summary
