"""PDF and DOCX statements over HTTP and through standard input, in real
``tracker`` processes against a real local server: ``tracker add URL``, a
watched source checked by ``tracker check``, and ``tracker add -``. The
raw file is kept (compressed, as for HTML) and ``show --raw`` gives it
back byte for byte."""

import json
import subprocess

import pytest

from tests.documents import EXPECTED, statement_docx, statement_pdf
from tests.reliability.conftest import TRACKER, child_env, tracker
from tracker.ingest.formats import DOCX_TYPE

DOCUMENT = "edscg-6-joint-statement"
TEXT = "\n\n".join(EXPECTED)


def config(tmp_path):
    path = tmp_path / "tracker.toml"
    path.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\ntotal_timeout = 20\n")
    return str(path)


def shown(db, ref: str) -> dict:
    done = tracker(db, "show", ref, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def raw(db, ref: str) -> bytes:
    return subprocess.run([*TRACKER, "--db", str(db), "show", ref, "--raw"],
                          capture_output=True, env=child_env(), timeout=60, check=True).stdout


@pytest.mark.parametrize(("data", "content_type", "raw_type"), [
    (statement_pdf(), "application/pdf", "pdf"),
    (statement_docx(), DOCX_TYPE, "docx"),
    (statement_pdf(), "application/octet-stream", "pdf"),
], ids=["pdf", "docx", "pdf-as-octet-stream"])
def test_add_by_url_then_a_watched_check_finds_it_unchanged(
        tmp_path, initialised, httpserver, data, content_type, raw_type):
    httpserver.expect_request("/statement").respond_with_data(data, content_type=content_type)
    url = httpserver.url_for("/statement")
    added = tracker(initialised, "add", url, "--document", DOCUMENT, "--meeting", "edscg-6")
    assert added.returncode == 0 and added.stdout.strip() == f"{DOCUMENT} v1", added.stderr
    snapshot = shown(initialised, f"{DOCUMENT}@1")
    assert snapshot["text"] == TEXT
    assert raw(initialised, f"{DOCUMENT}@1") == data
    assert tracker(initialised, "sources", "add", url, "--document", DOCUMENT).returncode == 0

    checked = tracker(initialised, "check", "--config", config(tmp_path), "--json")

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert json.loads(checked.stdout)["checks"][0]["outcome"] == "unchanged"
    history = json.loads(tracker(initialised, "history", DOCUMENT, "--json").stdout)
    assert [(v["version"], v["raw_type"]) for v in history] == [(1, raw_type)]


def test_a_watched_pdf_source_stores_a_new_version_on_its_first_check(
        tmp_path, initialised, httpserver):
    """The case of the issue: ``sources add`` took a PDF URL and every
    check then failed."""
    httpserver.expect_request("/s.pdf").respond_with_data(statement_pdf(),
                                                          content_type="application/pdf")
    assert tracker(initialised, "sources", "add", httpserver.url_for("/s.pdf"), "--document",
                   DOCUMENT, "--meeting", "edscg-6").returncode == 0
    checked = tracker(initialised, "check", "--config", config(tmp_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"{DOCUMENT}: new version v1" in checked.stdout
    assert shown(initialised, DOCUMENT)["text"] == TEXT


def test_a_scanned_pdf_source_is_a_failed_check_and_no_version(tmp_path, initialised,
                                                               httpserver):
    from tests.documents import scanned_pdf

    httpserver.expect_request("/scan.pdf").respond_with_data(scanned_pdf(),
                                                             content_type="application/pdf")
    tracker(initialised, "sources", "add", httpserver.url_for("/scan.pdf"), "--document",
            DOCUMENT, "--meeting", "edscg-6")
    checked = tracker(initialised, "check", "--config", config(tmp_path))
    assert checked.returncode == 1
    assert "scanned PDF: it has no text layer" in checked.stdout + checked.stderr
    assert json.loads(tracker(initialised, "history", DOCUMENT, "--json").stdout) == []


@pytest.mark.parametrize(("data", "raw_type"), [(statement_pdf(), "pdf"),
                                                (statement_docx(), "docx")])
def test_standard_input(initialised, data, raw_type):
    done = subprocess.run([*TRACKER, "--db", str(initialised), "add", "-", "--document",
                           DOCUMENT, "--meeting", "edscg-6"], input=data, capture_output=True,
                          env=child_env(), timeout=60)
    assert done.returncode == 0, done.stderr
    assert shown(initialised, DOCUMENT)["text"] == TEXT
    assert raw(initialised, f"{DOCUMENT}@1") == data
    history = json.loads(tracker(initialised, "history", DOCUMENT, "--json").stdout)
    assert history[0]["raw_type"] == raw_type
