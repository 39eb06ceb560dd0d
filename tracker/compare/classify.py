"""Classification: turn alignment links into reported units.

Each :class:`~tracker.compare.align.Link` becomes a
:class:`~tracker.compare.model.Unit`: ``unchanged`` when both sides have the
same match key (so a change of quote style or spacing is not news),
``reworded`` for any other pair, ``added`` or ``removed`` for a one-sided
link. Reworded units get the readable word diff; added and removed units a
single insert or delete token; every unit is also read for commitments by
``tracker.compare.commitments`` when that module is there.
"""

from collections.abc import Callable, Sequence
from functools import partial

from tracker.compare.align import Link
from tracker.compare.inline import DELETE, EQUAL, INSERT, Token, inline_diff
from tracker.compare.lists import list_groups, reading_text
from tracker.compare.model import ADDED, REMOVED, REWORDED, UNCHANGED, Side, Unit
from tracker.compare.normalise import match_key

CommitmentReader = Callable[[str | None, str | None], object]


def build_units(links: Sequence[Link], a: Sequence[str], b: Sequence[str],
                read_commitment: CommitmentReader | None = None) -> tuple[Unit, ...]:
    """One unit per link; ``a`` and ``b`` are the sentence texts the links index."""
    groups = (list_groups(a), list_groups(b))
    # One reader for all units, called with the unit when its reading is
    # first asked for: no function object made per unit (see Unit.reading).
    reader = None if read_commitment is None else partial(_read, read_commitment, a, b, groups)
    return tuple([build_unit(link, a, b, reader) for link in links])


def build_unit(link: Link, a: Sequence[str], b: Sequence[str],
               reader: Callable[[Unit], object] | None = None) -> Unit:
    """Classify one link; its word diff and (unchanged units) its commitment
    reading are left for whoever asks (see the module docstring).

    ``reader`` reads a unit's commitment (:func:`_read` with the comparison's
    reader, sentences and list groups bound).
    """
    # One sentence a side for most units: taken as it is, not joined.
    side_a = (Side(link.a, a[link.a[0]] if len(link.a) == 1 else " ".join([a[i] for i in link.a]))
              if link.a else None)
    side_b = (Side(link.b, b[link.b[0]] if len(link.b) == 1 else " ".join([b[j] for j in link.b]))
              if link.b else None)
    # The same text on both sides (most units): unchanged without a call (0.6 ms in 100k words).
    kind = (UNCHANGED if side_a is not None and side_b is not None and side_a.text == side_b.text
            else classify(side_a, side_b))
    similarity = 1.0 if kind == UNCHANGED else link.similarity
    # Unchanged units are read too, when first asked: an unchanged commitment
    # is a call ("same"), which a per-topic verdict and the strength figures
    # must count, but most units of a long document are never asked.
    unit = Unit(kind, link.moved, side_a, side_b, similarity, unit_tokens, reader,
                link.how, link.shared)
    if reader is not None and kind != UNCHANGED:
        unit.commitment  # noqa: B018 (read now: the summary counts changed units' calls)
    return unit


def _read(read_commitment: CommitmentReader, a: Sequence[str], b: Sequence[str],
          groups: tuple[dict[int, int], dict[int, int]], unit: Unit) -> object:
    """The commitment reading of a unit, from its sides' reading texts: an
    item of a list is read with its lead-in (:mod:`tracker.compare.lists`)."""
    side_a, side_b = unit.a, unit.b
    return read_commitment(
        reading_text(side_a.index, a, groups[0], side_a.text) if side_a else None,
        reading_text(side_b.index, b, groups[1], side_b.text) if side_b else None)


def classify(side_a: Side | None, side_b: Side | None) -> str:
    """The kind of a unit with these sides."""
    if side_a is None:
        return ADDED
    if side_b is None:
        return REMOVED
    same = side_a.text == side_b.text or match_key(side_a.text) == match_key(side_b.text)
    return UNCHANGED if same else REWORDED


def unit_tokens(side_a: Side | None, side_b: Side | None) -> list[Token]:
    """Tokens that spell the A text (equal + delete) and the B text (equal + insert)."""
    if side_a is None:
        return [Token(INSERT, side_b.text)] if side_b and side_b.text else []
    if side_b is None:
        return [Token(DELETE, side_a.text)] if side_a.text else []
    if side_a.text == side_b.text:
        return [Token(EQUAL, side_a.text)]
    return inline_diff(side_a.text, side_b.text)
