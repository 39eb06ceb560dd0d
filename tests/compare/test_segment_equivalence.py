"""The fast sentence splitter cuts exactly where the plain form of its rules does.

``segment`` decides most candidate boundaries inside one regular expression
and reads the word before a stop backwards; the reference below judges every
candidate in full, with the forward look-back the rules were first written
with. They must agree on every bundled snapshot, every shared evaluation
statement, and generated text full of the cases the rules are about.
"""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVAL_DATA, ROOT
from tracker.compare.segment import (
    Sentence,
    _is_abbreviation,
    segment,
    sentence_columns,
    split_paragraphs,
    split_sentences,
)

_CANDIDATE = re.compile(r"([.!?\u2026]+)([\"'\u201d\u2019)\]]*)(\s+)(?=\S)")
_WORD_BEFORE = re.compile(r"[\w.\-']+$")


def _ends_sentence(text: str, match: re.Match, sentence_start: int) -> bool:
    """Every rule, in order, for one candidate."""
    following = match.end(3)
    if text[following : following + 1].islower():
        return False
    if match.group(1) != "." or match.group(2):
        return True
    before = _WORD_BEFORE.search(text, max(sentence_start, match.start(1) - 30), match.start(1))
    if before is None:
        return True
    return not _is_abbreviation(before.group(), before.start() == sentence_start, text,
                                following)


def _reference_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for match in _CANDIDATE.finditer(text, start, end):
        if _ends_sentence(text, match, start):
            spans.append((start, match.end(2)))
            start = match.end(3)
    if start < end:
        spans.append((start, end))
    return spans


def reference_segment(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(split_paragraphs(text)):
        for s_start, s_end in _reference_spans(text, start, end):
            sentences.append(Sentence(len(sentences), paragraph, text[s_start:s_end], s_start))
    return sentences


def _as_columns(sentences: list[Sentence]) -> tuple[list, list, list]:
    return ([s.text for s in sentences], [s.paragraph for s in sentences],
            [s.start for s in sentences])


def _agrees(text: str) -> None:
    expected = reference_segment(text)
    assert segment(text) == expected
    for limit in (0, 1, len(expected) // 2, len(expected)):
        assert segment(text, limit) == expected[: limit + 1]
        columns = sentence_columns(text, limit)
        assert (columns.texts, columns.paragraphs, columns.starts) == _as_columns(
            expected[: limit + 1])
        assert len(columns) == len(expected[: limit + 1])
    for start, end in split_paragraphs(text)[:50]:
        paragraph = text[start:end]
        assert split_sentences(paragraph) == _reference_spans(
            paragraph, len(paragraph) - len(paragraph.lstrip()), len(paragraph.rstrip()))


def _texts(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders if folder.is_dir()
                  for path in folder.rglob("*.txt"))


SNAPSHOTS = _texts(ROOT / "snapshots")
EVAL_STATEMENTS = _texts(EVAL_DATA / "alignment" / "statements",
                         EVAL_DATA / "translation" / "statements")


@pytest.mark.parametrize("path", SNAPSHOTS, ids=lambda path: path.name)
def test_every_snapshot(path):
    _agrees(path.read_text(encoding="utf-8"))


@pytest.mark.skipif(not EVAL_STATEMENTS, reason="shared evaluation data not available")
@pytest.mark.parametrize("path", EVAL_STATEMENTS, ids=lambda path: path.name)
def test_every_shared_statement(path):
    _agrees(path.read_text(encoding="utf-8"))


def test_generated_benchmark_text():
    from benchmarks.gen_docs import generate_pair

    for text in generate_pair(5_000, seed=3):
        _agrees(text)


_LONG_LINE = "The allies and their partners met again in the capital with"
EDGE_CASES = [
    # a stop that opens a soft-wrapped line: "$" in the look-back matches
    # before the line break, so the word before it counts
    f"{_LONG_LINE} Gen\n. Kim spoke. They agreed.",
    f"{_LONG_LINE} the U.S.\n. The talks ended.",
    f"{_LONG_LINE} the U.S.\n. they went on.",
    f"{_LONG_LINE} delegates\n. The talks ended.",
    f"{_LONG_LINE} Kim J\n. Park. Next.",
    # words of six and seven characters before a stop
    "They met in Seoul and approx. Forty came. Others stayed.",
    "Held in Nov. The allies met. At abcdefg. The end. At abcdef. The end.",
    # a stop right after a hyphen or an apostrophe
    "It is the ROK-. The allies met. It is Korea'. The allies met.",
    # the first candidate of a paragraph that opens with a stop
    ". The allies met. \u2026 They agreed! Did they? Yes.",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases(text):
    _agrees(text)


# Pieces that exercise every rule: abbreviations and titles in both cases,
# initials, dotted acronyms joined by hyphens, list numbers, quotes and
# brackets after stops, other stops, numbers, Korean, long and short words,
# line breaks right before a stop, apostrophes.
_PIECES = st.sampled_from([
    "U.S.", "U.S", "D.C.", "U.N.", "ROK-U.S.", "U.S.-ROK", "e.g.", "i.e.", "Gen.", "gen.",
    "Dr.", "Mr.", "MESSRS.", "Sept.", "Nov.", "No.", "no.", "approx.", "etc.", "al.",
    "J.", "j.", "A.", "1.", "12.", "2024.", "iv.", "IV.", "b.", "(a)", "ii)", "vs.",
    "The", "the", "They", "they", "Both", "Seoul", "allies", "alliance", "deterrence.",
    "met.", "agreed.", "ironclad.", "Washington.", "commitments.", "it's.", "'tis.",
    "-.", "x-y.", "a.b.c.", "abcdefg.", "abcdef.", "Korea\u2019s.",
    '"', "\u201c", "\u201d", "\u2019", "'", ")", "(", "]", "[",
    ".", "..", "...", "!", "?", "?!", "\u2026", ";", ":", ",",
    "\ud55c\uad6d", "\ud569\uc758\ud558\uc600\ub2e4.", "2024. 5. 27.",
    " ", " ", " ", "  ", "\n", "\n\n", "\n.", "\t", "\u00a0", "\u2028",
    "\u00e9l\u00e8ve.", "\u00c9tat.", "\u01c5", "\u00aa",
    "Dr", "Gen", "Nov", "No", "J", "U.S", "e.g", "1", "iv", "abcdefg", "-", "'",
    "x_y.", "\u00b2.", "\u0669.", "a" * 35 + ".", "thirtyfivecharacterslongwordhere-Dr.",
])


@settings(max_examples=600, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_generated_text(text):
    _agrees(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_generated_words(text):
    _agrees(text)


def test_a_document_is_the_same_from_sentences_or_columns():
    from tracker.compare import _document
    from tracker.compare.model import Document

    text = (ROOT / "snapshots").rglob("*.txt").__next__().read_text(encoding="utf-8")
    from_columns = _document("a", text, sentence_columns(text), Document)
    from_sentences = _document("a", text, segment(text), Document)
    assert from_columns.sentences and from_columns.paragraphs
    assert (from_columns.sha256, from_columns.sentences, from_columns.paragraphs) == (
        from_sentences.sha256, from_sentences.sentences, from_sentences.paragraphs)
