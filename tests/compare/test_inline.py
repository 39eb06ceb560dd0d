"""Word-level diff: exact, minimal, readable."""

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVAL_DATA
from tracker.compare.inline import (
    DELETE,
    EQUAL,
    INSERT,
    Token,
    common_words,
    group_phrases,
    inline_diff,
    longest_common_subsequence,
    rebuild,
    word_diff,
)

DMP = EVAL_DATA / "diff/diff-match-patch"
WDIFF_COMMON_WORDS = 849  # GNU wdiff -s on speedtest1.txt / speedtest2.txt


def ops(tokens):
    return [(token.op, token.text) for token in tokens]


def test_single_word_substitution():
    tokens = word_diff("Dogs bite people.", "Dogs byte people.")
    assert ops(tokens) == [(EQUAL, "Dogs "), (DELETE, "bite"), (INSERT, "byte"),
                           (EQUAL, " people.")]


def test_punctuation_change_is_shown_alone():
    tokens = word_diff("the commitment.", "the commitment!")
    assert ops(tokens) == [(EQUAL, "the commitment"), (DELETE, "."), (INSERT, "!")]


def test_whitespace_change_keeps_both_texts_exact():
    a, b = "one  two\nthree", "one two three"
    tokens = word_diff(a, b)
    assert rebuild(tokens, "a") == a and rebuild(tokens, "b") == b


@pytest.mark.parametrize(
    ("a", "b"),
    [("", ""), ("x", ""), ("", "y"), (" lead", "lead "), ("a b c", "c b a"),
     ("The \u201callies\u201d met.", 'The "allies" met.'), ("tab\there", "tab here")],
)
def test_rebuild_both_sides(a, b):
    for tokens in (word_diff(a, b), inline_diff(a, b)):
        assert rebuild(tokens, "a") == a
        assert rebuild(tokens, "b") == b


def test_grouping_folds_stop_words_between_changes():
    a = "The allies will continue to strengthen deterrence."
    b = "The allies shall work hard to bolster deterrence."
    grouped = inline_diff(a, b)
    changes = [token for token in grouped if token.op != EQUAL]
    assert len(changes) == 2  # one phrase: deleted, inserted
    assert rebuild(grouped, "a") == a and rebuild(grouped, "b") == b


def test_grouping_keeps_long_equal_runs():
    tokens = [Token(DELETE, "x "), Token(EQUAL, "extended deterrence commitment "),
              Token(INSERT, "y")]
    assert group_phrases(tokens) == tokens


def test_lcs_is_longest():
    a, b = list("ABCBDAB"), list("BDCABA")
    pairs = longest_common_subsequence(a, b)
    assert len(pairs) == 4
    assert all(a[i] == b[j] for i, j in pairs)
    assert [i for i, _ in pairs] == sorted(i for i, _ in pairs)


def test_common_words_counts_whole_words_only():
    tokens = word_diff("alpha beta, gamma", "alpha beta; gamma")
    assert common_words(tokens) == 2  # "beta," is changed


@pytest.mark.skipif(not DMP.exists(), reason="shared evaluation fixtures absent")
def test_speedtest_pair_keeps_at_least_as_many_common_words_as_wdiff():
    a = (DMP / "speedtest1.txt").read_text(encoding="utf-8")
    b = (DMP / "speedtest2.txt").read_text(encoding="utf-8")
    tokens = word_diff(a, b)
    assert rebuild(tokens, "a") == a and rebuild(tokens, "b") == b
    assert common_words(tokens) >= WDIFF_COMMON_WORDS
    grouped = group_phrases(tokens)
    assert rebuild(grouped, "a") == a and rebuild(grouped, "b") == b


def _lcs_length(a, b):
    row = [0] * (len(b) + 1)
    for x in a:
        previous_diagonal = 0
        for j, y in enumerate(b, 1):
            previous_diagonal, row[j] = row[j], (previous_diagonal + 1 if x == y
                                                 else max(row[j], row[j - 1]))
    return row[-1]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=30), st.lists(st.sampled_from("abcde"),
                                                                  max_size=30))
def test_lcs_matches_dynamic_programming(a, b):
    pairs = longest_common_subsequence(a, b)
    assert len(pairs) == _lcs_length(a, b)
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pairs, pairs[1:], strict=False))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from("abcdefghij"), max_size=60),
       st.lists(st.sampled_from("abcdefghij"), max_size=60))
def test_patience_fallback_gives_a_valid_common_subsequence(a, b):
    import tracker.compare.inline as inline

    saved = inline.MAX_MATCH_PAIRS
    inline.MAX_MATCH_PAIRS = 0  # force the anchored search
    try:
        pairs = longest_common_subsequence(a, b)
    finally:
        inline.MAX_MATCH_PAIRS = saved
    assert all(a[i] == b[j] for i, j in pairs)
    assert all(p[0] < q[0] and p[1] < q[1] for p, q in zip(pairs, pairs[1:], strict=False))


def test_long_unpunctuated_text_stays_fast_and_near_minimal():
    rng = random.Random(1)
    vocabulary = ["alpha", "beta", "the", "of", "and", "deterrence", "nuclear", "ally"]
    words = [rng.choice(vocabulary) if rng.random() < 0.7 else f"x{rng.randrange(3000)}"
             for _ in range(20_000)]
    changed = list(words)
    for _ in range(200):
        changed[rng.randrange(len(changed))] = "CHANGED"
    a, b = " ".join(words), " ".join(changed)
    start = time.perf_counter()
    tokens = word_diff(a, b)
    assert time.perf_counter() - start < 3
    assert rebuild(tokens, "a") == a and rebuild(tokens, "b") == b
    assert common_words(tokens) >= 19_790


def test_word_diff_is_computed_when_first_read():
    """A unit defers its word diff: counting changes or reading strength
    calls must not pay for it, and reading it gives the same tokens."""
    from tracker.compare import compare_texts

    unit = compare_texts("We met in Seoul.", "We met in Tokyo.").units[0]
    assert callable(unit.diff)
    assert "".join(t.text for t in unit.tokens if t.op != "insert") == "We met in Seoul."
    assert unit.tokens == tuple(inline_diff("We met in Seoul.", "We met in Tokyo."))
    assert not callable(unit.diff)
