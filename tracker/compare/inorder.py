"""In-order alignment of the sentences between two anchors.

Between two identical sentences that stayed in place, a redraft mostly keeps
the order of its points: the meeting line is still first, the threat
assessment still follows the commitments. So the sentences of such a gap are
aligned the way parallel texts are (the Gale-Church, Bleualign and vecalign
family): a dynamic program over the two sequences with 1-1, 1-2, 2-1, 1-0 and
0-1 steps, keeping the order on both sides and maximising the summed gain of
the pairs it makes.

The gain of a pair is its similarity, plus a bonus for the same one-off slot
(:mod:`tracker.compare.roles`) and for the same relative position, minus a
bar. The bar is low, lower than the one a pair found anywhere in the
document must clear, because order itself is evidence; it is lowest for a
pair that directly follows an aligned pair (or the anchor that opens the
gap) on both sides, or that sits as far from the gap's end on both sides:
a sentence next to an aligned neighbour. Pairs of conflicting roles are never made.

Large gaps are banded around their diagonal, so the work is
O(gap length x band width), near linear.
"""

from collections.abc import Callable
from dataclasses import dataclass

# What a pair found by order must score, similarity plus bonuses.
ORDER_BAR = 0.3
# The bar for a pair at the same offset from a gap end: the slot between
# two aligned neighbours.
NEIGHBOUR_BAR = 0.2
# Added when both sentences fill the same one-off slot (meeting line, title...).
SLOT_BONUS = 0.15
# Added, at most, for the same relative position in the two documents;
# it fades to nothing at POSITION_SCALE apart.
POSITION_BONUS = 0.08
POSITION_SCALE = 0.2
# A pair never rests on position and role alone: it shares at least this much.
SIMILARITY_FLOOR = 0.08
# Cells of the dynamic program per gap before it is banded.
MAX_CELLS = 40_000
MIN_BAND = 8

# Step shapes: (A sentences, B sentences) taken by one pair.
STEPS = ((1, 1), (1, 2), (2, 1))


@dataclass(frozen=True, slots=True)
class Step:
    """A pair the program chose: A sentences, B sentences, similarity, how."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    how: str


# gain(a_indexes, b_indexes) -> (gain or None if not allowed, similarity, how)
Gain = Callable[[tuple[int, ...], tuple[int, ...], bool], tuple[float | None, float, str]]


def align_gap(a: range, b: range, gain: Gain,
              fits: Callable[[int, int], bool] = lambda i, j: True) -> list[Step]:
    """The best in-order pairs between sentences ``a`` and ``b`` (absolute indexes).

    ``fits(i, j)`` says whether sentences i and j may be part of one pair at
    all. Every step that ends at a cell pairs that cell's last two
    sentences, so where they do not fit, no pair step is tried: most cells
    of a gap are skips, and this keeps them cheap.
    """
    n, m = len(a), len(b)
    if not n or not m:
        return []
    if n == m == 1:  # one sentence between two anchors on each side: the slot itself
        value, similarity, how = gain((a[0],), (b[0],), True)
        return [Step((a[0],), (b[0],), similarity, how)] if value is not None else []
    band = m if n * m <= MAX_CELLS else max(MIN_BAND, MAX_CELLS // (2 * n))
    best: dict[tuple[int, int], tuple[float, tuple | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        centre = i * m // n
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if i or j:
                pairable = i and j and fits(a[i - 1], b[j - 1])
                best[i, j] = _best_cell(i, j, a, b, n, m, best, gain if pairable else None)
    return _trace(best, n, m)


def _best_cell(i, j, a, b, n, m, best, gain):
    """Best score for the prefixes a[:i], b[:j], and the step that reached it.

    ``gain`` is None when no pair can end at this cell.
    """
    top: tuple[float, tuple | None] = (float("-inf"), None)
    for di, dj in ((1, 0), (0, 1)):
        previous = best.get((i - di, j - dj))
        if previous is not None and previous[0] > top[0]:
            top = (previous[0], (i - di, j - dj, None))
    if gain is None:
        return top
    for di, dj in STEPS:
        previous = best.get((i - di, j - dj))
        if previous is None:
            continue
        a_side = tuple(a[i - di:i])
        b_side = tuple(b[j - dj:j])
        neighbour = _follows_pair(best, i - di, j - dj) or (n - i == m - j)
        value, similarity, how = gain(a_side, b_side, neighbour)
        if value is not None and previous[0] + value > top[0]:
            top = (previous[0] + value, (i - di, j - dj, Step(a_side, b_side, similarity, how)))
    return top


def _follows_pair(best, i: int, j: int) -> bool:
    """True when the best path to cell (i, j) ends with a pair, or at the
    gap's start (the anchor before it): a pair made from there sits right
    after an aligned neighbour on both sides."""
    if (i, j) == (0, 0):
        return True
    back = best[i, j][1]
    return back is not None and back[2] is not None


def _trace(best, n, m) -> list[Step]:
    """Walk back from the end of the gap, collecting the pairs chosen."""
    steps = []
    cell = (n, m)
    if cell not in best:  # banded away: end at the best reachable cell of the last row
        cell = max((key for key in best if key[0] == n), key=lambda key: best[key][0])
    while cell != (0, 0) and best[cell][1] is not None:
        i, j, step = best[cell][1]
        if step is not None:
            steps.append(step)
        cell = (i, j)
    steps.reverse()
    return steps
