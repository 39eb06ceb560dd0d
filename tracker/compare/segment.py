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
# Every word that may be an abbreviation (an initial aside), for a quick "no".
_LISTED = _TITLES | _INNER_ABBREVIATIONS
_TERMINAL = compile_regex(r"[.!?:;\u2026][\"'\u201d\u2019)\]]*$")
_LIST_MARKER = compile_regex(
    r"^\s*(?:[-*\u2022\u2023\u25e6\u2043\u2013\u2014\u00b7]\s+"
    r"|\(?\d{1,3}[.)]\s+|\([a-zA-Z]{1,4}\)\s+|[a-z][.)]\s+|[ivxlc]{1,5}[.)]\s+)"
)


def is_list_item(text: str) -> bool:
    """True if ``text`` starts with a list marker: "1.", "(b)", "iv)", a bullet or a dash."""
    return bool(_LIST_MARKER.match(text))


# A candidate boundary: a run of terminal punctuation (group 1), closing
# quotes or brackets (group 2), white space (group 4), then more text.
# Group 3 matches (empty) only where the word before the stop may be an
# abbreviation, an initial or a list number: after a lone full stop with no
# quote, where the stop follows a word character but not seven (no word that
# long is one), or a word and a line break ("$" in the look-back matches
# before one). A word that ends in a hyphen or an apostrophe is never one.
# Every other candidate ends its sentence unless a lower-case word follows,
# so most are decided without a look back (100,000 words: half of them).
_AFTER_STOP = (r"([\"'\u201d\u2019)\]]*)"
               r"(?:(?:(?<=\w\.)(?<!\w{7}\.)|(?<=[\w.]\n\.))())?(\s+)(?=\S)")
# "[...][...]*", not "[...]+": a pattern that opens with a character set lets
# re jump to the next stop at C speed, one that opens with a repeat is tried
# at every position (7.1 -> 3.4 ms for 100,000 words). A text with no "!",
# "?" or ellipsis (most statements) is read with a pattern that opens with
# a plain full stop, which re finds faster still (1.5 ms).
_BOUNDARY = compile_regex(r"([.!?\u2026][.!?\u2026]*)" + _AFTER_STOP)
_FULL_STOP_BOUNDARY = compile_regex(r"(\.\.*)" + _AFTER_STOP)
_ITEM_NUMBER = compile_regex(r"\d{1,3}|[ivxlcIVXLC]{1,5}|[a-zA-Z]")
# The word before a stop, read backwards from the stop: the forward form,
# "[\w.\-']+$" searched in the look-back window, is tried at every position
# of the window (2.6 ms for the 1,772 look-backs of 100,000 words, against
# 1.1 ms). "\n?" because "$" also matches before a final line break.
_WORD_BACKWARDS = compile_regex(r"\n?([\w.\-']+)")
_NEXT_WORD = compile_regex(r"[\"'\u201c\u2018(\[]*(\w+)")

# A frozen dataclass sets each field through object.__setattr__; setting the
# slots directly builds the 4,769 sentences of 100,000 words in 1.1 ms, not 2.6.
_new_object = object.__new__
_set_index, _set_paragraph = Sentence.index.__set__, Sentence.paragraph.__set__
_set_text, _set_start = Sentence.text.__set__, Sentence.start.__set__


def _sentence(index: int, paragraph: int, text: str, start: int) -> Sentence:
    """``Sentence(index, paragraph, text, start)``, built faster (see above)."""
    sentence = _new_object(Sentence)
    _set_index(sentence, index)
    _set_paragraph(sentence, paragraph)
    _set_text(sentence, text)
    _set_start(sentence, start)
    return sentence


@dataclass(slots=True, eq=False)
class SentenceColumns:
    """The sentences of a text as three parallel lists, the i-th sentence
    being ``texts[i]``, in paragraph ``paragraphs[i]``, from ``starts[i]``.

    The comparison needs only each sentence's text and paragraph: appending
    them to lists costs a third of building a :class:`Sentence` each (100,000
    words a side: 2 ms less), and the lists become the result's tuples whole."""

    texts: list[str]
    paragraphs: list[int]
    starts: list[int]

    def __len__(self) -> int:
        return len(self.texts)


