"""Sentence alignment: which sentence of A became which sentence of B.

The aligner works in passes, surest first, each on what the earlier ones left:

1. *Anchors*: :class:`difflib.SequenceMatcher`'s matching blocks over the
   sentences' match keys (found faster by :mod:`tracker.compare.blocks`)
   are the identical sentences that stay in order. ``autojunk=False``,
   because in a statement a repeated sentence is not noise.
2. *In order*: between two anchors, the sentences left are aligned by a
   dynamic program that keeps their order (:mod:`tracker.compare.inorder`),
   with a low similarity bar, a bonus for the same slot
   (:mod:`tracker.compare.roles`) and for the same relative place. Real
   redrafts rewrite a point from scratch while keeping its place.
3. *Moved identical sentences*: a key left unmatched on both sides is the
   same sentence in another place.
4. *Moves*: what is still left is paired anywhere, best pairs first, but only
   above the strict bar :data:`PAIR_THRESHOLD` (a little lower for a
   neighbour swapped with the next sentence). Candidates come from an
   inverted index of the rarer features, so the work grows with the number
   of sentences left, never with its square. Then two left-over sentences
   that are each other's clear best match pair below that bar, and the one
   sentence of a one-off slot (meeting line, next meeting, stock-taking of
   progress, :data:`roles.ONE_OFF_ROLES`) on each side pairs with its
   counterpart on any shared wording.
5. *Splits and merges*: a left-over sentence whose content lies mostly
   inside the partner of its neighbour joins that pair, as long as the
   joined unit is more alike than the pair was; then a left-over sentence
   that is plainly a piece of a pair elsewhere joins it; last, a left-over
   sentence whose clear best match is already paired joins that pair if it
   accounts for wording the pair's own side lacks; and a left-over sentence
   that clearly answers the half of a paired sentence its partner does not
   (two points joined by "and", :func:`clauses.conjuncts`) joins as the
   merge's other source.
6. *Moved or in place*: the sentence links that lie on a heaviest increasing
   chain of positions are in place; a pair most of whose links are off it
   moved.

Similarity is the weighted overlap of :mod:`tracker.compare.similarity`
(stems, thesaurus concepts, bigrams; IDF weights from the two documents),
for two single sentences the better of the whole and the main clauses
(:func:`clauses.main_clause`).
What remains is added (only in B) or removed (only in A). The result is a
list of :class:`Link` in reading order: B's order, with each removed
sentence placed after the pair that held its predecessor in A. Each link
says how it was found (:data:`HOW`) and which terms its sides share.

>>> a = ["We met.", "We agreed to meet again in Seoul.", "Bye."]
>>> b = ["We met.", "Bye.", "We agreed to meet again in Seoul next year."]
>>> [(l.a, l.b, l.moved) for l in align_sentences(a, b)]
[((0,), (0,), False), ((2,), (1,), False), ((1,), (2,), True)]
"""

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import chain, filterfalse, groupby, repeat

from tracker.compare import inorder, roles
from tracker.compare.blocks import matching_blocks
from tracker.compare.clauses import conjuncts, main_clause
from tracker.compare.normalise import match_keys
from tracker.compare.similarity import Weights, features
from tracker.compare.thesaurus import Thesaurus

# A pair found anywhere in the document (a move) must be at least this
# alike: a different sentence on the same topic shares a third or so of its
# weighted features, a reworded one half or more.
PAIR_THRESHOLD = 0.3
# A pair that only swapped places with a neighbour, or moved a short way,
# needs less: drafters often reorder two adjacent points.
NEAR_THRESHOLD = 0.2
NEAR_DISTANCE = 0.15
# Two left-over sentences that are each other's best match pair from this
# similarity on, if each beats its runner-up by this factor.
MUTUAL_BAR = 0.2
MUTUAL_MARGIN = 1.25
# A left-over sentence joins a neighbour's pair (split or merge) when at
# least this share of its weighted features occurs in the partner.
CONTAINMENT_THRESHOLD = 0.4
# A piece less contained than that, down to LOOSE_CONTAINMENT, joins only if
# the joined unit is at least GROWTH times as alike as the pair was.
LOOSE_CONTAINMENT = 0.25
GROWTH = 1.25
# How many unpaired sentences a split or merge may step over to its pair.
MAX_REACH = 1
# A distant piece joins a pair when this share of its weight is in the
# pair's other side, and this share in what the pair's own side lacks.
PIECE_CONTAINMENT = 0.6
PIECE_NEW = 0.4
# A left-over sentence whose best match (from MUTUAL_BAR) is already paired
# joins that pair if it beats its runner-up by PIECE_MARGIN, more than two
# left-over sentences need (it competes with the pair's own side), and
# explains at least PIECE_GAIN more of the partner's weight than that side.
PIECE_MARGIN = 1.5
PIECE_GAIN = 0.1
# Features found in more unmatched sentences than this are too common to
# suggest a candidate; this cap keeps candidate search near linear.
MAX_POSTINGS = 40
# How many candidates (by shared rare features) are scored for each sentence.
CANDIDATES = 8
# Above this many pairs of identical sentences, anchoring uses difflib's junk
# heuristic (see _Alignment.match_anchors).
MAX_EQUAL_PAIRS = 2_000_000
# In-place chains: how many list moves (a memmove, ~0.1 us per 512) per link
# the staircase of best chains may make before it becomes a Fenwick tree
# (see _Chains).
MOVE_BUDGET = 512

# A reworded pair never reports the similarity of an identical one, even
# when its words are all thesaurus variants of each other.
MAX_REWORDED = 0.99
# How a link was found, as reported in the JSON ``how`` field.
HOW = ("anchor", "in-place", "role", "moved", "split", "merge")


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences of A (``a``) that correspond to sentences of B (``b``).

    One side is empty for an added or removed sentence; a side with several
    indexes is a split or a merge. ``how`` says which pass paired them (one
    of :data:`HOW`, empty for an unpaired sentence) and ``shared`` the
    heaviest terms the two sides have in common.
    """

    a: tuple[int, ...]
    b: tuple[int, ...]
    similarity: float
    moved: bool = False
    how: str = ""
    shared: tuple[str, ...] = ()


# The bar of the unweighted :func:`similarity` for "the same sentence
# reworded": reworded diplomatic sentences keep half or more of their
# content words, two different sentences on one topic share a third.
WORD_PAIR_THRESHOLD = 0.5


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Dice coefficient of two word sets: 2|A & B| / (|A| + |B|).

    The unweighted measure, kept for callers that compare two sentences
    without a document around them (lineage across a series). Dice rather
    than Jaccard because it is kinder to a sentence that gained a clause.
    """
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def tiebreak(a: str, b: str) -> float:
    """difflib's quick ratio over the two texts' words, to order equally similar pairs."""
    return SequenceMatcher(None, a.split(), b.split(), autojunk=False).quick_ratio()


