"""The web app through Flask's test client, on a real database file."""

import pytest

from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store
from tracker.web import create_app

PAYLOAD = '<script>alert("x")</script><img src=x onerror="alert(1)">'


@pytest.fixture
def app(initialised):
    with open_store(initialised) as store:
        meeting = MeetingSpec("edscg-9", "edscg", number=9, title=f"Hostile {PAYLOAD}")
        store.add(DocumentSpec("edscg-9-joint-statement", meeting, publisher=PAYLOAD,
                               url="javascript:alert(1)"),
                  Capture(f"Planted text {PAYLOAD}."))
    return create_app({"DATABASE": str(initialised), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


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
     ("/documents/edscg-5-joint-statement/v0", 404), ("/documents/Bad_Slug", 400),
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
