"""Corrections from the browser (signed in, with CSRF) and the JSON API
(bearer token), over a real database file and the Flask test client."""

import sqlite3

import pytest

from tests.conftest import SignIn, file_digest
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store

DOC = "edscg-5-joint-statement"
LABEL = "Fifth EDSCG meeting (2024-09-04) · joint statement"  # as pages name DOC
MARK = "The two sides agreed to paint the moon orange."
BEARER = {"Authorization": "Bearer s3cret"}


@pytest.fixture
def wrong_version(initialised):
    """A second version of edscg-5's primary text holding MARK."""
    with open_store(initialised) as store:
        text = store.snapshot(DOC).text
        store.add(DocumentSpec(DOC), Capture(text=f"{text}\n\n{MARK}\n"))
    return initialised


@pytest.fixture
def admin(make_app, wrong_version):
    return make_app(ADMIN_TOKEN="s3cret").test_client()


def _signed_in(client) -> str:
    SignIn(client).sign_in(f"/documents/{DOC}")
    return SignIn(client).form_token(f"/documents/{DOC}")


def _seen(client) -> dict:
    """Where a reader meets v2: the home page, the compare menu, lineage, terms."""
    return {"home": f"{LABEL}: v1 → v2" in client.get("/").get_data(as_text=True),
            "menu": f"{DOC}@2" in client.get(f"/documents/{DOC}").get_data(as_text=True),
            "lineage": MARK in client.get("/commitments/edscg").get_data(as_text=True),
            "terms": _main(client.get("/terms/edscg").get_data(as_text=True))}


def _main(page: str) -> str:
    """The page without its header, which changes on signing in."""
    return page[page.index("<main"):page.index("</main>")]


def _rows(path) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM snapshots ORDER BY id").fetchall()


def test_retract_and_unretract_from_the_document_page(admin, wrong_version):
    shown = _seen(admin)
    assert shown["home"] and shown["menu"] and shown["lineage"]
    rows = _rows(wrong_version)
    csrf = _signed_in(admin)
    done = admin.post(f"/documents/{DOC}/retract",
                      data={"csrf_token": csrf, "version": "2", "reason": "wrong file"})
    assert done.status_code == 303
    hidden = _seen(admin)
    assert not (hidden["home"] or hidden["lineage"])
    assert f'<option value="{DOC}@2"' not in admin.get(f"/documents/{DOC}").get_data(as_text=True)
    assert "v2: wrong file" in admin.get(f"/documents/{DOC}").get_data(as_text=True)
    assert admin.get(f"/compare/{DOC}@1...{DOC}@2").status_code == 404
    assert admin.get(f"/documents/{DOC}/v2").status_code == 404
    assert _rows(wrong_version) == rows
    back = admin.post(f"/documents/{DOC}/unretract", data={"csrf_token": csrf, "version": "2"})
    assert back.status_code == 303 and _seen(admin) == shown
    assert _rows(wrong_version) == rows


def test_forms_need_a_sign_in_and_a_csrf_token(admin, make_app, wrong_version):
    before = file_digest(wrong_version)
    form = {"version": "2", "reason": "x"}
    assert admin.post(f"/documents/{DOC}/retract", data=form).status_code == 302
    _signed_in(admin)
    assert admin.post(f"/documents/{DOC}/retract", data={**form, "csrf_token": "forged"}
                      ).status_code == 400
    read_only = make_app().test_client()
    assert read_only.post(f"/documents/{DOC}/retract", data=form).status_code == 403
    assert file_digest(wrong_version) == before


def test_meta_from_the_document_page(admin):
    csrf = _signed_in(admin)
    done = admin.post(f"/documents/{DOC}/meta",
                      data={"csrf_token": csrf, "title": "Corrected <title>"})
    assert done.status_code == 303
    page = admin.get(f"/documents/{DOC}").get_data(as_text=True)
    assert "Corrected &lt;title&gt;" in page
    title = page[page.index("<title>"):page.index("</title>")]
    assert title == "<title>Corrected &lt;title&gt; · tracker"
    admin.post(f"/documents/{DOC}/meeting", data={"csrf_token": csrf, "date": "2024-09-05"})
    assert admin.get("/api/meetings?series=edscg").get_json()[4]["date"] == "2024-09-05"
    log = admin.get(f"/api/documents/{DOC}/corrections").get_json()
    assert [(c["field"], c["by"]) for c in log] == [("title", "web admin"), ("date", "web admin")]
    bad = admin.post(f"/documents/{DOC}/meeting", data={"csrf_token": csrf, "date": "5 Sep"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_api_corrections_with_the_bearer_token(admin, wrong_version):
    assert admin.post(f"/api/documents/{DOC}/v2/retract", json={"reason": "x"}
                      ).status_code == 401
    done = admin.post(f"/api/documents/{DOC}/v2/retract", headers=BEARER,
                      json={"reason": "raw PDF bytes", "by": "kim"})
    assert done.status_code == 201 and done.get_json()["retracted_by"] == "kim"
    assert [v["version"] for v in admin.get(f"/api/documents/{DOC}").get_json()["versions"]
            ] == [1]
    edited = admin.post(f"/api/meta/{DOC}", headers=BEARER, json={"title": "T", "by": "lee"})
    assert edited.get_json()[0]["new"] == "T"
    back = admin.post(f"/api/documents/{DOC}/v2/unretract", headers=BEARER, json={})
    assert back.status_code == 200
    log = admin.get(f"/api/documents/{DOC}/corrections").get_json()
    assert [c["action"] for c in log] == ["retract", "edit", "unretract"]


@pytest.mark.parametrize("path, body, status", [
    (f"/api/documents/{DOC}/v9/retract", {"reason": "x"}, 404),
    (f"/api/documents/{DOC}/v1/unretract", {}, 409),
    (f"/api/documents/{DOC}/v1/retract", {}, 400),
    ("/api/meta/edscg-5", {"date": "2024-13-01"}, 400),
    ("/api/meta/no-such-thing", {"title": "x"}, 404),
    (f"/api/meta/{DOC}", {"colour": "red"}, 400),
])
def test_api_bad_input_is_one_json_line_and_changes_nothing(admin, wrong_version, path, body,
                                                             status):
    before = file_digest(wrong_version)
    done = admin.post(path, headers=BEARER, json=body)
    assert done.status_code == status
    assert list(done.get_json()) == ["error"] and "\n" not in done.get_json()["error"]
    assert file_digest(wrong_version) == before


def test_a_meeting_whose_only_text_is_retracted_leaves_the_compare_menus(make_app, initialised):
    with open_store(initialised) as store:
        spec = DocumentSpec("edscg-6-joint-statement",
                            MeetingSpec("edscg-6", "edscg", number=6, date="2030-01-01"))
        store.add(spec, Capture("%PDF-1.4 stored by mistake as text"))
    client = make_app().test_client()
    menu = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
    assert '<option value="edscg-6"' in menu
    with open_store(initialised) as store:
        store.retract("edscg-6-joint-statement", 1, "raw PDF bytes", "kim")
    menu = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
    assert '<option value="edscg-6"' not in menu
    assert client.get("/compare").headers["Location"].endswith(
        "/compare/edscg-4...edscg-5")
    assert "PDF" not in client.get("/commitments/edscg").get_data(as_text=True)
