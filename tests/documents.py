"""Statements as the files ministries publish, made here for the tests and
the benchmark (``benchmarks/bench_documents.py``): the same text as a
two-column PDF with a running header, page numbers and a word hyphenated at
a line end (reportlab), as a DOCX with a real numbered list (python-docx),
and as HTML. Also a scanned PDF: a page that is only an image.

A ``|`` in a paragraph marks where the PDF breaks a word with a hyphen
("consul|tation" prints "consul-" at a line end, "tation" on the next).
"""

import io
from dataclasses import dataclass

TITLE = "Joint Statement of the Sixth Consultation Group Meeting"
PARAGRAPHS = [
    "The United States and the Republic of Korea held the sixth meeting of the Extended "
    "Deterrence Strategy and Consul|tation Group in Seoul on October 1, 2025. The meeting "
    "was co-chaired by senior officials of both foreign and defense ministries.",
    "The two sides reaffirmed the long-standing commitment of the alliance to peace and "
    "stability on the Korean Peninsula, and reviewed the security environment in the "
    "region in detail, including recent missile launches and other provocations.",
    "The United States reiterated its ironclad commitment to defend the Republic of Korea, "
    "drawing on the full range of its defense capabilities, including nuclear, conventional, "
    "missile defense and advanced non-nuclear capabilities.",
    "The delegations agreed on the following steps:",
    "1. to expand information sharing on threats through the existing channels of both "
    "governments, including a new working-level table-top exercise each year;",
    "2. to strengthen combined planning and training, so that allied forces can respond "
    "swiftly and decisively to any attack;",
    "3. to hold regular consultations between the ministries, at least twice a year, on the "
    "implementation of these measures.",
    "The Republic of Korea reaffirmed its commitment to developing its own capabilities "
    "and to contributing to combined deterrence. The two sides welcomed the progress made "
    "since the last meeting and noted the value of close coordination.",
    "Both sides condemned the continued development of weapons of mass destruction by the "
    "DPRK and urged it to return to dialogue and to comply with its obligations under the "
    "relevant resolutions of the United Nations Security Council.",
    "The two sides also discussed cooperation with regional partners, and agreed that "
    "trilateral security cooperation contributes to deterrence and to the security of the "
    "wider region.",
    "The next meeting will be held in Washington in 2026. Both delegations expressed their "
    "appreciation for the productive discussions held during this session.",
]
HEADER = "EDSCG · Joint Statement"
FOOTER = "Office of the Spokesperson"


def clean(paragraph: str) -> str:
    """A paragraph as a reader sees it (no break markers)."""
    return paragraph.replace("|", "")


EXPECTED = [TITLE, *map(clean, PARAGRAPHS)]


@dataclass(frozen=True)
class PdfLayout:
    """How the PDF is set: A5 pages, so that the statement runs over three."""

    columns: int = 2
    page_numbers: str = "Page {n} of {total}"
    header: str | None = HEADER
    footer: str | None = FOOTER
    size: float = 11.0
    leading: float = 15.0
    # Some producers write the page's text out of reading order (the right
    # column first, the furniture last): only positions tell the order then.
    right_column_first: bool = False


def statement_pdf(paragraphs=PARAGRAPHS, title=TITLE, layout=PdfLayout(),
                  scanned_page: bool = False) -> bytes:
    """The statement as a PDF; ``scanned_page`` adds an image-only page."""
    pages = _flow(title, paragraphs, layout)
    if scanned_page:
        pages.append("scan")
    return _draw(pages, layout)


def scanned_pdf() -> bytes:
    """A PDF whose every page is an image of text, as a scanner makes."""
    return _draw(["scan", "scan"], PdfLayout())


def _wrap(paragraph: str, width: float, layout: PdfLayout) -> list[tuple[str, float]]:
    """Lines of one paragraph with their indent; list items hang."""
    from reportlab.lib.utils import simpleSplit

    def split(text, indent=0.0):
        return simpleSplit(text, "Helvetica", layout.size, width - indent)

    marker = paragraph.split(" ")[0] if paragraph[:1].isdigit() else ""
    indent = 14.0 if marker else 0.0
    head, _, tail = paragraph.partition("|")
    lines = split(head + ("-" if tail else ""))
    if tail:
        lines += split(tail)
    return [(line, indent if index else 0.0) for index, line in enumerate(lines)]


def _flow(title: str, paragraphs, layout: PdfLayout) -> list:
    """Place every line: a full-width title, then the columns, page by page.
    Returns pages as lists of (text, x, y, font)."""
    from reportlab.lib.pagesizes import A5

    width, height = A5
    margin, gutter = 40.0, 16.0
    column = (width - 2 * margin - gutter * (layout.columns - 1)) / layout.columns
    pages, page = [], [(title, margin, height - 70, "Helvetica-Bold")]
    top, col, y = height - 95, 0, height - 95
    for paragraph in paragraphs:
        for text, indent in _wrap(paragraph, column, layout):
            if y < 60:
                col, y = col + 1, top
                if col == layout.columns:
                    pages.append(page)
                    page, col, y, top = [], 0, height - 60, height - 60
            page.append((text, margin + col * (column + gutter) + indent, y, "Helvetica"))
            y -= layout.leading
        y -= layout.leading * 0.8
    return [*pages, page]


def _draw(pages: list, layout: PdfLayout) -> bytes:
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A5)
    width, height = A5
    for number, lines in enumerate(pages, start=1):
        if lines == "scan":
            pdf.drawImage(_scan_image(), 0, 0, width, height)
        else:
            if not layout.right_column_first:
                _furniture(pdf, number, len(pages), layout, width, height)
            for text, x, y, font in _in_drawing_order(lines, layout):
                pdf.setFont(font, layout.size + (3 if font.endswith("Bold") else 0))
                pdf.drawString(x, y, text)
            if layout.right_column_first:
                _furniture(pdf, number, len(pages), layout, width, height)
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def _in_drawing_order(lines: list, layout: PdfLayout) -> list:
    if not layout.right_column_first:
        return lines
    return sorted(lines, key=lambda line: -line[1])


def _furniture(pdf, number: int, total: int, layout: PdfLayout, width, height) -> None:
    pdf.setFont("Helvetica", 8)
    if layout.header:
        pdf.drawString(40, height - 30, layout.header)
    if layout.footer:
        pdf.drawString(40, 25, layout.footer)
    if layout.page_numbers:
        pdf.drawRightString(width - 40, 25, layout.page_numbers.format(n=number, total=total))


def _scan_image():
    """A grey page with dark strokes where lines of text would be."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (420, 595), 235)
    draw = ImageDraw.Draw(image)
    for y in range(60, 540, 16):
        draw.line((40, y, 380, y), fill=40, width=5)
    return ImageReader(image)


def statement_docx(paragraphs=PARAGRAPHS, title=TITLE) -> bytes:
    """The statement as Word writes it: a heading, paragraphs, a numbered
    list (Word's own numbering, so no number is in the text), page numbers
    and a running header."""
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].footer.paragraphs[0].text = f"{FOOTER} · Page 1"
    document.add_heading(title, level=1)
    for paragraph in map(clean, paragraphs):
        marker, _, rest = paragraph.partition(" ")
        if marker[:-1].isdigit() and marker.endswith("."):
            document.add_paragraph(rest, style="List Number")
        else:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def statement_html(paragraphs=PARAGRAPHS, title=TITLE) -> bytes:
    body = "".join(f"<p>{clean(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><main><h1>{title}</h1>{body}</main>"
            "<footer>Contact us</footer></body></html>").encode()
