"""Properties that hold for any pair of texts."""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.compare import compare_texts
from tracker.compare.inline import DELETE, EQUAL, INSERT, rebuild

WORDS = ["The", "allies", "U.S.", "ROK", "deterrence", "ironclad", "will", "may", "nuclear",
         "\u201cfirm\u201d", "commitment", "and", "the", "Dr.", "No.", "1.", "Sept.", "-", "\u2014",
         "met", "Seoul", "###", "Print"]
PUNCT = [".", ".", "!", "?", ",", ";", ":", ""]


@st.composite
def statements(draw):
    """Statement-like text: sentences of a small vocabulary, in paragraphs and lines."""
    sentences = draw(st.lists(
        st.tuples(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10),
                  st.sampled_from(PUNCT), st.sampled_from([" ", "  ", "\n", "\n\n", " \n\n"])),
        max_size=12))
    return "".join(" ".join(words) + end + gap for words, end, gap in sentences)


any_text = st.one_of(statements(), st.text(max_size=300))
# HYPOTHESIS_EXAMPLES=2000 for a longer hunt than the everyday 150.
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(any_text, any_text)
def test_tokens_of_every_unit_rebuild_both_sides(a, b):
    comparison = compare_texts(a, b)
    for unit in comparison.units:
        assert {token.op for token in unit.tokens} <= {EQUAL, INSERT, DELETE}
        assert rebuild(list(unit.tokens), "a") == (unit.a.text if unit.a else "")
        assert rebuild(list(unit.tokens), "b") == (unit.b.text if unit.b else "")


@SETTINGS
@given(any_text, any_text)
def test_every_sentence_is_in_exactly_one_unit(a, b):
    comparison = compare_texts(a, b)
    a_seen = sorted(i for unit in comparison.units if unit.a for i in unit.a.index)
    b_seen = sorted(j for unit in comparison.units if unit.b for j in unit.b.index)
    assert a_seen == list(range(len(comparison.a.sentences)))
    assert b_seen == list(range(len(comparison.b.sentences)))


@SETTINGS
@given(any_text)
def test_text_compared_with_itself_is_all_unchanged(a):
    comparison = compare_texts(a, a)
    assert all(unit.kind == "unchanged" and not unit.moved for unit in comparison.units)
    assert comparison.summary["unchanged"] == len(comparison.a.sentences)


@SETTINGS
@given(any_text, any_text)
def test_swapping_sides_swaps_added_and_removed(a, b):
    forward, backward = compare_texts(a, b).summary, compare_texts(b, a).summary
    assert forward["added"] == backward["removed"]
    assert forward["removed"] == backward["added"]


@SETTINGS
@given(any_text, any_text)
def test_units_follow_b_reading_order(a, b):
    b_starts = [min(unit.b.index) for unit in compare_texts(a, b).units if unit.b]
    assert b_starts == sorted(b_starts)
