"""What a user means by one side of a comparison.

``edscg-5-joint-statement@2`` is a version, ``edscg-5-joint-statement`` the
latest version of a document, ``edscg-4`` the latest version of that
meeting's primary text, and a name that is a file is that file's text.
Shared by the CLI and the web app so both read the same names the same way.

The store is imported only for type hints: comparing two files
(``tracker diff a.txt b.txt``) must not load SQLite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import InputError, NotFoundError
from tracker.refs import did_you_mean, parse_snapshot_ref
from tracker.refs.statement import Statement

if TYPE_CHECKING:
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
            hint = did_you_mean(ref.document, store.slugs())
            raise NotFoundError(f"no document or meeting named {name!r}"
                                f"{hint or ' (see `tracker list` and `tracker meetings`)'}"
                                ) from None
        primary = store.primary_document(ref.document)
        snapshot = store.snapshot(primary.slug)
    return Statement(snapshot.label, snapshot.text, snapshot)


def _is_meeting(store: Store, slug: str) -> bool:
    try:
        store.meeting(slug)
    except NotFoundError:
        return False
    return True


def resolve_statements(names: Sequence[str], max_input_bytes: int,
                       open_store: Callable[[], Store]) -> list[Statement]:
    """Each name is a file (no database needed) or a snapshot, document or
    meeting name; ``open_store`` is called only when some name is not a file."""
    files = {name: read_statement_file(name, max_input_bytes)
             for name in names if Path(name).is_file()}
    if all(name in files for name in names):
        return [Statement(name, files[name]) for name in names]
    _validate_names([name for name in names if name not in files])
    with open_store() as store:
        return [Statement(n, files[n]) if n in files else resolve_statement(store, n)
                for n in names]


def read_statement_file(name: str, max_input_bytes: int) -> str:
    from tracker.ingest.intake import read_source

    return read_source(name, "auto", max_input_bytes).text


def _validate_names(names: list[str]) -> None:
    """A name that is neither a file nor a valid snapshot name is most
    likely a mistyped path: say so before looking for a database."""
    for name in names:
        try:
            parse_snapshot_ref(name)
        except InputError:
            raise InputError(f"{name}: no such file, and not a document or meeting name "
                             "(DOCUMENT, DOCUMENT@N or a meeting slug)") from None


def series_statements(store: Store, series: str) -> list[Statement]:
    """The latest primary text of every meeting of ``series``, oldest first."""
    statements = []
    for meeting in store.meetings(series, with_documents=False):
        if meeting.document_count:
            statements.append(resolve_statement(store, meeting.slug))
    return statements


def series_texts(store: Store, series: str) -> list[tuple[str, str]]:
    """``(meeting, text)`` for each of ``series_statements``: what the
    series views (lineage, term timeline) take."""
    return [(s.snapshot.document.meeting, s.text) for s in series_statements(store, series)]
