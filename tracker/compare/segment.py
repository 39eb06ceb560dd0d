"""Segmentation: text into paragraphs, paragraphs into sentences.

Diplomatic prose is hostile to naive "split at a full stop" rules: it is full
of "U.S.", "D.C.", "Gen.", "Sept. 18", "No. 2", initials ("Kim J. Park"),
quotations that end a sentence inside the quote (``... "ironclad." Next``),
numbered and bulleted items, and headings with no full stop at all.

Every sentence keeps its exact original text (a slice of the input) and the
index of its paragraph, so formatters show what the source said, while the
aligner matches on :func:`tracker.compare.normalise.match_key`.

Contents:

- :class:`Sentence` -- one sentence, with its paragraph and position.
- :func:`split_paragraphs` -- character spans of the paragraphs of a text.
- :func:`split_sentences` -- character spans of the sentences of a paragraph.
- :func:`segment` -- both, as a list of :class:`Sentence`.

>>> [s.text for s in segment('The U.S. and the ROK met. Both called it "ironclad." It is.')]
['The U.S. and the ROK met.', 'Both called it "ironclad."', 'It is.']
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.compare.normalise import is_boilerplate
from tracker.compare.precompiled import compile_regex


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its position in the document and its exact text."""

    index: int
    paragraph: int
    text: str
    start: int


