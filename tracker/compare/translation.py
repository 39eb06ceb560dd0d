"""Translation alignment: which Korean sentence renders which English one.

A word diff between a statement and its translation reports every sentence
as added and removed. Instead, when the two sides are in different
languages, the sentences are aligned in order by a dynamic program in the
manner of Gale and Church (1993): each step (a *bead*) pairs one sentence
with one (1-1), one with two (1-2, 2-1: Korean often joins two English
sentences), or leaves one unpaired (1-0, 0-1). A bead costs

- its prior (1-1 common, a merge rarer, an omission rarer still);
- how unlikely its length ratio is, against the ratio of the whole pair;
- minus what its sides share (:mod:`tracker.compare.anchors`: numbers,
  acronyms, glossary names and terms), plus what one side has alone.

The cheapest chain of beads wins. A sentence left unpaired on each side is
then paired out of order when the two share enough anchors (a paragraph
the translation put elsewhere), and the pair is marked moved. Each paired
unit then lists the glossary terms found on one side without their
counterpart on the other (:class:`MissingTerm`): the word Seoul's text left
out, or Washington's.
"""

import math
from dataclasses import dataclass

from tracker.compare.anchors import key_weight, sentence_anchors, shared_keys
from tracker.compare.glossary import Glossary, default_glossary

# Bead priors (Gale and Church's figures) as costs: -log(probability).
PRIORS = {(1, 1): 0.89, (1, 2): 0.0445, (2, 1): 0.0445, (1, 0): 0.00495, (0, 1): 0.00495}
BEAD_COST = {step: -math.log(p) for step, p in PRIORS.items()}
# Variance of the length difference per character of the first side.
VARIANCE = 6.8
# Anchor scoring: a shared key lowers the cost, a key on one side raises it.
SHARED_BONUS = 1.5
ALONE_PENALTY = 0.6
# A key the other text has nowhere (an omitted sentence's, or a rendering the
# glossary lacks) costs a little wherever its sentence is paired, so that a
# sentence full of them is more cheaply left unpaired than merged.
STRAY_PENALTY = 0.3
# The program looks this far either side of the diagonal, a little farther
# for longer texts (one more per BAND_SHARE sentences, at most EXTRA_BAND):
# work grows with n × band, linearly, never with n × m.
MIN_BAND = 30
BAND_SHARE = 50
EXTRA_BAND = 30
FLOOR = 1e-12


@dataclass(frozen=True, slots=True)
class Bead:
    """One step of the alignment: sentences of A with sentences of B."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    anchors: tuple[str, ...] = ()
    moved: bool = False

    @property
    def how(self) -> str:
        return f"{len(self.a)}-{len(self.b)}"


class _Costs:
    """Everything a bead's cost needs, computed once per sentence."""

    def __init__(self, a: list[str], b: list[str], keys: tuple[list, list]) -> None:
        self.a_len = [_chars(text) for text in a]
        self.b_len = [_chars(text) for text in b]
        self.ratio = max(sum(self.b_len), 1) / max(sum(self.a_len), 1)
        useful = shared_keys(*keys)
        self.weight = {key: key_weight(key) for key in useful}
        self.a_keys = [k & useful for k in keys[0]]
        self.b_keys = [k & useful for k in keys[1]]
        self.a_weight = [sum(self.weight[key] for key in k) for k in self.a_keys]
        self.b_weight = [sum(self.weight[key] for key in k) for k in self.b_keys]
        # Keys the other text never has: each hints the sentence went untranslated.
        self.a_stray = [len(k - useful) for k in keys[0]]
        self.b_stray = [len(k - useful) for k in keys[1]]

    def bead(self, i: int, j: int, step: tuple[int, int]) -> float:
        """Cost of the bead taking ``step`` sentences that end before ``i``, ``j``."""
        cost = BEAD_COST[step]
        if 0 in step:
            return cost
        la = sum(self.a_len[i - step[0]:i])
        lb = sum(self.b_len[j - step[1]:j])
        return cost + self.length_cost(la, lb) + self._anchors(i, j, step)

    def length_cost(self, la: int, lb: int) -> float:
        mean = max(la, 1)
        delta = (lb / self.ratio - la) / math.sqrt(VARIANCE * mean)
        return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), FLOOR))

    def _anchors(self, i: int, j: int, step: tuple[int, int]) -> float:
        a_keys, a_weight = self._side(self.a_keys, self.a_weight, i, step[0])
        b_keys, b_weight = self._side(self.b_keys, self.b_weight, j, step[1])
        shared = sum(self.weight[k] for k in a_keys & b_keys) if a_keys and b_keys else 0.0
        alone = a_weight + b_weight - 2 * shared
        stray = sum(self.a_stray[i - step[0]:i]) + sum(self.b_stray[j - step[1]:j])
        return ALONE_PENALTY * alone + STRAY_PENALTY * stray - SHARED_BONUS * shared

    def _side(self, keys: list, weights: list, end: int, count: int):
        """The keys of ``count`` sentences ending before ``end``, and their weight."""
        if count == 1:
            return keys[end - 1], weights[end - 1]
        union = keys[end - 2] | keys[end - 1]
        return union, sum(self.weight[key] for key in union)

    def shared(self, bead: Bead) -> tuple[str, ...]:
        a_keys = frozenset().union(*(self.a_keys[i] for i in bead.a))
        b_keys = frozenset().union(*(self.b_keys[j] for j in bead.b))
        return tuple(sorted(a_keys & b_keys))


