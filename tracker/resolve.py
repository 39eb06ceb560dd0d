"""What a user means by one side of a comparison.

``edscg-5-joint-statement@2`` is a version, ``edscg-5-joint-statement`` the
latest version of a document, ``edscg-4`` the latest version of that
meeting's primary text. Shared by the CLI and the web app so both read the
same names the same way.
"""

from tracker.errors import NotFoundError
from tracker.refs import parse_snapshot_ref
from tracker.statement import Statement
from tracker.store import Store


def resolve_statement(store: Store, name: str) -> Statement:
    """Find the snapshot ``name`` refers to (see the module docstring)."""
    ref = parse_snapshot_ref(name)
    try:
        snapshot = store.snapshot(ref.document, ref.version)
    except NotFoundError:
        if ref.version is not None:
            raise
        if not _is_meeting(store, ref.document):
            raise NotFoundError(f"no document or meeting named {name!r} "
                                "(see `tracker list` and `tracker meetings`)") from None
        primary = store.primary_document(ref.document)
        snapshot = store.snapshot(primary.slug)
    return Statement(snapshot.label, snapshot.text, snapshot)


def _is_meeting(store: Store, slug: str) -> bool:
    try:
        store.meeting(slug)
    except NotFoundError:
        return False
    return True


def series_statements(store: Store, series: str) -> list[Statement]:
    """The latest primary text of every meeting of ``series``, oldest first."""
    statements = []
    for meeting in store.meetings(series, with_documents=False):
        if meeting.document_count:
            statements.append(resolve_statement(store, meeting.slug))
    return statements
