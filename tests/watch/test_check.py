"""Checks against a real local HTTP server: versions, reports, and faults.

Each fault leaves a recorded check, no half-written data, and the next check
working.
"""

import gzip
import time

import pytest
from werkzeug import Response

from tests.watch.conftest import PARAGRAPHS, page, quick_settings
from tracker.ingest.decode import decode_html
from tracker.ingest.filters import remove_ignored
from tracker.watch.check import check_source

SETTINGS = quick_settings()


def run(store, source_id, settings=SETTINGS):
    return check_source(store, store.source(source_id), settings)


def serve(httpserver, html, path="/statement", **headers):
    httpserver.clear()
    httpserver.expect_request(path).respond_with_data(
        html, content_type=headers.pop("content_type", "text/html; charset=utf-8"),
        headers=headers)


def counts(store):
    return {table: store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("snapshots", "reports", "deliveries", "checks")}


def test_first_text_then_unchanged_then_a_quiet_edit(store, httpserver, watch_source):
    source = watch_source()
    serve(httpserver, page())
    first = run(store, source.id)
    assert (first.outcome, first.version) == ("new-version", 1)
    stored = store.snapshot("edscg-6-joint-statement")
    assert stored.text.splitlines()[0] == "Joint Statement"
    for chrome in ("Home", "Press", "Facebook", "Related links", "Spokesperson", "analytics",
                   "Last updated"):
        assert chrome not in stored.text
    assert all(p in stored.text for p in PARAGRAPHS)
    assert stored.info.origin == "scheduler" and stored.info.source_url.endswith("/statement")
    assert first.reports == 1  # the meeting-over-meeting report against edscg-5

    serve(httpserver, page(updated="2025-10-02 17:45"))
    assert run(store, source.id).outcome == "unchanged"

    serve(httpserver, page(EDITED, updated="2025-10-03 02:10"))
    third = run(store, source.id)
    assert (third.outcome, third.version, third.reports) == ("new-version", 2, 1)
    assert_version_report(store.reports(1)[0])
    outcomes = [c.outcome for c in store.checks(source.id)]
    assert outcomes == ["new-version", "unchanged", "new-version"]


EDITED = PARAGRAPHS[:1] + ["The two sides condemned the DPRK's missile launches."] + \
    PARAGRAPHS[2:]


def assert_version_report(report):
    assert report.kind == "version" and report.version == 2
    assert report.payload["link"] == ("http://tracker.test/compare/edscg-6-joint-statement@1"
                                      "...edscg-6-joint-statement@2")
    stronger = report.payload["sections"]["stronger"]
    assert stronger and "condemned" in stronger[0]["marked"]
    assert stronger[0]["context"] == PARAGRAPHS[0]


def test_meeting_report_compares_with_the_previous_meeting(store, httpserver, watch_source):
    source = watch_source()
    serve(httpserver, page())
    run(store, source.id)
    report = store.reports(1)[0]
    assert report.kind == "meeting"
    assert report.payload["a"] == "edscg-5-joint-statement@1"
    assert report.payload["b"] == "edscg-6-joint-statement@1"
    assert report.payload["link"] == "http://tracker.test/compare/edscg-5...edscg-6"


def test_conditional_get_gives_not_modified(store, httpserver, watch_source):
    source = watch_source()
    httpserver.expect_request("/statement", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304)
    httpserver.expect_request("/statement").respond_with_data(
        page(), content_type="text/html", headers={"ETag": '"v1"'})
    assert run(store, source.id).outcome == "new-version"
    assert store.source(source.id).etag == '"v1"'
    second = run(store, source.id)
    assert second.outcome == "not-modified"
    assert store.checks(source.id, limit=1)[0].http_status == 304


def test_flip_flop_returns_without_a_new_version(store, httpserver, watch_source):
    source = watch_source()
    state_a, state_b = page(), page(PARAGRAPHS + ["A banner the cache sometimes shows."])
    for html, expected in ((state_a, "new-version"), (state_b, "new-version"),
                           (state_a, "returned"), (state_b, "unchanged"),
                           (state_a, "returned")):
        serve(httpserver, html)
        assert run(store, source.id).outcome == expected
    assert store.document("edscg-6-joint-statement").versions == 2
    assert [c.version for c in store.checks(source.id)][:3] == [1, 2, 1]
    assert sum(r.kind == "version" for r in store.reports()) == 1


def test_flip_flop_reported_when_asked(store, httpserver, watch_source):
    source = watch_source()
    settings = quick_settings()
    settings = type(settings)(base_url=settings.base_url,
                              watch=type(settings.watch)(**{**settings.watch.__dict__,
                                                            "report_returns": True}))
    for html in (page(), page(PARAGRAPHS[:3]), page()):
        serve(httpserver, html)
        run(store, source.id, settings)
    assert store.reports(1)[0].kind == "return"


