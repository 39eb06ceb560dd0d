"""Changes since a reader last looked: every version stored after the
reader's mark, each with the comparison that shows what it changed.

- a later version of a document: compared with the version before it;
- the first text of a meeting's primary document (a new statement):
  compared with the previous meeting's, as its change report is (the
  first meeting of a series has only its document page);
- any other first text (a new document): its document page.

The CLI (``tracker since``) and the web page (``/since``) both list
:func:`changes_since`, so they show the same entries for the same mark.
"""

from dataclasses import dataclass

from tracker.errors import NotFoundError
from tracker.store import Store
from tracker.store.readers import NewVersion
from tracker.watch.reporting import previous_meeting

NEW_VERSION, NEW_STATEMENT, NEW_DOCUMENT = "new version", "new statement", "new document"
SINCE_LIMIT = 200


@dataclass(frozen=True)
class SinceEntry:
    """One new version: what it is and the path of the page that shows it."""

    version: NewVersion
    what: str
    path: str
    against: str | None = None  # what it is compared with, when it is

    def to_dict(self, base_url: str = "") -> dict:
        return {**self.version.to_dict(), "what": self.what, "against": self.against,
                "link": base_url + self.path}


@dataclass(frozen=True)
class SinceView:
    """A reader's new versions; ``upto`` is the mark that reads them all."""

    reader: str
    mark: int
    marked_at: str | None
    entries: tuple[SinceEntry, ...]
    upto: int
    more: bool = False

    def to_dict(self, base_url: str = "") -> dict:
        return {"reader": self.reader, "mark": self.mark, "marked_at": self.marked_at,
                "upto": self.upto, "more": self.more,
                "entries": [entry.to_dict(base_url) for entry in self.entries]}


def changes_since(store: Store, reader: str, limit: int = SINCE_LIMIT) -> SinceView:
    """What ``reader`` has not seen: everything stored after their mark
    (everything at all for a reader who never marked), oldest first."""
    upto = store.newest_version_id()
    found = store.reader_mark(reader)
    mark = found.mark if found else 0
    versions = store.versions_since(mark, limit + 1)
    entries = tuple(describe(store, version) for version in versions[:limit]
                    if version.id <= upto)
    return SinceView(reader, mark, found.marked_at if found else None, entries, upto,
                     more=len(versions) > limit)


def describe(store: Store, version: NewVersion) -> SinceEntry:
    doc = version.document
    if version.previous_version is not None:
        before = f"{doc}@{version.previous_version}"
        return SinceEntry(version, NEW_VERSION, f"/compare/{before}...{doc}@{version.version}",
                          before)
    if version.version > 1:  # the versions before it are retracted
        return SinceEntry(version, NEW_VERSION, f"/documents/{doc}")
    if not _is_primary(store, version):
        return SinceEntry(version, NEW_DOCUMENT, f"/documents/{doc}")
    earlier = _previous_meeting(store, version)
    if earlier is None:  # the first meeting of its series
        return SinceEntry(version, NEW_STATEMENT, f"/documents/{doc}")
    return SinceEntry(version, NEW_STATEMENT, f"/compare/{earlier}...{version.meeting}",
                      earlier)


def _is_primary(store: Store, version: NewVersion) -> bool:
    try:
        return store.primary_document(version.meeting).slug == version.document
    except NotFoundError:
        return False


def _previous_meeting(store: Store, version: NewVersion) -> str | None:
    """The meeting a new primary statement is compared with, if any."""
    try:
        return previous_meeting(store, version.series, version.meeting)
    except NotFoundError:
        return None
