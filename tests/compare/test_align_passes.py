"""The later alignment passes' fast forms against their simple forms.

Each rewrite for speed (issue 16) must find exactly what the plain form
found: these tests keep the plain form here and compare, on random input
(the in-place chain) and on every bundled and shared statement (the
passes' helpers, the piece passes, the links).
"""

import copy
import os
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EVAL_DATA
from tracker.compare import align
from tracker.compare.segment import segment

SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def fenwick_chain(positions):
    """The heaviest increasing chain as first written: a Fenwick tree per link."""
    size = max((a for _b, a, _w in positions), default=0) + 2
    tree = [(0.0, -1)] * (size + 1)
    previous = {}
    for number in sorted(range(len(positions)), key=lambda number: positions[number][:2]):
        _b, a_position, weight = positions[number]
        best, before = align._prefix_best(tree, a_position + 1)
        previous[number] = before
        align._raise(tree, a_position + 1, (best + weight, number))
    chain = set()
    number = align._prefix_best(tree, size)[1]
    while number != -1:
        chain.add(number)
        number = previous[number]
    return chain


@st.composite
def links(draw):
    """Sentence links: (B, A, weight), each (B, A) once, weights as _in_place gives them."""
    cells = draw(st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), unique=True,
                          max_size=60))
    weights = st.sampled_from([1.0, 1.5, 1.05, 1.55, 1.1, 1.6, 1.1000000000000001])
    return [(b, a, draw(weights)) for b, a in cells]


@SETTINGS
@given(links())
def test_chain_is_the_fenwick_chain(positions):
    assert align._in_place_pairs(positions) == fenwick_chain(positions)


@SETTINGS
@given(links(), st.integers(0, 3))
def test_chain_is_the_same_after_falling_back_to_the_tree(positions, budget):
    """A tiny move budget sends the staircase into the tree part way through."""
    saved = align.MOVE_BUDGET
    align.MOVE_BUDGET = budget
    try:
        assert align._in_place_pairs(positions) == fenwick_chain(positions)
    finally:
        align.MOVE_BUDGET = saved


def test_a_reversed_document_falls_back_to_the_tree_and_agrees(monkeypatch):
    """Each link of a reversed document lands first in the staircase."""
    moved_to_tree = []
    to_tree = align._Chains._to_tree
    monkeypatch.setattr(align._Chains, "_to_tree",
                        lambda chains: (moved_to_tree.append(True), to_tree(chains)))
    positions = [(j, 2999 - j, 1.6 - j / 10_000) for j in range(3000)]
    positions += [(3000 + j, 3000 + j, 1.0) for j in range(50)]
    assert align._in_place_pairs(positions) == fenwick_chain(positions)
    assert moved_to_tree


# --- The passes on real statements: each fast form against the form it replaced.

ROOT = Path(__file__).resolve().parents[2]
SHARED_STATEMENTS = sorted((EVAL_DATA / "alignment" / "statements").glob("*.txt"))
STATEMENTS = sorted((ROOT / "snapshots").rglob("*.txt")) + SHARED_STATEMENTS
PASSES = ("match_in_order", "match_moved_identical", "match_similar", "match_mutual_best",
          "match_unique_slots", "grow_splits_and_merges", "attach_distant_pieces",
          "attach_clear_pieces", "attach_conjunct_pieces")


def sentences(path: Path) -> list[str]:
    return [sentence.text for sentence in segment(path.read_text(encoding="utf-8"))]