def test_selector_and_ignore_patterns(store, httpserver, watch_source):
    source = watch_source(selector="article", ignore=(r"(?i)^last updated:.*$", r"^Share:.*$"))
    serve(httpserver, page())
    run(store, source.id)
    text = store.snapshot("edscg-6-joint-statement").text
    assert "Share:" not in text and "Related links" not in text


def test_selector_that_matches_nothing_is_an_error(store, httpserver, watch_source):
    source = watch_source(selector="div.statement-body")
    serve(httpserver, page())
    result = run(store, source.id)
    assert result.outcome == "error" and "matches nothing" in result.message
    assert store.document("edscg-6-joint-statement").versions == 0


def test_page_that_shrinks_to_a_fragment_is_not_stored(store, httpserver, watch_source):
    source = watch_source()
    serve(httpserver, page())
    run(store, source.id)
    serve(httpserver, page(PARAGRAPHS[:1]))
    result = run(store, source.id)
    assert result.outcome == "error" and "shrank" in result.message
    assert store.document("edscg-6-joint-statement").versions == 1


def test_wrong_charset_header_does_not_garble_the_text(store, httpserver, watch_source):
    source = watch_source()
    body = ("<html><body><main><p>The allies’ “ironclad” commitment — 한미동맹 — "
            "stands.</p><p>" + PARAGRAPHS[1] + "</p></main></body></html>").encode("utf-8")
    serve(httpserver, body, content_type="text/html; charset=iso-8859-1")
    assert run(store, source.id).outcome == "new-version"
    assert "The allies’ “ironclad” commitment — 한미동맹 — stands." in store.snapshot(
        "edscg-6-joint-statement").text


def test_legacy_encoding_named_only_by_the_header():
    data = "<p>Déclaration commune</p>".encode("cp1252")
    assert "Déclaration" in decode_html(data, "windows-1252")
    korean = "<p>한미 확장억제전략협의체</p>".encode("euc-kr")
    assert "확장억제" in decode_html(korean, "euc-kr")


def test_a_meta_charset_outranks_a_server_default_header():
    """A server's blanket ``charset=iso-8859-1`` (an old Apache default) is
    less likely to be right than the page's own declaration."""
    data = ('<meta charset="windows-1251"><p>Совместное заявление</p>').encode("cp1251")
    assert "Совместное заявление" in decode_html(data, "iso-8859-1")


LATIN1_PAGE = ("<html><body><main><p>Le caf\u00e9 de la cr\u00e8me, d\u00e9j\u00e0 vu et "
               "na\u00efve; \u00fcber alles.</p></main></body></html>").encode("latin-1")


@pytest.mark.parametrize("charset", ["x-bogus-charset", "utf-8", "utf8mb4", "utf-16", "cp037",
                                     "base64", '"'])
def test_a_bogus_charset_header_falls_back_to_detection(charset):
    """The header names no charset Python knows, a charset that cannot be
    HTML (not ASCII-compatible), or no text encoding at all: detection
    decides, and Western single-byte text reads as windows-1252."""
    assert "Le café de la crème, déjà vu et naïve; über alles." in decode_html(
        LATIN1_PAGE, charset)


def test_a_latin1_page_with_a_bogus_header_is_stored_right(store, httpserver, watch_source):
    source = watch_source()
    serve(httpserver, LATIN1_PAGE, content_type="text/html; charset=x-bogus-charset")
    assert run(store, source.id).outcome == "new-version"
    assert "déjà vu et naïve" in store.snapshot("edscg-6-joint-statement").text


def test_undeclared_korean_is_still_detected():
    sentence = "한미 확장억제전략협의체 제6차 회의 공동보도문. "
    korean = ("<p>" + sentence * 3 + "</p>").encode("euc-kr")
    assert "확장억제전략협의체" in decode_html(korean, "x-bogus-charset")


def test_a_backtracking_ignore_pattern_is_a_recorded_error(store, httpserver, watch_source):
    """``(a|aa)+$`` on a line of forty a's and a "!" backtracks for hours;
    the pattern's time limit turns it into one readable check error."""
    source = watch_source(ignore=(r"(a|aa)+$",))
    serve(httpserver, page(PARAGRAPHS + ["a" * 40 + "!"]))
    started = time.monotonic()
    result = run(store, source.id, quick_settings(ignore_timeout=0.2))
    assert time.monotonic() - started < 10
    assert result.outcome == "error"
    assert "the ignore pattern '(a|aa)+$' took longer than 0.2 s" in result.message
    assert store.checks(source.id)[0].message == result.message
    assert store.document("edscg-6-joint-statement").versions == 0


def test_the_issue_pattern_no_longer_hangs(store, httpserver, watch_source):
    """``^(a+)+$`` hung Python's ``re`` for ever on such a line; the
    ``regex`` engine answers at once, and the time limit stands behind it."""
    source = watch_source(ignore=(r"^(a+)+$",))
    serve(httpserver, page(PARAGRAPHS + ["a" * 40 + "!"]))
    result = run(store, source.id, quick_settings(ignore_timeout=1))
    assert result.outcome == "new-version"
    assert "a" * 40 + "!" in store.snapshot("edscg-6-joint-statement").text


