"""Korean sentences (which language a text is in: :mod:`tracker.compare.languages`).

The engine notices on its own that one side of a comparison is Korean
(two files on the command line carry no metadata), and Korean needs its own
sentence rule: a full stop ends a sentence after a syllable (``…하였다.``),
never inside a number or a date (``2024. 5. 27.``, ``7.8(일)``, ``1.5 트랙``),
where the English rules would cut.

>>> [s.text for s in korean_segment("회의는 2024. 9. 4. 열렸다. 양측은 합의하였다.")]
['회의는 2024. 9. 4. 열렸다.', '양측은 합의하였다.']
"""

import re

from tracker.compare.languages import (  # noqa: F401 (their home before languages.py)
    ENGLISH,
    KOREAN,
    detect_language,
    normal_language,
)
from tracker.compare.segment import Sentence, segment, split_paragraphs

# A sentence ends at a full stop, question or exclamation mark that follows
# a Hangul syllable (or a closing bracket or quote after one), before space.
_KOREAN_END = re.compile(
    r"(?<=[\uac00-\ud7a3])[.!?\u3002](?:[\"'\u201d\u2019)\]\u300d\u300f]*)(?=\s+\S)"
    r"|(?<=[\uac00-\ud7a3][)\]\"'\u201d\u2019\u300d\u300f])[.!?\u3002](?=\s+\S)")


def segment_as(text: str, language: str | None, limit: int | None = None) -> list[Sentence]:
    """Sentences of ``text`` by the rules of its language; with ``limit``,
    no more than ``limit + 1`` (see :func:`tracker.compare.segment.segment`)."""
    return korean_segment(text, limit) if language == KOREAN else segment(text, limit)


def korean_segment(text: str, limit: int | None = None) -> list[Sentence]:
    """Paragraphs as :func:`tracker.compare.segment.split_paragraphs` finds
    them, each split at the Korean sentence ends (see the module docstring);
    stops past ``limit`` sentences."""
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(split_paragraphs(text)):
        for s_start, s_end in _korean_spans(text[start:end]):
            piece = text[start + s_start : start + s_end]
            sentences.append(Sentence(len(sentences), paragraph, piece, start + s_start))
            if limit is not None and len(sentences) > limit:
                return sentences
    return sentences


def _korean_spans(paragraph: str) -> list[tuple[int, int]]:
    spans, start = [], len(paragraph) - len(paragraph.lstrip())
    for match in _KOREAN_END.finditer(paragraph):
        spans.append((start, match.end()))
        start = match.end() + len(paragraph[match.end():]) - len(paragraph[match.end():].lstrip())
    end = len(paragraph.rstrip())
    if start < end:
        spans.append((start, end))
    return spans
