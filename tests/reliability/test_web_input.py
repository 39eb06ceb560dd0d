"""Malformed input through every door of the web app, on a real database
file holding the bundled corpus: each case is a 4xx with one readable line
(JSON ``{"error": ...}`` under ``/api/``, the error page elsewhere), and the
database file is byte for byte what it was."""

import re

import pytest

from tests.conftest import file_digest
from tracker.web import create_app

AUTH = {"Authorization": "Bearer s3cret"}
BIG = "9" * 20  # past SQLite's 64-bit integers: OverflowError before the fix
DOC = "edscg-5-joint-statement"
SOURCE = {"url": "http://127.0.0.1:9/statement", "document": DOC}

GETS = [
    (f"/documents/{DOC}/v{BIG}", 400, "invalid version"),
    (f"/documents/{DOC}/v2147483648", 400, "invalid version"),
    (f"/documents/{DOC}/v٢", 400, "invalid version"),
    (f"/documents/{DOC}/v²", 400, "invalid version"),
    (f"/documents/{DOC}/vx", 400, "invalid version"),
    (f"/reports/{BIG}", 400, "invalid report id"),
    ("/reports/٣", 400, "invalid report id"),
    ("/reports/0", 400, "invalid report id"),
    (f"/compare/{DOC}@{BIG}...edscg-4", 400, "invalid version"),
    (f"/compare/{DOC}@²...edscg-4", 400, "invalid version"),
    (f"/compare/{DOC}@٢...edscg-4", 400, "invalid version"),
    (f"/compare/{DOC}@٢...edscg-4.json", 400, "invalid version"),
    (f"/compare/{DOC}@١...edscg-4.md", 400, "invalid version"),
    (f"/api/documents/{DOC}/v{BIG}", 400, "invalid version"),
    (f"/api/documents/{DOC}/v٢", 400, "invalid version"),
    (f"/api/compare?a={DOC}@{BIG}&b=edscg-4", 400, "invalid version"),
    (f"/api/compare?a={DOC}@²&b=edscg-4", 400, "invalid version"),
    (f"/api/compare?a=edscg-4&b={DOC}@٢", 400, "invalid version"),
    ("/api/no-such-thing", 404, "not found"),
    ("/api", 404, "not found"),
]

BODIES = [
    ("/api/snapshots", {"text": "New text.", "document": 123}, "'document' must be a string"),
    ("/api/snapshots", {"text": "New text.", "document": DOC, "note": {}},
     "'note' must be a string, not an object"),
    ("/api/snapshots", {"text": "New text.", "meeting": ["edscg-9"]},
     "'meeting' must be a string, not a list"),
    ("/api/snapshots", {"text": "New text.", "document": DOC, "format": []}, "'format'"),
    ("/api/snapshots", {"text": 5, "document": DOC}, "'text' must be a string"),
    ("/api/snapshots", {"document": DOC}, "'text' is required"),
    ("/api/snapshots", {"text": "New text.", "document": DOC, "evrey": "1h"},
     "unknown field 'evrey'"),
    ("/api/snapshots", {"text": "New text.", "document": DOC, "url": "https://x.test/",
                        "url_status": "trusted"}, "invalid url_status 'trusted'"),
    ("/api/snapshots", {"text": "New text.", "document": DOC, "url_status": True},
     "'url_status' must be a string, not true/false"),
    ("/api/snapshots", [1, 2], "send a JSON object"),
    ("/api/sources", {**SOURCE, "ignore": 5}, "'ignore' must be a string or a list of strings"),
    ("/api/sources", {**SOURCE, "ignore": ["ok", 2]}, "not a list holding a number"),
    ("/api/sources", {**SOURCE, "every": "99999999999999999999d"}, "at most 366d"),
    ("/api/sources", {**SOURCE, "every": "367d"}, "at most 366d"),
    ("/api/sources", {**SOURCE, "every": "٢h"}, "invalid interval"),
    ("/api/sources", {**SOURCE, "every": 60}, "'every' must be a string, not a number"),
    ("/api/sources", {**SOURCE, "note": {"a": 1}}, "'note' must be a string"),
    ("/api/sources", {"url": "http://127.0.0.1:9/"}, "'document' is required"),
]