def test_remove_ignored_lines():
    text = "Title\n\nLast updated: today\n\nViews: 1,234\n\nBody."
    assert remove_ignored(text, (r"^Last updated:.*$", r"^Views: [\d,]+$")) == "Title\n\nBody."


def _server_error_then_success(httpserver):
    calls = []

    def handler(_request):
        calls.append(1)
        if len(calls) == 1:
            return Response("busy", status=500)
        return Response(page(), content_type="text/html")

    httpserver.expect_request("/statement").respond_with_handler(handler)
    return calls


def test_server_error_then_success_is_retried(store, httpserver, watch_source):
    source = watch_source()
    calls = _server_error_then_success(httpserver)
    assert run(store, source.id).outcome == "new-version"
    assert len(calls) == 2


def _slow(_request):
    time.sleep(3)
    return Response(page(), content_type="text/html")


def _redirect_loop(_request):
    return Response("", status=302, headers={"Location": "/statement"})


def _bomb(_request):
    body = gzip.compress(b"<p>" + b"A" * 5_000_000 + b"</p>")
    return Response(body, content_type="text/html", headers={"Content-Encoding": "gzip"})


FAULTS = [
    ("not found", lambda _r: Response("gone", status=404), "HTTP 404"),
    ("server error", lambda _r: Response("oops", status=503), "HTTP 503"),
    ("timeout", _slow, "timed out"),
    ("too large", lambda _r: Response("<p>" + "x" * 300_000 + "</p>",
                                      content_type="text/html"), "larger than the limit"),
    ("gzip bomb", _bomb, "larger than the limit"),
    ("redirect loop", _redirect_loop, "redirects"),
    ("wrong content type", lambda _r: Response(b"PK\x05\x06" + bytes(18),
                                               content_type="application/zip"),
     "unsupported content type"),
    ("only script", lambda _r: Response("<html><script>x()</script></html>",
                                        content_type="text/html"), "no statement text"),
    ("binary", lambda _r: Response(b"\x00\x01\x02" * 100, content_type="text/plain"),
     "binary"),
]


@pytest.mark.parametrize(("name", "handler", "message"), FAULTS, ids=[f[0] for f in FAULTS])
def test_faults_are_recorded_and_the_next_check_works(store, httpserver, watch_source, name,
                                                      handler, message):
    source = watch_source()
    before = counts(store)
    httpserver.expect_request("/statement").respond_with_handler(handler)
    result = run(store, source.id, quick_settings(retries=0))
    assert result.outcome == "error" and message in result.message, result.message
    after = counts(store)
    assert after == {**before, "checks": before["checks"] + 1}
    recorded = store.checks(source.id, limit=1)[0]
    assert recorded.outcome == "error" and message in recorded.message
    httpserver.clear()
    serve(httpserver, page())
    assert run(store, source.id).outcome == "new-version"


def test_broken_html_still_yields_its_statement(store, httpserver, watch_source):
    source = watch_source()
    broken = "<html><body><main><p>" + PARAGRAPHS[0] + "<p>" + PARAGRAPHS[1] + "</div></span>"
    serve(httpserver, broken)
    assert run(store, source.id).outcome == "new-version"
    assert PARAGRAPHS[1] in store.snapshot("edscg-6-joint-statement").text


def test_connection_refused(store, watch_source, httpserver):
    source = watch_source()
    httpserver.stop()
    result = run(store, source.id, quick_settings(retries=1))
    assert result.outcome == "error" and "cannot connect" in result.message
    httpserver.start()


def test_a_change_the_engine_finds_empty_sends_nothing(store, httpserver, watch_source):
    source = watch_source()
    straight = PARAGRAPHS + ['The two sides called the alliance "ironclad".']
    curly = PARAGRAPHS + ["The two sides called the alliance “ironclad”."]
    serve(httpserver, page(straight))
    run(store, source.id)
    reports_before = len(store.reports())
    serve(httpserver, page(curly))
    result = run(store, source.id)
    assert (result.outcome, result.version, result.reports) == ("new-version", 2, 0)
    assert len(store.reports()) == reports_before


def test_digest_sums_up_the_checks(store, httpserver, watch_source):
    from tracker.watch.digest import make_digest

    source = watch_source()
    serve(httpserver, page())
    run(store, source.id)
    httpserver.clear()
    httpserver.expect_request("/statement").respond_with_data("gone", status=404)
    run(store, source.id, quick_settings(retries=0))
    report_id = make_digest(store, SETTINGS)
    digest = store.report(report_id)
    assert digest.kind == "digest" and "2 checks, 1 new versions, 1 errors" in digest.title
    lines = [item["text"] for item in digest.payload["sections"]["other"]]
    assert any("new-version v1" in line for line in lines)
    assert any("HTTP 404" in line for line in lines)
    assert make_digest(store, SETTINGS) is None  # nothing new since the last digest