# Lowercased words that take a full stop and never end a sentence: titles
# come before a name.
_TITLES = frozenset(str.split(
    """mr mrs ms dr prof gen lt col maj capt cmdr adm amb sen rep gov pres
    st jr sr rev hon brig sgt cpl pvt messrs mmes e.g i.e cf vs v viz"""
))
# Abbreviations that usually sit inside a sentence ("Sept. 18", "No. 3",
# "approx. 40") but can end one ("... held in Nov. The allies ..."): they end
# it only when a typical sentence opener follows, like dotted acronyms.
_INNER_ABBREVIATIONS = frozenset(str.split(
    """jan feb mar apr jun jul aug sep sept oct nov dec no nos art para vol
    sec fig ch pp p approx esp dept govt assn inc co corp ltd bros etc al"""
))
# Words that usually begin a sentence: after "U.S." they mean the acronym ended one.
_SENTENCE_STARTERS = frozenset(str.split(
    """the this that these those we they it its he she our both each all in on
    at as for to with by from however moreover furthermore meanwhile also
    additionally today yesterday there such while since after before during"""
))
_TERMINAL = compile_regex(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_LIST_MARKER = compile_regex(
    r"^\s*(?:[-*\u2022\u2023\u25e6\u2043\u2013\u2014\u00b7]\s+"
    r"|\(?\d{1,3}[.)]\s+|\([a-zA-Z]{1,4}\)\s+|[a-z][.)]\s+|[ivxlc]{1,5}[.)]\s+)"
)


def is_list_item(text: str) -> bool:
    """True if ``text`` starts with a list marker: "1.", "(b)", "iv)", a bullet or a dash."""
    return bool(_LIST_MARKER.match(text))


_BOUNDARY = compile_regex(r"([.!?\u2026]+)([\"'\u201d\u2019)\]]*)(\s+)(?=\S)")
_ITEM_NUMBER = compile_regex(r"\d{1,3}|[ivxlcIVXLC]{1,5}|[a-zA-Z]")
_PREVIOUS_WORD = compile_regex(r"[\w.\-']+$")
_NEXT_WORD = compile_regex(r"[\"'\u201c\u2018(\[]*(\w+)")


def segment(text: str, limit: int | None = None) -> list[Sentence]:
    """Split ``text`` into sentences, numbered in reading order.

    With ``limit``, segmentation stops at ``limit + 1`` sentences: enough to
    tell that the text is over the limit, in time that grows with the limit
    rather than with the text (a 19 MB paragraph is refused in a blink).
    """
    sentences: list[Sentence] = []
    for paragraph, (start, end) in enumerate(split_paragraphs(text)):
        for s_start, s_end in _sentence_spans(text, start, end):
            sentences.append(Sentence(len(sentences), paragraph, text[s_start:s_end], s_start))
            if limit is not None and len(sentences) > limit:
                return sentences
    return sentences


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the paragraphs of ``text``.

    Blank lines always separate paragraphs. Inside a block of lines, a line
    break also starts a new paragraph after a line that ends a sentence, after
    a heading (a short line with no closing punctuation) and before a list
    item; any other line break is a soft wrap inside one paragraph. Page
    furniture lines ("###", "Share") are dropped.
    """
    spans: list[tuple[int, int]] = []
    for block in _blocks(text):
        spans.extend(_split_block(text, block))
    return spans


def _lines(text: str) -> list[tuple[int, int] | None]:
    """Spans of the non-blank lines of ``text`` (trimmed), ``None`` for blank runs."""
    spans: list[tuple[int, int] | None] = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            offset = start + line.index(stripped[0])
            spans.append((offset, offset + len(stripped)))
        elif spans and spans[-1] is not None:
            spans.append(None)
        start += len(line) + 1
    return spans


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Group line spans into blocks separated by blank or boilerplate lines."""
    blocks: list[list[tuple[int, int]]] = [[]]
    for span in _lines(text):
        if span is None or is_boilerplate(text[span[0] : span[1]]):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(span)
    return [block for block in blocks if block]


def _split_block(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split one block of lines into paragraphs (see :func:`split_paragraphs`)."""
    longest = max(end - start for start, end in block)
    paragraphs = [list(block[0])]
    for previous, line in zip(block, block[1:], strict=False):
        if _breaks_after(text[previous[0] : previous[1]], text[line[0] : line[1]], longest):
            paragraphs.append(list(line))
        else:
            paragraphs[-1][1] = line[1]
    return [(start, end) for start, end in paragraphs]


def _breaks_after(line: str, next_line: str, longest: int) -> bool:
    """True if a paragraph ends between ``line`` and ``next_line``."""
    if _LIST_MARKER.match(next_line) or _TERMINAL.search(line):
        return True
    return len(line.split()) <= 6 or len(line) < 0.6 * longest


def split_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of one paragraph.

    A candidate boundary is terminal punctuation, optional closing quotes or
    brackets, then white space; it is kept unless the next word starts in
    lower case or the word before the stop is an abbreviation, an initial,
    a dotted acronym in mid-sentence, or a list number.
    """
    start = len(paragraph) - len(paragraph.lstrip())
    return list(_sentence_spans(paragraph, start, len(paragraph.rstrip())))


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Spans of the sentences of ``text[start:end]`` (trimmed at both ends),
    in ``text``'s positions: every test looks at a position, nothing copies
    the rest of the paragraph, so a long paragraph costs what its length does."""
    for match in _BOUNDARY.finditer(text, start, end):
        if _is_boundary(text, match, start):
            yield start, match.end(2)
            start = match.end(3)
    if start < end:
        yield start, end


def _is_boundary(text: str, match: re.Match, sentence_start: int) -> bool:
    """Decide whether the candidate ``match`` really ends a sentence."""
    following = match.end(3)
    if text[following : following + 1].islower():
        return False
    if match.group(1) != "." or match.group(2):
        return True
    # Look back a bounded stretch: scanning from the sentence start each
    # time would make long paragraphs quadratic.
    window = max(sentence_start, match.start(1) - 30)
    before = _PREVIOUS_WORD.search(text, window, match.start(1))
    if before is None:
        return True
    return not _is_abbreviation(before.group(), before.start() == sentence_start,
                                text, following)


def _is_abbreviation(word: str, at_sentence_start: bool, text: str, following: int) -> bool:
    """True if ``word`` followed by a full stop does not end the sentence
    (``following`` is where the next word starts in ``text``)."""
    word = word.rsplit("-", 1)[-1].lstrip("'")  # "ROK-U.S" -> "U.S"
    lowered = word.lower()
    if lowered in _TITLES:
        return True
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Kim J. Park"
    if at_sentence_start and _ITEM_NUMBER.fullmatch(word):
        return True  # a list number: "1.", "iv.", "b."
    if lowered in _INNER_ABBREVIATIONS or _is_dotted_acronym(word):
        return not _opens_sentence(text, following)
    return False


def _is_dotted_acronym(word: str) -> bool:
    """True for "U.S", "D.C", "U.N" (the final stop is not part of ``word``)."""
    parts = word.split(".")
    return len(parts) > 1 and all(part.isalpha() and len(part) <= 3 for part in parts if part)


def _opens_sentence(text: str, following: int) -> bool:
    """True if the word at ``following`` typically opens a sentence."""
    next_word = _NEXT_WORD.match(text, following)
    return bool(next_word) and next_word.group(1).lower() in _SENTENCE_STARTERS
