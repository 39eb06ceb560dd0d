"""A DOCX file's statement text, through python-docx.

The body's paragraphs and table cells in document order. Headers, footers
and page numbers live in other parts of the package, so they never come in.
Word numbers lists itself at display time, so the numbers are not in the
text: ``Numbering`` counts them again from the numbering definitions, so
that "1. The two sides…" keeps its "1." as it does from HTML and PDF.
"""

import io
from dataclasses import dataclass, field

from tracker.errors import InputError

_BULLET = "•"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def docx_paragraphs(data: bytes) -> list[str]:
    """Every non-empty paragraph of the body, list items with their labels."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # a damaged package fails in zipfile, lxml or python-docx
        raise InputError(f"not a readable DOCX file ({type(error).__name__}: {error})"[:300]) \
            from None
    numbering = Numbering.of(document)
    found = []
    for paragraph in _body_paragraphs(document):
        text = " ".join(paragraph.text.split())
        if text:
            label = numbering.label(*_list_level(paragraph))
            found.append(f"{label} {text}" if label else text)
    return found


def _body_paragraphs(document):
    """Paragraphs in document order, table cells' paragraphs in place."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from cell.paragraphs


def _list_level(paragraph) -> tuple[str | None, int]:
    """The list (numId) and level a paragraph belongs to, set on the
    paragraph or inherited from its style ("List Number")."""
    owners = [paragraph._p]
    style = paragraph.style
    while style is not None:
        owners.append(style.element)
        style = style.base_style
    for owner in owners:
        num_id = owner.xpath("./w:pPr/w:numPr/w:numId/@w:val")
        if num_id:
            level = owner.xpath("./w:pPr/w:numPr/w:ilvl/@w:val")
            return num_id[0], int(level[0]) if level else 0
    return None, 0


@dataclass
class Numbering:
    """The list definitions of a document and the counters so far."""

    part: object | None
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> "Numbering":
        try:
            return cls(document.part.numbering_part.element)
        except (KeyError, NotImplementedError):
            return cls(None)

    def label(self, num_id: str | None, level: int) -> str:
        """The next label of ``level`` in list ``num_id`` ("3.", "(b)", "•")."""
        if num_id in (None, "0") or self.part is None:
            return ""
        abstract = self._first(f'./w:num[@w:numId="{num_id}"]/w:abstractNumId/@w:val')
        lvl = f'./w:abstractNum[@w:abstractNumId="{abstract}"]/w:lvl[@w:ilvl="{level}"]'
        fmt = self._first(f"{lvl}/w:numFmt/@w:val") or "decimal"
        if fmt == "bullet":
            return _BULLET
        start = int(self._first(f"{lvl}/w:start/@w:val") or 1)
        self._count(abstract, level, start)
        text = self._first(f"{lvl}/w:lvlText/@w:val") or f"%{level + 1}."
        return self._render(text, abstract, lvl, fmt)

    def _count(self, abstract: str, level: int, start: int) -> None:
        """One more item at ``level``; deeper levels start again."""
        key = (abstract, level)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == abstract and k[1] > level]:
            del self.counters[deeper]

    def _render(self, text: str, abstract: str, lvl: str, fmt: str) -> str:
        for level in range(9):
            if f"%{level + 1}" in text:
                count = self.counters.get((abstract, level), 1)
                text = text.replace(f"%{level + 1}", _formatted(count, fmt))
        return text.strip()

    def _first(self, path: str) -> str | None:
        found = self.part.xpath(path)
        return str(found[0]) if found else None


def _formatted(count: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (count - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(count)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(count)


def _roman(count: int) -> str:
    numerals = ""
    for value, numeral in _ROMAN:
        while count >= value:
            numerals, count = numerals + numeral, count - value
    return numerals
