"""Sentence alignment: which sentence of A became which sentence of B.

The aligner works in passes, cheapest and surest first, each on what the
earlier ones left:

1. *Anchors*: :class:`difflib.SequenceMatcher` over the sentences' match keys
   finds the identical sentences that stay in order. ``autojunk=False``,
   because in a statement a repeated sentence is not noise.
2. *Moved identical sentences*: a key left unmatched on both sides is the
   same sentence in another place.
3. *Reworded sentences*: the remaining sentences are paired by content-word
   similarity (:func:`similarity`), best pairs first. Candidates come from an
   inverted index of the rarer content words, so the work grows with the
   number of unmatched sentences, never with its square.
4. *Splits and merges*: a left-over sentence whose words are mostly inside
   the partner of its neighbour joins that pair, as long as the joined unit
   is more alike than the pair was.
5. *Moves*: pairs that lie on a longest increasing chain of positions are in
   place; every other pair moved.

What remains is added (only in B) or removed (only in A). The result is a
list of :class:`Link` in reading order: B's order, with each removed
sentence placed after the pair that held its predecessor in A.

>>> a = ["We met.", "We agreed to meet again in Seoul.", "Bye."]
>>> b = ["We met.", "Bye.", "We agreed to meet again in Seoul next year."]
>>> [(l.a, l.b, l.moved) for l in align_sentences(a, b)]
[((0,), (0,), False), ((2,), (1,), False), ((1,), (2,), True)]
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import groupby

from tracker.compare.normalise import content_words, match_key

# Two sentences count as the same sentence reworded from this Dice score on.
# Set on the labelled pairs in tests/data/alignment: reworded diplomatic
# sentences keep half or more of their content words, while two different
# sentences on one topic ("extended deterrence", "the alliance") share a third.
PAIR_THRESHOLD = 0.5
# A left-over sentence joins a neighbour's pair (split or merge) when at
# least this share of its content words occurs in the partner.
CONTAINMENT_THRESHOLD = 0.6
# Content words found in more unmatched sentences than this are too common
# to suggest a candidate; this cap keeps candidate search near linear.
MAX_POSTINGS = 40
# How many candidates (by shared rare words) are scored for each sentence.
CANDIDATES = 8
# Above this many pairs of identical sentences, anchoring uses difflib's junk
# heuristic (see _Alignment.match_anchors).
MAX_EQUAL_PAIRS = 2_000_000


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences of A (``a``) that correspond to sentences of B (``b``).

    One side is empty for an added or removed sentence; a side with several
    indexes is a split or a merge.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    moved: bool = False


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two content-word sets: 2|A & B| / (|A| + |B|).

    Why Dice over content words: rewording keeps the substantive words
    ("extended deterrence", "nuclear", "consultation") and changes the glue,
    word order and punctuation, which a set ignores; dropping stop words
    stops two unrelated sentences from looking alike through "the" and "of".
    Dice rather than Jaccard because it is kinder to a sentence that gained
    a clause: one added clause should not halve the score. Ties are broken by
    :func:`tiebreak`, a character-level ratio.
    """
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def tiebreak(a: str, b: str) -> float:
    """difflib's quick ratio over the two texts' words, to order equally similar pairs.

    Over words, not characters: a sixth of the cost, and the same order for
    the near-ties it has to settle.
    """
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).quick_ratio()


def align_sentences(a: Sequence[str], b: Sequence[str]) -> list[Link]:
    """Align the sentences ``a`` with ``b`` (see the module docstring).

    The passes are computed in one canonical direction (shorter document
    first) and mirrored when needed, so that comparing B with A finds the
    same pairs as A with B: what was added one way is removed the other.
    Greedy choices and difflib's tie-breaking would otherwise depend on
    which side is which.
    """
    swap = (len(b), list(b)) < (len(a), list(a))
    state = _Alignment(b, a) if swap else _Alignment(a, b)
    state.match_anchors()
    state.match_moved_identical()
    state.match_similar()
    state.grow_splits_and_merges()
    if swap:
        state.mirror()
    return state.links()


