"""The compare page's layout: every moved unit leaves a ghost where it stood in A."""

import random

import pytest

from tracker.compare import compare_texts
from tracker.web.comparisons import Fold, layout

TOPICS = ["deterrence", "sanctions", "exercises", "cyber", "space", "missiles", "trade",
          "energy", "shipbuilding", "Japan", "the DPRK", "Russia", "information sharing"]


def statement(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [f"The allies discussed {rng.choice(TOPICS)} and {rng.choice(TOPICS)} "
            f"in session number {k} of the {rng.choice(TOPICS)} talks." for k in range(count)]


def stays(row) -> bool:
    return row.unit is not None and not row.unit.moved and row.a_number is not None


@pytest.mark.parametrize("moves", [5, 40, "all"])
def test_each_ghost_stands_before_the_first_later_row_that_stayed(moves):
    a = statement(120, seed=1)
    b = a[:]
    rng = random.Random(moves if moves != "all" else 0)
    if moves == "all":
        rng.shuffle(b)
    else:
        for _ in range(moves):
            b.insert(rng.randrange(len(b)), b.pop(rng.randrange(len(b))))
    comparison = compare_texts(" ".join(a), " ".join(b))
    rows = layout(comparison, changes_only=False)
    units = [row for row in rows if row.unit is not None]
    ghosts = [row for row in rows if row.unit is None]
    assert [row.unit for row in units] == list(comparison.units)
    assert sorted(g.ghost_of for g in ghosts) == sorted(r.anchor for r in units if r.unit.moved)
    assert ghosts, "the test needs moved units"
    in_place = [row for row in rows if stays(row)]
    for position, row in enumerate(rows):
        if row.unit is not None:
            continue
        following = next((r for r in rows[position:] if r.unit is not None), None)
        later = [r for r in in_place if r.a_number > row.a_number]
        assert following is (later[0] if later else None)
        neighbour = rows[position + 1] if position + 1 < len(rows) else None
        if neighbour is not None and neighbour.unit is None:
            assert neighbour.a_number < row.a_number  # a run of ghosts: highest first


def test_folded_layout_keeps_every_row():
    a = statement(80, seed=2)
    b = a[:40] + a[60:] + a[40:60]
    comparison = compare_texts(" ".join(a), " ".join(b))
    flat = layout(comparison, changes_only=False)
    folded = layout(comparison, changes_only=True)
    unfolded = [r for item in folded for r in (item.rows if isinstance(item, Fold) else (item,))]
    assert unfolded == flat