RAW_BODIES = [
    ("/api/snapshots", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("/api/sources", '{"url": ' + "{\"a\": " * 50_000 + "1" + "}" * 50_001,
     "nested too deeply"),
    ("/api/snapshots", '{"text": "unfinished', "send a JSON object"),
    ("/api/snapshots", "\udcff", "send a JSON object"),
]


@pytest.fixture
def app(make_app):
    return make_app(ADMIN_TOKEN="s3cret", ALLOW_PRIVATE_SOURCES=True, API_RATE_LIMIT=(10**6, 1))


def one_line_reason(response) -> str:
    """The reason a 4xx gives, checked to be one line with no traceback."""
    body = response.get_data(as_text=True)
    assert "Traceback" not in body
    if response.request.path.startswith("/api"):
        assert response.mimetype == "application/json", body[:200]
        reason = response.get_json()["error"]
    else:
        assert response.mimetype == "text/html"
        reason = re.search(r'<p class="error-message">(.*?)</p>', body, re.S)[1]
    assert reason and "\n" not in reason and len(reason) < 400, reason
    return reason


@pytest.mark.parametrize(("path", "status", "reason"), GETS)
def test_malformed_addresses_are_refused_with_a_reason(app, initialised, path, status, reason):
    before = file_digest(initialised)
    response = app.test_client().get(path)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert reason in one_line_reason(response).lower()
    assert file_digest(initialised) == before


@pytest.mark.parametrize(("path", "body", "reason"), BODIES)
def test_malformed_bodies_are_refused_naming_the_field(app, initialised, path, body, reason):
    before = file_digest(initialised)
    response = app.test_client().post(path, json=body, headers=AUTH)
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert reason in one_line_reason(response)
    assert file_digest(initialised) == before


@pytest.mark.parametrize(("path", "data", "reason"), RAW_BODIES)
def test_unreadable_json_is_refused(app, initialised, path, data, reason):
    before = file_digest(initialised)
    response = app.test_client().post(path, data=data.encode("utf-8", "surrogateescape"),
                                      content_type="application/json", headers=AUTH)
    assert response.status_code == 400
    assert reason in one_line_reason(response)
    assert file_digest(initialised) == before


@pytest.mark.parametrize(("method", "path", "status"),
                         [("post", "/api/meetings", 405), ("delete", "/api/sources", 405),
                          ("put", "/api/compare", 405), ("get", "/api/snapshots", 405)])
def test_api_answers_json_for_routing_errors(app, method, path, status):
    response = getattr(app.test_client(), method)(path, headers=AUTH)
    assert response.status_code == status
    assert one_line_reason(response)
    assert "Allow" in response.headers


def test_api_answers_json_for_an_unexpected_error(app):
    """A route that fails the way a bug would: the answer is still JSON,
    and says nothing of the error itself."""
    def broken():
        raise RuntimeError("secret detail")

    app.add_url_rule("/api/broken", "broken", broken)
    app.add_url_rule("/broken", "broken-page", broken)
    response = app.test_client().get("/api/broken")
    assert response.status_code == 500 and response.mimetype == "application/json"
    assert response.get_json() == {"error": "Something went wrong; the error was logged."}
    page = app.test_client().get("/broken")
    assert page.status_code == 500 and page.mimetype == "text/html"
    assert "secret detail" not in page.get_data(as_text=True)


def test_api_answers_json_when_the_database_is_missing(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "none.db"), "TESTING": True})
    response = app.test_client().get("/api/documents")
    assert response.status_code == 503
    assert "tracker init" in response.get_json()["error"]


def test_api_answers_json_for_a_body_too_large(make_app, initialised):
    app = make_app(ADMIN_TOKEN="s3cret", MAX_CONTENT_LENGTH=1024)
    before = file_digest(initialised)
    response = app.test_client().post("/api/snapshots", json={"text": "x" * 4096},
                                      headers=AUTH)
    assert response.status_code == 413 and one_line_reason(response)
    assert file_digest(initialised) == before
