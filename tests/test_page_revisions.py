"""Cached pages live as long as what they show: the content revision moves
with texts and what describes them, the watch revision with sources,
checks, reports and deliveries; and concurrent misses share one render."""

import sqlite3
import threading

import pytest
from sqlite_utils import Database

from tracker.model import Capture, CheckRecord, DocumentSpec
from tracker.store import open_store, utc_now
from tracker.store.schema import migrations, track_content
from tracker.web.lru import LRUCache

DOC = "edscg-5-joint-statement"


@pytest.fixture
def watched(initialised):
    """The corpus with one source on an edscg-5 document."""
    with open_store(initialised) as store, store.write():
        source = store.add_source("http://127.0.0.1:9/statement", DOC, now=utc_now())
    return initialised, source.id


def record_check(store, source_id: int) -> None:
    """What a scheduled check that finds the page unchanged writes."""
    with store.write():
        store.update_source_state(source_id, etag='"2"')
        store.insert_check(CheckRecord(source_id, utc_now(), 40, "unchanged", 200, 900))


def test_a_check_moves_only_the_watch_revision(watched):
    db, source_id = watched
    with open_store(db) as store:
        content, watch = store.revisions()
        record_check(store, source_id)
        assert store.revisions() == (content, watch + 2)  # the source and the check
        store.add(DocumentSpec(DOC), Capture("The allies met again, in another year."))
        assert store.revisions()[0] > content and store.revision() == store.revisions()[0]


def test_the_home_page_stays_cached_while_checks_are_recorded(watched, make_app):
    db, source_id = watched
    app = make_app()
    client, pages = app.test_client(), app.extensions["tracker.pages"]
    first = client.get("/").get_data()
    with open_store(db) as store:
        for _ in range(3):
            record_check(store, source_id)
    built = pages.misses
    assert client.get("/").get_data() == first and pages.misses == built


def test_watch_pages_show_each_new_check(watched, make_app):
    db, source_id = watched
    client = make_app().test_client()
    assert "unchanged" not in client.get("/sources").get_data(as_text=True)
    with open_store(db) as store:
        record_check(store, source_id)
    assert "unchanged" in client.get("/sources").get_data(as_text=True)


def test_a_new_version_renews_the_home_page(watched, make_app):
    db, _ = watched
    client = make_app().test_client()
    assert "in another year" not in client.get("/search?q=another").get_data(as_text=True)
    with open_store(db) as store:
        store.add(DocumentSpec(DOC), Capture("The allies met again, in another year."))
    assert "another</mark> year" in client.get("/search?q=another").get_data(as_text=True)


def test_an_older_database_is_brought_to_two_revisions(tmp_path):
    """A database made before m013 keeps its content triggers, its watch
    tables move the watch revision from then on, and a table added later
    is tracked as content with ``track_content``."""
    path = tmp_path / "old.db"
    db = Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="m013_watch_revision")
    db["revision"].update(1, {"number": 41})
    db.conn.commit()
    db.conn.close()
    with open_store(path) as store:
        assert store.revisions() == (41, 0)
        with store.write():
            store.db["series"].insert({"id": 1, "slug": "edscg", "title": "EDSCG"})
            store.db["reports"].insert({"key": "k", "kind": "change", "created_at": "x",
                                        "title": "A report", "payload": "{}"})
        assert store.revisions() == (42, 1)
        with store.write():
            store.db["notes"].create({"id": int, "text": str}, pk="id")
            track_content(store.db, "notes")
            store.db["notes"].insert({"id": 1, "text": "later table"})
        assert store.revisions() == (43, 1)


def test_concurrent_misses_of_one_key_share_one_build():
    cache, started, release = LRUCache(4), [], threading.Event()
    got = []

    def build():
        started.append(1)
        release.wait(10)
        return object()

    threads = [threading.Thread(target=lambda: got.append(cache.get_or_build("k", build)))
               for _ in range(8)]
    for thread in threads:
        thread.start()
    _wait_until(lambda: cache.shared == 7)  # seven wait for the one building
    release.set()
    for thread in threads:
        thread.join()
    assert len(started) == 1 and len(got) == 8 and len({id(value) for value in got}) == 1
    assert cache.get("k") is got[0]


@pytest.mark.parametrize("outcome", ["not kept", "raises"])
def test_waiters_build_their_own_when_the_shared_build_gives_nothing(outcome):
    cache, release, builds = LRUCache(4), threading.Event(), []
    results, errors = [], []

    def build():
        builds.append(threading.get_ident())
        if len(builds) == 1:
            release.wait(10)
            if outcome == "raises":
                raise RuntimeError("the first build failed")
        return "page"

    def ask():
        try:
            results.append(cache.get_or_build("k", build, keep=lambda _value: False))
        except RuntimeError as error:
            errors.append(error)

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    _wait_until(lambda: cache.shared == 2)
    release.set()
    for thread in threads:
        thread.join()
    assert len(builds) == 3 and len(cache) == 0
    assert (len(results), len(errors)) == ((2, 1) if outcome == "raises" else (3, 0))


def _wait_until(condition, seconds: float = 10) -> None:
    done = threading.Event()
    for _ in range(int(seconds * 100)):
        if condition():
            return
        done.wait(0.01)
    raise AssertionError("the condition never held")