def align_sentences(a: Sequence[str], b: Sequence[str],
                    thesaurus: Thesaurus | None = None) -> list[Link]:
    """Align the sentences ``a`` with ``b`` (see the module docstring).

    The passes are computed in one canonical direction (shorter document
    first) and mirrored when needed, so that comparing B with A finds the
    same pairs as A with B: what was added one way is removed the other.
    """
    swap = (len(b), list(b)) < (len(a), list(a))
    state = _Alignment(b, a, thesaurus) if swap else _Alignment(a, b, thesaurus)
    state.match_anchors()
    state.match_in_order()
    state.match_moved_identical()
    state.match_similar()
    state.match_mutual_best()
    state.match_unique_slots()
    state.grow_splits_and_merges()
    state.attach_distant_pieces()
    state.attach_clear_pieces()
    state.attach_conjunct_pieces()
    if swap:
        state.mirror()
    return state.links()


class _Alignment:
    """Working state of one alignment: the pairs found so far."""

    def __init__(self, a: Sequence[str], b: Sequence[str],
                 thesaurus: Thesaurus | None = None) -> None:
        self.a, self.b = a, b
        self.thesaurus = thesaurus
        self.keys_a = match_keys(a)
        self.keys_b = match_keys(b)
        self.pair_of_a: dict[int, int] = {}  # sentence of A -> pair number
        self.pair_of_b: dict[int, int] = {}
        self.pairs: list[list] = []  # [a indexes, b indexes, similarity, how]
        self._bags: dict[str, list] = {"a": [None] * len(a), "b": [None] * len(b)}
        self._roles: dict[str, list] = {"a": [None] * len(a), "b": [None] * len(b)}
        self._mass: dict[str, list] = {"a": [None] * len(a), "b": [None] * len(b)}
        self._fits: dict[tuple[int, int], tuple[float | None, bool]] = {}
        self._main: dict[str, dict[int, tuple[frozenset[str], float] | None]] = {
            "a": {}, "b": {}}
        self.weights: Weights | None = None

    def mirror(self) -> None:
        """Swap the roles of A and B, pairs included."""
        self.a, self.b = self.b, self.a
        self.keys_a, self.keys_b = self.keys_b, self.keys_a
        self.pair_of_a, self.pair_of_b = self.pair_of_b, self.pair_of_a
        self.pairs = [[b_side, a_side, score, how] for a_side, b_side, score, how in self.pairs]
        self._bags = {"a": self._bags["b"], "b": self._bags["a"]}
        self._roles = {"a": self._roles["b"], "b": self._roles["a"]}
        self._mass = {"a": self._mass["b"], "b": self._mass["a"]}
        self._main = {"a": self._main["b"], "b": self._main["a"]}

    def add_pair(self, a_side, b_side, score: float, how: str) -> None:
        if score >= 1.0 and not (len(a_side) == len(b_side) == 1
                                 and self.keys_a[a_side[0]] == self.keys_b[b_side[0]]):
            score = MAX_REWORDED
        number = len(self.pairs)
        for i in a_side:
            self.pair_of_a[i] = number
        for j in b_side:
            self.pair_of_b[j] = number
        self.pairs.append([list(a_side), list(b_side), score, how])

    def bag(self, side: str, index: int) -> frozenset[str]:
        """Features of one sentence, computed once."""
        known = self._bags[side]
        found = known[index]
        if found is None:
            if side == "a":
                found = features(self.a[index], self.thesaurus, self.keys_a[index])
            else:
                found = features(self.b[index], self.thesaurus, self.keys_b[index])
            known[index] = found
        return found

    def mass(self, side: str, index: int) -> float:
        """Total weight of one sentence's features, computed once."""
        known = self._mass[side]
        found = known[index]
        if found is None:
            found = known[index] = self.weights.weight(self.bag(side, index))
        return found

    def dice(self, side_a, side_b) -> float:
        """Weighted similarity of A sentences ``side_a`` and B sentences ``side_b``.

        For one sentence on each side, the better of the whole sentences and
        their main clauses (:func:`main_clause`): a scene-setting opening
        ("Amid growing competition and challenges such as ...,") says where
        the point stands, not what it is, and dilutes a reworded pair.
        """
        if len(side_a) == len(side_b) == 1:
            return self._clause_dice(side_a[0], side_b[0])
        return self._whole_dice(side_a, side_b)

    def _clause_dice(self, i: int, j: int) -> float:
        """``dice((i,), (j,))``: the passes ask it some 4,000 times on 100k words.

        Cached bags, masses and main clauses are read straight from their
        lists, and the whole sentences are not compared twice (0.7 us a
        call, not 3.2).
        """
        bag_a, bag_b = self._bags["a"][i], self._bags["b"][j]
        mass_a, mass_b = self._mass["a"][i], self._mass["b"][j]
        if mass_a is None or mass_b is None:  # (a mass is known only with its bag)
            bag_a, bag_b = self.bag("a", i), self.bag("b", j)
            mass_a, mass_b = self.mass("a", i), self.mass("b", j)
        dice = self.weights.dice
        best = dice(bag_a, bag_b, mass_a, mass_b)
        mains_a, mains_b = self._main["a"], self._main["b"]
        main_a = mains_a[i] if i in mains_a else self.main_bag("a", i)
        main_b = mains_b[j] if j in mains_b else self.main_bag("b", j)
        # Each bag's mass is known: the whole ones are not weighed again,
        # the main clauses' once a sentence (dice 0.5 ms less on 100k words).
        if main_b is not None:
            best = max(best, dice(bag_a, main_b[0], mass_a, main_b[1]))
        if main_a is not None:
            best = max(best, dice(main_a[0], bag_b, main_a[1], mass_b))
            if main_b is not None:
                best = max(best, dice(main_a[0], main_b[0], main_a[1], main_b[1]))
        return best

    def main_bag(self, side: str, index: int) -> tuple[frozenset[str], float] | None:
        """Features of a sentence's main clause and their weight, if it opens
        with a scene-setting one."""
        known = self._main[side]
        if index not in known:
            text = self.a[index] if side == "a" else self.b[index]
            main = main_clause(text)
            bag = features(main, self.thesaurus) if main else None
            known[index] = None if bag is None else (bag, self.weights.weight(bag))
        return known[index]

    def _whole_dice(self, side_a, side_b) -> float:
        mass_a = (self.mass("a", side_a[0]) if len(side_a) == 1
                  else sum(self.mass("a", i) for i in side_a))
        mass_b = (self.mass("b", side_b[0]) if len(side_b) == 1
                  else sum(self.mass("b", j) for j in side_b))
        return self.weights.dice(self.union("a", side_a), self.union("b", side_b), mass_a, mass_b)

    def roles(self, side: str, index: int) -> tuple[str, ...]:
        known = self._roles[side]
        if known[index] is None:
            known[index] = roles.sentence_roles(self.a[index] if side == "a" else self.b[index])
        return known[index]

    def union(self, side: str, indexes) -> frozenset[str]:
        if len(indexes) == 1:
            return self.bag(side, indexes[0])
        return frozenset().union(*(self.bag(side, k) for k in indexes))

    def unmatched(self, side: str) -> list[int]:
        taken = self.pair_of_a if side == "a" else self.pair_of_b
        size = len(self.a) if side == "a" else len(self.b)
        return [index for index in range(size) if index not in taken]

    def fit_weights(self) -> None:
        """IDF weights over the sentences still to align, on both sides.

        Only those: the anchored ones are settled, and the words that tell
        the remaining sentences apart are what the weights must find.
        """
        bags = []
        by_text: dict[str, frozenset[str]] = {}  # a moved sentence is read once, not twice
        for side, texts, keys, paired in (("a", self.a, self.keys_a, self.pair_of_a),
                                          ("b", self.b, self.keys_b, self.pair_of_b)):
            known = self._bags[side]
            for index in filterfalse(paired.__contains__, range(len(texts))):
                if known[index] is None:  # bag()'s work, without a call a sentence
                    text = texts[index]
                    found = by_text.get(text)
                    if found is None:
                        found = by_text[text] = features(text, self.thesaurus, keys[index])
                    known[index] = found
                bags.append(known[index])
        self.weights = Weights.fit(bags)

    def match_anchors(self) -> None:
        """Pass 1: identical sentences in the same order.

        ``autojunk=False`` unless one sentence repeats so often (a table, a
        list of "Yes") that the exact search would turn quadratic; the
        repeats are then matched in pass 3 instead.
        """
        for i, j, size in matching_blocks(self.keys_a, self.keys_b, MAX_EQUAL_PAIRS):
            for k in range(size):
                self.add_pair((i + k,), (j + k,), 1.0, "anchor")
        self.fit_weights()

    def match_in_order(self) -> None:
        """Pass 2: the dynamic program in every gap between anchors."""
        # What the later passes remember (see _pair_score, _piece_index).
        self._pair_scores: dict[tuple[int, int], float] = {}
        self._piece_indexes: dict[tuple, dict[str, list[int]]] = {}
        # Anchors are never undone (only weak pairs are, in pass 4b) nor
        # joined (they are identical): the later passes look past them.
        self._anchored = len(self.pairs)
        self._open = {"a": self.unmatched("a"), "b": self.unmatched("b")}
        for a_gap, b_gap in self._gaps():
            for step in inorder.align_gap(a_gap, b_gap, self._order_gain, self._may_pair):
                self.add_pair(step.a, step.b, step.similarity, step.how)

    def _left_over(self, side: str) -> list[int]:
        """:meth:`unmatched`, from the sentences no anchor holds, not every
        sentence (22 calls, 2.7 -> 0.3 ms, on the 100k-word pair)."""
        taken = self._pair_of(side)
        return [index for index in self._open[side] if index not in taken]

    def _later_pairs(self) -> range:
        """Numbers of the pairs found after the anchors."""
        return range(self._anchored, len(self.pairs))

    def _gaps(self) -> list[tuple[range, range]]:
        """Runs of unmatched sentences between consecutive anchors, on both sides."""
        anchors = sorted((a[0], b[0]) for a, b, _score, _how in self.pairs)
        gaps = []
        previous = (-1, -1)
        for i, j in [*anchors, (len(self.a), len(self.b))]:
            if i > previous[0] + 1 and j > previous[1] + 1:
                gaps.append((range(previous[0] + 1, i), range(previous[1] + 1, j)))
            previous = (i, j)
        return gaps

    def _order_gain(self, a_side, b_side, neighbour: bool) -> tuple[float | None, float, str]:
        """Gain of pairing ``a_side`` with ``b_side`` in order (see inorder)."""
        if len(a_side) + len(b_side) > 2:
            score, slot = self._joined_fit(a_side, b_side)
        else:
            score, slot = self._single_fit(a_side[0], b_side[0])
        if score is None:
            return None, 0.0, ""
        bonus = inorder.SLOT_BONUS if slot else 0.0
        bonus += inorder.POSITION_BONUS * max(0.0, 1 - self._distance(a_side[0], b_side[0])
                                              / inorder.POSITION_SCALE)
        bar = inorder.NEIGHBOUR_BAR if neighbour else inorder.ORDER_BAR
        if score + bonus < bar:
            return None, score, ""
        how = "role" if slot and score < bar else "in-place"
        return score + bonus - bar, score, how

    def _pair_score(self, i: int, j: int) -> float:
        """:meth:`dice` of A sentence ``i`` and B sentence ``j``, remembered:
        the later passes ask about the same pairs again (762 of the 847 that
        pass 4b scores on the 100k-word pair, 2 ms)."""
        known = self._pair_scores.get((i, j))
        if known is None:
            known = self._pair_scores[i, j] = self.dice((i,), (j,))
        return known

    def _may_pair(self, i: int, j: int) -> bool:
        return self._single_fit(i, j)[0] is not None

    def _single_fit(self, i: int, j: int) -> tuple[float | None, bool]:
        """(similarity or None if the pair may not be made, same slot?) for one
        A and one B sentence; cached, since the program asks about a pair from
        several cells."""
        key = (i, j)
        known = self._fits.get(key)
        if known is None:
            known = self._fits[key] = self._compute_single_fit(i, j)
        return known

    def _compute_single_fit(self, i: int, j: int) -> tuple[float | None, bool]:
        score = self._pair_score(i, j)
        if score < inorder.SIMILARITY_FLOOR:
            return None, False
        roles_a, roles_b = self.roles("a", i), self.roles("b", j)
        if roles.conflicting(roles_a, roles_b):
            return None, False
        return score, roles.same_slot(roles_a, roles_b)

    def _joined_fit(self, a_side, b_side) -> tuple[float | None, bool]:
        """The same for a split or merge: every piece must fit the other side
        on its own first (cheap, cached), then the joined unit must beat it."""
        pieces = [self._single_fit(i, j) for i in a_side for j in b_side]
        if any(score is None for score, _slot in pieces):
            return None, False
        score = self.dice(a_side, b_side)
        if not self._pieces_fit(a_side, b_side, score):
            return None, False
        return score, False

    def _pieces_fit(self, a_side, b_side, joined: float) -> bool:
        """A split or merge must beat each of its pieces alone, and each
        piece must be mostly inside the other side."""
        many, side, one, other = ((a_side, "a", b_side, "b") if len(a_side) > 1
                                  else (b_side, "b", a_side, "a"))
        whole = self.union(other, one)
        for piece in many:
            bag = self.bag(side, piece)
            if self.weights.containment(bag, whole) < CONTAINMENT_THRESHOLD / 2:
                return False
            if self.weights.dice(bag, whole) >= joined:
                return False
        return True

    def _distance(self, i: int, j: int) -> float:
        """How far apart two sentences sit, as shares of their documents."""
        return abs(i / max(len(self.a), 1) - j / max(len(self.b), 1))

    def match_moved_identical(self) -> None:
        """Pass 3: identical sentences elsewhere, first come first served."""
        waiting: dict[str, list[int]] = defaultdict(list)
        for j in reversed(self._left_over("b")):
            waiting[self.keys_b[j]].append(j)
        for i in self._left_over("a"):
            if waiting.get(self.keys_a[i]):
                self.add_pair((i,), (waiting[self.keys_a[i]].pop(),), 1.0, "moved")

    def match_similar(self) -> None:
        """Pass 4: reworded sentences anywhere, best scoring candidate pairs first.

        Pairs of equal score are ordered by :func:`tiebreak` plus closeness
        of relative position; the tiebreak is computed only where a tie exists.
        """
        for _score, group in groupby(sorted(self._scored_candidates(), reverse=True),
                                     key=lambda candidate: candidate[0]):
            tied = list(group)
            if len(tied) > 1:
                tied.sort(key=lambda c: -(tiebreak(self.a[c[2]], self.b[c[3]]) + c[1]))
            for score, _closeness, i, j in tied:
                if i not in self.pair_of_a and j not in self.pair_of_b:
                    self.add_pair((i,), (j,), score, "moved")

    def match_mutual_best(self) -> None:
        """Pass 4b: two sentences that are each other's clear best match.

        Below the strict bar a pair found anywhere is usually chance, unless
        neither sentence has any other candidate nearly as good: then the two
        are the same point rewritten and moved (competitive linking). Each
        must beat its runner-up by :data:`MUTUAL_MARGIN`. A sentence held by
        a weak pair made only by position (below the strict bar) takes part
        too, and leaves that pair if its clear best match beats the pair by
        the same margin: order is evidence, but not against a clear match.
        """
        weak = self._weak_pairs()
        scores = self._candidate_scores(weak)
        best_a, best_b = self._scores_by_sentence(scores, weak)
        for (i, j), score in sorted(scores.items(), key=lambda item: (-item[1], item[0])):
            if score < MUTUAL_BAR or not (_clear_best(score, best_a[i])
                                          and _clear_best(score, best_b[j])):
                continue
            held = {self.pair_of_a.get(i), self.pair_of_b.get(j)} - {None}
            if held - weak:
                continue
            for number in held:
                self._dissolve(number)
                weak.discard(number)
            self.add_pair((i,), (j,), score, "moved")

    def match_unique_slots(self) -> None:
        """Pass 4c: the one sentence of a one-off slot on each side.

        A statement says once who met, once when they meet next, and once
        what was achieved since the last meeting; drafters rewrite that line
        from scratch ("reviewed the significant progress to date" becomes
        "welcomed the progress made since they last met"). When each side
        has exactly one sentence whose primary role is such a slot
        (:data:`roles.ONE_OFF_ROLES`), both are left over and they share
        any weighted wording at all, they are that slot's counterparts,
        wherever they stand.
        """
        # A sentence paired here has this role first, so it was never in
        # another role's list: the left-over sentences are listed once.
        rest_a, rest_b = self._left_over("a"), self._left_over("b")
        for role in roles.ONE_OFF_ROLES:
            left_a = [i for i in rest_a if self.roles("a", i)[:1] == (role,)]
            left_b = [j for j in rest_b if self.roles("b", j)[:1] == (role,)]
            if len(left_a) != 1 or len(left_b) != 1:
                continue
            i, j = left_a[0], left_b[0]
            if self._slot_count("a", role) == 1 and self._slot_count("b", role) == 1:
                score = self._pair_score(i, j)
                if score > 0:
                    self.add_pair((i,), (j,), score, "role")

    def _slot_count(self, side: str, role: str) -> int:
        """How many sentences of ``side`` have ``role`` as their primary role."""
        size = len(self.a) if side == "a" else len(self.b)
        return sum(1 for k in range(size) if self.roles(side, k)[:1] == (role,))

    def _weak_pairs(self) -> set[int]:
        """One-to-one pairs made by position alone, below the strict bar."""
        return {number for number in self._later_pairs()
                if self.pairs[number][3] in ("in-place", "role")
                and len(self.pairs[number][0]) == len(self.pairs[number][1]) == 1
                and self.pairs[number][2] < PAIR_THRESHOLD}

    def _dissolve(self, number: int) -> None:
        """Undo pair ``number``: its sentences are left over again."""
        a_side, b_side = self.pairs[number][0], self.pairs[number][1]
        for i in a_side:
            del self.pair_of_a[i]
        for j in b_side:
            del self.pair_of_b[j]
        self.pairs[number] = [[], [], 0.0, ""]

    def _candidate_scores(self, weak: set[int]) -> dict[tuple[int, int], float]:
        """Similarity of each pair the inverted index proposes among left-over
        sentences and those of ``weak`` pairs (conflicting roles left out)."""
        held_a = {i for number in weak for i in self.pairs[number][0]}
        held_b = {j for number in weak for j in self.pairs[number][1]}
        pool_a = sorted({*self._left_over("a"), *held_a})
        pool_b = sorted({*self._left_over("b"), *held_b})
        index = _inverted_index({i: self.bag("a", i) for i in pool_a})
        scores = {}
        for j in pool_b:
            for i in _likeliest(self.bag("b", j), index):
                if self.pair_of_a.get(i, -1) == self.pair_of_b.get(j, -2):
                    continue  # the pair they already form
                score = self._pair_score(i, j)
                if not roles.conflicting(self.roles("a", i), self.roles("b", j)):
                    scores[i, j] = score
        return scores

    def _scored_candidates(self) -> list[tuple[float, float, int, int]]:
        """(score, closeness, i, j) for the likeliest partners of each unmatched B sentence."""
        rest_a, rest_b = self._left_over("a"), self._left_over("b")
        index = _inverted_index({i: self.bag("a", i) for i in rest_a})
        scored = []
        for j in rest_b:
            for i in _likeliest(self.bag("b", j), index):
                score = self._pair_score(i, j)
                distance = self._distance(i, j)
                bar = NEAR_THRESHOLD if distance <= NEAR_DISTANCE else PAIR_THRESHOLD
                if score >= bar and not roles.conflicting(self.roles("a", i), self.roles("b", j)):
                    scored.append((score, 1 - distance, i, j))
        return scored

    def grow_splits_and_merges(self) -> None:
        """Pass 5: attach left-over sentences to a neighbour's reworded pair."""
        changed = True
        while changed:
            changed = False
            for j in self._left_over("b"):
                changed |= self._try_join("b", j)
            for i in self._left_over("a"):
                changed |= self._try_join("a", i)

    def _scores_by_sentence(self, scores: dict, weak: set[int]) -> tuple[dict, dict]:
        """Every score each sentence could take, candidates and weak pairs
        alike: what a clear best match must beat on both sides."""
        best_a: dict[int, list[float]] = defaultdict(list)
        best_b: dict[int, list[float]] = defaultdict(list)
        for (i, j), score in scores.items():
            best_a[i].append(score)
            best_b[j].append(score)
        for number in weak:
            (i,), (j,), score, _how = self.pairs[number]
            best_a[i].append(score)
            best_b[j].append(score)
        return best_a, best_b

    def _try_join(self, side: str, index: int) -> bool:
        """Join sentence ``index`` of ``side`` to the pair of a neighbour if it fits."""
        pair_of = self.pair_of_a if side == "a" else self.pair_of_b
        mine = 0 if side == "a" else 1
        bag = self.bag(side, index)
        best = None
        for number in self._neighbour_pairs(pair_of, index):
            score = self._join_score(side, index, bag, self.pairs[number])
            if score is not None and (best is None or score > best[0]):
                best = (score, number)
        if best is None:
            return False
        score, number = best
        self.pairs[number][mine] = sorted([*self.pairs[number][mine], index])
        self.pairs[number][2] = min(score, MAX_REWORDED)
        pair_of[index] = number
        return True

    def _join_score(self, side: str, index: int, bag, pair) -> float | None:
        """The joined unit's score if sentence ``index`` fits ``pair``, else None."""
        other, mine = ("b", 0) if side == "a" else ("a", 1)
        if pair[2] >= 1.0 or len(pair[1 - mine]) > 1:
            return None
        partner = self.union(other, pair[1 - mine])
        contained = self.weights.containment(bag, partner) if bag else 0.0
        if contained < LOOSE_CONTAINMENT:
            return None
        if any(roles.conflicting(self.roles(side, index), self.roles(other, k))
               for k in pair[1 - mine]):
            return None
        score = self.weights.dice(bag | self.union(side, pair[mine]), partner)
        # Mostly inside the partner and the unit gains; or partly inside
        # and the unit gains a lot (the partner holds this piece too).
        fits = (score > pair[2] if contained >= CONTAINMENT_THRESHOLD
                else score >= GROWTH * pair[2])
        return score if fits else None

    @staticmethod
    def _neighbour_pairs(pair_of: dict[int, int], index: int) -> list[int]:
        """Pairs of the nearest paired sentences before and after ``index``.

        One unpaired sentence in between is stepped over: a redraft often
        slips a new sentence between the pieces of a split one.
        """
        found = []
        for step in (-1, 1):
            for distance in range(1, MAX_REACH + 2):
                number = pair_of.get(index + step * distance)
                if number is not None:
                    found.append(number)
                    break
        return found

    def attach_distant_pieces(self) -> None:
        """Pass 6: a left-over sentence that is plainly a piece of a distant pair.

        A split can send a clause far away ("bound by shared values of ..."
        becomes a sentence of its own at the end), and a merge can fold in a
        sentence from elsewhere. Such a piece is joined when most of its
        weight lies in the other side of the pair and it explains wording
        that the pair's own side does not.
        """
        for side in ("a", "b"):
            other, mine = ("b", 0) if side == "a" else ("a", 1)
            left, index = self._piece_index(side, other, unpaired=False)
            for sentence in left:
                self._attach_piece(side, other, mine, sentence, index)

    def _piece_index(self, side: str, other: str,
                     unpaired: bool) -> tuple[list[int], dict[str, list[int]]]:
        """The left-over sentences of ``side``, and an inverted index of the
        other side's sentences in reworded pairs (and, with ``unpaired``, of
        those in no pair) over only the words the left-over ones have.

        Sentences in identical pairs are left out: they are whole, and they
        are most of a long document, whose features are otherwise never needed.
        """
        left = self._left_over(side)
        if not left:
            return [], {}
        # From the reworded pairs, not a scan of every sentence of a long
        # document (1.9 -> 1.25 ms a call on the 100k-word pair).
        theirs = 1 if other == "b" else 0
        members = [k for number in self._later_pairs() if self.pairs[number][2] < 1.0
                   for k in self.pairs[number][theirs]]
        if unpaired:
            members += self._left_over(other)
        members.sort()
        # Passes 7 and 8 ask for the same index unless pass 7 attached a piece.
        key = (side, tuple(left), tuple(members))
        if key not in self._piece_indexes:
            wanted = frozenset().union(*(self.bag(side, k) for k in left))
            self._piece_indexes[key] = _inverted_index(
                {k: self.bag(other, k) & wanted for k in members})
        return left, self._piece_indexes[key]

    def _attach_piece(self, side, other, mine, sentence, index) -> None:
        bag = self.bag(side, sentence)
        pair_of = self._pair_of(other)
        votes = Counter(map(pair_of.__getitem__, _postings(bag, index)))
        best = None
        # A piece shares at least two words with its pair.
        for number in sorted(number for number, count in votes.items() if count >= 2):
            pair = self.pairs[number]
            if pair[2] >= 1.0 or not self._mostly_new_piece(side, other, mine, sentence, pair):
                continue
            if any(roles.conflicting(self.roles(side, sentence), self.roles(other, k))
                   for k in pair[1 - mine]):
                continue
            partner, own = self.union(other, pair[1 - mine]), self.union(side, pair[mine])
            score = self.weights.dice(bag | own, partner)
            if score > pair[2] and (best is None or score > best[0]):
                best = (score, number)
        if best is not None:
            score, number = best
            self.pairs[number][mine] = sorted([*self.pairs[number][mine], sentence])
            self.pairs[number][2] = min(score, MAX_REWORDED)
            self._pair_of(side)[sentence] = number

    def _mostly_new_piece(self, side, other, mine, sentence, pair) -> bool:
        """True when PIECE_CONTAINMENT of the sentence's weight is in the
        pair's other side and PIECE_NEW in what the pair's own side lacks.

        Weights.containment of the sentence in the two sides' unions, but
        from the sentence's bag cut by each bag: no union of a split's or
        merge's bags is built for a pair that fails (5.0 -> 2.5 ms for the
        100k-word pair's 1,142 candidates). Weights are multiples of 1/1024,
        so the sums are the same whatever sets they run over.
        """
        bag, mass = self.bag(side, sentence), self.mass(side, sentence)
        if not mass:
            return False
        partner_side = pair[1 - mine]
        inside = (bag & self.bag(other, partner_side[0]) if len(partner_side) == 1 else
                  frozenset().union(*(bag & self.bag(other, k) for k in partner_side)))
        weight = self.weights.weight
        if weight(inside) / mass < PIECE_CONTAINMENT:
            return False
        fresh = inside.difference(*(self.bag(side, k) for k in pair[mine]))
        return weight(fresh) / mass >= PIECE_NEW

    def attach_clear_pieces(self) -> None:
        """Pass 7: a left-over sentence whose clear best match is already paired.

        Drafters fold two points into one sentence, the second often from
        further down ("remains the cornerstone" and "renewed their
        commitment to a free and open Indo-Pacific" become one sentence), and
        split one sentence's clauses the same way. Such a piece is too little
        of its partner to pass the containment test of pass 6, but its best
        match is that partner by a clear margin (:data:`PIECE_MARGIN`), the
        pair is sure on its own (:data:`PAIR_THRESHOLD`), both
        have the same primary role, and it accounts for wording of the
        partner that the pair's own side lacks. The pair must be one
        sentence on the partner's side, so no unit grows many-to-many.
        """
        for side in ("a", "b"):
            other, mine = ("b", 0) if side == "a" else ("a", 1)
            left, index = self._piece_index(side, other, unpaired=True)
            for sentence in left:
                number = self._clear_partner_pair(side, other, sentence, index)
                if number is not None and self._explains_more(side, other, mine, sentence, number):
                    pair = self.pairs[number]
                    pair[mine] = sorted([*pair[mine], sentence])
                    pair[2] = min(self.dice(pair[0], pair[1]), MAX_REWORDED)
                    self._pair_of(side)[sentence] = number

    def _clear_partner_pair(self, side: str, other: str, sentence: int,
                            index: dict[str, list[int]]) -> int | None:
        """The reworded one-to-one pair holding ``sentence``'s clear best match, if any."""
        if not self.roles(side, sentence):
            # Then no partner's role can match (below): known before scoring
            # eight candidates (124 of 196 left-over sentences, 4 ms, on the
            # 100k-word pair).
            return None
        scores = self._scores_against(side, sentence, index)
        if not scores:
            return None
        best, partner = max((score, -k) for k, score in scores.items())
        partner = -partner
        number = self._pair_of(other).get(partner)
        if (number is None or best < MUTUAL_BAR
                or not _clear_best(best, list(scores.values()), PIECE_MARGIN)):
            return None
        a_side, b_side, score, _how = self.pairs[number]
        # Only into a sure pair (above the strict bar): a weak pair and a
        # piece as alike as the pair itself are two guesses, not a merge.
        if not PAIR_THRESHOLD <= score < 1.0 or len(a_side) != 1 or len(b_side) != 1:
            return None
        # On so little shared wording, the piece must be the same kind of
        # statement as its partner (a commitment folded into a commitment).
        mine, theirs = self.roles(side, sentence), self.roles(other, partner)
        if not mine or not theirs or mine[0] != theirs[0]:
            return None
        return number

    def attach_conjunct_pieces(self) -> None:
        """Pass 8: a left-over sentence that is the other half of a merge by "and".

        A redraft folds two points into one sentence as two objects of one
        verb ("renewed their commitment to promoting a free and open
        Indo-Pacific and a rules-based international order",
        :func:`clauses.conjuncts`). When a one-to-one reworded pair holds such
        a sentence, its partner answers one conjunct best, and a left-over
        sentence answers the other conjunct better than the partner does and
        by :data:`PIECE_MARGIN` better than any other whole sentence, the
        left-over sentence is the other source of the merge.
        """
        for side in ("a", "b"):
            other, mine = ("b", 0) if side == "a" else ("a", 1)
            left, index = self._piece_index(side, other, unpaired=True)
            hosts = self._conjunct_hosts(other, mine, {self.roles(side, k)[:1] for k in left})
            if not hosts:
                continue
            pool = _inverted_index({k: self.bag(side, k) for k in left})
            for number in hosts:
                self._attach_conjunct(side, other, mine, number, (index, pool))

    def _conjunct_hosts(self, other: str, mine: int, kinds: set[tuple[str, ...]]) -> list[int]:
        """The reworded one-to-one pairs that could take a conjunct piece.

        A piece has its partner's primary role (:meth:`_conjunct_source`),
        so a pair whose partner's primary role no left-over sentence has
        (``kinds``) is passed over before its conjuncts are parsed (two
        thirds of them, 1 ms, on the 100k-word pair). Listed once, not
        tested in a call per pair: a piece changes only the pair it joins.
        """
        kinds.discard(())
        found = []
        for number in self._later_pairs():
            a_side, b_side, score, _how = self.pairs[number]
            if (score < 1.0 and len(a_side) == len(b_side) == 1
                    and self.roles(other, self.pairs[number][1 - mine][0])[:1] in kinds):
                found.append(number)
        return found

    def _attach_conjunct(self, side, other, mine, number, indexes) -> None:
        host, own = self.pairs[number][1 - mine][0], self.pairs[number][mine][0]
        pieces = self.conjunct_bags(other, host)
        if pieces is None:
            return
        # The partner answers one conjunct; the other is the piece to account for.
        answered = [self.weights.dice(self.bag(side, own), piece) for piece in pieces]
        rest = 1 if answered[0] >= answered[1] else 0
        found = self._conjunct_source(side, other, host, pieces[rest], answered[rest], indexes)
        if found is not None:
            self.pairs[number][mine] = sorted([own, found])
            self.pairs[number][2] = min(self.dice(self.pairs[number][0], self.pairs[number][1]),
                                        MAX_REWORDED)
            self._pair_of(side)[found] = number

    def _conjunct_source(self, side, other, host, piece, partner_score, indexes) -> int | None:
        """The left-over sentence that answers conjunct ``piece`` of ``host`` clearly best."""
        index, pool = indexes
        best = None
        for k in _likeliest(piece, pool):
            if k in self._pair_of(side):
                continue
            score = self.weights.dice(self.bag(side, k), piece)
            if score < MUTUAL_BAR or score <= partner_score:
                continue
            mine, theirs = self.roles(side, k), self.roles(other, host)
            if not mine or not theirs or mine[0] != theirs[0]:
                continue
            others = [s for j, s in self._scores_against(side, k, index).items() if j != host]
            if score >= PIECE_MARGIN * max(others, default=0.0) and (best is None
                                                                    or score > best[0]):
                best = (score, k)
        return None if best is None else best[1]

    def conjunct_bags(self, side: str, index: int) -> list[frozenset[str]] | None:
        """Features of the two conjuncts of a sentence's main clause, if it has them."""
        text = self.a[index] if side == "a" else self.b[index]
        pieces = conjuncts(main_clause(text) or text)
        return None if pieces is None else [features(piece, self.thesaurus) for piece in pieces]

    def _scores_against(self, side: str, sentence: int,
                        index: dict[str, list[int]]) -> dict[int, float]:
        """Similarity of ``sentence`` to its likeliest partners on the other
        side (by shared rare features, as in pass 4), paired or not."""
        found = {}
        for k in _likeliest(self.bag(side, sentence), index):
            found[k] = (self._pair_score(sentence, k) if side == "a"
                        else self._pair_score(k, sentence))
        return found

    def _explains_more(self, side, other, mine, sentence, number) -> bool:
        """True when ``sentence`` covers at least PIECE_GAIN more of the partner."""
        pair = self.pairs[number]
        partner, own = self.union(other, pair[1 - mine]), self.union(side, pair[mine])
        before = self.weights.containment(partner, own)
        after = self.weights.containment(partner, own | self.bag(side, sentence))
        return after - before >= PIECE_GAIN

    def _pair_of(self, side: str) -> dict[int, int]:
        return self.pair_of_a if side == "a" else self.pair_of_b

    def links(self) -> list[Link]:
        """All pairs plus the added and removed sentences, in reading order.

        Reading order is B's, so the links are laid out by B position in one
        pass instead of sorted by key (with _in_place's staircase and the
        identical pairs written out, 26 -> 17 ms on the 100k-word pair).
        """
        kept = [pair for pair in self.pairs if pair[0]]  # drop dissolved pairs
        if len(kept) < len(self.pairs):  # numbers changed (else the maps hold)
            self.pairs = kept
            self.pair_of_a = {i: n for n, pair in enumerate(kept) for i in pair[0]}
            self.pair_of_b = {j: n for n, pair in enumerate(kept) for j in pair[1]}
        in_place = self._in_place()
        at_b = self._links_by_b(in_place)
        removed = self._removed_after(in_place)
        ordered = removed.get(-1, [])
        for j, link in enumerate(at_b):
            if link is not None:
                ordered.append(link)
            elif j not in self.pair_of_b:
                ordered.append(Link((), (j,), 0.0))
            if j in removed:
                ordered.extend(removed[j])
        return ordered

    def _links_by_b(self, in_place: set[int]) -> list[Link | None]:
        """The link of each pair at the B sentence it opens with (None elsewhere)."""
        at_b: list[Link | None] = [None] * len(self.b)
        for number, pair in enumerate(self.pairs):
            moved = number not in in_place
            if pair[2] >= 1.0:
                # Identical, so one sentence a side (add_pair): anchored when
                # in place, whichever pass found it, and no shared terms to
                # list. Most links of a long document: written out, not
                # through a call, _how and _shared (2.5 ms on the 100k pair).
                # Its score is 1.0 itself (no similarity exceeds it), so no
                # rounding either (0.6 ms).
                at_b[pair[1][0]] = Link((pair[0][0],), (pair[1][0],), 1.0, moved,
                                        "moved" if moved else "anchor")
            else:
                at_b[min(pair[1])] = self._pair_link(pair, moved)
        return at_b

    def _pair_link(self, pair: list, moved: bool) -> Link:
        """The link of a reworded pair, a split or a merge (:meth:`links`
        writes out the identical ones)."""
        a_side, b_side, score, how = pair
        return Link(tuple(a_side), tuple(b_side), round(score, 4), moved,
                    _how(a_side, b_side, how, moved), self._shared(a_side, b_side, score))

    def _in_place(self) -> set[int]:
        """Numbers of the pairs most of whose sentence links lie on the
        heaviest in-order chain (:func:`_in_place_pairs`).

        Judged link by link, as a reader counts them: a merge that folds in
        a sentence from further down is two links, and a pair lying between
        its pieces crosses one of them, so one of the two moved. Each link
        weighs one, a little more when identical and when it stays near its
        place (:meth:`_link_positions`). A unit stays in place unless most of its
        links are off the chain: a piece brought in from afar moved, not the
        point it joined; but a pair that a half-on unit's other link shows
        to have jumped moved (:func:`_jumped_over_by_ties`).
        """
        positions, owners = self._link_positions()
        on_chain = _in_place_pairs(positions)
        balance = [0] * len(self.pairs)
        for k, number in enumerate(owners):
            balance[number] += 1 if k in on_chain else -1
        in_place = {number for number, votes in enumerate(balance) if votes >= 0}
        tied = [positions[k] for k, number in enumerate(owners)
                if not balance[number] and k not in on_chain]
        jumped = _jumped_over_by_ties(tied, [(positions[k], owners[k]) for k in on_chain])
        return in_place - {number for number in jumped
                           if len(self.pairs[number][0]) == len(self.pairs[number][1]) == 1}

    def _link_positions(self) -> tuple[list[tuple[int, int, float]], list[int]]:
        """(B position, A position, weight) of every sentence link, and its pair.

        The weight is one, plus a half when identical, plus a small weight
        for staying put: so that of two sentences that swapped, the one that
        jumped over more sentences is the mover; where both jumped as far,
        the one that moved further through its document. Written out in the
        loop, not a call per link (1.5 ms on the 100k-word pair).
        """
        positions, owners = [], []
        size_a, size_b = max(len(self.a), 1), max(len(self.b), 1)
        larger = max(size_a, size_b)
        for number, (a_side, b_side, score, _how) in enumerate(self.pairs):
            base = 1 + (0.5 if score >= 1.0 else 0.0)
            for i in a_side:
                for j in b_side:
                    positions.append((j, i, base + (0.1 * (1 - abs(i - j) / larger)
                                                    + 0.01 * (1 - abs(i / size_a - j / size_b)))))
                    owners.append(number)
        return positions, owners

    def _shared(self, a_side, b_side, score: float) -> tuple[str, ...]:
        """The heaviest shared terms of a reworded pair (none for identical ones)."""
        if score >= 1.0 or self.weights is None:
            return ()
        return tuple(self.weights.shared_terms(self.union("a", a_side), self.union("b", b_side)))

    def _removed_after(self, in_place: set[int]) -> dict[int, list[Link]]:
        """Removed sentences by the B position they follow: the last B
        sentence of their nearest in-place predecessor's pair (-1: none)."""
        removed: dict[int, list[Link]] = defaultdict(list)
        anchor = -1
        for i in range(len(self.a)):
            number = self.pair_of_a.get(i)
            if number is None:
                removed[anchor].append(Link((i,), (), 0.0))
            elif number in in_place:
                anchor = max(self.pairs[number][1])
        return removed


