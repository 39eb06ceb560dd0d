"""Language detection stops counting early where it can, and answers as
counting every letter of the sample would."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.compare.languages import (
    ENGLISH,
    KOREAN,
    KOREAN_SHARE,
    MIN_LETTERS,
    SAMPLE_CHARS,
    detect_language,
)


def counted_language(text: str) -> str | None:
    """The plain form: count both scripts' letters in the whole sample."""
    sample = text[:SAMPLE_CHARS]
    hangul = len(re.findall("[\uac00-\ud7a3]", sample))
    latin = len(re.findall("[A-Za-z]", sample))
    if hangul + latin < MIN_LETTERS:
        return None
    return KOREAN if hangul >= KOREAN_SHARE * (hangul + latin) else ENGLISH


_PIECES = st.sampled_from(["a", "Z", "NCG", "allies", "\uc591\uce21", "\ud55c", "\u1100",
                           "1", " ", ".", "\n", "\u00e9", "\u0416"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_detection_agrees_with_counting(text):
    assert detect_language(text) == counted_language(text)


def test_the_sample_bounds_what_is_read():
    assert detect_language("1" * SAMPLE_CHARS + "allies") is None
    assert detect_language("x" * (SAMPLE_CHARS - 5) + "\uc591\uce21" * 9) == ENGLISH
    assert detect_language("abcde" + "\uc591" * 9) == KOREAN
