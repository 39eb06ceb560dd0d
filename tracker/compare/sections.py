"""The report's sections: the one place that says what they are called.

A change report reads a comparison section by section: commitments added,
dropped, strengthened and weakened, then everything else. Every surface
(``tracker compare``, the JSON ``sections`` key, the Markdown download, the
stored report payload and every channel that renders it, the report page,
the digest) takes its keys, headings and order from :data:`SECTIONS`, so
renaming or removing a section here changes all of them at once.

Which section a unit belongs to is decided here too, next to the
classification that gave the unit its kind.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.compare.model import ADDED, REMOVED, UNCHANGED, Unit


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a report.

    ``key`` names it in JSON; ``heading`` is what people read. A ``counted``
    section is given as a number in change reports (email, feed, outbox,
    report page): an alert is about commitments, and the compare page it
    links to shows the rest.
    """

    key: str
    heading: str
    counted: bool = False


ADDED_KEY, DROPPED, STRONGER, WEAKER, OTHER = "added", "dropped", "stronger", "weaker", "other"

SECTIONS: tuple[Section, ...] = (
    Section(ADDED_KEY, "Commitments added"),
    Section(DROPPED, "Commitments dropped"),
    Section(STRONGER, "Commitments strengthened"),
    Section(WEAKER, "Commitments weakened"),
    Section(OTHER, "Other changes", counted=True),
)


def section_key(unit: Unit) -> str | None:
    """The key of the section ``unit`` belongs to; None for an unchanged unit in place.

    The kind is looked at first: an unchanged unit keeps its force by
    construction, so its (deferred) commitment is never read here.
    """
    if unit.kind == UNCHANGED:
        return OTHER if unit.moved else None
    if unit.commitment is not None and unit.kind in (ADDED, REMOVED):
        return ADDED_KEY if unit.kind == ADDED else DROPPED
    if unit.strength in (STRONGER, WEAKER):
        return unit.strength
    return OTHER


def group_sections(units: Iterable[Unit]) -> list[tuple[Section, list[int]]]:
    """(section, positions of its units in ``units``) for every section, in
    order, empty ones included, so a reader of JSON always finds every key."""
    groups: dict[str, list[int]] = {section.key: [] for section in SECTIONS}
    for position, unit in enumerate(units):
        key = section_key(unit)
        if key in groups:
            groups[key].append(position)
    return [(section, groups[section.key]) for section in SECTIONS]


def section_units(units: tuple[Unit, ...]) -> list[tuple[Section, list[Unit]]]:
    """(section, its units) for every section, in order, empty ones included."""
    return [(section, [units[i] for i in positions])
            for section, positions in group_sections(units)]


def section_indexes(units: Iterable[Unit]) -> dict[str, list[int]]:
    """The JSON ``sections`` of a comparison: each key with the indexes of its
    units in ``units``."""
    return {section.key: positions for section, positions in group_sections(units)}