def segment(text: str, limit: int | None = None) -> list[Sentence]:
    """Split ``text`` into sentences, numbered in reading order.

    With ``limit``, segmentation stops at ``limit + 1`` sentences: enough to
    tell that the text is over the limit, in time that grows with the limit
    rather than with the text (a 19 MB paragraph is refused in a blink).
    """
    columns = sentence_columns(text, limit)
    return [_sentence(index, paragraph, sentence, start) for index, (sentence, paragraph, start)
            in enumerate(zip(columns.texts, columns.paragraphs, columns.starts, strict=True))]


def sentence_columns(text: str, limit: int | None = None) -> SentenceColumns:
    """What :func:`segment` finds, as :class:`SentenceColumns` (same ``limit``)."""
    boundaries = _boundaries_in(text)
    columns = SentenceColumns([], [], [])
    most = -1 if limit is None else max(limit + 1, 1)  # the count that stops it
    for paragraph, (start, end) in enumerate(split_paragraphs(text)):
        if _add_sentences(columns, text, (start, end, paragraph), boundaries, most):
            break
    return columns


def _boundaries_in(text: str):
    """The ``finditer`` of the candidate-boundary pattern for ``text``: the
    full-stop one when the text has no other terminal punctuation."""
    if "!" in text or "?" in text or "\u2026" in text:
        return _BOUNDARY.finditer
    return _FULL_STOP_BOUNDARY.finditer


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
        # Boilerplate is shorter than 60 characters: a longer line is not
        # copied out to be asked.
        if span is None or (span[1] - span[0] < 60 and is_boilerplate(text[span[0] : span[1]])):
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(span)
    return [block for block in blocks if block]


def _split_block(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split one block of lines into paragraphs (see :func:`split_paragraphs`)."""
    if len(block) == 1:  # one line, one paragraph: the usual case in canonical text
        return block
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
    columns = SentenceColumns([], [], [])
    _add_sentences(columns, paragraph, (start, len(paragraph.rstrip()), 0),
                   _boundaries_in(paragraph), -1)
    return [(start, start + len(text)) for text, start in zip(columns.texts, columns.starts,
                                                                 strict=True)]


def _add_sentences(columns: SentenceColumns, text: str, paragraph: tuple[int, int, int],
                   boundaries, most: int) -> bool:
    """Append the sentences of one ``(start, end, number)`` paragraph of
    ``text`` (trimmed at both ends) to ``columns``, cut at the candidates
    ``boundaries`` (a pattern's ``finditer``) finds; stop and return True
    once there are ``most``. Every test looks at a position, nothing copies
    the rest of the paragraph, so a long paragraph costs what its length
    does. One loop, no generator of spans between: 0.5 ms less for 100,000 words."""
    start, end, number = paragraph
    texts, starts = columns.texts, columns.starts
    before = len(texts)
    for match in boundaries(text, start, end):
        following = match.end()
        if text[following].islower():
            continue
        if match.start(3) < 0 or not _ends_with_abbreviation(text, match.start(1), start,
                                                              following):
            texts.append(text[start : match.end(2)])
            starts.append(start)
            start = following
            if len(texts) == most:
                break
    else:
        if start < end:
            texts.append(text[start:end])
            starts.append(start)
    columns.paragraphs.extend([number] * (len(texts) - before))  # one paragraph's numbers at once
    return len(texts) == most


def _ends_with_abbreviation(text: str, stop: int, sentence_start: int, following: int) -> bool:
    """True if the lone full stop at ``stop`` follows an abbreviation, an
    initial or a list number (``following``: where the next word starts)."""
    # Look back a bounded stretch: scanning from the sentence start each
    # time would make long paragraphs quadratic.
    window = max(sentence_start, stop - 30)
    # Most words before a stop are letters and digits after a space: found
    # with str's methods, not a regex match on the window read backwards
    # (1 ms less for 100,000 words). Such a word does not open the sentence.
    space = text.rfind(" ", window, stop)
    word = text[space + 1 : stop]
    if space >= 0 and word.isalnum():
        if len(word) > 1 and word.lower() not in _LISTED:
            return False  # most words before a stop: told without a call (0.5 ms per 200k words)
        return _is_abbreviation(word, False, text, following)
    before = _WORD_BACKWARDS.match(text[window:stop][::-1])
    if before is None:
        return False
    return _is_abbreviation(before.group(1)[::-1], stop - before.end(1) == sentence_start,
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
    if lowered in _INNER_ABBREVIATIONS or ("." in word and _is_dotted_acronym(word)):
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
