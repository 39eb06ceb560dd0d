"""The web app through Flask's test client, on a real database file."""

import importlib
import re

import pytest

from tests.conftest import SignIn
from tracker.errors import (
    ConflictError,
    DatabaseError,
    InputError,
    NotFoundError,
    TrackerError,
    UnavailableError,
)
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store
from tracker.web import create_app

PAYLOAD = '<script>alert("x")</script><img src=x onerror="alert(1)">'


@pytest.fixture
def app(make_app, initialised):
    """The read-only app (``client`` comes from conftest), over the corpus and
    one planted hostile statement."""
    with open_store(initialised) as store:
        meeting = MeetingSpec("edscg-9", "edscg", number=9, title=f"Hostile {PAYLOAD}")
        store.add(DocumentSpec("edscg-9-joint-statement", meeting, publisher=PAYLOAD,
                               url="javascript:alert(1)"),
                  Capture(f"Planted text {PAYLOAD}."))
    return make_app()


def test_home_lists_meetings_and_documents(client):
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for slug in ("edscg-1", "edscg-5", "ncg-1", "ncg-5", "two-plus-two-2016"):
        assert f'id="meeting-{slug}"' in html
    assert "/documents/edscg-5-joint-statement-rok" in html


def test_document_and_snapshot_pages(client):
    doc = client.get("/documents/edscg-5-joint-statement")
    assert doc.status_code == 200
    assert "/documents/edscg-5-joint-statement/v1" in doc.get_data(as_text=True)
    snap = client.get("/documents/edscg-5-joint-statement/v1")
    assert snap.status_code == 200
    assert "swift, overwhelming and decisive response" in snap.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [("/documents/no-such-document", 404), ("/documents/edscg-5-joint-statement/v9", 404),
     ("/documents/edscg-5-joint-statement/v0", 400), ("/documents/Bad_Slug", 400),
     ("/no-such-page", 404)],
)
def test_error_pages(client, path, status):
    page = client.get(path)
    assert page.status_code == status
    html = page.get_data(as_text=True)
    assert "Traceback" not in html and f"{status}" in html


