"""PDF and DOCX statements, made by the tests themselves (``tests.documents``):
the paragraphs come back in reading order, without page furniture, with
words mended and list numbers kept; a scan is refused; the same statement
as HTML, PDF and DOCX compares as unchanged."""

import io

import pytest

from tests.documents import (
    EXPECTED,
    PdfLayout,
    scanned_pdf,
    statement_docx,
    statement_html,
    statement_pdf,
)
from tracker.compare import compare_texts
from tracker.errors import InputError
from tracker.ingest.docxtext import docx_paragraphs
from tracker.ingest.furniture import PAGE_NUMBER
from tracker.ingest.intake import read_bytes, read_source
from tracker.ingest.paragraphs import join_lines
from tracker.ingest.pdftext import pdf_paragraphs, read_pages

LIMIT = 5_000_000
TEXT = "\n\n".join(EXPECTED)


@pytest.mark.parametrize("layout", [
    PdfLayout(),
    PdfLayout(columns=1, page_numbers="- {n} -"),
    PdfLayout(page_numbers="{n}", header=None, footer=None),
    PdfLayout(columns=1, page_numbers="{n}/{total}", footer="Ministry of Foreign Affairs"),
    PdfLayout(right_column_first=True),
], ids=["two-columns-page-n-of-m", "one-column-dashes", "bare-numbers", "n-slash-total",
        "drawn-right-column-first"])
def test_a_pdf_gives_the_statement_paragraphs(layout):
    data = statement_pdf(layout=layout)
    assert len(read_pages(data)) >= 2
    assert pdf_paragraphs(data) == EXPECTED


def test_the_two_column_pdf_really_has_two_columns_furniture_and_a_broken_word():
    """The layout the first test relies on, seen in pdfminer's raw lines."""
    pages = read_pages(statement_pdf())
    lines = [line for page in pages for block in page.blocks for line in block.lines]
    assert {round(line.x0) for line in lines} >= {40, 218}
    assert any(line.text.endswith("Consul-") for line in lines)
    assert any(line.text.startswith("tation Group") for line in lines)
    assert sum(line.text == "EDSCG · Joint Statement" for line in lines) == len(pages)
    assert any(line.text == f"Page 2 of {len(pages)}" for line in lines)


@pytest.mark.parametrize(("before", "after", "joined"), [
    ("the Consul-", "tation Group", "the Consultation Group"),
    ("the long-", "standing tie", "the long-standing tie"),  # written so elsewhere
    ("the Republic of", "Korea", "the Republic of Korea"),
    ("section 2-", "B follows", "section 2- B follows"),
    ("re\u00ad", "affirmed", "reaffirmed"),
])
def test_words_broken_at_a_line_end_are_mended(before, after, joined):
    vocabulary = {"long-standing", "consul", "tation"}
    assert join_lines(before, after, vocabulary) == joined


@pytest.mark.parametrize(("line", "furniture"), [
    ("3", True), ("Page 3", True), ("Page 3 of 5", True), ("- 3 -", True), ("— 12 —", True),
    ("3/5", True), ("page 3 of 5", True), ("2025", True),
    ("3. The two sides", False), ("Seoul, 3 October", False), ("Page three", False),
])
def test_page_number_lines(line, furniture):
    assert bool(PAGE_NUMBER.match(line)) is furniture


def test_a_title_on_page_one_only_is_kept_and_a_repeated_footer_is_not():
    text = pdf_paragraphs(statement_pdf())
    assert text[0] == EXPECTED[0]
    assert not any("Spokesperson" in p or "EDSCG ·" in p for p in text)


def test_a_docx_gives_the_paragraphs_with_word_numbering_and_no_header_or_footer():
    assert docx_paragraphs(statement_docx()) == EXPECTED