class _Alignment:
    """Working state of one alignment: the pairs found so far."""

    def __init__(self, a: Sequence[str], b: Sequence[str]) -> None:
        self.a, self.b = a, b
        self.keys_a = [match_key(text) for text in a]
        self.keys_b = [match_key(text) for text in b]
        self.pair_of_a: dict[int, int] = {}  # sentence of A -> pair number
        self.pair_of_b: dict[int, int] = {}
        self.pairs: list[list] = []  # [a indexes, b indexes, similarity]
        self._words = {"a": [None] * len(a), "b": [None] * len(b)}

    def mirror(self) -> None:
        """Swap the roles of A and B, pairs included."""
        self.a, self.b = self.b, self.a
        self.keys_a, self.keys_b = self.keys_b, self.keys_a
        self.pair_of_a, self.pair_of_b = self.pair_of_b, self.pair_of_a
        self.pairs = [[b_side, a_side, score] for a_side, b_side, score in self.pairs]
        self._words = {"a": self._words["b"], "b": self._words["a"]}

    def add_pair(self, i: int, j: int, score: float) -> None:
        self.pair_of_a[i] = self.pair_of_b[j] = len(self.pairs)
        self.pairs.append([[i], [j], score])

    def words(self, side: str, index: int) -> frozenset[str]:
        """Content words of one sentence, computed once."""
        known = self._words[side]
        if known[index] is None:
            known[index] = content_words(self.a[index] if side == "a" else self.b[index])
        return known[index]

    def unmatched(self, side: str) -> list[int]:
        taken = self.pair_of_a if side == "a" else self.pair_of_b
        size = len(self.a) if side == "a" else len(self.b)
        return [index for index in range(size) if index not in taken]

    def match_anchors(self) -> None:
        """Pass 1: identical sentences in the same order.

        ``autojunk=False`` unless one sentence repeats so often (a table, a
        list of "Yes") that the exact search would turn quadratic; the
        repeats are then matched in pass 2 instead.
        """
        counts = Counter(self.keys_b)
        repetitive = sum(counts[key] for key in self.keys_a) > MAX_EQUAL_PAIRS
        matcher = SequenceMatcher(None, self.keys_a, self.keys_b, autojunk=repetitive)
        for i, j, size in matcher.get_matching_blocks():
            for k in range(size):
                self.add_pair(i + k, j + k, 1.0)

    def match_moved_identical(self) -> None:
        """Pass 2: identical sentences elsewhere, first come first served."""
        waiting: dict[str, list[int]] = defaultdict(list)
        for j in reversed(self.unmatched("b")):
            waiting[self.keys_b[j]].append(j)
        for i in self.unmatched("a"):
            if waiting.get(self.keys_a[i]):
                self.add_pair(i, waiting[self.keys_a[i]].pop(), 1.0)

    def match_similar(self) -> None:
        """Pass 3: reworded sentences, best scoring candidate pairs first.

        Pairs of equal score are ordered by :func:`tiebreak` plus closeness
        of relative position; the tiebreak is computed only where a tie
        exists, since most pairs have a score of their own.
        """
        for _score, group in groupby(sorted(self._scored_candidates(), reverse=True),
                                     key=lambda candidate: candidate[0]):
            tied = list(group)
            if len(tied) > 1:
                tied.sort(key=lambda c: -(tiebreak(self.a[c[2]], self.b[c[3]]) + c[1]))
            for score, _closeness, i, j in tied:
                if i not in self.pair_of_a and j not in self.pair_of_b:
                    self.add_pair(i, j, score)

    def _scored_candidates(self) -> list[tuple[float, float, int, int]]:
        """(score, closeness, i, j) for the likeliest partners of each unmatched B sentence."""
        rest_a, rest_b = self.unmatched("a"), self.unmatched("b")
        index = _inverted_index({i: self.words("a", i) for i in rest_a})
        scale_a, scale_b = 1 / max(len(self.a), 1), 1 / max(len(self.b), 1)
        scored = []
        for j in rest_b:
            words_b = self.words("b", j)
            shared = Counter(i for word in words_b for i in index.get(word, ()))
            for i, _count in shared.most_common(CANDIDATES):
                score = similarity(self.words("a", i), words_b)
                if score >= PAIR_THRESHOLD:
                    scored.append((score, 1 - abs(i * scale_a - j * scale_b), i, j))
        return scored

    def grow_splits_and_merges(self) -> None:
        """Pass 4: attach left-over sentences to a neighbour's reworded pair."""
        changed = True
        while changed:
            changed = False
            for j in self.unmatched("b"):
                changed |= self._try_join("b", j)
            for i in self.unmatched("a"):
                changed |= self._try_join("a", i)

    def _try_join(self, side: str, index: int) -> bool:
        """Join sentence ``index`` of ``side`` to the pair of a neighbour if it fits."""
        pair_of = self.pair_of_a if side == "a" else self.pair_of_b
        other = "b" if side == "a" else "a"
        mine = 0 if side == "a" else 1
        words = self.words(side, index)
        best = None
        for neighbour in (index - 1, index + 1):
            number = pair_of.get(neighbour)
            pair = self.pairs[number] if number is not None else None
            if pair is None or pair[2] >= 1.0 or len(pair[1 - mine]) > 1:
                continue
            partner = frozenset().union(*(self.words(other, k) for k in pair[1 - mine]))
            if not words or len(words & partner) / len(words) < CONTAINMENT_THRESHOLD:
                continue
            joined = frozenset().union(words, *(self.words(side, k) for k in pair[mine]))
            score = similarity(joined, partner)
            if score > pair[2] and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            return False
        score, number = best
        self.pairs[number][mine] = sorted([*self.pairs[number][mine], index])
        self.pairs[number][2] = score
        pair_of[index] = number
        return True

    def links(self) -> list[Link]:
        """All pairs plus the added and removed sentences, in reading order."""
        in_place = _in_place_pairs(
            [(min(b), min(a), len(a) + len(b) + (0.5 if score >= 1.0 else 0.0))
             for a, b, score in self.pairs])
        placed: list[tuple[tuple, Link]] = []
        for number, (a_side, b_side, score) in enumerate(self.pairs):
            link = Link(tuple(a_side), tuple(b_side), round(score, 4), number not in in_place)
            placed.append(((min(b_side), 0, 0), link))
        for j in self.unmatched("b"):
            placed.append(((j, 0, 0), Link((), (j,), 0.0)))
        placed.extend(self._removed_links(in_place))
        placed.sort(key=lambda item: item[0])
        return [link for _key, link in placed]

    def _removed_links(self, in_place: set[int]) -> list[tuple[tuple, Link]]:
        """Removed sentences, each keyed to follow its nearest in-place predecessor."""
        placed = []
        anchor = -1
        removed = set(self.unmatched("a"))
        for i in range(len(self.a)):
            number = self.pair_of_a.get(i)
            if number is not None and number in in_place:
                anchor = max(self.pairs[number][1])
            elif i in removed:
                placed.append(((anchor, 1, i), Link((i,), (), 0.0)))
        return placed


