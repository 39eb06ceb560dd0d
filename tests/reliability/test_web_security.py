"""Someone hostile reaches the web app: writes need a token and a CSRF
token, sources may not point inside the network, headers forbid framing and
inline script, and no input gives a 500."""

import re

import pytest

from tests.conftest import file_digest
from tracker.web import create_app

TOKEN = "a-long-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INTERNAL = ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x",
            "http://192.168.1.1/x", "http://172.16.0.5/x", "http://0.0.0.0/x",
            "http://2130706433/x", "http://0x7f000001/x", "http://[::ffff:127.0.0.1]/x",
            "http://[fe80::1]/x", "http://100.64.0.1/x"]


@pytest.fixture
def app(initialised):
    return create_app({"DATABASE": str(initialised), "TESTING": True, "ADMIN_TOKEN": TOKEN})


@pytest.mark.parametrize("url", INTERNAL)
def test_web_sources_may_not_point_inside_the_network(app, initialised, url):
    before = file_digest(initialised)
    done = app.test_client().post("/api/sources", headers=AUTH, json={
        "url": url, "document": "edscg-5-joint-statement"})
    assert done.status_code == 400, done.get_json()
    assert "address" in done.get_json()["error"] or "resolve" in done.get_json()["error"]
    assert file_digest(initialised) == before


def test_unresolvable_and_odd_urls(app):
    client = app.test_client()
    for url in ("http://no-such-host.invalid/x", "file:///etc/passwd", "gopher://x/",
                "javascript:alert(1)", "http:///x", ""):
        done = client.post("/api/sources", headers=AUTH,
                           json={"url": url, "document": "edscg-5-joint-statement"})
        assert done.status_code == 400, url


def test_private_sources_when_the_configuration_allows(initialised):
    app = create_app({"DATABASE": str(initialised), "TESTING": True, "ADMIN_TOKEN": TOKEN,
                      "ALLOW_PRIVATE_SOURCES": True})
    done = app.test_client().post("/api/sources", headers=AUTH, json={
        "url": "http://127.0.0.1:8080/statement", "document": "edscg-5-joint-statement",
        "every": "1h", "ignore": ["^Views: \\d+$"]})
    assert done.status_code == 201
    assert done.get_json()["interval_seconds"] == 3600


def test_source_form_needs_login_and_csrf(app):
    client = app.test_client()
    form = {"url": "http://127.0.0.1/x", "document": "edscg-5-joint-statement"}
    assert client.post("/sources", data=form).status_code == 302  # to the login page
    login = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    client.post("/login", data={"csrf_token": csrf, "token": TOKEN})
    page = client.get("/sources").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/sources", data=form).status_code == 400  # no CSRF token
    refused = client.post("/sources", data={**form, "csrf_token": csrf})
    assert refused.status_code == 400 and "must be public" in refused.get_data(as_text=True)


def test_writes_without_the_token(app):
    client = app.test_client()
    for path, body in (("/api/sources", {"url": "http://x/", "document": "d"}),
                       ("/api/snapshots", {"text": "x", "document": "d"})):
        assert client.post(path, json=body).status_code == 401
        assert client.post(path, json=body,
                           headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert client.post(path, json=body,
                           headers={"Authorization": TOKEN}).status_code == 401


@pytest.mark.parametrize("path", ["/", "/compare/edscg-4...edscg-5", "/search?q=x",
                                  "/documents/nope", "/api/meetings", "/feed.atom",
                                  "/static/tracker.css", "/login", "/no-such-page"])
def test_security_headers_everywhere(app, path):
    headers = app.test_client().get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


HOSTILE_QUERIES = ['"', '""', "(", ")", "((a", "a OR", "NOT", "AND AND", "NEAR(a b)",
                   "a:b", "col:x", "*", "^a", "-a", "+a", "a*b*", "'", "\\", "%", "\u0000",
                   "x" * 5000, "🙂🙂", "<script>alert(1)</script>", "' OR 1=1 --"]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_search_input_never_breaks_the_query(app, query):
    page = app.test_client().get("/search", query_string={"q": query})
    assert page.status_code == 200
    assert "<script>alert" not in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/compare/%00...%00", "/compare/..." * 50,
                                  "/documents/%2e%2e%2f", "/documents/x/v99999999999999999999",
                                  "/terms/" + "a" * 500, "/api/documents/%00",
                                  "/compare/edscg-4...edscg-5.exe", "/reports/0"])
def test_malformed_paths_are_4xx(app, path):
    status = app.test_client().get(path).status_code
    assert 400 <= status < 500, (path, status)