def test_docx_bullets_letters_and_a_table():
    from docx import Document

    document = Document()
    document.add_paragraph("First point.", style="List Bullet")
    document.add_paragraph("Second point.", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "For the United States", "For the ROK"
    out = io.BytesIO()
    document.save(out)
    assert docx_paragraphs(out.getvalue()) == [
        "• First point.", "• Second point.", "For the United States", "For the ROK"]


def test_the_same_statement_as_html_pdf_and_docx_compares_as_unchanged(tmp_path):
    texts = {}
    for name, data in [("s.html", statement_html()), ("s.pdf", statement_pdf()),
                       ("s.docx", statement_docx())]:
        (tmp_path / name).write_bytes(data)
        texts[name] = read_source(str(tmp_path / name), "auto", LIMIT).text
    assert texts["s.pdf"] == texts["s.docx"] == TEXT
    for a, b in [("s.html", "s.pdf"), ("s.html", "s.docx"), ("s.pdf", "s.docx")]:
        comparison = compare_texts(texts[a], texts[b], a, b, read_commitment=None)
        assert comparison.identical, (a, b, dict(comparison.summary))


@pytest.mark.parametrize(("data", "fmt"), [(statement_pdf(), "pdf"),
                                           (statement_docx(), "docx")])
def test_bytes_with_no_name_are_recognised_and_kept_raw(data, fmt):
    intake = read_bytes(data, "auto", "standard input", LIMIT)
    assert (intake.text, intake.raw, intake.raw_type) == (TEXT, data, fmt)


@pytest.mark.parametrize(("make", "message"), [
    (scanned_pdf, "scanned PDF: it has no text layer, only an image; run OCR"),
    (lambda: statement_pdf(scanned_page=True), "scanned PDF: page 3 of 3 has no text layer"),
])
def test_a_scan_is_refused_with_a_hint(tmp_path, make, message):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make())
    with pytest.raises(InputError, match=f"^{path}: {message}"):
        read_source(str(path), "auto", LIMIT)


@pytest.mark.parametrize(("name", "data", "message"), [
    ("s.pdf", statement_pdf()[:600], "not a readable PDF"),
    ("s.docx", b"PK\x03\x04" + b"\x00" * 40, "ZIP archive, not docx"),
    ("s.docx", b"Just text.", "not a DOCX file"),
    ("s.hwp", b"HWP Document File V5.00" + b"\x00" * 40, "HWP \\(Hangul\\) document: "
     "HWP is not supported yet; save it as PDF or DOCX"),
    ("s.hwpx", b"PK", "HWPX \\(Hangul\\) document: HWP is not supported yet"),
])
def test_damaged_or_unsupported_documents(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_source(str(path), "auto", LIMIT)


def block(text: str, x0: float, x1: float, top: float, lines: int = 3):
    from tracker.ingest.layout import Block, Line

    return Block(tuple(Line(f"{text} {n}", x0, x1, top + 12 * n, top + 12 * n + 10)
                       for n in range(lines)))


def test_reading_order_goes_one_column_two_columns_then_one_again():
    from tracker.ingest.layout import reading_order

    blocks = (block("right-1", 220, 380, 100), block("full-bottom", 40, 380, 300),
              block("left-1", 40, 200, 100), block("title", 40, 380, 40, 1),
              block("left-2", 40, 200, 160), block("right-2", 220, 380, 160))
    order = [b.lines[0].text.split()[0] for b in reading_order(blocks)]
    assert order == ["title", "left-1", "left-2", "right-1", "right-2", "full-bottom"]


def test_a_one_column_page_with_a_short_line_stays_in_page_order():
    from tracker.ingest.layout import find_gutter, reading_order

    blocks = (block("date", 300, 380, 40, 1), block("p1", 40, 380, 60),
              block("sig-left", 40, 150, 200, 1), block("p2", 40, 380, 120))
    assert find_gutter(blocks) is None
    order = [b.lines[0].text.split()[0] for b in reading_order(blocks)]
    assert order == ["date", "p1", "p2", "sig-left"]