def _clear_best(score: float, scores: list[float], margin: float = MUTUAL_MARGIN) -> bool:
    """True when ``score`` is the top of ``scores`` by ``margin``."""
    others = sorted(scores, reverse=True)
    if others[0] > score:
        return False
    runner_up = others[1] if len(others) > 1 else 0.0
    return score >= margin * runner_up


def _how(a_side: list[int], b_side: list[int], found_by: str, moved: bool) -> str:
    """The reported ``how``: the shape first (split, merge), then whether it moved."""
    if len(a_side) > 1:
        return "merge"
    if len(b_side) > 1:
        return "split"
    if moved:
        return "moved"
    return "in-place" if found_by == "moved" else found_by


def _likeliest(bag: frozenset[str], index: dict[str, list[int]]) -> list[int]:
    """The :data:`CANDIDATES` sentences of ``index`` sharing most features
    with ``bag``; ties by count go to the earlier sentence, not to set order.

    The few dozen sentences found are sorted outright rather than through
    heapq's Python loop (3.9 -> 3.5 ms, within noise, for the 100k-word
    pair's 301 searches; the four passes that search share this).
    """
    shared = Counter(_postings(bag, index))
    # By sentence, then (stable) by count: the order of a sort by (-count,
    # sentence), with no Python key function (_likeliest 14 -> 9 us).
    found = sorted(shared)
    found.sort(key=shared.__getitem__, reverse=True)
    return found[:CANDIDATES]


