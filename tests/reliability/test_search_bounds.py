"""A search's cost stays bounded, whatever the texts hold.

One statement of 40,000 sentences that each say "reaffirm" (about 1.9 MB)
made ``/search?q=reaffirm`` take ten seconds: FTS5's ``snippet()`` reads
every match. These tests check the structure of the bounds, not the clock:
which snippets are computed and from how much text, that a statement running
past the budget is interrupted, and that the page is rate-limited and cached.
"""

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import file_digest
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store
from tracker.store.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SNIPPET_WINDOW_CHARS,
    SearchTooSlow,
    time_budget,
)
from tracker.web import create_app

HUGE_SENTENCES = 40_000
SMALL_DOCUMENTS = 60  # more than a page of hits
PAGE = 50


def huge_text() -> str:
    return " ".join(f"The allies reaffirm their pledge number {n}." for n in range(HUGE_SENTENCES))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("search") / "tracker.db"
    meeting = MeetingSpec("big-1", "big", number=1, date="2025-01-01")
    items = [(DocumentSpec("huge-statement", meeting, publisher="Bench"), Capture(huge_text()))]
    items += [(DocumentSpec(f"small-{n}", meeting, publisher="Bench"),
               Capture(f"The sides reaffirm the alliance, note {n}, and meet again."))
              for n in range(SMALL_DOCUMENTS)]
    with open_store(path) as store:
        assert len(huge_text()) > 1_800_000
        store.add_many(items)
    return path


def traced_search(store, *args, **kwargs):
    """The results, and the statements the store's connection ran."""
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        results = store.search(*args, **kwargs)
    finally:
        store.conn.set_trace_callback(None)
    return results, statements


def test_only_the_first_page_gets_snippets(db):
    with open_store(db, create=False) as store:
        results, statements = traced_search(store, "reaffirm", limit=PAGE)
    assert len(results.hits) == PAGE and results.more  # 61 versions match
    snippets = [s for s in statements if "snippet(" in s]
    assert len(snippets) == PAGE - results.windowed  # one per shown short hit, no more
    assert all("rowid = " in s for s in snippets)  # each summarises one text only


def test_a_huge_statement_is_snippeted_from_a_window(db):
    with open_store(db, create=False) as store:
        results, statements = traced_search(store, "reaffirm", meeting="big-1",
                                            publisher="Bench", limit=PAGE)
        huge = next(h for h in results.hits if h.document == "huge-statement")
        late, _ = traced_search(store, "reaffirm 39999")
    assert results.windowed == 1
    assert not any("snippet(" in s and "rowid = " not in s for s in statements)
    plain = huge.snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    assert len(plain) <= SNIPPET_WINDOW_CHARS and plain.endswith("…")
    assert f"{HIGHLIGHT_START}reaffirm{HIGHLIGHT_END}" in huge.snippet
    # A rare word far into the text: the window is placed around it.
    [hit] = late.hits
    assert late.windowed == 1 and f"{HIGHLIGHT_START}39999{HIGHLIGHT_END}" in hit.snippet
    assert hit.snippet.startswith("…")


def test_a_statement_past_the_budget_is_interrupted(tmp_path):
    conn = sqlite3.connect(str(tmp_path / "scratch.db"))
    endless = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
               "WHERE i < 1000000000000) SELECT COUNT(*) FROM n")
    with pytest.raises(SearchTooSlow, match="took too long; narrow it"), \
            time_budget(conn, 0.05):
        conn.execute(endless).fetchone()
    assert conn.execute("SELECT 42").fetchone() == (42,)  # the handler is gone again
    conn.close()


def test_a_search_past_its_budget_is_a_clear_503(db):
    before = file_digest(db)
    client = create_app({"DATABASE": str(db), "TESTING": True,
                         "SEARCH_TIME_BUDGET": 0}).test_client()
    page = client.get("/search?q=reaffirm")
    assert page.status_code == 503
    html = page.get_data(as_text=True)
    assert "the search took too long; narrow it" in html and "Traceback" not in html
    assert file_digest(db) == before


def test_search_answers_from_a_window_on_the_web(db):
    client = create_app({"DATABASE": str(db), "TESTING": True}).test_client()
    page = client.get("/search?q=reaffirm&meeting=big-1")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<mark>reaffirm</mark>" in html and "huge-statement" in html
    assert "Results 1–50 for" in html and 'id="search-next"' in html


def test_search_is_rate_limited_per_client(db):
    client = create_app({"DATABASE": str(db), "TESTING": True,
                         "SEARCH_RATE_LIMIT": (3, 60)}).test_client()
    statuses = [client.get(f"/search?q=alliance&n={n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/search?q=alliance")
    assert int(refused.headers["Retry-After"]) >= 1
    assert "too many searches; retry in" in refused.get_data(as_text=True)
    other = client.get("/search?q=alliance", environ_base={"REMOTE_ADDR": "127.0.0.2"})
    assert other.status_code == 200


def test_search_pages_are_cached_until_the_data_changes(db, tmp_path):
    copy = tmp_path / "copy.db"
    with open_store(db, create=False) as store:
        store.backup(copy)
    app = create_app({"DATABASE": str(copy), "TESTING": True})
    client = app.test_client()
    first = client.get("/search?q=pledge").get_data(as_text=True)
    with app.app_context():
        from tracker.web.db import get_store

        store = get_store()
        _results, statements = _traced_get(client, store, "/search?q=pledge")
        assert not any("snapshots_fts" in s for s in statements)  # served from the cache
        store.add(DocumentSpec("small-new", MeetingSpec("big-1", "big")),
                  Capture("A new pledge."))
        _results, statements = _traced_get(client, store, "/search?q=pledge")
        assert any("snapshots_fts" in s for s in statements)  # the data changed
    assert "huge-statement" in first


def _traced_get(client, store, path: str):
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        return client.get(path), statements
    finally:
        store.conn.set_trace_callback(None)
