"""``/api/search`` and the search page's paging, over a real database with
more matching documents than one page holds."""

import pytest

from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store
from tracker.web.searching import MAX_PAGE, PER_PAGE

EXTRA = 70  # documents that say "lighthouse", beyond the bundled corpus


@pytest.fixture
def app(make_app, initialised):
    with open_store(initialised) as store:
        store.add_many([
            (DocumentSpec(f"beacon-{n}-statement", MeetingSpec(f"beacon-{n}", "beacon",
                                                               number=n + 1),
                          publisher="Harbour Office" if n % 2 else "Coast Office"),
             Capture(f"The allies lit lighthouse number {n}. They met again."))
            for n in range(EXTRA)])
    return make_app()


def test_api_search_pages_through_every_hit_once(client):
    first = client.get("/api/search?q=lighthouse")
    assert first.status_code == 200 and first.mimetype == "application/json"
    body = first.get_json()
    assert (body["query"], body["page"], body["per_page"], body["more"]) == \
        ("lighthouse", 1, PER_PAGE, True)
    assert body["previous"] is None and body["next"] == "/api/search?q=lighthouse&page=2"
    second = client.get(body["next"]).get_json()
    assert second["page"] == 2 and not second["more"] and second["next"] is None
    assert second["previous"] == "/api/search?q=lighthouse"
    found = [hit["document"] for hit in body["hits"] + second["hits"]]
    assert len(found) == len(set(found)) == EXTRA


def test_api_search_snippets_are_plain_text_with_their_matches(client):
    [hit] = client.get("/api/search?q=lighthouse&meeting=beacon-7").get_json()["hits"]
    assert hit["document"] == "beacon-7-statement" and hit["version"] == 1
    assert hit["url"] == "/documents/beacon-7-statement/v1"
    assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    assert [hit["snippet"][start:end] for start, end in hit["highlights"]] == ["lighthouse"]


def test_api_search_takes_the_search_pages_filters(client):
    body = client.get("/api/search?q=lighthouse&publisher=Harbour+Office&versions=all")
    hits = body.get_json()["hits"]
    assert len(hits) == EXTRA // 2
    assert {hit["publisher"] for hit in hits} == {"Harbour Office"}
    assert body.get_json()["versions"] == "all"


@pytest.mark.parametrize(("query", "message"), [
    ("", "give q"), ("q=%22%22", "type a word"), ("q=lighthouse&page=0", "invalid page"),
    (f"q=lighthouse&page={MAX_PAGE + 1}", "narrow the search"),
    ("q=lighthouse&page=x", "invalid page")])
def test_api_search_refuses_bad_input_as_json(client, query, message):
    answer = client.get(f"/api/search?{query}")
    assert answer.status_code == 400
    assert message in answer.get_json()["error"]


def test_api_search_shares_the_search_rate_limit(make_app):
    client = make_app(SEARCH_RATE_LIMIT=(2, 60)).test_client()
    assert client.get("/search?q=lighthouse").status_code == 200
    assert client.get("/api/search?q=lighthouse").status_code == 200
    refused = client.get("/api/search?q=lighthouse&page=2")
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert "too many searches" in refused.get_json()["error"]


def test_the_search_page_links_its_pages(client):
    html = client.get("/search?q=lighthouse").get_data(as_text=True)
    assert f"Results 1–{PER_PAGE} for" in html
    assert 'id="search-next" href="/search?q=lighthouse&amp;page=2"' in html
    second = client.get("/search?q=lighthouse&page=2").get_data(as_text=True)
    assert f"Results {PER_PAGE + 1}–{EXTRA} for" in second
    assert 'id="search-previous" href="/search?q=lighthouse"' in second
    assert 'id="search-next"' not in second
