"""Reading the document list with plain ``sqlite3``, for ``tracker list``.

sqlite-utils takes longer to import than the whole listing takes to run, so
the one query a listing needs lives here, shared with :class:`Store`. This
path never writes: a database it cannot simply read as it stands (missing,
not brought up to date by this version's migrations, locked, damaged) is
left to :func:`tracker.store.open_store`, which migrates it or says what is
wrong.
"""

import sqlite3
from pathlib import Path

from tracker.model import DocumentSummary

# The migrations in ``tracker.store.schema``, by name (a test keeps the two
# equal): a database without all of them is opened the full way, migrated.
MIGRATIONS = frozenset({
    "m001_statements", "m002_lookup_indexes", "m003_watching", "m004_revision",
    "m005_source_origin", "m006_web_sessions", "m007_delivery_lease_token",
    "m008_corrections", "m009_annotations", "m010_listing_sources",
    "m011_subscriptions_and_readers",
    "m012_translations_and_substring_search", "m013_watch_revision",
})
BUSY_TIMEOUT_SECONDS = 30.0

# Versions are counted from the (document_id, version) index, and the latest
# capture time is read from the newest version's row only: snapshot rows carry
# whole texts, and a join over them would read every page of every text.
DOCUMENT_SUMMARY_SQL = """
SELECT d.id, d.slug, m.slug AS meeting, s.slug AS series, d.kind, d.is_primary,
       d.publisher, d.language, d.title, d.url, d.url_status, d.notice, d.translation_of,
       m.title AS meeting_title, m.date AS meeting_date, m.number AS meeting_number,
       (SELECT MAX(version) FROM {snapshots} WHERE document_id = d.id) AS versions,
       (SELECT captured_at FROM {snapshots} WHERE document_id = d.id
        ORDER BY version DESC LIMIT 1) AS latest_captured_at
FROM documents d
JOIN meetings m ON m.id = d.meeting_id
JOIN series s ON s.id = m.series_id
{where}
ORDER BY s.slug, COALESCE(m.date, ''), m.number, m.slug, d.is_primary DESC, d.slug
"""


def summary(row: dict) -> DocumentSummary:
    """One row of :data:`DOCUMENT_SUMMARY_SQL` as a :class:`DocumentSummary`."""
    row = dict(row)
    row.pop("id")
    row["primary"] = bool(row.pop("is_primary"))
    row["versions"] = row["versions"] or 0
    return DocumentSummary(**row)


def read_documents(path: Path, include_retracted: bool) -> list[DocumentSummary] | None:
    """Every document's summary, as ``Store.documents`` gives it; None when
    the database is not one to read this way (see the module docstring)."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               timeout=BUSY_TIMEOUT_SECONDS)
    except (sqlite3.Error, ValueError):
        return None
    try:
        if not _up_to_date(conn):
            return None
        sql = DOCUMENT_SUMMARY_SQL.format(
            where="", snapshots="snapshots" if include_retracted else "live_snapshots")
        cursor = conn.execute(sql)
        names = [column[0] for column in cursor.description]
        return [summary(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _up_to_date(conn: sqlite3.Connection) -> bool:
    applied = conn.execute("SELECT name FROM _sqlite_migrations "
                           "WHERE migration_set = 'tracker'").fetchall()
    return {name for (name,) in applied} >= MIGRATIONS
