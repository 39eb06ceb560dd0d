"""The aligner against the hand-labelled statement pairs in tests/data/alignment."""

from pathlib import Path

import pytest

from tracker.compare.evaluate import evaluate_pair, load_labelled, overall
from tracker.compare.segment import segment

LABELLED = Path(__file__).resolve().parent.parent / "data" / "alignment"
PAIRS = load_labelled(LABELLED)


def test_labelled_set_is_large_enough():
    assert len(PAIRS) >= 12


@pytest.mark.parametrize(("name", "a_text", "b_text", "label"), PAIRS,
                         ids=[pair[0] for pair in PAIRS])
def test_labels_match_the_segmentation(name, a_text, b_text, label):
    assert [len(segment(a_text)), len(segment(b_text))] == label["sentences"]


def test_overall_f1_is_at_least_095():
    scores = [evaluate_pair(a, b, label) for _name, a, b, label in PAIRS]
    total = overall(scores)
    assert total.f1 >= 0.95, (total.precision, total.recall)


def test_moves_are_reported_on_at_least_90_percent_of_pairs():
    scores = [evaluate_pair(a, b, label) for _name, a, b, label in PAIRS]
    assert sum(score.moves_right for score in scores) >= 0.9 * len(scores)