def _inverted_index(words: dict[int, frozenset[str]]) -> dict[str, list[int]]:
    """Word -> sentences holding it, leaving out words too common to be telling."""
    index: dict[str, list[int]] = defaultdict(list)
    for sentence, sentence_words in words.items():
        for word in sentence_words:
            index[word].append(sentence)
    return {word: places for word, places in index.items() if len(places) <= MAX_POSTINGS}


def _in_place_pairs(positions: list[tuple[int, int, float]]) -> set[int]:
    """Pair numbers on the heaviest chain increasing in both B and A position.

    ``positions`` holds (B position, A position, weight) per pair. Taking
    the heaviest increasing chain keeps the most text in place, so a moved
    paragraph is reported as the move, not everything around it; weighting
    identical pairs a little above reworded ones makes a reworded sentence,
    rather than an untouched one, the mover when the two are tied.
    A Fenwick tree over A positions gives the best chain ending below a
    position in O(log n), so this is O(n log n).
    """
    size = max((a for _b, a, _w in positions), default=0) + 2
    tree: list[tuple[float, int]] = [(0.0, -1)] * (size + 1)
    previous: dict[int, int] = {}
    order = sorted(range(len(positions)), key=lambda number: positions[number][:2])
    for number in order:
        _b, a_position, weight = positions[number]
        best, before = _prefix_best(tree, a_position)  # chains ending at A < a_position
        previous[number] = before
        _raise(tree, a_position + 1, (best + weight, number))
    chain: set[int] = set()
    number = _prefix_best(tree, size)[1]
    while number != -1:
        chain.add(number)
        number = previous[number]
    return chain


def _prefix_best(tree: list[tuple[float, int]], position: int) -> tuple[float, int]:
    """Best (weight, pair) stored at Fenwick positions 1..position."""
    best = (0.0, -1)
    while position > 0:
        best = max(best, tree[position])
        position -= position & -position
    return best


def _raise(tree: list[tuple[float, int]], position: int, value: tuple[float, int]) -> None:
    while position < len(tree):
        if value > tree[position]:
            tree[position] = value
        position += position & -position
