"""The sentence cap of a comparison: refused with the counts, before aligning."""

import pytest

from tracker.compare import compare_texts
from tracker.errors import InputError


def test_both_sides_within_the_cap_but_not_together_gives_both_counts():
    with pytest.raises(InputError, match=r"4 \+ 4 > the limit of 6"):
        compare_texts("One. Two. Three. Four.", "One. Two. Three. Five.", max_sentences=6)
    assert compare_texts("One. Two. Three. Four.", "One. Two. Three. Five.", max_sentences=8)


@pytest.mark.parametrize("side", ["a", "b"])
def test_one_side_alone_over_the_cap_is_named(side):
    long, short = "Word. " * 50, "One. Two."
    a, b = (long, short) if side == "a" else (short, long)
    with pytest.raises(InputError) as refused:
        compare_texts(a, b, "old.txt", "new.txt", max_sentences=10)
    label = "old.txt" if side == "a" else "new.txt"
    assert str(refused.value) == (f"too many sentences to compare: {label} alone has more "
                                  "than the limit of 10")
