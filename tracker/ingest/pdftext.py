"""A PDF's statement text, through pdfminer.six.

pdfminer.six gives each line with its position (pypdf gives a stream of
strings whose places must be pieced together; ``benchmarks/
bench_documents.py`` compares both), and positions are what the rest
needs: ``layout`` puts two columns in reading order, ``furniture`` drops
running headers, footers and page numbers, ``paragraphs`` rebuilds the
paragraphs.

A page that is only an image (a scan) has no text to read: such a PDF is
refused with a hint to run OCR first, rather than stored without that
page's words.
"""

import io

from tracker.errors import InputError
from tracker.ingest.furniture import drop_furniture
from tracker.ingest.layout import Block, Line, Page, reading_order
from tracker.ingest.paragraphs import rebuild_paragraphs

# An image page that covers this share of the page, with no text on it, is a scan.
_SCAN_COVER = 0.5
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
              0xFB05: "st", 0xFB06: "st"}


def pdf_paragraphs(data: bytes) -> list[str]:
    """The paragraphs of a PDF, in reading order, without page furniture."""
    pages = read_pages(data)
    scanned = [page.number for page in pages if page.scanned]
    if scanned:
        which = "it has" if len(scanned) == len(pages) else (
            f"page {scanned[0]} of {len(pages)} has" if len(scanned) == 1 else
            f"pages {', '.join(map(str, scanned))} of {len(pages)} have")
        raise InputError(f"scanned PDF: {which} no text layer, only an image; run OCR on it "
                         "(e.g. ocrmypdf) and add the result")
    pages = drop_furniture(pages)
    return rebuild_paragraphs([block for page in pages for block in reading_order(page.blocks)])


def read_pages(data: bytes) -> list[Page]:
    """Every page's text blocks, with positions; a PDF that pdfminer cannot
    open (damaged, encrypted) is one readable ``InputError``."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return [_page(number, layout) for number, layout in
                enumerate(extract_pages(io.BytesIO(data), laparams=LAParams()), start=1)]
    except (PDFEncryptionError, PDFPasswordIncorrect):
        raise InputError("the PDF is encrypted; save an unencrypted copy and add that") from None
    except Exception as error:  # pdfminer raises many kinds on a damaged file
        raise InputError(f"not a readable PDF ({type(error).__name__}: {error})"[:300]) from None


def _page(number: int, layout) -> Page:
    from pdfminer.layout import LTTextBoxHorizontal

    height = layout.height
    blocks = []
    for element in layout:
        if isinstance(element, LTTextBoxHorizontal):
            lines = tuple(_line(line, height) for line in element if line.get_text().strip())
            if lines:
                blocks.append(Block(lines))
    scanned = not blocks and _image_area(layout) >= _SCAN_COVER * layout.width * height
    return Page(number, tuple(blocks), scanned)


def _line(line, height: float) -> Line:
    text = " ".join(line.get_text().translate(_LIGATURES).split())
    return Line(text, line.x0, line.x1, height - line.y1, height - line.y0)


def _image_area(layout) -> float:
    """How much of the page images cover (figures hold them in pdfminer)."""
    from pdfminer.layout import LTFigure, LTImage

    return sum(element.width * element.height for element in layout
               if isinstance(element, LTFigure | LTImage))
