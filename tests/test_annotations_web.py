"""Annotations from the browser (signed in, with CSRF), the JSON API (bearer
token) and the Atom feed; the commitments and terms pages they sit beside.
Real database files and the Flask test client."""

import json
import re
from xml.etree import ElementTree

import pytest

from tests.conftest import SignIn, file_digest
from tracker.compare import compare_texts
from tracker.model import AnnotationSubject
from tracker.refs.subjects import key_of
from tracker.store import open_store

BEARER = {"Authorization": "Bearer s3cret"}
PAGE = "/compare/edscg-4...edscg-5"
A_REF, B_REF = "edscg-4-joint-press-release@1", "edscg-5-joint-statement@1"
RECKLESS = "reckless behavior"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def admin(make_app):
    return make_app(ADMIN_TOKEN="s3cret").test_client()


@pytest.fixture
def reader(make_app):
    """A visitor of the same app (token configured), never signed in."""
    return make_app(ADMIN_TOKEN="s3cret").test_client()


def _reckless(initialised) -> tuple[int, str]:
    """The unit number and key of the DMZ sentence in edscg-4 → edscg-5."""
    with open_store(initialised) as store:
        a, b = store.snapshot(A_REF.split("@")[0]), store.snapshot(B_REF.split("@")[0])
    comparison = compare_texts(a.text, b.text, a.label, b.label)
    number, unit = next((i, u) for i, u in enumerate(comparison.units, start=1)
                        if u.b and RECKLESS in u.b.text)
    return number, key_of(unit)


def _form(admin, **fields):
    SignIn(admin).sign_in(PAGE)
    csrf = SignIn(admin).form_token(PAGE)
    return admin.post("/annotations", data={"csrf_token": csrf, **fields})


def test_annotate_a_unit_from_the_compare_page(admin, reader, initialised):
    number, key = _reckless(initialised)
    assert "Annotate" not in reader.get(PAGE).get_data(as_text=True)  # cached, read-only
    done = _form(admin, target="unit", a="edscg-4", b="edscg-5", unit=key,
                 significance="major", tags="DMZ, escalation", note="<b>softer</b>",
                 next=f"{PAGE}#u{number}")
    assert done.status_code == 303 and done.headers["Location"].endswith(f"{PAGE}#u{number}")
    page = reader.get(PAGE).get_data(as_text=True)  # the cached page moved on
    unit = re.search(rf'<li id="u{number}" .*?</li>\s*(?=<li|</ol>)', page, re.S).group(0)
    assert "significance-major" in unit and "#dmz" in unit and "#escalation" in unit
    assert "&lt;b&gt;softer&lt;/b&gt;" in unit and "<b>softer" not in page
    side = reader.get(PAGE + "?view=side").get_data(as_text=True)
    assert "&lt;b&gt;softer&lt;/b&gt;" in side


def test_the_form_needs_sign_in_and_csrf(admin, reader, initialised):
    _number, key = _reckless(initialised)
    fields = {"target": "unit", "a": "edscg-4", "b": "edscg-5", "unit": key,
              "significance": "major", "note": "x"}
    before = file_digest(initialised)
    assert reader.post("/annotations", data=fields).status_code == 302  # to sign in
    SignIn(admin).sign_in(PAGE)
    assert admin.post("/annotations", data={**fields, "csrf_token": "forged"}).status_code == 400
    assert file_digest(initialised) == before


def test_a_key_from_another_comparison_is_refused(admin, initialised):
    _number, key = _reckless(initialised)
    before = file_digest(initialised)
    done = _form(admin, target="unit", a="edscg-3", b="edscg-4", unit=key, significance="major")
    assert done.status_code == 404 and "no unit with key" in done.get_data(as_text=True)
    assert file_digest(initialised) == before


def test_remove_from_the_page(admin, initialised):
    _number, key = _reckless(initialised)
    _form(admin, target="unit", a="edscg-4", b="edscg-5", unit=key, significance="major",
          note="to remove")
    csrf = SignIn(admin).form_token(PAGE)
    page = admin.get(PAGE).get_data(as_text=True)
    annotation_id = re.search(r'/annotations/(\d+)/remove', page).group(1)
    done = admin.post(f"/annotations/{annotation_id}/remove",
                      data={"csrf_token": csrf, "next": "//evil.example/"})
    assert done.status_code == 303 and done.headers["Location"] == "/"
    assert "to remove" not in admin.get(PAGE).get_data(as_text=True)


def test_annotate_a_thread_from_the_commitments_page(admin, reader):
    SignIn(admin).sign_in("/commitments/edscg")
    page = admin.get("/commitments/edscg").get_data(as_text=True)
    thread = re.search(r'<article class="lineage-thread[^"]*" id="(c\d+)" data-key="([^"]+)"',
                       page)
    csrf = SignIn(admin).form_token("/commitments/edscg")
    admin.post("/annotations", data={"csrf_token": csrf, "target": "thread", "series": "edscg",
                                     "thread": thread.group(2), "significance": "notable",
                                     "tags": "watch"})
    shown = reader.get("/commitments/edscg").get_data(as_text=True)
    article = shown[shown.index(f'id="{thread.group(1)}"'):]
    article = article[:article.index("</article>")]
    assert "#watch" in article and "significance-notable" in article


