"""The store on real SQLite files: versions, dedupe, immutability, FTS, schema."""

import sqlite3
import zlib

import pytest

from tracker.errors import ConflictError, DatabaseError, InputError, NotFoundError
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store

MEETING = MeetingSpec(slug="edscg-5", series="edscg", number=5, date="2024-09-04",
                      location="Washington")
DOC = DocumentSpec(slug="edscg-5-joint-statement", meeting=MEETING, publisher="State")


@pytest.fixture
def store(db_path):
    with open_store(db_path) as opened:
        yield opened


def test_versions_count_up_and_identical_text_creates_nothing(store):
    first = store.add(DOC, Capture("The allies met.\n\nThey agreed."))
    same = store.add(DOC, Capture("  The allies met. \r\n\r\n\r\nThey agreed.  "))
    second = store.add(DOC, Capture("The allies met again."))
    assert (first.version, first.created, first.created_document) == (1, True, True)
    assert (same.version, same.created) == (1, False)
    assert same.describe() == "unchanged (v1)"
    assert (second.version, second.created) == (2, True)
    assert [v.version for v in store.history(DOC.slug)] == [1, 2]


def test_returning_to_an_older_text_is_a_new_version(store):
    store.add(DOC, Capture("A."))
    store.add(DOC, Capture("B."))
    assert store.add(DOC, Capture("A.")).version == 3


def test_snapshot_keeps_text_hash_raw_and_provenance(store):
    raw = b"<p>The allies met.</p>"
    store.add(DOC, Capture("The allies met.", raw=raw, raw_type="html",
                           source_url="https://example.org/s", note="first look"))
    snap = store.snapshot(DOC.slug)
    assert snap.text == "The allies met."
    import hashlib

    assert snap.info.sha256 == hashlib.sha256(b"The allies met.").hexdigest()
    assert (snap.info.raw_type, snap.info.origin) == ("html", "cli")
    assert snap.info.source_url == "https://example.org/s"
    assert snap.info.captured_at.endswith("Z")
    assert store.raw(DOC.slug, 1) == raw
    stored = store.db.execute("SELECT raw FROM snapshots").fetchone()[0]
    assert zlib.decompress(stored) == raw


def test_snapshots_cannot_be_updated_or_deleted(store):
    store.add(DOC, Capture("Original."))
    for statement in ("UPDATE snapshots SET text = 'forged'", "DELETE FROM snapshots"):
        with pytest.raises(sqlite3.DatabaseError, match="immutable"):
            store.db.execute(statement)
    assert store.snapshot(DOC.slug).text == "Original."


def test_full_text_index_follows_inserts(store):
    store.add(DOC, Capture("Ironclad commitment."))
    store.add(DOC, Capture("Unwavering commitment."))
    hits = store.db.execute(
        "SELECT rowid FROM snapshots_fts WHERE snapshots_fts MATCH 'unwavering'"
    ).fetchall()
    assert len(hits) == 1
    total = store.db.execute("SELECT COUNT(*) FROM snapshots_fts").fetchone()[0]
    assert total == 2


def test_database_settings(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    applied = store.db.execute("SELECT name FROM _sqlite_migrations").fetchall()
    assert ("m001_statements",) in applied


def test_a_failed_write_leaves_nothing_behind(store):
    store.add(DOC, Capture("Kept."))
    other = DocumentSpec("edscg-6-joint-statement", MeetingSpec("edscg-6", "edscg", number=6))
    with pytest.raises(InputError):
        store.add_many([(other, Capture("New meeting text.")), (DOC, Capture("   "))])
    assert [m.slug for m in store.meetings()] == ["edscg-5"]
    assert len(store.history(DOC.slug)) == 1


def test_new_document_needs_a_meeting(store):
    with pytest.raises(InputError, match="--meeting"):
        store.add(DocumentSpec("orphan"), Capture("Text."))


def test_document_cannot_move_to_another_meeting(store):
    store.add(DOC, Capture("Text."))
    elsewhere = DocumentSpec(DOC.slug, MeetingSpec("edscg-4", "edscg", number=4))
    with pytest.raises(ConflictError, match="belongs to meeting 'edscg-5'"):
        store.add(elsewhere, Capture("Other text."))


def test_metadata_fills_blanks_but_never_overwrites(store):
    store.add(DOC, Capture("Text."))
    store.add(DocumentSpec(DOC.slug, title="Joint Statement", publisher="Someone else"),
              Capture("Text."))
    doc = store.document(DOC.slug)
    assert (doc.title, doc.publisher) == ("Joint Statement", "State")


def test_first_document_of_a_meeting_is_primary(store):
    store.add(DOC, Capture("US text."))
    store.add(DocumentSpec("edscg-5-joint-statement-rok", MEETING), Capture("ROK text."))
    primary = store.primary_document("edscg-5")
    assert primary.slug == DOC.slug
    assert [d.primary for d in store.meeting("edscg-5").documents] == [True, False]


def test_meetings_in_date_order_and_by_series(store):
    for number, date in ((5, "2024-09-04"), (3, "2022-09-16"), (4, "2023-09-15")):
        meeting = MeetingSpec(f"edscg-{number}", "edscg", number=number, date=date)
        store.add(DocumentSpec(f"edscg-{number}-joint-statement", meeting), Capture(f"T{number}."))
    ncg = MeetingSpec("ncg-1", "ncg", number=1, date="2023-07-18")
    store.add(DocumentSpec("ncg-1-joint-readout", ncg), Capture("N."))
    assert [m.slug for m in store.meetings()] == ["edscg-3", "ncg-1", "edscg-4", "edscg-5"]
    assert [m.slug for m in store.meetings("ncg")] == ["ncg-1"]
    with pytest.raises(NotFoundError, match="unknown series"):
        store.meetings("nope")


def test_replay_rules_for_exported_versions(store):
    store.add(DOC, Capture("One.", version=1))
    assert store.add(DOC, Capture("One.", version=1)).created is False
    with pytest.raises(ConflictError, match="different text"):
        store.add(DOC, Capture("Not one.", version=1))
    with pytest.raises(ConflictError, match="next version is 2"):
        store.add(DOC, Capture("Three.", version=3))
    with pytest.raises(ConflictError, match="sha256"):
        store.add(DOC, Capture("Two.", version=2, sha256="0" * 64))


def test_unknown_lookups(store):
    store.add(DOC, Capture("Text."))
    with pytest.raises(NotFoundError):
        store.snapshot("nope")
    with pytest.raises(NotFoundError, match="versions 1 to 1"):
        store.snapshot(DOC.slug, 2)
    with pytest.raises(NotFoundError):
        store.snapshot(DOC.slug, 0)
    with pytest.raises(NotFoundError):
        store.meeting("edscg-9")


def test_opening_needs_a_database_file(tmp_path):
    with pytest.raises(DatabaseError, match="tracker init"):
        open_store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="cannot open"):
        open_store(junk)
    with pytest.raises(DatabaseError, match="folder"):
        open_store(tmp_path)


def test_reopening_keeps_everything(db_path):
    with open_store(db_path) as store:
        store.add(DOC, Capture("Persisted."))
    with open_store(db_path, create=False) as store:
        assert store.snapshot(DOC.slug).text == "Persisted."
