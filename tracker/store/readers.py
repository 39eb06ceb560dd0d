"""Store verbs for readers: where each one last looked.

A reader's mark is a snapshot id: versions are numbered by the database in
the order they were stored, so "everything after the mark" is exact even
when two versions share a capture second, and marking read up to the last
version a reader was shown never hides one stored while the page was open.
"""

from dataclasses import asdict, dataclass

from tracker.errors import InputError

MAX_READER_CHARS = 100

_NEW_SQL = """
SELECT n.id, d.slug AS document, d.title, d.kind, d.is_primary, m.slug AS meeting,
       s.slug AS series, n.version, n.captured_at, n.origin,
       (SELECT MAX(p.version) FROM {live} p
        WHERE p.document_id = n.document_id AND p.version < n.version) AS previous_version
FROM {live} n
JOIN documents d ON d.id = n.document_id
JOIN meetings m ON m.id = d.meeting_id
JOIN series s ON s.id = m.series_id
WHERE n.id > ?
ORDER BY n.id
LIMIT ?
"""


@dataclass(frozen=True)
class NewVersion:
    """A version stored after a reader's mark; ``previous_version`` is the
    live version it changed (None: the document's first text)."""

    id: int
    document: str
    title: str | None
    kind: str
    is_primary: bool
    meeting: str
    series: str
    version: int
    captured_at: str
    origin: str
    previous_version: int | None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ReaderMark:
    name: str
    mark: int
    marked_at: str | None


class ReadersMixin:
    """Readers' marks (mixed into ``Store``)."""

    def reader_mark(self, name: str) -> ReaderMark | None:
        row = self._one("SELECT name, mark, marked_at FROM readers WHERE name = ?",
                        check_reader(name))
        return ReaderMark(**row) if row else None

    def versions_since(self, mark: int, limit: int = 500) -> list[NewVersion]:
        """Live versions stored after ``mark``, oldest first, at most ``limit``."""
        rows = self._all(_NEW_SQL.format(live=self._snapshots), mark, limit)
        return [NewVersion(**{**row, "is_primary": bool(row["is_primary"])}) for row in rows]

    def newest_version_id(self) -> int:
        row = self._one("SELECT MAX(id) AS id FROM snapshots")
        return row["id"] or 0

    def mark_read(self, name: str, upto: int, now: str) -> ReaderMark:
        """Move the reader's mark to ``upto`` (at most the newest version
        stored; never backwards)."""
        name = check_reader(name)
        with self.write():
            upto = max(0, min(upto, self.newest_version_id()))
            self.conn.execute(
                "INSERT INTO readers (name, mark, marked_at) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET mark = MAX(mark, excluded.mark), "
                "marked_at = excluded.marked_at", [name, upto, now])
        return self.reader_mark(name)

    def forget_readers(self, prefix: str, marked_before: str) -> int:
        """Drop the marks of readers named ``prefix…`` who last marked
        before ``marked_before`` (visitors whose cookie has run out)."""
        with self.write():
            cursor = self.conn.execute(
                "DELETE FROM readers WHERE substr(name, 1, ?) = ? AND marked_at < ?",
                [len(prefix), prefix, marked_before])
        return cursor.rowcount


def check_reader(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > MAX_READER_CHARS or not name.isprintable():
        raise InputError(f"a reader's name is 1 to {MAX_READER_CHARS} printable characters")
    return name
