"""Binary files are never stored as text: ``--format text`` (or ``html``)
on a PDF, DOCX, ZIP, HWP or image is refused whatever the file is called,
with one line that names the format and what to do, and the database keeps
every byte. Before, ``tracker add statement.pdf --format text`` kept the raw
``%PDF-1.4 …`` bytes as a version."""

import io
import zipfile

import pytest

from tests.conftest import file_digest, run_tracker
from tests.documents import statement_docx, statement_pdf


def zip_bytes(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


BINARIES = [
    ("PDF file", statement_pdf(), "use --format pdf or leave --format out"),
    ("DOCX (Word) document", statement_docx(), "use --format docx or leave --format out"),
    ("ZIP archive", zip_bytes("a.txt"), "tracker reads text, Markdown, HTML, PDF and DOCX"),
    ("HWP (Hangul) document", b"HWP Document File V5.00\x1a" + bytes(200),
     "HWP is not supported yet; save it as PDF or DOCX"),
    ("HWPX (Hangul) document", zip_bytes("mimetype", "Contents/section0.xml"),
     "HWP is not supported yet"),
    ("PNG image", b"\x89PNG\r\n\x1a\n" + bytes(64), "convert it to one of those"),
    ("JPEG image", b"\xff\xd8\xff\xe0" + bytes(64), "convert it to one of those"),
    ("old-style Office file", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
     "convert it to one of those"),
]


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("suffix", [".txt", ".html", ".pdf"])
@pytest.mark.parametrize(("kind", "data", "advice"), BINARIES, ids=[b[0] for b in BINARIES])
def test_binary_input_named_as_text_is_refused_and_the_database_kept(
        cli, initialised, tmp_path, fmt, suffix, kind, data, advice):
    path = tmp_path / f"statement{suffix}"
    path.write_bytes(data)
    before = file_digest(initialised)
    done = cli("add", str(path), "--format", fmt, "--meeting", "edscg-6")
    assert done.exit_code == 1
    assert f"{path}: this is a" in done.output and kind in done.output
    assert f"not {fmt}: " in done.output and advice in done.output
    assert len(done.output.strip().splitlines()) == 1, done.output
    assert file_digest(initialised) == before


def test_a_pdf_named_txt_without_format_is_read_as_the_pdf_it_is(cli, initialised, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_bytes(statement_pdf())
    done = cli("add", str(path), "--meeting", "edscg-6", "--json")
    assert done.exit_code == 0, done.output
    shown = cli("history", "edscg-6-joint-statement", "--json")
    assert '"raw_type": "pdf"' in shown.output


def test_standard_input_refusal_in_a_real_process(initialised):
    before = file_digest(initialised)
    done = run_tracker("--db", str(initialised), "add", "-", "--format", "text",
                       "--meeting", "edscg-6", input=statement_pdf())
    assert done.returncode == 1
    assert done.stderr.decode().strip() == (
        "tracker: error: standard input: this is a PDF file, not text: "
        "use --format pdf or leave --format out")
    assert file_digest(initialised) == before


def test_the_wrong_document_format_is_refused(cli, initialised, tmp_path):
    path = tmp_path / "statement.pdf"
    path.write_bytes(statement_docx())
    before = file_digest(initialised)
    done = cli("add", str(path), "--format", "pdf", "--meeting", "edscg-6")
    assert done.exit_code == 1
    assert "this is a DOCX (Word) document, not pdf: use --format docx" in done.output
    assert file_digest(initialised) == before


def test_text_that_only_quotes_a_signature_is_still_text(cli, initialised, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes(b"A PDF file starts with %PDF-1.4 and a ZIP with PK.")
    done = cli("add", str(path), "--format", "text", "--meeting", "edscg-6")
    assert done.exit_code == 0, done.output
