"""The snapshot store: immutable, versioned statement texts in SQLite.

Callers use its verbs (``add``, ``history``, ``snapshot``, ``meetings``…),
never SQL. Every write runs in one ``BEGIN IMMEDIATE`` transaction, so the
version number is chosen while holding the write lock: two writers adding to
the same document at once get consecutive numbers, never the same one.
"""

import os
import sqlite3
import tempfile
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from tracker.errors import ConflictError, DatabaseError, InputError, NotFoundError
from tracker.model import (
    ORIGINS,
    RAW_TYPES,
    AddResult,
    Capture,
    DocumentSpec,
    DocumentSummary,
    Meeting,
    MeetingSpec,
    Snapshot,
    SnapshotInfo,
)
from tracker.refs import did_you_mean
from tracker.store.annotations import AnnotationsMixin
from tracker.store.corrections import CorrectionsMixin
from tracker.store.listings import ListingsMixin
from tracker.store.readers import ReadersMixin
from tracker.store.reading import DOCUMENT_SUMMARY_SQL, summary
from tracker.store.schema import WATCH_REVISION, migrations
from tracker.store.search import (  # noqa: F401 (fts_query and the marks are used from here)
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SearchFilter,
    SearchResults,
    fts_query,
    search_snapshots,
)
from tracker.store.sessions import SessionsMixin
from tracker.store.subscriptions import SubscriptionsMixin
from tracker.store.watching import WatchingMixin
from tracker.text import canonical_text, text_sha256

BUSY_TIMEOUT_SECONDS = 30.0

_MEETING_SQL = """
SELECT m.id, m.slug, s.slug AS series, s.title AS series_title, m.number, m.title,
       m.date, m.location, m.delegations,
       (SELECT COUNT(*) FROM documents d WHERE d.meeting_id = m.id AND EXISTS
        (SELECT 1 FROM {snapshots} WHERE document_id = d.id)) AS document_count
FROM meetings m JOIN series s ON s.id = m.series_id
{where}
ORDER BY COALESCE(m.date, '9999'), s.slug, m.number, m.slug
"""

_INFO_COLUMNS = (
    "version, captured_at, sha256, origin, raw_type, source_url, note, length(text) AS chars"
)