def test_source_text_is_escaped_everywhere(client):
    for path in ("/", "/documents/edscg-9-joint-statement",
                 "/documents/edscg-9-joint-statement/v1"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html, path
        assert 'href="javascript:' not in html, path
    assert "&lt;script&gt;" in client.get("/documents/edscg-9-joint-statement/v1").get_data(
        as_text=True)


def test_security_headers(client):
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_missing_database_is_a_clear_error(tmp_path):
    app = create_app({"DATABASE": str(tmp_path / "none.db"), "TESTING": True})
    page = app.test_client().get("/")
    assert page.status_code == 503
    assert "tracker init" in page.get_data(as_text=True)
    assert not (tmp_path / "none.db").exists()


def test_static_stylesheet_is_served(client):
    assert client.get("/static/tracker.css").status_code == 200


# -- compare, series views, search, API -------------------------------------

@pytest.mark.parametrize(
    "path",
    ["/compare/edscg-4...edscg-5", "/compare/edscg-4...edscg-5?view=side",
     "/compare/edscg-4...edscg-5?changes=only",
     "/compare/edscg-5-joint-statement@1...edscg-5-joint-statement-rok",
     "/compare/edscg-4...edscg-5?topic=nuclear&actor=Alliance&change=added",
     "/commitments/edscg", "/commitments/ncg?topic=nuclear", "/terms/edscg",
     "/terms/edscg?term=swift&meeting=edscg-5", "/search", "/search?q=ironclad",
     "/sources", "/reports"],
)
def test_read_pages(client, path):
    assert client.get(path).status_code == 200


def test_compare_page_shows_summary_commitments_and_words(client):
    html = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
    assert 'class="summary"' in html and "dropped" in html and "stronger" in html
    assert "<ins>" in html and "<del>" in html
    assert 'class="commitment-table"' in html
    assert 'rel="prev"' in html and "edscg-3...edscg-4" in html


def _neighbour_links(client, spec: str) -> tuple[str | None, str | None]:
    """The compare page's previous and next pairs, as their ``A...B`` specs."""
    html = client.get(f"/compare/{spec}").get_data(as_text=True)
    found = [re.search(rf'rel="{rel}" id="{name}" href="/compare/([^"?]+)', html)
             for rel, name in (("prev", "previous-meeting"), ("next", "next-meeting"))]
    return tuple(match.group(1) if match else None for match in found)


def test_previous_and_next_pairs_follow_what_changed_since(client):
    """The compare page offers the pairs the home page asks "what changed
    since" about, and no other: the Washington Declaration is not a revision
    of the 2016 2+2 statement, though it came next."""
    home = client.get("/").get_data(as_text=True)
    pairs = set(re.findall(r'class="since-link" href="/compare/([^"]+)"', home))
    assert "two-plus-two-2016...two-plus-two-2024" in pairs
    assert not any("washington-declaration-2023" in pair for pair in pairs)
    assert _neighbour_links(client, "edscg-3...edscg-4") == ("edscg-2...edscg-3",
                                                              "edscg-4...edscg-5")
    assert _neighbour_links(client, "ncg-1...ncg-2") == (None, "ncg-2...ncg-3")
    assert _neighbour_links(client, "two-plus-two-2016...two-plus-two-2024") == (None, None)
    # Adjacent in time, not of a kind: no chain to walk.
    assert _neighbour_links(client, "washington-declaration-2023...nuclear-guidelines-2024") \
        == (None, None)
    for pair in pairs:
        assert {link for link in _neighbour_links(client, pair) if link} <= pairs, pair


def test_compare_picker_redirects_to_a_permalink(client):
    newest = client.get("/compare")
    assert newest.status_code == 302 and newest.headers["Location"].endswith(
        "/compare/edscg-4...edscg-5")
    chosen = client.get("/compare?a=edscg-3&b=edscg-5&view=side")
    assert chosen.headers["Location"] == "/compare/edscg-3...edscg-5?view=side"


def test_identical_sides_say_so(client):
    html = client.get("/compare/edscg-5...edscg-5-joint-statement@1").get_data(as_text=True)
    assert 'id="identical"' in html


def test_commitment_filters_narrow_the_table(client):
    every = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
    only = client.get("/compare/edscg-4...edscg-5?topic=cyber").get_data(as_text=True)
    assert only.count('class="change-') < every.count('class="change-')
    assert "cyber" in only.split('class="commitment-table"')[1].split("</table>")[0]


def test_moved_units_link_to_where_they_stood(client):
    html = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
    import re

    for target in re.findall(r'class="moved-link[^"]*" href="#([ug]\d+)"', html):
        assert f'id="{target}"' in html


@pytest.mark.parametrize(
    ("path", "status"),
    [("/compare/edscg-4", 400), ("/compare/edscg-4...", 400), ("/compare/Bad...edscg-5", 400),
     ("/compare/edscg-4...edscg-7", 404), ("/compare/edscg-4...edscg-5-joint-statement@9", 404),
     ("/commitments/nope", 404), ("/terms/Bad_Series", 400),
     ("/api/compare?a=edscg-4", 400), ("/api/compare?a=nope&b=edscg-5", 404),
     ("/api/documents/nope", 404), ("/api/documents/x/v3", 404)],
)
def test_bad_names(client, path, status):
    assert client.get(path).status_code == status


def test_downloads(client):
    base = "/compare/edscg-4...edscg-5"
    as_json = client.get(base + ".json")
    assert as_json.mimetype == "application/json" and as_json.get_json()["summary"]
    assert "attachment" in as_json.headers["Content-Disposition"]
    assert client.get(base + ".md").get_data(as_text=True).startswith(
        "# Fourth EDSCG meeting (2023-09-15) · joint press release → Fifth EDSCG meeting")
    assert client.get(base + ".diff").get_data(as_text=True).startswith("--- ")


def test_api_compare_is_the_cli_json(client, cli, initialised):
    from_api = client.get("/api/compare?a=edscg-4&b=edscg-5").get_data(as_text=True)
    from_cli = cli("diff", "edscg-4", "edscg-5", "--format", "json", db=initialised).output
    assert from_api.strip() == from_cli.strip()


def test_api_lists(client):
    meetings = client.get("/api/meetings?series=edscg").get_json()
    assert [m["slug"] for m in meetings] == [f"edscg-{n}" for n in range(1, 6)] + ["edscg-9"]
    assert any(d["slug"] == "ncg-1-joint-readout" for d in client.get("/api/documents").get_json())
    doc = client.get("/api/documents/edscg-5-joint-statement").get_json()
    assert doc["versions"][0]["version"] == 1
    snap = client.get("/api/documents/edscg-5-joint-statement/v1").get_json()
    assert "end of that regime" in snap["text"]


def test_comparisons_are_cached_by_hash(app, client):
    cache = app.extensions["tracker.cache"]
    client.get("/compare/edscg-4...edscg-5")
    misses = cache.misses
    client.get("/compare/edscg-4...edscg-5?view=side")
    client.get("/api/compare?a=edscg-4&b=edscg-5")
    assert cache.misses == misses and cache.hits >= 2


def test_search_highlights_and_filters(client):
    html = client.get('/search?q="end of that regime"').get_data(as_text=True)
    assert "<mark>end of that regime</mark>" in html
    filtered = client.get('/search?q=regime&meeting=ncg-4').get_data(as_text=True)
    assert "ncg-4-joint-statement" in filtered and "edscg-5-joint-statement v" not in filtered


@pytest.mark.parametrize("query", ['"', "(", "AND", "NEAR(", "*", "a OR", "'; DROP TABLE x; --",
                                   "x" * 2000, "\u0000", "🙂"])
def test_search_never_breaks(client, query):
    """A query with no word to search for is a 400 that says so on the page."""
    page = client.get("/search", query_string={"q": query})
    html = page.get_data(as_text=True)
    assert page.status_code in (200, 400) and "Traceback" not in html
    assert page.status_code == 200 or "type a word" in html


def test_search_escapes_planted_markup(client):
    html = client.get("/search?q=planted").get_data(as_text=True)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


# -- writing: read-only by default, then token, session and CSRF -------------

def test_read_only_without_a_token(client):
    assert client.get("/add").status_code == 403
    assert client.post("/add", data={"text": "x"}).status_code == 403
    assert client.post("/api/snapshots", json={"text": "x"}).status_code == 403


@pytest.fixture
def admin_app(make_app):
    return make_app(ADMIN_TOKEN="s3cret")


def _login(client) -> str:
    """Sign in with the admin token; the form token to write with."""
    signed = SignIn(client)
    done = signed.sign_in()
    assert done.status_code == 302 and done.headers["Location"] == "/add"
    return signed.form_token()


def test_add_from_the_browser_needs_login_and_csrf(admin_app, initialised):
    from tests.conftest import file_digest

    client = admin_app.test_client()
    assert client.get("/add").status_code == 302
    assert SignIn(client, "wrong").sign_in().status_code == 401
    csrf = _login(client)
    before = file_digest(initialised)
    form = {"text": "The allies met again.", "meeting": "edscg-6", "date": "2025-10-01"}
    assert client.post("/add", data=form).status_code == 400
    assert client.post("/add", data={**form, "csrf_token": "forged"}).status_code == 400
    bad = client.post("/add", data={**form, "csrf_token": csrf, "date": "1 Oct"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_data(as_text=True)
    assert file_digest(initialised) == before
    done = client.post("/add", data={**form, "csrf_token": csrf})
    assert done.status_code == 200 and "Added edscg-6-joint-statement v1" in done.get_data(
        as_text=True)
    assert client.get("/api/documents/edscg-6-joint-statement").get_json()["versions"][0][
        "origin"] == "web"


def test_upload_a_file(admin_app):
    import io

    client = admin_app.test_client()
    csrf = _login(client)
    data = {"csrf_token": csrf, "document": "edscg-5-joint-statement",
            "file": (io.BytesIO(b"<main><p>Uploaded version.</p></main>"), "s.html")}
    done = client.post("/add", data=data, content_type="multipart/form-data")
    assert "Added edscg-5-joint-statement v2" in done.get_data(as_text=True)


def test_api_add_with_a_bearer_token(admin_app):
    client = admin_app.test_client()
    body = {"text": "Scripted version.", "document": "edscg-5-joint-statement", "note": "api"}
    assert client.post("/api/snapshots", json=body).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/snapshots", json=body, headers=wrong).status_code == 401
    auth = {"Authorization": "Bearer s3cret"}
    created = client.post("/api/snapshots", json=body, headers=auth)
    assert created.status_code == 201 and created.get_json()["version"] == 2
    again = client.post("/api/snapshots", json=body, headers=auth)
    assert again.status_code == 200 and again.get_json()["status"] == "unchanged"
    bad = client.post("/api/snapshots", json={"text": "x", "document": "nope"}, headers=auth)
    assert bad.status_code == 400 and "unknown document" in bad.get_json()["error"]
    assert client.post("/api/snapshots", data="[]", headers=auth).status_code == 400


def test_logout_needs_csrf(admin_app):
    client = admin_app.test_client()
    csrf = _login(client)
    assert client.post("/logout").status_code == 400
    assert client.post("/logout", data={"csrf_token": csrf}).status_code == 302
    assert client.get("/add").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example/x", "/%09/evil.example/x",
                                    "/%0A/evil.example/x", "/%5C/evil.example"])
def test_next_never_leaves_the_site(admin_app, target):
    client = admin_app.test_client()
    done = SignIn(client).sign_in(target)
    assert done.status_code == 302 and done.headers["Location"] == "/"


def test_logout_ends_the_sign_in_for_every_copy_of_the_cookie(admin_app):
    client = admin_app.test_client()
    csrf = _login(client)
    copy = admin_app.test_client()
    copy.set_cookie("session", client.get_cookie("session").value)
    assert copy.get("/add").status_code == 200
    client.post("/logout", data={"csrf_token": csrf})
    assert copy.get("/add").status_code == 302


def test_api_rate_limit(make_app):
    client = make_app(API_RATE_LIMIT=(3, 60)).test_client()
    statuses = [client.get("/api/meetings").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    limited = client.get("/api/documents")
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert "too many requests" in limited.get_json()["error"]
    assert client.get("/").status_code == 200  # pages are not limited


def test_rendered_pages_are_cached_until_the_data_changes(admin_app, initialised):
    client = admin_app.test_client()
    cache = admin_app.extensions["tracker.pages"]
    first = client.get("/").get_data(as_text=True)
    assert client.get("/").get_data(as_text=True) == first
    assert len(cache) == 1
    with open_store(initialised) as store:
        store.add(DocumentSpec("edscg-5-joint-statement"), Capture("A quiet edit."))
    changed = client.get("/").get_data(as_text=True)
    assert "Fifth EDSCG meeting (2024-09-04) · joint statement: v1 → v2" in changed
    assert changed != first


def test_signed_in_pages_are_never_cached(admin_app):
    client = admin_app.test_client()
    _login(client)
    page = client.get("/").get_data(as_text=True)
    assert 'name="csrf_token"' in page
    anonymous = admin_app.test_client().get("/").get_data(as_text=True)
    assert 'name="csrf_token"' not in anonymous


# -- warnings, url_status, downloads -----------------------------------------

@pytest.fixture
def source_app(make_app):
    """Writable, and allowed to watch 127.0.0.1: nothing is fetched on add."""
    return make_app(ADMIN_TOKEN="s3cret", ALLOW_PRIVATE_SOURCES=True)


SOURCE = {"url": "http://127.0.0.1:9/statement", "document": "edscg-5-joint-statement"}


def test_api_warns_about_a_short_interval_as_the_cli_does(source_app, cli, initialised):
    client, auth = source_app.test_client(), {"Authorization": "Bearer s3cret"}
    quick = client.post("/api/sources", json={**SOURCE, "every": "1s"}, headers=auth)
    assert quick.status_code == 201 and quick.get_json()["interval_seconds"] == 1
    from_cli = cli("sources", "add", SOURCE["url"] + "?cli", "--document", SOURCE["document"],
                   "--every", "1s", db=initialised)
    assert from_cli.exit_code == 0
    assert [f"warning: {w}" for w in quick.get_json()["warnings"]] == [
        line for line in from_cli.output.splitlines() if line.startswith("warning:")]
    calm = client.post("/api/sources", json={**SOURCE, "url": SOURCE["url"] + "?calm",
                                             "every": "1m"}, headers=auth)
    assert calm.status_code == 201 and calm.get_json()["warnings"] == []


def test_web_form_shows_the_short_interval_warning(source_app):
    client = source_app.test_client()
    csrf = _login(client)
    added = client.post("/sources", data={**SOURCE, "every": "5s", "csrf_token": csrf},
                        follow_redirects=True)
    html = added.get_data(as_text=True)
    assert added.status_code == 200 and 'class="notice source-warning"' in html
    assert "checking every 5s is meant for tests and demos" in html
    calm = client.post("/sources", data={**SOURCE, "url": SOURCE["url"] + "?calm",
                                         "every": "2m", "csrf_token": csrf},
                       follow_redirects=True)
    assert "source-warning" not in calm.get_data(as_text=True)


def test_api_keeps_a_checked_url_status(admin_app):
    client, auth = admin_app.test_client(), {"Authorization": "Bearer s3cret"}
    body = {"text": "A new statement.", "meeting": "edscg-6", "url": "https://state.test/6",
            "url_status": "verified"}
    assert client.post("/api/snapshots", json=body, headers=auth).status_code == 201
    document = client.get("/api/documents/edscg-6-joint-statement").get_json()["document"]
    assert (document["url"], document["url_status"]) == ("https://state.test/6", "verified")


def test_add_form_refuses_an_unknown_url_status(admin_app, initialised):
    from tests.conftest import file_digest

    client = admin_app.test_client()
    csrf = _login(client)
    assert 'name="url_status"' in client.get("/add").get_data(as_text=True)
    before = file_digest(initialised)
    form = {"text": "Text.", "meeting": "edscg-6", "url": "https://state.test/6",
            "url_status": "probably", "csrf_token": csrf}
    bad = client.post("/add", data=form)
    assert bad.status_code == 400 and "invalid url_status &#39;probably&#39;" in bad.get_data(
        as_text=True)
    assert file_digest(initialised) == before
    good = client.post("/add", data={**form, "url_status": "unverified"})
    assert good.status_code == 200


def test_download_names_outside_ascii_use_rfc_5987():
    """HTTP headers are Latin-1: a real server cannot send ``filename="…٢…"``."""
    from tracker.web.compare import attachment

    header = attachment("edscg-5-v٢_vs_café.json")
    header.encode("ascii")
    assert 'filename="edscg-5-v_vs_cafe.json"' in header
    assert "filename*=UTF-8''edscg-5-v%D9%A2_vs_caf%C3%A9.json" in header
    assert attachment("a_vs_b.md") == 'attachment; filename="a_vs_b.md"'


def test_download_headers_are_latin_1(client):
    for suffix in (".json", ".md", ".diff"):
        response = client.get("/compare/edscg-5-joint-statement@1...edscg-4" + suffix)
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].encode("latin-1") == (
            f'attachment; filename="edscg-5-joint-statement-v1_vs_edscg-4{suffix}"'.encode())


# -- one status per error class, whichever door it comes through -------------

EXPECTED_STATUS = {TrackerError: 400, InputError: 400, NotFoundError: 404, ConflictError: 409,
                   DatabaseError: 503, UnavailableError: 503}


def _error_classes() -> dict[str, type[TrackerError]]:
    """Every ``TrackerError`` subclass in the package (each module imported)."""
    import pkgutil

    import tracker

    for module in pkgutil.walk_packages(tracker.__path__, "tracker."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    found, todo = {}, [TrackerError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo.extend(cls.__subclasses__())
    return found


@pytest.fixture
def raising_app(app):
    """The app with a page and an API address that raise an error class by name."""
    classes = _error_classes()

    def raise_named(name: str):
        raise classes[name](f"a {name} happened")

    app.add_url_rule("/raise/<name>", "raise_page", raise_named)
    app.add_url_rule("/api/raise/<name>", "raise_api", raise_named)
    return app


@pytest.mark.parametrize(("error", "status"), EXPECTED_STATUS.items(),
                         ids=[cls.__name__ for cls in EXPECTED_STATUS])
def test_each_error_class_has_one_status_as_html_and_json(raising_app, error, status):
    name = error.__name__
    assert error.status == status
    client = raising_app.test_client()
    page = client.get(f"/raise/{name}")
    assert (page.status_code, page.mimetype) == (status, "text/html")
    html = page.get_data(as_text=True)
    assert f"a {name} happened" in html and error.title in html and "Traceback" not in html
    answer = client.get(f"/api/raise/{name}")
    assert (answer.status_code, answer.get_json()) == (status, {"error": f"a {name} happened"})


def test_every_error_class_in_the_package_answers_its_own_status(raising_app):
    """Subclasses elsewhere (a blocked address, a slow search, a failed
    delivery) inherit or set a status; the web answers exactly that."""
    client = raising_app.test_client()
    classes = _error_classes()
    assert {"SearchTooSlow", "BlockedAddress", "FetchError", "DeliveryError"} <= set(classes)
    for name, cls in classes.items():
        assert 400 <= cls.status < 600, name
        assert client.get(f"/raise/{name}").status_code == cls.status, name
        assert client.get(f"/api/raise/{name}").status_code == cls.status, name


def test_a_conflict_is_409_on_the_form_and_the_api(source_app):
    """Form pages re-render with the error's own status, as the API answers."""
    client, auth = source_app.test_client(), {"Authorization": "Bearer s3cret"}
    csrf = _login(client)
    assert client.post("/api/sources", json=SOURCE, headers=auth).status_code == 201
    again = client.post("/api/sources", json=SOURCE, headers=auth)
    assert again.status_code == 409 and "already watched" in again.get_json()["error"]
    form = client.post("/sources", data={**SOURCE, "csrf_token": csrf})
    assert form.status_code == 409 and "already watched" in form.get_data(as_text=True)
    other = {"text": "A text.", "document": "edscg-5-joint-statement", "meeting": "edscg-4"}
    added = client.post("/add", data={**other, "csrf_token": csrf})
    assert added.status_code == 409 and "belongs to meeting" in added.get_data(as_text=True)
    assert client.post("/api/snapshots", json=other, headers=auth).status_code == 409

