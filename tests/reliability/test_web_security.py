"""Someone hostile reaches the web app: writes need a token and a CSRF
token, sources may not point inside the network, headers forbid framing and
inline script, and no input gives a 500."""

import re

import pytest

from tests.conftest import SignIn, csrf_of, file_digest

TOKEN = "a-long-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
INTERNAL = ["http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x",
            "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/x",
            "http://192.168.1.1/x", "http://172.16.0.5/x", "http://0.0.0.0/x",
            "http://2130706433/x", "http://0x7f000001/x", "http://[::ffff:127.0.0.1]/x",
            "http://[fe80::1]/x", "http://100.64.0.1/x"]


@pytest.fixture
def app(make_app):
    return make_app(ADMIN_TOKEN=TOKEN)


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


def test_private_sources_when_the_configuration_allows(make_app):
    app = make_app(ADMIN_TOKEN=TOKEN, ALLOW_PRIVATE_SOURCES=True)
    done = app.test_client().post("/api/sources", headers=AUTH, json={
        "url": "http://127.0.0.1:8080/statement", "document": "edscg-5-joint-statement",
        "every": "1h", "ignore": ["^Views: \\d+$"]})
    assert done.status_code == 201
    assert done.get_json()["interval_seconds"] == 3600


def test_source_form_needs_login_and_csrf(app):
    client = app.test_client()
    form = {"url": "http://127.0.0.1/x", "document": "edscg-5-joint-statement"}
    assert client.post("/sources", data=form).status_code == 302  # to the login page
    signed = SignIn(client, TOKEN)
    signed.sign_in()
    csrf = signed.form_token("/sources")
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
    assert page.status_code in (200, 400)  # 400: no word to search for, said on the page
    assert "<script>alert" not in page.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/compare/%00...%00", "/compare/..." * 50,
                                  "/documents/%2e%2e%2f", "/documents/x/v99999999999999999999",
                                  "/terms/" + "a" * 500, "/api/documents/%00",
                                  "/compare/edscg-4...edscg-5.exe", "/reports/0"])
def test_malformed_paths_are_4xx(app, path):
    status = app.test_client().get(path).status_code
    assert 400 <= status < 500, (path, status)


# -- sign-in: where it may send you, how long it lasts, how it ends ----------

def _sign_in(client, next_path: str = "/add", token: str = TOKEN, **kwargs):
    return SignIn(client, token).sign_in(next_path, **kwargs)


OFF_SITE = ["/%09/evil.example/x", "/%0A/evil.example/x", "/%0D%0A/evil.example",
            "%09/%09/evil.example", "%20//evil.example", "//evil.example", "///evil.example",
            "/%5C/evil.example", "/%5Cevil.example", "%5C%5Cevil.example",
            "https://evil.example/", "https:evil.example", "javascript:alert(1)",
            "/%00/evil.example", "/%7F/evil.example", "%0B//evil.example", "evil.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_next_never_leaves_the_site_however_it_is_spelled(app, initialised, target):
    before = file_digest(initialised)
    done = _sign_in(app.test_client(), target)
    assert done.status_code == 302, done.get_data(as_text=True)
    assert done.headers["Location"] == "/"
    assert file_digest(initialised) == before


@pytest.mark.parametrize("target", ["/add", "/documents/edscg-5-joint-statement",
                                    "/search?q=nuclear", "/compare/edscg-4...edscg-5"])
def test_next_within_the_site_is_followed(app, target):
    from urllib.parse import quote

    done = _sign_in(app.test_client(), quote(target, safe="/"))
    assert done.status_code == 302 and done.headers["Location"] == target


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_cookie_kept_from_before_logout_opens_nothing(app, initialised):
    client = app.test_client()
    _sign_in(client)
    csrf = csrf_of(client.get("/add").get_data(as_text=True))
    kept = _session_cookie(client)  # signed in, with its CSRF token
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
    before = file_digest(initialised)
    replay = app.test_client()
    replay.set_cookie("session", kept)
    assert replay.get("/add").status_code == 302
    form = {"csrf_token": csrf, "text": "A replayed version.",
            "document": "edscg-5-joint-statement"}
    refused = replay.post("/add", data=form)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert file_digest(initialised) == before
    assert ">Add<" not in replay.get("/").get_data(as_text=True)


def test_a_new_admin_token_ends_older_sign_ins(make_app):
    def make(token: str):
        return make_app(ADMIN_TOKEN=token, SECRET_KEY="one-key-for-both")

    client = make(TOKEN).test_client()
    _sign_in(client)
    kept = _session_cookie(client)
    same = make(TOKEN).test_client()
    same.set_cookie("session", kept)
    assert same.get("/add").status_code == 200  # a restart alone keeps the sign-in
    changed = make("a-new-admin-token").test_client()
    changed.set_cookie("session", kept)
    assert changed.get("/add").status_code == 302


def test_the_store_keeps_no_session_id(app, initialised):
    import sqlite3

    client = app.test_client()
    _sign_in(client)
    serializer = app.session_interface.get_signing_serializer(app)
    session_id = serializer.loads(_session_cookie(client))["sid"]
    with sqlite3.connect(initialised) as conn:
        rows = conn.execute("SELECT * FROM web_sessions").fetchall()
    conn.close()
    assert len(rows) == 1
    assert not any(session_id in str(value) or TOKEN in str(value) for value in rows[0])


def test_sign_in_cookie_is_short_lived_strict_and_secure_over_https(app):
    from datetime import UTC, datetime
    from email.utils import parsedate_to_datetime

    plain = _sign_in(app.test_client()).headers["Set-Cookie"]
    assert "HttpOnly" in plain and "SameSite=Strict" in plain and "Secure" not in plain
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", plain).group(1))
    hours = (expires - datetime.now(UTC)).total_seconds() / 3600
    assert 11.9 < hours <= 12.0
    over_https = _sign_in(app.test_client(), base_url="https://localhost")
    assert over_https.status_code == 302 and "; Secure" in over_https.headers["Set-Cookie"]


def test_secure_cookies_can_be_forced_behind_a_proxy(make_app):
    app = make_app(ADMIN_TOKEN=TOKEN, SESSION_COOKIE_SECURE=True)
    assert "; Secure" in _sign_in(app.test_client()).headers["Set-Cookie"]


@pytest.mark.slow
def test_a_sign_in_expires_however_busy_its_browser(make_app):
    """The cookie is refreshed on every request, but the sign-in behind it
    ends a fixed time after it began."""
    import time
    from datetime import timedelta

    app = make_app(ADMIN_TOKEN=TOKEN, PERMANENT_SESSION_LIFETIME=timedelta(seconds=4))
    client = app.test_client()
    _sign_in(client)
    signed_in = time.monotonic()
    for _ in range(2):
        time.sleep(1.2)
        assert client.get("/add").status_code == 200
    time.sleep(max(0.0, 4.6 - (time.monotonic() - signed_in)))
    assert client.get("/add").status_code == 302


def test_login_guesses_are_rate_limited(app):
    client = app.test_client()
    csrf = csrf_of(client.get("/login").get_data(as_text=True))
    statuses = [client.post("/login", data={"csrf_token": csrf, "token": f"guess-{n}"})
                .status_code for n in range(300)]
    assert statuses.count(401) == 10 and statuses.count(429) == 290  # 10 a minute
    limited = client.post("/login", data={"csrf_token": csrf, "token": TOKEN})
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    page = limited.get_data(as_text=True)
    assert "Too many sign-in attempts" in page and "Traceback" not in page
    other = app.test_client()
    assert _sign_in(other, environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 302
