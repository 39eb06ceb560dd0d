"""The database schema, as an ordered list of migrations.

Later issues (sources, checks, reports, deliveries) add migrations here; a
database created by an older tracker is brought up to date when opened.
"""

from sqlite_utils import Database, Migrations

migrations = Migrations("tracker")

_IMMUTABLE_SNAPSHOTS = """
CREATE TRIGGER IF NOT EXISTS snapshots_no_update BEFORE UPDATE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
CREATE TRIGGER IF NOT EXISTS snapshots_no_delete BEFORE DELETE ON snapshots
BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END;
"""


@migrations()
def m001_statements(db: Database) -> None:
    """Series, meetings, documents and their immutable snapshots."""
    db["series"].create({"id": int, "slug": str, "title": str}, pk="id", not_null={"slug"})
    db["series"].create_index(["slug"], unique=True)
    db["meetings"].create(
        {"id": int, "series_id": int, "slug": str, "number": int, "title": str,
         "date": str, "location": str, "delegations": str},
        pk="id", not_null={"slug", "series_id"}, foreign_keys=[("series_id", "series", "id")],
    )
    db["meetings"].create_index(["slug"], unique=True)
    db["documents"].create(
        {"id": int, "meeting_id": int, "slug": str, "kind": str, "is_primary": int,
         "publisher": str, "language": str, "title": str, "url": str, "url_status": str,
         "notice": str},
        pk="id", not_null={"slug", "meeting_id", "kind"},
        foreign_keys=[("meeting_id", "meetings", "id")],
    )
    db["documents"].create_index(["slug"], unique=True)
    _create_snapshots(db)


