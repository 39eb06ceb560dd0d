"""Comparisons for the web: resolved, cached, and laid out for a page.

The cache key is (hash A, hash B, labels, engine version): snapshots are
immutable, so a stored comparison can only go stale when the engine changes.
"""

from bisect import bisect_right
from dataclasses import dataclass

from flask import current_app

from tracker.compare import ENGINE_VERSION, compare_texts
from tracker.compare.formats import moved_from, moved_to, of_which
from tracker.compare.model import (
    ADDED,
    REMOVED,
    REWORDED,
    UNCHANGED,
    Comparison,
    Unit,
    kind_name,
)
from tracker.compare.sections import section_indexes
from tracker.errors import InputError
from tracker.refs.resolve import Statement, resolve_statement
from tracker.store import Store
from tracker.web.db import get_store
from tracker.web.lru import LRUCache

SEPARATOR = "..."
EXTENSION = "tracker.cache"



def cached_comparison(first: Statement, second: Statement, mode: str = "auto") -> Comparison:
    """The comparison of two resolved statements, from the app's cache when
    the same two texts were compared by the same engine before. Each side's
    language is the one its document records (else detected); ``mode``
    forces a word diff or translation alignment."""
    languages = (first.snapshot.document.language, second.snapshot.document.language)
    key = (first.snapshot.info.sha256, second.snapshot.info.sha256,
           first.label, second.label, ENGINE_VERSION, languages, mode, glossary_files())
    cache: LRUCache[Comparison] = current_app.extensions[EXTENSION]
    return cache.get_or_build(key, lambda: compare_texts(
        first.text, second.text, first.label, second.label, languages=languages, mode=mode,
        max_sentences=current_app.config["MAX_SENTENCES"]))


def annotated_json(json_text: str, comparison: Comparison, first: Statement,
                   second: Statement) -> str:
    """The comparison JSON with its ``annotations``, as ``tracker diff
    --format json`` prints it for two stored versions (none across
    languages: annotations are made on word diffs)."""
    from tracker.compare.formats import json_with
    from tracker.compare.languages import is_translation
    from tracker.refs.subjects import unit_annotations

    if is_translation(comparison):
        return json_with(json_text, "annotations", [])
    found = get_store().annotations_for_pair(first.label, second.label)
    return json_with(json_text, "annotations", unit_annotations(comparison, found))


def annotated_markdown(markdown: str, comparison: Comparison, first: Statement,
                       second: Statement) -> str:
    """The Markdown download with its ``Annotations`` section, when there are any."""
    from tracker.reports.annotations import annotation_markdown

    found = get_store().annotations_for_pair(first.label, second.label)
    return markdown + ("\n" + annotation_markdown(comparison, found) if found else "")


def request_mode(value: str | None) -> str:
    """``?mode=``: auto (default), words or translation; anything else is a 400."""
    from tracker.compare.crosslingual import MODES

    if value in (None, ""):
        return "auto"
    if value not in MODES:
        raise InputError(f"unknown mode {value[:40]!r}: use {', '.join(MODES)}")
    return value


def glossary_files() -> tuple:
    from tracker.compare.glossary import user_glossary_files

    return user_glossary_files()


def split_pair(spec: str) -> tuple[str, str]:
    """``edscg-4...edscg-5`` → ("edscg-4", "edscg-5")."""
    first, sep, second = spec.partition(SEPARATOR)
    if not sep or not first or not second:
        raise InputError(f"malformed comparison {spec!r}: use A...B, e.g. edscg-4...edscg-5")
    return first, second


def resolve_pair(store: Store, first: str, second: str) -> tuple[Statement, Statement]:
    return resolve_statement(store, first), resolve_statement(store, second)


@dataclass(frozen=True)
class Row:
    """One line of the aligned view: a unit, or the ghost left where a moved
    unit used to stand in A (so a reader can follow it)."""

    anchor: str
    unit: Unit | None
    ghost_of: str | None = None
    moved_from: str | None = None
    a_number: int | None = None
    b_number: int | None = None
    moved_note: str | None = None  # "moved from after «…»", or at a ghost "moved to after «…»"

    @property
    def kind(self) -> str:
        return "ghost" if self.unit is None else self.unit.kind


@dataclass(frozen=True)
class Fold:
    """A run of unchanged rows shown folded."""

    rows: tuple[Row, ...]


def layout(comparison: Comparison, changes_only: bool) -> list[Row | Fold]:
    """Rows in reading order with ghosts for moved units, unchanged runs
    folded when ``changes_only``."""
    rows = _with_ghosts(comparison)
    return _fold(rows) if changes_only else rows


