"""The fast word diff and line filling equal their plain forms
(:mod:`tests.compare.reference_forms`) token for token and line for line:
on generated text, and on every reworded unit of the bundled statements."""

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.compare import reference_forms as plain
from tracker.compare import compare_texts
from tracker.compare.formats import _fill
from tracker.compare.inline import (
    DELETE,
    EQUAL,
    INSERT,
    Token,
    coalesce,
    group_phrases,
    inline_diff,
    word_diff,
)
from tracker.compare.model import REWORDED

SNAPSHOTS = Path(__file__).resolve().parents[2] / "snapshots"

# Words, stop words, punctuation glued on or alone, and every kind of white
# space the splitting treats apart (runs, tabs, line feeds, ideographic space).
PIECES = ["the", "of", "allies", "Alliance", "will", "commit", "U.S.-ROK", "don't",
          ",", ".", "x,", "y.", "(z)", "\u201cdeter\u201d", "\uc2e0\ub8b0", "\u3000",
          " ", " ", " ", "  ", "\t", "\n", " \n ", "\xa0", "\x1c", "\u2028"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def ops(tokens):
    return [(token.op, token.text) for token in tokens]


@settings(max_examples=400, deadline=None)
@given(texts, texts)
def test_word_diffs_equal_the_plain_form(a, b):
    assert ops(word_diff(a, b)) == ops(plain.word_diff(a, b))
    assert ops(inline_diff(a, b)) == ops(plain.inline_diff(a, b))


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_small_edits_of_one_sentence_equal_the_plain_form(a, data):
    """What most reworded units are: the same sentence with a few words
    changed, so that the common prefix and suffix carry most of it."""
    words = a.split(" ")
    for _ in range(data.draw(st.integers(0, 3))):
        where = data.draw(st.integers(0, len(words)))
        words[where:where + data.draw(st.integers(0, 2))] = data.draw(
            st.lists(st.sampled_from(PIECES), max_size=3))
    b = " ".join(words)
    assert ops(inline_diff(a, b)) == ops(plain.inline_diff(a, b))


tokens = st.lists(st.builds(Token, st.sampled_from([EQUAL, DELETE, INSERT]),
                            st.sampled_from(["", " ", "the", "x", " of ", "commit."])),
                  max_size=12)


@settings(max_examples=400, deadline=None)
@given(tokens)
def test_coalescing_and_grouping_equal_the_plain_form(given_tokens):
    """Empty equal tokens included: they keep the changes on either side apart."""
    assert ops(coalesce(given_tokens)) == ops(plain.coalesce(given_tokens))
    assert ops(group_phrases(given_tokens)) == ops(plain.group_phrases(given_tokens))


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab \n\tx-", max_size=80), st.integers(1, 40))
def test_line_filling_equals_the_plain_form(text, width):
    """Runs of spaces, leading spaces, words longer than the line."""
    assert _fill(text, width) == plain.fill(text, width)


def bundled_pairs():
    statements = sorted(SNAPSHOTS.rglob("*.txt"))
    return [(a, b) for a, b in itertools.combinations(statements, 2) if a.parent == b.parent]


@pytest.mark.slow
def test_every_reworded_unit_of_the_bundled_statements():
    """Each series' statements against one another (529 reworded units)."""
    checked = 0
    for a, b in bundled_pairs():
        for unit in compare_texts(a.read_text(), b.read_text()).units:
            if unit.kind == REWORDED:
                assert ops(unit.tokens) == ops(plain.inline_diff(unit.a.text, unit.b.text)), \
                    (a.name, b.name, unit.a.text)
                checked += 1
    assert checked > 500