def _postings(bag: frozenset[str], index: dict[str, list[int]]) -> Iterator[int]:
    """Every sentence of ``index`` under each feature of ``bag``, once per
    feature shared: chained in C, not through a generator expression."""
    return chain.from_iterable(map(index.get, bag, repeat(())))


def _inverted_index(bags: dict[int, frozenset[str]]) -> dict[str, list[int]]:
    """Feature -> sentences holding it, leaving out features too common to be telling."""
    index: dict[str, list[int]] = defaultdict(list)
    for sentence, bag in bags.items():
        for feature in bag:
            index[feature].append(sentence)
    return {feature: places for feature, places in index.items() if len(places) <= MAX_POSTINGS}


def _jumped_over_by_ties(tied: list[tuple], chain: list[tuple]) -> set[int]:
    """Pairs that a tied unit's off-chain link shows to have jumped.

    A unit half on the chain stays in place (a piece from afar does not move
    the point it joined), but its off-chain link still crosses something.
    When it crosses a single link of the chain, that link's pair (if one
    sentence to one) is the sentence that jumped ahead (the cornerstone sentence that now comes
    first, past the merged point), so it is reported as moved: a crossing is
    never left unreported. ``tied`` holds the off-chain (B, A, weight)
    positions, ``chain`` the on-chain ((B, A, weight), pair) in any order.
    The chain rises in both positions, so the links crossing one position
    form one run of it, found by bisection.
    """
    if not tied:
        return set()
    ordered = sorted(chain)
    b_of = [position[0] for position, _pair in ordered]
    a_of = [position[1] for position, _pair in ordered]
    jumped = set()
    for b, a, _weight in tied:
        # Crossing: before in B and after in A, or after in B and before in A.
        low, high = bisect_left(b_of, b), bisect_right(b_of, b)
        before = range(bisect_right(a_of, a, 0, low), low)
        after = range(high, bisect_left(a_of, a, high))
        crossing = [*before, *after]
        if len(crossing) == 1:
            jumped.add(ordered[crossing[0]][1])
    return jumped