def utc_now() -> str:
    """Capture times are UTC, to the second, in ISO 8601 with a ``Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Store(WatchingMixin, ListingsMixin, SessionsMixin, CorrectionsMixin, SubscriptionsMixin,
            ReadersMixin, AnnotationsMixin):
    """A tracker database. Open with :func:`open_store`.

    Reading verbs leave out retracted versions unless ``include_retracted``
    is set (``--include-retracted``); writing verbs always see every
    version, so a retracted number is never given out again."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.path = path
        self.conn = conn
        self.db = Database(conn)
        self.include_retracted = False

    @property
    def _snapshots(self) -> str:
        """The table reading verbs read versions from."""
        return "snapshots" if self.include_retracted else "live_snapshots"

    @contextmanager
    def every_version(self) -> Iterator["Store"]:
        """Read retracted versions too, for a while (an export keeps them all)."""
        before, self.include_retracted = self.include_retracted, True
        try:
            yield self
        finally:
            self.include_retracted = before

    def _now(self) -> str:
        """Corrections are stamped to the microsecond: the log of a document
        merges two tables by time, and corrections come seconds apart."""
        return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[Database]:
        """One write transaction holding SQLite's write lock from the start,
        and this process's lock for the file: threads of one process (a
        round's checks, the web app's) take turns here instead of polling
        SQLite's lock.

        A write the file system refuses (a read-only file, a full disk) is
        rolled back and raised as a :class:`DatabaseError` that says so."""
        with _write_lock(self.path), self._transaction():
            yield self.db

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()
        except sqlite3.OperationalError as error:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise write_error(error, self.path) from None

    # -- writing -----------------------------------------------------------

    def add(self, spec: DocumentSpec, capture: Capture) -> AddResult:
        """Keep ``capture`` as the next version of the document ``spec`` names,
        creating its series, meeting and document when they are new.

        Text equal (in canonical form) to the latest version creates nothing.
        """
        return self.add_many([(spec, capture)])[0]

    def add_many(self, items: list[tuple[DocumentSpec, Capture]]) -> list[AddResult]:
        """Add several captures in one transaction: all of them, or none."""
        with self.write():
            return [self.add_within(spec, capture) for spec, capture in items]

    def add_within(self, spec: DocumentSpec, capture: Capture,
                   flipflop_window: int = 0) -> AddResult:
        """``add`` inside a transaction the caller holds (see ``write``).

        With ``flipflop_window`` N, text equal to one of the N versions before
        the latest is a return to that version, not a new one: a page that
        alternates between two states is not news.
        """
        text = canonical_text(capture.text)
        _validate_capture(text, capture)
        sha = text_sha256(text)
        if capture.sha256 and capture.sha256 != sha:
            raise ConflictError(
                f"{spec.slug}: text does not match its sha256 {capture.sha256[:12]}…; "
                "the file was edited after export"
            )
        document_id, new_meeting, new_document = self._ensure_document(spec)
        latest = self._latest(document_id)
        if capture.version is not None:
            replayed = self._replay(document_id, spec.slug, capture, latest, sha)
            if replayed is not None:
                return replayed
        elif latest and latest["sha256"] == sha:
            return AddResult(spec.slug, latest["version"], False, sha)
        elif returned_to := self._recent_version_with(document_id, sha, flipflop_window):
            return AddResult(spec.slug, returned_to, False, sha, returned=True)
        version = (latest["version"] if latest else 0) + 1
        self._insert_snapshot(document_id, version, text, sha, capture)
        return AddResult(spec.slug, version, True, sha, new_document, new_meeting)

    def _replay(self, document_id, slug, capture, latest, sha) -> AddResult | None:
        """An exported version comes back with its own number: accept it when
        it is the next one, skip it when it is already here, refuse a gap or
        a different text under the same number."""
        held = self.db.execute(
            "SELECT sha256 FROM snapshots WHERE document_id = ? AND version = ?",
            [document_id, capture.version],
        ).fetchone()
        if held:
            if held[0] != sha:
                raise ConflictError(
                    f"{slug}@{capture.version} already exists with a different text"
                )
            return AddResult(slug, capture.version, False, sha)
        expected = (latest["version"] if latest else 0) + 1
        if capture.version != expected:
            raise ConflictError(
                f"{slug}@{capture.version} cannot be imported: the next version is {expected}"
            )
        return None

    def _insert_snapshot(self, document_id, version, text, sha, capture: Capture) -> None:
        self.db["snapshots"].insert({
            "document_id": document_id,
            "version": version,
            "captured_at": capture.captured_at or utc_now(),
            "text": text,
            "sha256": sha,
            "raw": zlib.compress(capture.raw, 9) if capture.raw is not None else None,
            "raw_type": capture.raw_type,
            "origin": capture.origin,
            "source_url": capture.source_url,
            "note": capture.note,
        })

    def _recent_version_with(self, document_id: int, sha: str, window: int) -> int | None:
        if window <= 0:
            return None
        row = self.db.execute(
            "SELECT version FROM (SELECT version, sha256 FROM snapshots WHERE document_id = ? "
            "ORDER BY version DESC LIMIT ?) WHERE sha256 = ? ORDER BY version DESC LIMIT 1",
            [document_id, window + 1, sha],
        ).fetchone()
        return row[0] if row else None

    def _latest(self, document_id: int) -> dict | None:
        row = self.db.execute(
            "SELECT version, sha256 FROM snapshots WHERE document_id = ? "
            "ORDER BY version DESC LIMIT 1",
            [document_id],
        ).fetchone()
        return {"version": row[0], "sha256": row[1]} if row else None

    def ensure_document(self, spec: DocumentSpec) -> None:
        """Create the document (and its meeting) if new; call inside ``write``."""
        self._ensure_document(spec)

    def _ensure_document(self, spec: DocumentSpec) -> tuple[int, bool, bool]:
        """Return (document id, meeting created?, document created?)."""
        row = self._one("SELECT id, meeting_id FROM documents WHERE slug = ?", spec.slug)
        if row:
            self._validate_same_meeting(spec, row["meeting_id"])
            if spec.meeting:
                self._fill_blanks("meetings", row["meeting_id"], _meeting_fields(spec.meeting))
            self._fill_blanks("documents", row["id"], _document_fields(spec))
            return row["id"], False, False
        if spec.meeting is None:
            raise InputError(
                f"unknown document {spec.slug!r}: give --meeting to create it "
                "(see `tracker list` for existing documents)"
            )
        meeting_id, new_meeting = self._ensure_meeting(spec.meeting)
        fields = _document_fields(spec)
        fields.setdefault("kind", "joint-statement")
        if spec.primary is None:
            fields["is_primary"] = int(not self._meeting_has_primary(meeting_id))
        document_id = self.db["documents"].insert(
            {"slug": spec.slug, "meeting_id": meeting_id, **fields}
        ).last_pk
        return document_id, new_meeting, True

    def _validate_same_meeting(self, spec: DocumentSpec, meeting_id: int) -> None:
        if spec.meeting is None:
            return
        held = self._one("SELECT slug FROM meetings WHERE id = ?", meeting_id)["slug"]
        if held != spec.meeting.slug:
            raise ConflictError(
                f"document {spec.slug!r} belongs to meeting {held!r}, not {spec.meeting.slug!r}"
            )

    def _ensure_meeting(self, spec: MeetingSpec) -> tuple[int, bool]:
        row = self._one("SELECT id FROM meetings WHERE slug = ?", spec.slug)
        if row:
            self._fill_blanks("meetings", row["id"], _meeting_fields(spec))
            return row["id"], False
        series_id = self._ensure_series(spec.series, spec.series_title)
        fields = _meeting_fields(spec)
        meeting_id = self.db["meetings"].insert(
            {"slug": spec.slug, "series_id": series_id, **fields}
        ).last_pk
        return meeting_id, True

    def _ensure_series(self, slug: str, title: str | None) -> int:
        row = self._one("SELECT id FROM series WHERE slug = ?", slug)
        if row:
            self._fill_blanks("series", row["id"], {"title": title} if title else {})
            return row["id"]
        return self.db["series"].insert({"slug": slug, "title": title}).last_pk

    def _meeting_has_primary(self, meeting_id: int) -> bool:
        return bool(self._one(
            "SELECT 1 AS x FROM documents WHERE meeting_id = ? AND is_primary = 1", meeting_id
        ))

    def fill_document_blanks(self, slug: str, *, title: str | None = None,
                             language: str | None = None, url: str | None = None,
                             date: str | None = None) -> None:
        """Fill the document's empty title, language and URL, and its
        meeting's empty date, from what a page says about itself. Flags given
        on ``add`` were stored first and so win; nothing set is overwritten."""
        with self.write():
            row = self._one("SELECT id, meeting_id FROM documents WHERE slug = ?", slug)
            if row is None:
                raise NotFoundError(f"unknown document {slug!r}")
            fields = {"title": title, "language": language, "url": url}
            self._fill_blanks("documents", row["id"], fields)
            self._fill_blanks("meetings", row["meeting_id"], {"date": date})

    def _fill_blanks(self, table: str, row_id: int, fields: dict) -> None:
        """Metadata is not versioned: a later capture may fill a field left
        empty, but never silently overwrites one already set."""
        current = self.db[table].get(row_id)
        blanks = {k: v for k, v in fields.items()
                  if v is not None and current.get(k) in (None, "")}
        if blanks:
            self.db[table].update(row_id, blanks)

    # -- reading -----------------------------------------------------------

    def revision(self) -> int:
        """The content revision: a number that moves on with every change to
        the texts and what describes them (triggers keep it); equal numbers
        mean no page of the texts has changed. Checks and deliveries move
        only the watch revision (see ``revisions``)."""
        return self.db.execute("SELECT number FROM revision WHERE id = 1").fetchone()[0]

    def revisions(self) -> tuple[int, int]:
        """The content and the watch revision, read together: pages that
        show checks, sources or reports are kept while both stand still."""
        numbers = dict(self.db.execute("SELECT id, number FROM revision WHERE id IN (1, ?)",
                                       [WATCH_REVISION]).fetchall())
        return numbers[1], numbers.get(WATCH_REVISION, 0)

    def is_empty(self) -> bool:
        return self.db.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] == 0

    def documents(self, meeting: str | None = None) -> list[DocumentSummary]:
        where, params = ("WHERE m.slug = ?", [meeting]) if meeting else ("", [])
        rows = self._all(DOCUMENT_SUMMARY_SQL.format(where=where, snapshots=self._snapshots),
                         *params)
        return [summary(row) for row in rows]

    def document(self, slug: str) -> DocumentSummary:
        rows = self._all(DOCUMENT_SUMMARY_SQL.format(where="WHERE d.slug = ?",
                                                      snapshots=self._snapshots), slug)
        if not rows:
            hint = did_you_mean(slug, self.slugs("documents")) or " (see `tracker list`)"
            raise NotFoundError(f"unknown document {slug!r}{hint}")
        return summary(rows[0])

    def meetings(self, series: str | None = None,
                 with_documents: bool = True) -> list[Meeting]:
        """Meetings in date order; ``with_documents=False`` skips reading the
        documents (``document_count`` is still set), for pages that only
        need the list."""
        if series and not self._one("SELECT id FROM series WHERE slug = ?", series):
            raise NotFoundError(f"unknown series {series!r} (known: {', '.join(self.series())})")
        where, params = ("WHERE s.slug = ?", [series]) if series else ("", [])
        by_meeting: dict[str, list[DocumentSummary]] = {}
        for doc in self.documents() if with_documents else ():
            by_meeting.setdefault(doc.meeting, []).append(doc)
        rows = self._all(_MEETING_SQL.format(where=where, snapshots=self._snapshots), *params)
        return [Meeting(**row, documents=tuple(by_meeting.get(row["slug"], ()))) for row in rows]

    def meeting(self, slug: str) -> Meeting:
        rows = self._all(_MEETING_SQL.format(where="WHERE m.slug = ?",
                                             snapshots=self._snapshots), slug)
        if not rows:
            hint = did_you_mean(slug, self.slugs("meetings")) or " (see `tracker meetings`)"
            raise NotFoundError(f"unknown meeting {slug!r}{hint}")
        return Meeting(**rows[0], documents=tuple(self.documents(meeting=slug)))

    def slugs(self, *tables: str) -> list[str]:
        """The slugs of ``tables`` (``meetings``, ``documents``; both when
        none is named): what a mistyped name is held against for a "did
        you mean"."""
        chosen = [t for t in ("meetings", "documents") if t in tables or not tables]
        rows = self._all(" UNION ALL ".join(f"SELECT slug FROM {t}" for t in chosen))
        return [row["slug"] for row in rows]

    def series(self) -> list[str]:
        return [row["slug"] for row in self._all("SELECT slug FROM series ORDER BY slug")]

    def primary_document(self, meeting_slug: str) -> DocumentSummary:
        """The meeting's primary text (its first document when none is marked),
        among the documents with a version not retracted when there are any."""
        documents = self.meeting(meeting_slug).documents
        documents = tuple(d for d in documents if d.versions) or documents
        if not documents:
            raise NotFoundError(f"meeting {meeting_slug!r} has no documents")
        return next((d for d in documents if d.primary), documents[0])

    def history(self, slug: str) -> list[SnapshotInfo]:
        document_id = self._document_id(slug)
        rows = self._all(
            f"SELECT {_INFO_COLUMNS} FROM {self._snapshots} WHERE document_id = ? "
            "ORDER BY version",
            document_id,
        )
        return [SnapshotInfo(document=slug, **row) for row in rows]

    def snapshot(self, slug: str, version: int | None = None) -> Snapshot:
        """One version (the latest when ``version`` is None)."""
        document = self.document(slug)
        if document.versions == 0 and version is None:
            raise NotFoundError(f"document {slug!r} has no versions yet"
                                if self.is_empty_document(slug) else
                                f"every version of {slug!r} is retracted (see `tracker history`)")
        number = document.versions if version is None else version
        row = self._one(
            f"SELECT {_INFO_COLUMNS}, text FROM {self._snapshots} "
            "WHERE document_id = (SELECT id FROM documents WHERE slug = ?) AND version = ?",
            slug, number,
        )
        if row is None:
            self._refuse_retracted(slug, number)
            raise NotFoundError(
                f"{slug} has no version {number} (versions 1 to {document.versions})"
            )
        text = row.pop("text")
        return Snapshot(SnapshotInfo(document=slug, **row), document, text)

    def is_empty_document(self, slug: str) -> bool:
        return self._one("SELECT 1 AS x FROM snapshots WHERE document_id = ?",
                         self._document_id(slug)) is None

    def _refuse_retracted(self, slug: str, version: int) -> None:
        """Naming a retracted version is refused with why, not "no such version"."""
        held = self._one("SELECT id FROM snapshots WHERE version = ? AND document_id = "
                         "(SELECT id FROM documents WHERE slug = ?)", version, slug)
        found = held and self._live_retraction(held["id"])
        if found:
            raise NotFoundError(f"{slug}@{version} is retracted ({found['reason']}); "
                                "add --include-retracted to see it")

    def raw(self, slug: str, version: int) -> bytes | None:
        """The input a version was made from, as it arrived (for audit)."""
        row = self._one(
            "SELECT raw FROM snapshots WHERE version = ? AND "
            "document_id = (SELECT id FROM documents WHERE slug = ?)", version, slug,
        )
        return zlib.decompress(row["raw"]) if row and row["raw"] is not None else None

    def all_snapshots(self) -> Iterator[Snapshot]:
        """Every version of every document, in document then version order."""
        with self.every_version():
            for document in self.documents():
                for info in self.history(document.slug):
                    yield self.snapshot(document.slug, info.version)

    def recent_changes(self, limit: int = 10) -> list[SnapshotInfo]:
        """The newest versions that changed an existing document (v2 and later).

        Pages link each to its change from the version before; a version
        whose predecessor is retracted is left out, not linked to a page
        that refuses it."""
        live = self._snapshots
        rows = self._all(
            f"SELECT d.slug AS document, {_INFO_COLUMNS} FROM {live} n "
            "JOIN documents d ON d.id = n.document_id WHERE version > 1 AND EXISTS "
            f"(SELECT 1 FROM {live} p WHERE p.document_id = n.document_id "
            "AND p.version = n.version - 1) ORDER BY captured_at DESC, n.id DESC LIMIT ?", limit,
        )
        return [SnapshotInfo(**row) for row in rows]

    def search(self, query: str, meeting: str | None = None, publisher: str | None = None,
               all_versions: bool = False, limit: int = 50,
               budget_seconds: float | None = None, offset: int = 0) -> SearchResults:
        """Full-text search (FTS5) over snapshot texts, its cost bounded (see
        :mod:`tracker.store.search`); ``query`` is what a user typed, made
        safe by :func:`fts_query`. ``offset`` skips the best hits (paging)."""
        return search_snapshots(self.conn, query, SearchFilter(meeting, publisher, all_versions,
                                                           self.include_retracted),
                                limit, budget_seconds, offset)

    def publishers(self) -> list[str]:
        rows = self._all("SELECT DISTINCT publisher FROM documents "
                         "WHERE publisher IS NOT NULL ORDER BY publisher")
        return [row["publisher"] for row in rows]

    def backup(self, target: Path) -> int:
        """Copy the database to ``target`` with SQLite's online backup: a
        consistent copy even while other processes write. Returns the number
        of snapshots in the copy."""
        if target.exists():
            raise InputError(f"{target}: already exists; choose a new file for the backup")
        if not target.parent.is_dir():
            raise InputError(f"{target.parent}: no such folder for the backup")
        # Written beside the target under another name, then renamed: a backup
        # killed half-way leaves no file that looks like a backup.
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial",
                                        dir=target.parent)
        os.close(handle)
        partial = Path(name)
        try:
            try:
                check, count = _copy_database(self.conn, partial)
            except sqlite3.OperationalError as error:
                raise write_error(error, target) from None
            if check != "ok":
                raise DatabaseError(f"the backup failed its integrity check: {check}")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        return count

    # -- helpers -----------------------------------------------------------

    def _document_id(self, slug: str) -> int:
        row = self._one("SELECT id FROM documents WHERE slug = ?", slug)
        if row is None:
            raise NotFoundError(f"unknown document {slug!r} (see `tracker list`)")
        return row["id"]

    def _all(self, sql: str, *params) -> list[dict]:
        cursor = self.db.execute(sql, list(params))
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _one(self, sql: str, *params) -> dict | None:
        rows = self._all(sql, *params)
        return rows[0] if rows else None


