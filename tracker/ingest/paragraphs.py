"""Lines back into paragraphs: a PDF knows lines, a statement has paragraphs.

- Lines of one block join with a space; a block breaks into paragraphs at a
  list item ("1.", "(a)", "•") and after a sentence that ends a short line
  or before an indented first line.
- A block that carries on the previous one (it ended mid-sentence and this
  one starts in lower case, as across a column or page break) joins it.
- A word broken at a line end ("consul-" / "tation") is mended. When the
  document writes the word elsewhere with its hyphen ("long-standing") and
  never without, the hyphen stays.
"""

import re

from tracker.ingest.layout import Block, Line

LIST_ITEM = re.compile(r"^(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,5}[.)]|[•●▪◦‣∙·*–-])\s")
TERMINAL = tuple(".!?:;\"'”’)]")
_WORD = re.compile(r"\w+(?:-\w+)*")
_BROKEN = re.compile(r"(\w+)-$")
# A line this much shorter than its block, after a full stop, ends a paragraph.
_SHORT = 0.15
_INDENT = 3.0


def rebuild_paragraphs(blocks: list[Block]) -> list[str]:
    """The paragraphs of ``blocks``, taken in the order given."""
    vocabulary = {word.lower() for block in blocks for line in block.lines
                  for word in _WORD.findall(line.text)}
    paragraphs: list[str] = []
    for block in blocks:
        for index, text in enumerate(_block_paragraphs(block, vocabulary)):
            if index == 0 and paragraphs and _carries_on(paragraphs[-1], text):
                paragraphs[-1] = join_lines(paragraphs[-1], text, vocabulary)
            else:
                paragraphs.append(text)
    return paragraphs


def _block_paragraphs(block: Block, vocabulary: set[str]) -> list[str]:
    found: list[str] = []
    current, previous = "", None
    for line in block.lines:
        if previous is not None and _starts_paragraph(line, previous, block, current):
            found.append(current)
            current = line.text
        else:
            current = join_lines(current, line.text, vocabulary) if current else line.text
        previous = line
    return [*found, current]


def _starts_paragraph(line: Line, previous: Line, block: Block, current: str) -> bool:
    """Whether ``line`` opens a new paragraph within its block."""
    if LIST_ITEM.match(line.text):
        return True
    if not previous.text.endswith(TERMINAL):
        return False
    short = previous.x1 < block.x1 - _SHORT * (block.x1 - block.x0)
    indented = line.x0 > previous.x0 + _INDENT and not LIST_ITEM.match(current)
    return short or indented


def _carries_on(before: str, after: str) -> bool:
    if LIST_ITEM.match(after):
        return False
    return bool(_BROKEN.search(before)) or (not before.endswith(TERMINAL)
                                           and after[:1].islower())


def join_lines(before: str, after: str, vocabulary: set[str]) -> str:
    """Two lines of one paragraph as one, mending a word broken by a hyphen."""
    if before.endswith("\u00ad"):
        return before[:-1] + after
    broken = _BROKEN.search(before)
    if not broken or not after[:1].islower():
        return f"{before} {after}"
    head, tail = broken.group(1).lower(), _WORD.match(after).group(0).lower()
    if f"{head}-{tail}" in vocabulary and f"{head}{tail}" not in vocabulary:
        return before + after
    return before[:-1] + after