def _in_place_pairs(positions: list[tuple[int, int, float]]) -> set[int]:
    """Link numbers on the heaviest chain increasing in both B and A position.

    ``positions`` holds (B position, A position, weight) per link. Taking
    the heaviest increasing chain keeps the most text in place, so a moved
    paragraph is reported as the move, not everything around it; weighting
    identical pairs a little above reworded ones makes a reworded sentence,
    rather than an untouched one, the mover when the two are tied, and a
    smaller bonus for staying near the same index makes the sentence that
    jumped over more sentences the mover when two swapped.
    :class:`_Chains` gives the best chain ending below a position in
    O(log n), so this is O(n log n).
    """
    chains = _Chains(len(positions), max((a for _b, a, _w in positions), default=0))
    # (B, A) is never the same for two links (a sentence is in one pair), so
    # the whole tuple sorts as (B, A) does.
    previous = chains.extend_all(positions, sorted(range(len(positions)),
                                                   key=positions.__getitem__))
    chain: set[int] = set()
    number = chains.best_of_all()[1]
    while number != -1:
        chain.add(number)
        number = previous[number]
    return chain


class _Chains:
    """The heaviest chain so far ending at or below each A position.

    Kept as a staircase: only the (weight, link) ends that no end at a
    lower or equal position beats, rising in position and in value, so a
    look-up is one bisection, and with the links mostly in order a new end
    goes at the end of the list. This replaced a Fenwick tree's per-link
    loops (7.9 -> 1.1 ms on the 100k-word pair). An end that lands early
    moves the rest of the list; past a budget of such moves (a document
    reordered against itself), the ends go into the Fenwick tree, O(log n).
    """

    def __init__(self, links: int, top: int) -> None:
        self.places: list[int] = []
        self.values: list[tuple[float, int]] = []
        self.budget = MOVE_BUDGET * links
        self.size = top + 2
        self.tree: list[tuple[float, int]] | None = None

    def extend_all(self, positions: list[tuple[int, int, float]], order) -> list[int]:
        """:meth:`extend` by each link of ``order``: the link before each on its chain.

        A link past every end so far (most links: they are in order) is
        appended here, without a call or a bisection (2.0 -> 1.1 ms on the
        100k-word pair).
        """
        previous = [-1] * len(positions)
        places, values = self.places, self.values
        for number in order:
            _b, position, weight = positions[number]
            if self.tree is None and (not places or position > places[-1]):
                best, previous[number] = values[-1] if values else (0.0, -1)
                places.append(position)
                values.append((best + weight, number))
            else:
                previous[number] = self.extend(position, weight, number)
        return previous

    def extend(self, position: int, weight: float, number: int) -> int:
        """End link ``number`` at A ``position`` on the heaviest chain that
        ends at or below it; the link before it on that chain (-1: none)."""
        if self.tree is not None:
            best, before = _prefix_best(self.tree, position + 1)
            _raise(self.tree, position + 1, (best + weight, number))
            return before
        places, values = self.places, self.values
        start = end = bisect_right(places, position)
        best, before = values[start - 1] if start else (0.0, -1)
        value = (best + weight, number)  # beats every end at or below it (weight > 0)
        if start == len(places):
            places.append(position)
            values.append(value)
            return before
        if start and places[start - 1] == position:
            start -= 1
        while end < len(values) and values[end] <= value:
            end += 1  # ends above it that it beats are no longer the best anywhere
        places[start:end], values[start:end] = [position], [value]
        self.budget -= len(values) - start - 1
        if self.budget < 0:
            self._to_tree()
        return before

    def best_of_all(self) -> tuple[float, int]:
        if self.tree is not None:
            return _prefix_best(self.tree, self.size)
        return self.values[-1] if self.values else (0.0, -1)

    def _to_tree(self) -> None:
        """Move to a Fenwick tree: the staircase's ends answer as all ends did."""
        self.tree = [(0.0, -1)] * (self.size + 1)
        for position, value in zip(self.places, self.values, strict=True):
            _raise(self.tree, position + 1, value)


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
