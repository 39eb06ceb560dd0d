"""The later alignment passes' fast forms against their simple forms.

Each rewrite for speed (issue 16) must find exactly what the plain form
found: these tests keep the plain form here and compare on random input.
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.compare import align

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
