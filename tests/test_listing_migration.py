"""m010 rebuilds ``sources`` (a listing feeds a series, not a document) and
``checks`` beside it: a database made before keeps every source, check and
foreign key, and the watch revision (pages of sources) still moves."""

import sqlite3

import pytest
from sqlite_utils import Database

from tracker.store import open_store
from tracker.store.schema import migrations


def _old_database(path):
    db = Database(sqlite3.connect(str(path)))
    db.conn.execute("PRAGMA foreign_keys = ON")
    migrations.apply(db, stop_before="m010_listing_sources")
    db["series"].insert({"id": 1, "slug": "edscg"})
    db["meetings"].insert({"id": 1, "series_id": 1, "slug": "edscg-6"})
    db["documents"].insert({"id": 1, "meeting_id": 1, "slug": "edscg-6-joint-statement",
                            "kind": "joint-statement", "is_primary": 1})
    db["sources"].insert({"id": 7, "url": "https://x.test/s", "document_id": 1, "enabled": 1,
                          "created_at": "2026-01-01T00:00:00Z", "ignore": "[]",
                          "origin": "web", "etag": '"v1"'})
    db["checks"].insert_all([{"source_id": 7, "started_at": f"2026-01-0{n}T00:00:00Z",
                              "outcome": "unchanged"} for n in range(1, 4)])
    db.conn.commit()
    db.conn.close()


def test_sources_and_checks_survive_the_rebuild(tmp_path):
    path = tmp_path / "old.db"
    _old_database(path)

    with open_store(path) as store:
        (source,) = store.sources()
        assert (source.id, source.document, source.origin, source.etag, source.kind) == (
            7, "edscg-6-joint-statement", "web", '"v1"', "page")
        assert source.last_checked_at == "2026-01-03T00:00:00Z"
        assert len(store.checks(7)) == 3
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        before = store.revisions()[1]
        store.set_source_enabled(7, False)
        assert store.revisions()[1] > before
        assert store.remove_source(7).id == 7 and store.checks(7) == []


def test_a_source_must_be_a_page_with_a_document_or_a_listing_with_a_rule(tmp_path):
    path = tmp_path / "new.db"
    with open_store(path) as store:
        for row in ({"url": "u", "enabled": 1, "created_at": "t"},
                    {"url": "u", "enabled": 1, "created_at": "t", "kind": "listing"}):
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                store.db["sources"].insert(row)