def text_pairs():
    """Each statement with the next one (the usual redraft), and a few far apart."""
    texts = [sentences(path) for path in STATEMENTS]
    return [(texts[k], texts[k + 1]) for k in range(len(texts) - 1)] + [
        (texts[k], texts[-1 - k]) for k in range(0, len(texts) // 2, 3)]


def old_piece_index(state, side, other, unpaired):
    """_piece_index as first written: a scan of every sentence of the other side."""
    left = state.unmatched(side)
    if not left:
        return [], {}
    wanted = frozenset().union(*(state.bag(side, k) for k in left))
    pair_of = state._pair_of(other)
    size = len(state.b) if other == "b" else len(state.a)
    bags = {k: state.bag(other, k) & wanted for k in range(size)
            if (state.pairs[pair_of[k]][2] < 1.0 if k in pair_of else unpaired)}
    return left, align._inverted_index(bags)


def old_mostly_new_piece(state, side, other, mine, sentence, pair):
    """The containment tests of pass 6 as first written, on the sides' unions."""
    bag = state.bag(side, sentence)
    partner, own = state.union(other, pair[1 - mine]), state.union(side, pair[mine])
    return not (state.weights.containment(bag, partner) < align.PIECE_CONTAINMENT
                or state.weights.containment(bag, partner - own) < align.PIECE_NEW)


def check_before(state, name):
    """What must hold before pass ``name``: each helper equals its first form."""
    if name == "match_in_order":
        return
    for side, other, mine in (("a", "b", 0), ("b", "a", 1)):
        assert state._left_over(side) == state.unmatched(side)
        if name.startswith("attach_"):
            for unpaired in (False, True):
                assert (state._piece_index(side, other, unpaired)
                        == old_piece_index(state, side, other, unpaired))
        if name == "attach_distant_pieces":
            for sentence in state.unmatched(side):
                for pair in state.pairs[state._anchored:]:
                    if pair[0] and pair[2] < 1.0:
                        assert (state._mostly_new_piece(side, other, mine, sentence, pair)
                                == old_mostly_new_piece(state, side, other, mine, sentence, pair))
    later = {number for number, pair in enumerate(state.pairs) if pair[3] != "anchor"}
    assert later <= set(state._later_pairs())


def aligned_with_checks(a, b):
    """align_sentences, checking each pass's helpers on the way; the state at the end."""
    swap = (len(b), list(b)) < (len(a), list(a))
    state = align._Alignment(b, a) if swap else align._Alignment(a, b)
    state.match_anchors()
    for name in PASSES:
        check_before(state, name)
        getattr(state, name)()
    for (i, j), score in state._pair_scores.items():
        assert score == state.dice((i,), (j,))
    if swap:
        state.mirror()
    return state


def test_the_passes_helpers_match_their_first_forms():
    assert len(STATEMENTS) >= 10
    for a, b in text_pairs():
        aligned_with_checks(a, b)


def old_clear_partner_pair(self, side, other, sentence, index):
    """_clear_partner_pair as first written: every sentence scored, role or none."""
    scores = self._scores_against(side, sentence, index)
    if not scores:
        return None
    best, partner = max((score, -k) for k, score in scores.items())
    partner = -partner
    number = self._pair_of(other).get(partner)
    if (number is None or best < align.MUTUAL_BAR
            or not align._clear_best(best, list(scores.values()), align.PIECE_MARGIN)):
        return None
    a_side, b_side, score, _how = self.pairs[number]
    if not align.PAIR_THRESHOLD <= score < 1.0 or len(a_side) != 1 or len(b_side) != 1:
        return None
    mine, theirs = self.roles(side, sentence), self.roles(other, partner)
    if not mine or not theirs or mine[0] != theirs[0]:
        return None
    return number


def every_reworded_pair(self, other, mine, kinds):
    """_conjunct_hosts as first written: every reworded one-to-one pair."""
    return [number for number, (a_side, b_side, score, _how) in enumerate(self.pairs)
            if score < 1.0 and len(a_side) == 1 and len(b_side) == 1]


def old_in_place(self):
    """_in_place as first written (a Counter, the Fenwick chain, _closeness per link)."""
    positions, owners = [], []
    size_a, size_b = max(len(self.a), 1), max(len(self.b), 1)
    for number, (a_side, b_side, score, _how) in enumerate(self.pairs):
        for i in a_side:
            for j in b_side:
                closeness = (0.1 * (1 - abs(i - j) / max(size_a, size_b))
                             + 0.01 * (1 - abs(i / size_a - j / size_b)))
                positions.append((j, i, 1 + (0.5 if score >= 1.0 else 0.0) + closeness))
                owners.append(number)
    on_chain = fenwick_chain(positions)
    balance = Counter()
    for k, number in enumerate(owners):
        balance[number] += 1 if k in on_chain else -1
    in_place = {number for number in range(len(self.pairs)) if balance[number] >= 0}
    tied = [positions[k] for k, number in enumerate(owners)
            if k not in on_chain and balance[number] == 0]
    jumped = align._jumped_over_by_ties(tied, [(positions[k], owners[k]) for k in on_chain])
    return in_place - {number for number in jumped
                       if len(self.pairs[number][0]) == len(self.pairs[number][1]) == 1}


def old_links(self):
    """links as first written: every link keyed, then sorted."""
    self.pairs = [pair for pair in self.pairs if pair[0]]
    self.pair_of_a = {i: n for n, pair in enumerate(self.pairs) for i in pair[0]}
    self.pair_of_b = {j: n for n, pair in enumerate(self.pairs) for j in pair[1]}
    in_place = old_in_place(self)
    placed = []
    for number, (a_side, b_side, score, how) in enumerate(self.pairs):
        moved = number not in in_place
        if score >= 1.0 and not moved:
            how = "anchor"
        link = align.Link(tuple(a_side), tuple(b_side), round(score, 4), moved,
                          align._how(a_side, b_side, how, moved),
                          self._shared(a_side, b_side, score))
        placed.append(((min(b_side), 0, 0), link))
    placed += [((j, 0, 0), align.Link((), (j,), 0.0)) for j in self.unmatched("b")]
    anchor = -1
    for i in range(len(self.a)):
        number = self.pair_of_a.get(i)
        if number is not None and number in in_place:
            anchor = max(self.pairs[number][1])
        elif number is None:
            placed.append(((anchor, 1, i), align.Link((i,), (), 0.0)))
    placed.sort(key=lambda item: item[0])
    return [link for _key, link in placed]


def pieces_found(state, name, old_form):
    """Run pass ``name`` as written and in its old form on copies; both must pair alike."""
    before = copy.deepcopy(state)
    getattr(state, name)()
    old = copy.deepcopy(before)
    method, replacement = old_form
    setattr(old, method, replacement.__get__(old))
    getattr(old, name)()
    assert (state.pairs, state.pair_of_a, state.pair_of_b) == (
        old.pairs, old.pair_of_a, old.pair_of_b)
    return sum(len(a) + len(b) for a, b, _s, _h in state.pairs) - sum(
        len(a) + len(b) for a, b, _s, _h in before.pairs)


def test_the_piece_passes_and_links_pair_as_their_first_forms():
    old_forms = {"attach_clear_pieces": ("_clear_partner_pair", old_clear_partner_pair),
                 "attach_conjunct_pieces": ("_conjunct_hosts", every_reworded_pair)}
    joined = Counter()
    links = 0
    for a, b in text_pairs():
        swap = (len(b), list(b)) < (len(a), list(a))
        state = align._Alignment(b, a) if swap else align._Alignment(a, b)
        state.match_anchors()
        for name in PASSES:
            if name in old_forms:
                joined[name] += pieces_found(state, name, old_forms[name])
            else:
                getattr(state, name)()
        if swap:
            state.mirror()
        expected = old_links(copy.deepcopy(state))
        assert state.links() == expected
        links += len(expected)
    # The shared statements exercise what is compared: pieces join in both
    # passes (the bundled snapshots alone have none).
    if SHARED_STATEMENTS:
        assert joined["attach_clear_pieces"] and joined["attach_conjunct_pieces"], joined
    assert links > 500


def old_likeliest(bag, index):
    """_likeliest as first written: a generator counted, sorted by (-count, sentence)."""
    shared = Counter(k for feature in bag for k in index.get(feature, ()))
    return [k for k, _count in sorted(shared.items(),
                                      key=lambda item: (-item[1], item[0]))[:align.CANDIDATES]]


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=2),
                       st.lists(st.integers(0, 30), max_size=12, unique=True), max_size=30),
       st.frozensets(st.text("abcdefg", min_size=1, max_size=2), max_size=20))
def test_likeliest_is_its_first_form(index, bag):
    assert align._likeliest(bag, index) == old_likeliest(bag, index)


def test_likeliest_is_its_first_form_on_every_statement_pair():
    for a, b in text_pairs():
        state = align._Alignment(a, b)
        state.match_anchors()
        index = align._inverted_index({i: state.bag("a", i) for i in state.unmatched("a")})
        for j in state.unmatched("b"):
            bag = state.bag("b", j)
            assert align._likeliest(bag, index) == old_likeliest(bag, index)