def test_api_add_list_filter_and_delete(admin, initialised):
    number, key = _reckless(initialised)
    made = admin.post("/api/annotations", headers=BEARER, json={
        "a": "edscg-4", "b": "edscg-5", "unit": number, "significance": "major",
        "tags": ["dmz"], "note": "api", "by": "script"})
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert (body["key"], body["a_ref"], body["b_ref"], body["created_by"]) == (
        key, A_REF, B_REF, "script")
    thread = admin.post("/api/annotations", headers=BEARER, json={
        "series": "edscg", "thread": "c5", "significance": "notable", "tags": "returned"})
    assert thread.status_code == 201
    everything = admin.get("/api/annotations").get_json()
    assert [a["id"] for a in everything] == [thread.get_json()["id"], body["id"]]
    by_pair = admin.get(f"/api/annotations?a={A_REF}&b=edscg-5").get_json()
    assert [a["id"] for a in by_pair] == [body["id"]]
    assert admin.get("/api/annotations?significance=notable&target=thread").get_json()[0][
        "tags"] == ["returned"]
    assert admin.get("/api/annotations?tag=dmz").get_json()[0]["id"] == body["id"]
    compared = admin.get("/api/compare?a=edscg-4&b=edscg-5").get_json()
    assert [(a["id"], a["unit"]) for a in compared["annotations"]] == [(body["id"], number)]
    download = json.loads(admin.get(PAGE + ".json").get_data(as_text=True))
    assert download["annotations"] == compared["annotations"]
    gone = admin.delete(f"/api/annotations/{body['id']}?by=script", headers=BEARER)
    assert gone.status_code == 200 and gone.get_json()["removed_by"] == "script"
    assert admin.delete(f"/api/annotations/{body['id']}", headers=BEARER).status_code == 409
    assert [a["id"] for a in admin.get("/api/annotations").get_json()] == [
        thread.get_json()["id"]]


@pytest.mark.parametrize("body, status, message", [
    ({"a": "edscg-4", "b": "edscg-5", "unit": 1}, 400, "'significance' is required"),
    ({"a": "edscg-4", "b": "edscg-5", "unit": 1, "significance": "huge"}, 400,
     "invalid significance"),
    ({"a": "edscg-4", "b": "edscg-5", "unit": True, "significance": "major"}, 400,
     "must be a string or a number"),
    ({"a": "edscg-4", "b": "edscg-5", "unit": 1, "significance": "major", "tags": 3}, 400,
     "must be a string or a list"),
    ({"a": "edscg-4", "unit": 1, "significance": "major"}, 400, "name a unit"),
    ({"a": "edscg-4", "b": "edscg-5", "unit": 1, "significance": "major", "x": 1}, 400,
     "unknown field"),
    ({"series": "edscg", "thread": "c999", "significance": "major"}, 404,
     "no commitment thread"),
    ({"a": "nope", "b": "edscg-5", "unit": 1, "significance": "major"}, 404, "no document"),
])
def test_api_bad_bodies_change_nothing(admin, initialised, body, status, message):
    before = file_digest(initialised)
    answer = admin.post("/api/annotations", headers=BEARER, json=body)
    assert answer.status_code == status and message in answer.get_json()["error"]
    assert file_digest(initialised) == before


def test_api_writes_need_the_bearer_token(admin, app, initialised):
    body = {"a": "edscg-4", "b": "edscg-5", "unit": 1, "significance": "major"}
    assert admin.post("/api/annotations", json=body).status_code == 401
    assert admin.delete("/api/annotations/1").status_code == 401
    assert app.test_client().post("/api/annotations", json=body).status_code == 403
    assert admin.get("/api/annotations?significance=huge").status_code == 400
    assert admin.get("/api/annotations?a=edscg-4").status_code == 400


def test_the_feed_lists_annotations_escaped(admin, initialised):
    admin.post("/api/annotations", headers=BEARER, json={
        "a": "edscg-4", "b": "edscg-5", "match": RECKLESS, "significance": "major",
        "tags": ["dmz"], "note": "</summary><script>x</script>"})
    feed = admin.get("/annotations.atom")
    assert feed.mimetype == "application/atom+xml"
    root = ElementTree.fromstring(feed.data)
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text.startswith("major: The two sides also expressed")
    assert "<script>x</script>" in entry.find(f"{ATOM}summary").text  # text, not markup
    assert [c.get("term") for c in entry.findall(f"{ATOM}category")] == ["dmz"]
    link = entry.find(f"{ATOM}link").get("href")
    assert f"/compare/{A_REF}...{B_REF}#annotation-" in link