# SQLite's primary result codes for a write the file system refused, and
# what to tell the user; anything else (a busy database, a bug) stays as it is.
_WRITE_FAILURES = {
    "SQLITE_READONLY": "the database file is read-only (check its permissions and "
                       "those of its folder)",
    "SQLITE_FULL": "the disk is full",
    "SQLITE_IOERR": "the disk refused a write (it may be full, or failing)",
    "SQLITE_CANTOPEN": "cannot create or open a file beside it (check the folder's "
                       "permissions)",
}


def write_error(error: sqlite3.OperationalError, path: Path) -> Exception:
    """A failed write as one readable line, when it is one the user can act
    on; otherwise the error itself, so real bugs still show where they are."""
    name = getattr(error, "sqlite_errorname", "") or ""
    primary = next((code for code in _WRITE_FAILURES
                    if name == code or name.startswith(code + "_")), None)
    if primary is None:
        return error
    return DatabaseError(f"{path}: cannot write: {_WRITE_FAILURES[primary]} "
                         f"(SQLite: {error}); nothing was changed")


def _copy_database(source: sqlite3.Connection, path: Path) -> tuple[str, int]:
    """Copy ``source`` into the file ``path``; (integrity check, snapshots)."""
    destination = sqlite3.connect(str(path))
    try:
        # One step, under one read transaction: copied in steps, a backup
        # restarts whenever another process writes between two steps, and
        # under steady writes it never ends. In WAL mode the reader does not
        # hold up writers.
        source.backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode = DELETE")
        check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        count = destination.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
    finally:
        destination.close()
    return check, count


