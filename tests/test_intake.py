"""Reading a SOURCE: files, standard input and URLs, before any database."""

import pytest

from tracker.errors import InputError
from tracker.ingest.decode import decode_text
from tracker.ingest.intake import read_source

LIMIT = 1_000_000


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain", "plain"),
        ("caf\u00e9".encode(), "café"),
        (b"\xef\xbb\xbfbom", "bom"),
        ("utf16 text".encode("utf-16"), "utf16 text"),
        (b"\xfe\xff" + "big endian".encode("utf-16-be"), "big endian"),
    ],
)
def test_decodes_utf8_and_bom_marked_unicode(data, expected):
    assert decode_text(data, "x") == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
     (b"caf\xe9", "not UTF-8 text \\(byte 0xe9 at offset 3\\)")],
)
def test_refuses_what_it_cannot_read_without_guessing(data, message):
    with pytest.raises(InputError, match=message):
        decode_text(data, "x")


def test_file_types(tmp_path):
    html = write(tmp_path, "s.html", b"<nav>menu</nav><p>Statement.</p>")
    assert read_source(html, "auto", LIMIT).raw_type == "html"
    assert read_source(html, "auto", LIMIT).text == "Statement."
    md = write(tmp_path, "s.md", b"# Title\n\nText.")
    assert read_source(md, "auto", LIMIT).text == "# Title\n\nText."
    as_text = read_source(html, "text", LIMIT)
    assert as_text.text.startswith("<nav>")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("s.pdf", b"%PDF-1.4", "not a readable PDF"),
        ("s.exe", b"MZ\x90\x00", "unsupported file type '.exe'"),
        ("s.txt", b"", "empty"),
        ("s.txt", b"  \n\n \t", "empty"),
        ("s.txt", b"\x00\x01\x02\x03", "binary"),
        ("s.html", b"<html><script>x()</script></html>", "no statement text"),
        ("s.html", b"\x00\x00\x00<p>x", "binary"),
    ],
)
def test_bad_files(tmp_path, name, data, message):
    with pytest.raises(InputError, match=message):
        read_source(write(tmp_path, name, data), "auto", LIMIT)


def test_missing_path_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(str(tmp_path / "nope.txt"), "auto", LIMIT)
    with pytest.raises(InputError, match="not a file"):
        read_source(str(tmp_path), "auto", LIMIT)


def test_size_limit(tmp_path):
    with pytest.raises(InputError, match="larger than the limit of 10 bytes"):
        read_source(write(tmp_path, "s.txt", b"x" * 11), "auto", 10)


def test_url_html_and_text(httpserver):
    httpserver.expect_request("/statement").respond_with_data(
        "<html><body><nav>Menu</nav><article><p>Fetched statement.</p></article></body></html>",
        content_type="text/html; charset=utf-8")
    httpserver.expect_request("/plain").respond_with_data("Plain statement.",
                                                          content_type="text/plain")
    page = read_source(httpserver.url_for("/statement"), "auto", LIMIT)
    assert (page.text, page.raw_type) == ("Fetched statement.", "html")
    assert page.source_url == httpserver.url_for("/statement")
    assert read_source(httpserver.url_for("/plain"), "auto", LIMIT).text == "Plain statement."


@pytest.mark.parametrize(
    ("status", "body", "content_type", "message"),
    [(404, "gone", "text/html", "HTTP 404"), (500, "oops", "text/html", "HTTP 500"),
     (200, "x" * 2000, "text/plain", "larger than the limit"),
     (200, "{}", "application/json", "unsupported content type 'application/json'")],
)
def test_url_failures(httpserver, status, body, content_type, message):
    httpserver.expect_request("/s").respond_with_data(body, status=status,
                                                      content_type=content_type)
    with pytest.raises(InputError, match=message):
        read_source(httpserver.url_for("/s"), "auto", 1000)


def test_url_that_cannot_connect():
    with pytest.raises(InputError, match="cannot connect"):
        read_source("http://127.0.0.1:9/statement", "auto", LIMIT)


def test_an_intake_becomes_a_capture_with_its_origin_and_note(tmp_path):
    name = write(tmp_path, "s.html", b"<title>T</title><p>The allies met.</p>")
    capture = read_source(name, "auto", LIMIT).capture("cli", note="re-checked")
    assert (capture.text, capture.raw_type, capture.origin, capture.note) == \
        ("The allies met.", "html", "cli", "re-checked")
    assert capture.raw.startswith(b"<title>")