def _create_snapshots(db: Database) -> None:
    db["snapshots"].create(
        {"id": int, "document_id": int, "version": int, "captured_at": str, "text": str,
         "sha256": str, "raw": bytes, "raw_type": str, "origin": str, "source_url": str,
         "note": str},
        pk="id", not_null={"document_id", "version", "captured_at", "text", "sha256"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["snapshots"].create_index(["document_id", "version"], unique=True)
    db["snapshots"].create_index(["sha256"])
    db["snapshots"].enable_fts(["text"], fts_version="FTS5", create_triggers=True)
    db.executescript(_IMMUTABLE_SNAPSHOTS)


@migrations()
def m002_lookup_indexes(db: Database) -> None:
    """Listing meetings and documents looks rows up by their parent."""
    db["documents"].create_index(["meeting_id"], if_not_exists=True)
    db["meetings"].create_index(["series_id", "date"], if_not_exists=True)


@migrations()
def m003_watching(db: Database) -> None:
    """Watched sources, every check made, change reports and their deliveries."""
    _create_sources_and_checks(db)
    _create_reports_and_deliveries(db)


def _create_sources_and_checks(db: Database) -> None:
    db["sources"].create(
        {"id": int, "url": str, "document_id": int, "selector": str, "interval_seconds": int,
         "cron": str, "ignore": str, "enabled": int, "created_at": str, "etag": str,
         "last_modified": str, "usual_length": int, "note": str},
        pk="id", not_null={"url", "document_id", "enabled", "created_at"},
        foreign_keys=[("document_id", "documents", "id")],
    )
    db["sources"].create_index(["url", "document_id"], unique=True)
    db["checks"].create(
        {"id": int, "source_id": int, "started_at": str, "duration_ms": int, "http_status": int,
         "bytes": int, "outcome": str, "message": str, "snapshot_id": int},
        pk="id", not_null={"source_id", "started_at", "outcome"},
        foreign_keys=[("source_id", "sources", "id"), ("snapshot_id", "snapshots", "id")],
    )
    db["checks"].create_index(["source_id", "started_at"])


def _create_reports_and_deliveries(db: Database) -> None:
    db["reports"].create(
        {"id": int, "key": str, "kind": str, "document_id": int, "snapshot_id": int,
         "created_at": str, "title": str, "payload": str},
        pk="id", not_null={"key", "kind", "created_at", "title", "payload"},
        foreign_keys=[("document_id", "documents", "id"), ("snapshot_id", "snapshots", "id")],
    )
    db["reports"].create_index(["key"], unique=True)
    db["deliveries"].create(
        {"id": int, "report_id": int, "channel": str, "status": str, "attempts": int,
         "last_error": str, "next_attempt_at": str, "sent_at": str},
        pk="id", not_null={"report_id", "channel", "status", "attempts"},
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["deliveries"].create_index(["report_id", "channel"], unique=True)
    db["deliveries"].create_index(["status", "next_attempt_at"])


_REVISION_TRIGGERS = """
CREATE TRIGGER IF NOT EXISTS revision_{table}_{event} AFTER {event} ON {table}
BEGIN UPDATE revision SET number = number + 1 WHERE id = 1; END;
"""


@migrations()
def m004_revision(db: Database) -> None:
    """A counter that every change to what pages show moves on: a rendered
    page can be kept for as long as the counter stands still."""
    db["revision"].create({"id": int, "number": int}, pk="id")
    db["revision"].insert({"id": 1, "number": 0})
    for table in ("series", "meetings", "documents", "snapshots", "sources", "checks",
                  "reports", "deliveries"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(_REVISION_TRIGGERS.format(table=table, event=event))


@migrations()
def m005_source_origin(db: Database) -> None:
    """Where a source was added: ``web`` sources are always held to public
    addresses when fetched, ``cli`` ones (CLI, job files, and every source
    that existed before) only when the configuration says so."""
    db["sources"].add_column("origin", str, not_null_default="cli")


@migrations()
def m006_web_sessions(db: Database) -> None:
    """Browser sign-ins, one row each, so that signing out or changing the
    admin token can end them. Not a revision table: pages do not show it."""
    db["web_sessions"].create(
        {"key": str, "token_tag": str, "created_at": str, "expires_at": str},
        pk="key", not_null={"token_tag", "created_at", "expires_at"},
    )
    db["web_sessions"].create_index(["expires_at"])


@migrations()
def m007_delivery_lease_token(db: Database) -> None:
    """Which delivery round holds a claimed delivery: a round sends only
    while the claim is still its own, so a round that started late, after an
    earlier round's lease ran out, and that earlier round never both send."""
    db["deliveries"].add_column("lease_token", str)


_LIVE_SNAPSHOTS = """
CREATE VIEW IF NOT EXISTS live_snapshots AS
SELECT * FROM snapshots WHERE id NOT IN
    (SELECT snapshot_id FROM retractions WHERE unretracted_at IS NULL);
"""


@migrations()
def m008_corrections(db: Database) -> None:
    """Corrections kept beside what they correct: every metadata edit with
    its old and new value, and retracted versions as rows pointing at
    snapshots that stay untouched. A retraction is undone by stamping the
    row, never by deleting it, so the record of both stays. Pages read
    ``live_snapshots``, which leaves out the versions retracted now."""
    db["metadata_edits"].create(
        {"id": int, "target": str, "target_id": int, "slug": str, "field": str,
         "old_value": str, "new_value": str, "edited_by": str, "edited_at": str},
        pk="id", not_null={"target", "target_id", "slug", "field", "edited_by", "edited_at"},
    )
    db["metadata_edits"].create_index(["target", "target_id"])
    db["retractions"].create(
        {"id": int, "snapshot_id": int, "reason": str, "retracted_by": str,
         "retracted_at": str, "unretracted_by": str, "unretracted_at": str},
        pk="id", not_null={"snapshot_id", "reason", "retracted_by", "retracted_at"},
        foreign_keys=[("snapshot_id", "snapshots", "id")],
    )
    db.execute("CREATE UNIQUE INDEX retractions_live ON retractions(snapshot_id) "
               "WHERE unretracted_at IS NULL")
    db.executescript(_LIVE_SNAPSHOTS)
    for table in ("metadata_edits", "retractions"):
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(_REVISION_TRIGGERS.format(table=table, event=event))


@migrations()
def m009_annotations(db: Database) -> None:
    """Annotations on a unit of a comparison (the two versions compared and
    the unit's text hash) or on a commitment thread (its series and first
    wording): see ``tracker.store.annotations``. Pages show them, so the
    revision counter moves with them."""
    db["annotations"].create(
        {"id": int, "uid": str, "target": str, "a_ref": str, "b_ref": str, "series": str,
         "key": str, "excerpt": str, "note": str, "significance": str, "tags": str,
         "created_by": str, "created_at": str, "removed_by": str, "removed_at": str},
        pk="id", not_null={"uid", "target", "key", "significance", "created_by", "created_at"},
    )
    db["annotations"].create_index(["uid"], unique=True)
    db["annotations"].create_index(["a_ref", "b_ref"])
    db["annotations"].create_index(["series", "key"])
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(_REVISION_TRIGGERS.format(table="annotations", event=event))


_SOURCES_WITH_KINDS = """
CREATE TABLE "sources_new" (
   "id" INTEGER PRIMARY KEY,
   "url" TEXT NOT NULL,
   "document_id" INTEGER REFERENCES "documents"("id"),
   "selector" TEXT,
   "interval_seconds" INTEGER,
   "cron" TEXT,
   "ignore" TEXT,
   "enabled" INTEGER NOT NULL,
   "created_at" TEXT NOT NULL,
   "etag" TEXT,
   "last_modified" TEXT,
   "usual_length" INTEGER,
   "note" TEXT,
   "origin" TEXT NOT NULL DEFAULT 'cli',
   "kind" TEXT NOT NULL DEFAULT 'page',
   "series_id" INTEGER REFERENCES "series"("id"),
   "listing" TEXT,
   CHECK ((kind = 'page' AND document_id IS NOT NULL)
          OR (kind = 'listing' AND series_id IS NOT NULL AND listing IS NOT NULL))
)"""

_CHECKS_AGAIN = """
CREATE TABLE "checks_new" (
   "id" INTEGER PRIMARY KEY,
   "source_id" INTEGER NOT NULL REFERENCES "sources_new"("id"),
   "started_at" TEXT NOT NULL,
   "duration_ms" INTEGER,
   "http_status" INTEGER,
   "bytes" INTEGER,
   "outcome" TEXT NOT NULL,
   "message" TEXT,
   "snapshot_id" INTEGER REFERENCES "snapshots"("id")
)"""

_OLD_SOURCE_COLUMNS = ("id, url, document_id, selector, interval_seconds, cron, ignore, enabled, "
                       "created_at, etag, last_modified, usual_length, note, origin")


@migrations()
def m010_listing_sources(db: Database) -> None:
    """Listing sources: a press-release list, feed or sitemap whose new
    links become new documents. Such a source feeds a series, not one
    document, so ``sources.document_id`` may now be empty (for listings
    only, as the CHECK says). SQLite cannot drop a NOT NULL in place, so
    the table is rebuilt; ``checks`` (its only child) is rebuilt beside it,
    which keeps every foreign key satisfied at each step with the
    enforcement left on, as it is inside the migration's transaction."""
    _rebuild_sources_and_checks(db)
    _create_listing_links(db)


def _rebuild_sources_and_checks(db: Database) -> None:
    db.execute(_SOURCES_WITH_KINDS)
    db.execute(f"INSERT INTO sources_new ({_OLD_SOURCE_COLUMNS}) "
               f"SELECT {_OLD_SOURCE_COLUMNS} FROM sources")
    db.execute(_CHECKS_AGAIN)
    db.execute("INSERT INTO checks_new SELECT * FROM checks")
    db.execute("DROP TABLE checks")
    db.execute("DROP TABLE sources")
    db.execute("ALTER TABLE sources_new RENAME TO sources")  # checks_new follows the name
    db.execute("ALTER TABLE checks_new RENAME TO checks")
    db["sources"].create_index(["url", "document_id"], unique=True)
    db.execute("CREATE UNIQUE INDEX idx_sources_listing ON sources(url, series_id) "
               "WHERE kind = 'listing'")
    db["checks"].create_index(["source_id", "started_at"])
    for table in ("sources", "checks"):  # dropped with the old tables; m013 moves them
        track_content(db, table)


def _create_listing_links(db: Database) -> None:
    """Every link a listing source has seen, and what became of it."""
    db["listing_links"].create(
        {"id": int, "source_id": int, "url": str, "text": str, "first_seen_at": str,
         "state": str, "attempts": int, "last_error": str, "last_tried_at": str,
         "document_id": int},
        pk="id", not_null={"source_id", "url", "first_seen_at", "state", "attempts"},
        foreign_keys=[("source_id", "sources", "id"), ("document_id", "documents", "id")],
    )
    db["listing_links"].create_index(["source_id", "url"], unique=True)
    db["listing_links"].create_index(["source_id", "state"])
    track_content(db, "listing_links")  # m013 moves it to the watch revision


@migrations()
def m011_subscriptions_and_readers(db: Database) -> None:
    """Subscriptions: a channel takes only the reports (and the sentences)
    a filter chooses, each as its own delivery, whose narrowed payload is
    kept on the delivery so a retry sends what the first attempt would
    have. Readers: where each reader last looked (a snapshot id)."""
    db["subscriptions"].create(
        {"id": int, "name": str, "channel": str, "filter": str, "created_at": str,
         "created_by": str},
        pk="id", not_null={"name", "channel", "filter", "created_at"},
    )
    db["subscriptions"].create_index(["name"], unique=True)
    db["deliveries"].add_column("subscription", str, not_null_default="")
    db["deliveries"].add_column("payload", str)
    db.execute("DROP INDEX IF EXISTS idx_deliveries_report_id_channel")
    db["deliveries"].create_index(["report_id", "channel", "subscription"], unique=True)
    db["readers"].create(
        {"name": str, "mark": int, "marked_at": str}, pk="name", not_null={"mark"},
    )


_TRIGRAM_INDEX = """
CREATE VIRTUAL TABLE IF NOT EXISTS snapshots_trigram USING fts5(
    text, content='snapshots', content_rowid='id', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS snapshots_trigram_insert AFTER INSERT ON snapshots
BEGIN INSERT INTO snapshots_trigram(rowid, text) VALUES (new.id, new.text); END;
INSERT INTO snapshots_trigram(snapshots_trigram) VALUES ('rebuild');
"""


@migrations()
def m012_translations_and_substring_search(db: Database) -> None:
    """Korean versions name the document they translate (``translation_of``),
    and a trigram index finds a word inside a longer one: Korean glues
    particles and endings to the stem (규탄하였다), so the word index, which
    sees whole words only, misses 규탄. Snapshots are never updated or
    deleted, so an insert trigger keeps the index whole."""
    db["documents"].add_column("translation_of", str)
    db.executescript(_TRIGRAM_INDEX)


# Tables whose rows no cached page shows but the watch pages: a change to them
# moves the watch revision (row 2) instead of the content revision (row 1).
WATCH_TABLES = ("sources", "checks", "reports", "deliveries", "listing_links")
WATCH_REVISION = 2

_WATCH_REVISION_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS watch_revision_{table}_{event} AFTER {event} ON {table}
BEGIN UPDATE revision SET number = number + 1 WHERE id = 2; END;
"""


def track_content(db: Database, table: str) -> None:
    """Make every change to ``table`` move the content revision: for a
    table that pages show (annotations, say), added in a later migration."""
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(_REVISION_TRIGGERS.format(table=table, event=event))


@migrations()
def m013_watch_revision(db: Database) -> None:
    """Two revisions instead of one: checks and deliveries, written every
    few seconds by the scheduler, move only the watch revision, so pages of
    the texts stay cached while the watcher runs. Every other table keeps
    its content-revision triggers (tables added later add theirs with
    ``track_content``)."""
    db["revision"].insert({"id": WATCH_REVISION, "number": 0}, replace=True)
    for table in WATCH_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(f"DROP TRIGGER IF EXISTS revision_{table}_{event}")
            db.execute(_WATCH_REVISION_TRIGGER.format(table=table, event=event))