def _validate_capture(text: str, capture: Capture) -> None:
    if not text.strip():
        raise InputError("the text is empty: nothing to keep")
    if capture.raw_type not in RAW_TYPES:
        raise InputError(f"unknown raw type {capture.raw_type!r} (use {', '.join(RAW_TYPES)})")
    if capture.origin not in ORIGINS:
        raise InputError(f"unknown origin {capture.origin!r} (use {', '.join(ORIGINS)})")


def _meeting_fields(spec: MeetingSpec) -> dict:
    return {"number": spec.number, "title": spec.title, "date": spec.date,
            "location": spec.location, "delegations": spec.delegations}


def _document_fields(spec: DocumentSpec) -> dict:
    fields = {"kind": spec.kind, "publisher": spec.publisher, "language": spec.language,
              "title": spec.title, "url": spec.url, "url_status": spec.url_status,
              "notice": spec.notice, "translation_of": spec.translation_of}
    if spec.primary is not None:
        fields["is_primary"] = int(spec.primary)
    return {k: v for k, v in fields.items() if v is not None}


def open_store(path: Path | str, create: bool = True) -> Store:
    """Open (and, when ``create``, make) the database at ``path``.

    A missing file with ``create=False`` is an error rather than a new empty
    database, so that a mistyped ``--db`` on a read command creates nothing.
    """
    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseError(f"no database at {path} (run `tracker init` first, or give --db)")
    if path.is_dir():
        raise DatabaseError(f"{path} is a folder, not a database file")
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_SECONDS)
        _prepare(conn)
        store = Store(conn, path)
        if _needs_migration_check(path) and migrations.pending(store.db):
            _migrate(store)
        _MIGRATED.add(_key(path))
    except sqlite3.DatabaseError as error:
        mapped = write_error(error, path) if isinstance(error, sqlite3.OperationalError) else None
        if isinstance(mapped, DatabaseError):
            raise mapped from None
        raise DatabaseError(f"cannot open {path} as a tracker database: {error}") from None
    return store