def test_the_report_page_shows_annotations_on_its_units(admin, initialised):
    from tracker.compare.report import build_report

    with open_store(initialised) as store:
        a, b = store.snapshot("edscg-4-joint-press-release"), store.snapshot(
            "edscg-5-joint-statement")
        payload = build_report(compare_texts(a.text, b.text, a.label, b.label), kind="meeting",
                               title="EDSCG 5", document=b.info.document, meeting="edscg-5",
                               link=None)
        with store.write():
            report_id = store.insert_report(key="k", kind="meeting", document=b.info.document,
                                            version=1, title="EDSCG 5", payload=payload,
                                            channels=[], now="2026-11-29T00:00:00Z")
    admin.post("/api/annotations", headers=BEARER, json={
        "a": "edscg-4", "b": "edscg-5", "match": "condemned arms transfers",
        "significance": "major", "note": "new condemnation"})
    # The same change judged on another comparison: one unit key, so it shows too.
    [added] = [i for items in payload["sections"].values() for i in items
               if "condemned arms transfers" in i["text"]]
    with open_store(initialised) as store:
        store.annotate(AnnotationSubject("unit", added["key"], added["text"], "x@1", "y@1"),
                       note="seen in the draft", significance="notable", by="analyst")
    page = admin.get(f"/reports/{report_id}").get_data(as_text=True)
    assert "new condemnation" in page and "significance-major" in page
    assert "seen in the draft" in page


def test_commitments_are_grouped_by_topic_with_the_history_folded(client):
    page = client.get("/commitments/edscg").get_data(as_text=True)
    headings = re.findall(r'<h2 id="topic-\d+-heading">([^<]+?) <span', page)
    named = [h for h in headings if h != "Other commitments"]
    assert named == sorted(named, key=str.casefold) and headings[-1] == "Other commitments"
    assert "Indo-Pacific and Euro-Atlantic" in headings
    assert page.count('<details class="thread-history">') == page.count(
        '<article class="lineage-thread')
    # the latest state is shown first: a dropped thread says where it was last said
    assert re.search(r'change-dropped">dropped</span> at \w+ EDSCG meeting \([\d-]+\); '
                     r'last said at', page)


def test_the_history_runs_in_meeting_order(client):
    """The thread that was new at EDSCG 3, dropped at 4 and back at 5 reads
    3, 4, 5, as `tracker lineage` prints it."""
    page = client.get("/commitments/edscg").get_data(as_text=True)
    start = page.index("The two sides reaffirmed their shared goal of the complete")
    block = page[start:page.index("</article>", start)]
    order = re.findall(r"<strong>(\w+) EDSCG meeting", block)
    assert order == ["Third", "Fourth", "Fifth"]
    assert block.index("change-dropped") > block.index("Third EDSCG")


def test_the_terms_chart_names_meetings_and_keeps_whole_labels(client):
    page = client.get("/terms/edscg").get_data(as_text=True)
    assert '<span class="col-name">EDSCG 5</span> <span class="col-year">2024</span>' in page
    assert "Fifth EDSCG meeting (2024-09-04)" in page
    assert ">Indo-Pacific and Euro-Atlantic <span class=\"term-kind\">topic</span>" in page
    assert "<svg" not in page and "<table class=\"terms\">" in page


def test_the_markdown_download_ends_with_the_annotations_escaped(admin, initialised):
    assert "Annotations" not in admin.get(PAGE + ".md").get_data(as_text=True)
    admin.post("/api/annotations", headers=BEARER, json={
        "a": "edscg-4", "b": "edscg-5", "match": RECKLESS, "significance": "major",
        "note": "[click](javascript:alert(1))"})
    markdown = admin.get(PAGE + ".md").get_data(as_text=True)
    section = markdown[markdown.index("## Annotations (1)"):]
    assert "reckless behavior" in section and "major" in section
    assert "[click](javascript" not in section and r"\[click\](javascript" in section


def test_a_thread_annotation_whose_thread_is_gone_is_kept_apart(client, initialised):
    from tracker.model import AnnotationSubject

    with open_store(initialised) as store:
        store.annotate(AnnotationSubject("thread", "edscg-1:" + "0" * 16, "Old first wording",
                                         series="edscg"),
                       note="still here", significance="notable", by="t")
    page = client.get("/commitments/edscg").get_data(as_text=True)
    section = page[page.index('id="orphaned-annotations"'):]
    assert "Old first wording" in section and "still here" in section


def test_the_chosen_cell_is_marked_beyond_colour(client):
    page = client.get("/terms/edscg?term=swift&meeting=edscg-5").get_data(as_text=True)
    table = page[page.index('<table class="terms"'):page.index("</table>")]
    assert table.count('aria-current="true"') == 1
    assert 'aria-current="true" aria-label="swift in Fifth EDSCG meeting (2024-09-04): 1"' in page
