"""Which library reads tracker's PDF and DOCX statements best, and how fast.

Usage: PYTHONPATH=. python benchmarks/bench_documents.py [--repeat N]

The files are made here (``tests/documents.py``): one statement of twelve
paragraphs set as PDFs in five layouts (two columns with a running header,
footer and "Page n of m"; one column with "- n -"; bare page numbers; "n/m"
with a ministry footer), each with a word hyphenated at a line end and a
numbered list, and as a DOCX with Word's own list numbering and a header
and footer. The expected text is the statement's paragraphs.

Two figures per candidate and file:

- ``words``: difflib's ratio between the candidate's words and the
  expected words (1.0 = the same words in the same order; furniture,
  columns read across and broken words all lower it);
- ``paras``: the share of expected paragraphs found whole, as a line or a
  blank-line-separated block of the output (what the comparison engine
  sees as a sentence's context).

Candidates: pypdf's ``extract_text`` (plain and ``layout`` mode),
pdfminer.six's ``extract_text``, and tracker's reader (pdfminer.six's
positioned lines through ``layout``, ``furniture`` and ``paragraphs``);
for DOCX, python-docx's paragraph texts as they are, and tracker's reader
(the same, plus list numbering).
"""

from __future__ import annotations

import argparse
import difflib
import io
import time
from collections.abc import Callable

from tests.documents import EXPECTED, PdfLayout, statement_docx, statement_pdf

LAYOUTS = {
    "2col-page-n-of-m": PdfLayout(),
    "1col-dashes": PdfLayout(columns=1, page_numbers="- {n} -"),
    "2col-bare-numbers": PdfLayout(page_numbers="{n}", header=None, footer=None),
    "1col-n-slash-m": PdfLayout(columns=1, page_numbers="{n}/{total}",
                                footer="Ministry of Foreign Affairs"),
    "2col-drawn-right-first": PdfLayout(right_column_first=True),
}


def pypdf_plain(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pypdf_layout(data: bytes) -> str:
    from pypdf import PdfReader

    pages = PdfReader(io.BytesIO(data)).pages
    return "\n\n".join(page.extract_text(extraction_mode="layout") for page in pages)


def pdfminer_plain(data: bytes) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def tracker_pdf(data: bytes) -> str:
    from tracker.ingest.pdftext import pdf_paragraphs

    return "\n\n".join(pdf_paragraphs(data))


def python_docx_plain(data: bytes) -> str:
    from docx import Document

    return "\n\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def tracker_docx(data: bytes) -> str:
    from tracker.ingest.docxtext import docx_paragraphs

    return "\n\n".join(docx_paragraphs(data))


PDF_READERS = {"pypdf": pypdf_plain, "pypdf layout": pypdf_layout,
               "pdfminer.six": pdfminer_plain, "tracker (pdfminer.six)": tracker_pdf}
DOCX_READERS = {"python-docx": python_docx_plain, "tracker (python-docx)": tracker_docx}


def word_accuracy(text: str) -> float:
    expected = " ".join(EXPECTED).split()
    return difflib.SequenceMatcher(None, expected, text.split(), autojunk=False).ratio()


def paragraph_share(text: str) -> float:
    pieces = {" ".join(p.split()) for p in text.split("\n\n")} | set(text.splitlines())
    return sum(p in pieces for p in EXPECTED) / len(EXPECTED)


def measure(read: Callable[[bytes], str], data: bytes, repeat: int) -> tuple[float, str]:
    """Milliseconds per read (best of ``repeat``) and the text read."""
    best, text = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        text = read(data)
        best = min(best, time.perf_counter() - start)
    return best * 1000, text


def rows(files: dict[str, bytes], readers: dict[str, Callable], repeat: int) -> list[list]:
    table = []
    for name, read in readers.items():
        runs = [measure(read, data, repeat) for data in files.values()]
        times = [ms for ms, _ in runs]
        table.append([name, sum(times) / len(times),
                      min(word_accuracy(text) for _, text in runs),
                      sum(word_accuracy(text) for _, text in runs) / len(runs),
                      sum(paragraph_share(text) for _, text in runs) / len(runs)])
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pdfs = {name: statement_pdf(layout=layout) for name, layout in LAYOUTS.items()}
    docx = {"statement.docx": statement_docx()}
    print(f"{'candidate':<24} {'ms/file':>8} {'words min':>10} {'words avg':>10} "
          f"{'paras':>6}")
    for kind, files, readers in [("PDF", pdfs, PDF_READERS), ("DOCX", docx, DOCX_READERS)]:
        print(f"-- {kind}: {len(files)} file(s)")
        for name, ms, low, mean, paras in rows(files, readers, args.repeat):
            print(f"{name:<24} {ms:>8.1f} {low:>10.3f} {mean:>10.3f} {paras:>6.2f}")


if __name__ == "__main__":
    main()