_WRITE_LOCKS: dict[str, threading.RLock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()


@contextmanager
def _write_lock(path: Path) -> Iterator[None]:
    """This process's lock for writing to ``path``; waiting for it is
    bounded like waiting for SQLite's."""
    with _WRITE_LOCKS_GUARD:
        lock = _WRITE_LOCKS.setdefault(os.path.abspath(path), threading.RLock())
    if not lock.acquire(timeout=BUSY_TIMEOUT_SECONDS):
        raise DatabaseError(f"{path}: the database is locked (another write took over "
                            f"{BUSY_TIMEOUT_SECONDS:g} s)")
    try:
        yield
    finally:
        lock.release()


# Databases this process has already brought up to date: the web app opens
# one connection per request, and need not read the migrations table each time.
_MIGRATED: set[tuple] = set()


def _key(path: Path) -> tuple:
    stat = path.stat()
    return (str(path.resolve()), stat.st_ino, stat.st_dev)


def _needs_migration_check(path: Path) -> bool:
    return _key(path) not in _MIGRATED


def _migrate(store: Store) -> None:
    """Apply pending migrations holding the write lock, so that two processes
    opening a new database at once do not both create its tables."""
    with store.write():
        if migrations.pending(store.db):
            migrations.apply(store.db)


def _prepare(conn: sqlite3.Connection) -> None:
    """WAL with ``synchronous = NORMAL``, as SQLite advises for WAL: a commit
    no longer waits for the disk (an fsync each, 2-5 ms here, which held a
    round of 500 checks to one write at a time behind the disk), and the
    database stays whole after any crash; a power cut may lose the last
    commits before a checkpoint, never half of one."""
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