def _chars(text: str) -> int:
    """Length in non-blank characters."""
    return sum(1 for c in text if not c.isspace())


def align_translation(a: list[str], b: list[str], languages: tuple[str, str],
                      glossary: Glossary | None = None) -> list[Bead]:
    """The cheapest in-order chain of beads over sentences ``a`` and ``b``."""
    glossary = glossary or default_glossary()
    keys = ([sentence_anchors(t, languages[0], glossary) for t in a],
            [sentence_anchors(t, languages[1], glossary) for t in b])
    costs = _Costs(a, b, keys)
    back = _program(len(a), len(b), costs)
    return pair_moves(_trace(back, len(a), len(b), costs), costs)


def _columns(i: int, n: int, m: int) -> range:
    """The cells of row ``i`` the program looks at: a band around the
    diagonal from (0, 0) to (n, m), wider for longer texts."""
    band = MIN_BAND + min(max(n, m) // BAND_SHARE, EXTRA_BAND)
    middle = round(i * m / n) if n else 0
    return range(max(0, middle - band), min(m, middle + band) + 1)


def _program(n: int, m: int, costs: _Costs) -> dict:
    """Best cost to reach each cell (i sentences of A, j of B) and the step taken."""
    best: dict[tuple[int, int], tuple[float, tuple[int, int] | None]] = {(0, 0): (0.0, None)}
    for i in range(n + 1):
        for j in _columns(i, n, m):
            if i or j:
                cell = _best_step(i, j, best, costs)
                if cell is not None:
                    best[i, j] = cell
    return best


def _best_step(i: int, j: int, best: dict, costs: _Costs):
    chosen = None
    for step in BEAD_COST:
        start = (i - step[0], j - step[1])
        if start in best:
            total = best[start][0] + costs.bead(i, j, step)
            if chosen is None or total < chosen[0]:
                chosen = (total, step)
    return chosen


def _trace(best: dict, n: int, m: int, costs: _Costs) -> list[Bead]:
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        step = best[i, j][1]
        bead = Bead(tuple(range(i - step[0], i)), tuple(range(j - step[1], j)))
        beads.append(Bead(bead.a, bead.b, costs.shared(bead)))
        i, j = i - step[0], j - step[1]
    return beads[::-1]


# An out-of-order pair needs this much shared anchor weight, this share of
# the two sides' anchor weight (Dice), and a plausible length ratio.
MOVE_SHARED = 3.0
MOVE_DICE = 0.6
MOVE_LENGTH_COST = 4.0


def pair_moves(beads: list[Bead], costs: _Costs) -> list[Bead]:
    """Pair sentences left alone on each side (1-0 with 0-1) when they
    plainly render each other, best pairs first; the pair takes the place of
    the B sentence and is marked moved."""
    alone_a = [bead.a[0] for bead in beads if not bead.b]
    alone_b = [bead.b[0] for bead in beads if not bead.a]
    candidates = sorted(((score, i, j) for i in alone_a for j in alone_b
                         if (score := _move_score(i, j, costs)) is not None), reverse=True)
    chosen: dict[int, int] = {}
    for _score, i, j in candidates:
        if i not in chosen and j not in chosen.values():
            chosen[i] = j
    if not chosen:
        return beads
    into = {j: i for i, j in chosen.items()}
    result = []
    for bead in beads:
        if not bead.b and bead.a[0] in chosen:
            continue
        if not bead.a and bead.b[0] in into:
            moved = Bead((into[bead.b[0]],), bead.b, moved=True)
            bead = Bead(moved.a, moved.b, costs.shared(moved), moved=True)
        result.append(bead)
    return result


def _move_score(i: int, j: int, costs: _Costs) -> float | None:
    """How surely A's sentence ``i`` renders B's ``j`` (weighted Dice of
    their anchors), or None below the bars."""
    shared = sum(costs.weight[k] for k in costs.a_keys[i] & costs.b_keys[j])
    total = costs.a_weight[i] + costs.b_weight[j]
    if shared < MOVE_SHARED or not total or 2 * shared / total < MOVE_DICE:
        return None
    if costs.length_cost(costs.a_len[i], costs.b_len[j]) > MOVE_LENGTH_COST:
        return None
    return 2 * shared / total