def _with_ghosts(comparison: Comparison) -> list[Row]:
    """Each moved unit says where it came from and links to a ghost at that
    place, which says where it went and links back: both ways."""
    base = [Row(f"u{i}", unit, a_number=_first(unit.a), b_number=_first(unit.b),
                moved_from=f"g{i}" if unit.moved else None,
                moved_note=moved_from(comparison, unit) if unit.moved else None)
            for i, unit in enumerate(comparison.units, start=1)]
    ghosts = [(row.a_number, Row(row.moved_from, None, ghost_of=row.anchor,
                                 a_number=row.a_number,
                                 moved_note=moved_to(comparison, row.unit)))
              for row in base if row.unit.moved and row.a_number is not None]
    ghosts_before: dict[int, list[Row]] = {}
    find = _ghost_finder(base)
    # Highest A number first: ghosts bound for one row stand in that order.
    for a_number, ghost in sorted(ghosts, key=lambda item: item[0], reverse=True):
        ghosts_before.setdefault(find(a_number), []).append(ghost)
    laid: list[Row] = []
    for position, row in enumerate(base):
        laid.extend(ghosts_before.get(position, ()))
        laid.append(row)
    laid.extend(ghosts_before.get(len(base), ()))
    return laid


def _ghost_finder(rows: list[Row]):
    """``find(a_number)``: the position of the first row that stays in place
    and comes after ``a_number`` in A (``len(rows)`` if none), by bisection
    over the running maximum of those rows' A numbers: one pass to build,
    a logarithmic look-up per moved unit, where a scan per ghost made a
    fully reordered document quadratic."""
    positions, highest = [], []
    for position, row in enumerate(rows):
        if row.unit is not None and not row.unit.moved and row.a_number is not None:
            positions.append(position)
            highest.append(max(row.a_number, highest[-1] if highest else row.a_number))

    def find(a_number: int) -> int:
        found = bisect_right(highest, a_number)
        return positions[found] if found < len(positions) else len(rows)

    return find


def _first(side) -> int | None:
    return side.index[0] + 1 if side is not None and side.index else None


def _fold(rows: list[Row]) -> list[Row | Fold]:
    laid: list[Row | Fold] = []
    run: list[Row] = []
    for row in rows:
        if row.unit is not None and row.unit.kind == UNCHANGED and not row.unit.moved:
            run.append(row)
            continue
        if run:
            laid.append(Fold(tuple(run)))
            run = []
        laid.append(row)
    if run:
        laid.append(Fold(tuple(run)))
    return laid


@dataclass(frozen=True)
class CommitmentRow:
    """One line of the commitments table."""

    anchor: str
    change: str
    actors: tuple[str, ...]
    topics: tuple[str, ...]
    signals: tuple[str, ...]
    text: str


def commitment_rows(comparison: Comparison) -> list[CommitmentRow]:
    rows = []
    for i, unit in enumerate(comparison.units, start=1):
        change = unit.commitment
        if change is None:
            continue
        text = (unit.b or unit.a).text
        rows.append(CommitmentRow(f"u{i}", _change_name(unit), tuple(change.actors),
                                  tuple(change.topics), tuple(change.signals), text))
    return rows


def _change_name(unit: Unit) -> str:
    if unit.kind in (ADDED, REMOVED):
        return kind_name(unit.kind)
    if unit.strength in ("stronger", "weaker"):
        return unit.strength
    if unit.kind == UNCHANGED and unit.moved:
        return "moved"
    return unit.kind


# Every change a commitment row can show, in the order of the summary bar:
# the filter offers each, with its count, so no kind seen in the bar is missing.
CHANGE_NAMES = ("added", "dropped", "stronger", "weaker", "reworded", "moved", "unchanged")


def change_choices(rows: list[CommitmentRow]) -> list[tuple[str, int]]:
    """(change, number of commitment rows) for every change name, zero included."""
    return [(name, sum(row.change == name for row in rows)) for name in CHANGE_NAMES]


@dataclass(frozen=True)
class Count:
    """One box of the summary bar: a number and what it counts."""

    key: str
    number: int
    words: str


def _commitments(number: int) -> str:
    return "commitment" if number == 1 else "commitments"


def summary_bar(comparison: Comparison) -> list[Count]:
    """Sentences and commitments counted apart: "16 added (14 commitments)",
    "3 dropped (no commitment)", so the bar and the commitments table agree."""
    s, sections = comparison.summary, section_indexes(comparison.units)
    return [Count("added", s[ADDED], "added" + of_which(len(sections["added"]))),
            Count("removed", s[REMOVED], kind_name(REMOVED) + of_which(len(sections["dropped"]))),
            Count("reworded", s[REWORDED], "reworded"), Count("moved", s["moved"], "moved"),
            Count("stronger", s["stronger"], _commitments(s["stronger"]) + " stronger"),
            Count("weaker", s["weaker"], _commitments(s["weaker"]) + " weaker"),
            Count("unchanged", s[UNCHANGED], "unchanged")]


def filter_commitments(rows: list[CommitmentRow], topic: str = "", actor: str = "",
                       change: str = "") -> list[CommitmentRow]:
    return [r for r in rows
            if (not topic or topic in r.topics) and (not actor or actor in r.actors)
            and (not change or change == r.change)]
