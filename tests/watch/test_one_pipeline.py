"""``tracker add URL`` and a scheduled check read a page the same way.

Both go through ``tracker.ingest.pipeline``: one content-type table, one
decoder (HTTP charset included), one extractor. So a page added by hand and
then checked by the watcher is one version, and a content type is accepted
or refused by both alike. Real local servers, real database files, and
(for the end-to-end case) real ``tracker`` processes.
"""

import json

import pytest
from werkzeug import Response

from tests.documents import statement_docx, statement_pdf
from tests.reliability.conftest import child_env, tracker
from tests.watch.conftest import PARAGRAPHS, page, quick_settings
from tracker.errors import InputError
from tracker.ingest.formats import DOCX_TYPE
from tracker.ingest.intake import read_source
from tracker.watch.check import check_source

DOCUMENT = "edscg-6-joint-statement"
# Polish in ISO-8859-2, with no <meta charset>: only the HTTP header names the
# charset. Read as windows-1252 (what detection favours for Latin pages),
# "ą" becomes "±" and "ś" becomes "¶".
POLISH = [
    "Stany Zjednoczone i Republika Korei odbyły szóste posiedzenie grupy konsultacyjnej "
    "w Seulu. Obie strony wyraziły głębokie zaniepokojenie wystrzeleniami pocisków.",
    "Strony zgodziły się, że następne spotkanie odbędzie się w Waszyngtonie; ważność "
    "sojuszu pozostaje niezachwiana. Świętokrzyskie, źdźbło, żółć.",
]
POLISH_PAGE = ("<html><head><title>Wspólne oświadczenie</title></head><body><main>"
               "<h1>Wspólne oświadczenie</h1>" + "".join(f"<p>{p}</p>" for p in POLISH) +
               "</main></body></html>").encode("iso-8859-2")


def config(tmp_path):
    path = tmp_path / "tracker.toml"
    path.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\ntotal_timeout = 10\n")
    return str(path)


def versions(db) -> list[dict]:
    done = tracker(db, "history", DOCUMENT, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_an_iso_8859_2_page_added_by_hand_is_one_version_after_a_check(
        tmp_path, initialised, httpserver):
    """Before the one pipeline: ``add`` ignored the header and stored a
    garbled text, the check read the header and stored a second version."""
    httpserver.expect_request("/pl").respond_with_data(
        POLISH_PAGE, content_type="text/html; charset=iso-8859-2")
    url = httpserver.url_for("/pl")
    added = tracker(initialised, "add", url, "--document", DOCUMENT, "--meeting", "edscg-6")
    assert added.returncode == 0 and added.stdout.strip() == f"{DOCUMENT} v1", added.stderr
    source = tracker(initialised, "sources", "add", url, "--document", DOCUMENT)
    assert source.returncode == 0, source.stderr

    checked = tracker(initialised, "check", "--config", config(tmp_path), env=child_env())

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "unchanged" in checked.stdout
    assert [v["version"] for v in versions(initialised)] == [1]
    shown = tracker(initialised, "show", f"{DOCUMENT}@1").stdout
    assert all(paragraph in shown for paragraph in POLISH)


def test_the_record_carries_the_final_url_and_the_title(httpserver):
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/pl")})
    httpserver.expect_request("/pl").respond_with_data(
        POLISH_PAGE, content_type="text/html; charset=iso-8859-2")
    intake = read_source(httpserver.url_for("/old"), "auto", 1_000_000)
    assert intake.source_url == httpserver.url_for("/pl")
    assert (intake.raw, intake.raw_type) == (POLISH_PAGE, "html")
    assert intake.title == "Wspólne oświadczenie"
    assert intake.text.splitlines()[0] == "Wspólne oświadczenie"


MARKDOWN = "# Joint Statement\n\n" + "\n\n".join(PARAGRAPHS)
HTML = page().encode()
# (content type or None for no header, body, accepted)
TYPES = [
    ("text/html; charset=utf-8", HTML, True),
    ("application/xhtml+xml", HTML, True),
    ("text/plain; charset=utf-8", MARKDOWN.encode(), True),
    ("text/markdown", MARKDOWN.encode(), True),
    ("text/markdown; charset=iso-8859-2",
     (MARKDOWN + "\n\n" + POLISH[1]).encode("iso-8859-2"), True),
    ("text/x-markdown", MARKDOWN.encode(), True),
    (None, HTML, True),
    (None, MARKDOWN.encode(), True),
    ("application/pdf", statement_pdf(), True),
    (DOCX_TYPE, statement_docx(), True),
    ("text/csv", b"a,b\n1,2\n", False),
    ("application/json", b'{"text": "The two sides met."}', False),
    ("text/xml", b"<statement>The two sides met.</statement>", False),
    ("image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, False),
]


def serve_typed(httpserver, content_type, body):
    response = Response(body)
    if content_type is None:
        del response.headers["Content-Type"]
    else:
        response.headers["Content-Type"] = content_type
    httpserver.expect_request("/statement").respond_with_response(response)


@pytest.mark.parametrize(("content_type", "body", "accepted"), TYPES,
                         ids=[str(t[0]) + ("-html" if t[1] == HTML else "") for t in TYPES])
def test_add_and_check_accept_and_refuse_the_same_types(cli, store, httpserver, watch_source,
                                                        content_type, body, accepted):
    """Accepted: ``tracker add`` stores v1 and the check finds it unchanged.
    Refused: both say so, in the same words, and nothing is stored."""
    source = watch_source(ignore=())
    serve_typed(httpserver, content_type, body)
    added = cli("add", source.url, "--document", DOCUMENT)
    checked = check_source(store, source, quick_settings(retries=0))
    if accepted:
        assert added.exit_code == 0 and checked.outcome == "unchanged", (added.output, checked)
        assert store.document(DOCUMENT).versions == 1
    else:
        assert added.exit_code == 1 and checked.outcome == "error"
        assert added.stderr == f"tracker: error: {checked.message}\n"
        assert "unsupported content type" in checked.message
        assert store.document(DOCUMENT).versions == 0


def test_a_plain_text_page_honours_its_http_charset(httpserver):
    httpserver.expect_request("/s").respond_with_data(
        POLISH[1].encode("iso-8859-2"), content_type="text/plain; charset=iso-8859-2")
    assert read_source(httpserver.url_for("/s"), "auto", 1_000_000).text == POLISH[1]


def test_plain_text_without_a_usable_charset_is_still_refused(httpserver):
    """Nothing in plain text can confirm a guess, so a header that names
    no usable charset does not make tracker guess."""
    httpserver.expect_request("/s").respond_with_data(
        POLISH[1].encode("iso-8859-2"), content_type="text/plain; charset=x-bogus")
    with pytest.raises(InputError, match="not UTF-8 text"):
        read_source(httpserver.url_for("/s"), "auto", 1_000_000)
