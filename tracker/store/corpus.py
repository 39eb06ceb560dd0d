"""Folders of snapshot files: the bundled corpus, ``import`` and ``export``.

Import reads and checks every file before it writes anything, then adds all
of them in one transaction, so a folder with one broken file changes nothing.
Each file is held to the same input limit as ``tracker add``. Export writes
each file beside its final name and renames it into place, so a full disk or
a killed process never leaves a cut-off file under a snapshot's name.
"""

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

from tracker.errors import InputError
from tracker.model import MeetingSpec
from tracker.refs import validate_slug
from tracker.settings import bundled_dir
from tracker.store import Store
from tracker.store.annotations import checked_import_rows
from tracker.store.snapshot_file import SnapshotFile, format_snapshot_file, read_snapshot_file

SUFFIX = ".txt"
# Annotations travel with the snapshots they talk about, as one JSON file at
# the top of the folder (its rows as ``tracker.store.annotations`` exports them).
ANNOTATIONS = "annotations.json"


class _Report:
    """What ``--json`` prints for the reports below: their fields."""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class ImportReport(_Report):
    """What an import added: every file is a new version or one already there."""

    files: int
    created: int
    unchanged: int
    annotations: int = 0

    def describe(self) -> str:
        added = f", {self.annotations} annotations added" if self.annotations else ""
        return (f"{self.files} files: {self.created} new versions, {self.unchanged} already "
                f"present{added}")


@dataclass(frozen=True)
class ExportReport(_Report):
    """What an export wrote; a file that already holds the same content is
    left alone, so a git history of the folder shows real changes only."""

    written: int
    unchanged: int
    folder: str
    annotations: int = 0

    def describe(self) -> str:
        total = self.written + self.unchanged
        notes = f"; {self.annotations} annotations in {ANNOTATIONS}" if self.annotations else ""
        return (f"{total} snapshots in {self.folder} "
                f"({self.written} written, {self.unchanged} already up to date){notes}")


def snapshot_files(folder: Path) -> list[Path]:
    """Every ``*.txt`` below ``folder``, hidden folders skipped, in name order."""
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder")
    found = [p for p in folder.rglob(f"*{SUFFIX}") if p.is_file() and not _hidden(p, folder)]
    return sorted(found)


def _hidden(path: Path, folder: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(folder).parts)


def read_folder(folder: Path, max_bytes: int = sys.maxsize) -> list[SnapshotFile]:
    """Parse every file; versions of one document come in version order.

    ``max_bytes`` caps each file: ``tracker import`` passes the input limit
    (``Settings.limits``), since a statement too long to add is too long to
    import; the bundled corpus has none."""
    parsed = [read_snapshot_file(path, max_bytes) for path in snapshot_files(folder)]
    if not parsed:
        raise InputError(f"{folder}: no snapshot files (*{SUFFIX}) found")
    return sorted(parsed, key=lambda f: (f.document.slug, f.capture.version or 0))


def import_folder(store: Store, folder: Path, max_bytes: int = sys.maxsize) -> ImportReport:
    """Add every file of ``folder`` in one transaction (see ``read_folder``)."""
    return add_files(store, read_folder(folder, max_bytes), read_annotations(folder, max_bytes))


def read_annotations(folder: Path, max_bytes: int = sys.maxsize) -> list[dict]:
    """The checked rows of the folder's ``annotations.json``; none without one."""
    path = folder / ANNOTATIONS
    if not path.is_file():
        return []
    if path.stat().st_size > max_bytes:
        raise InputError(f"{path}: larger than the input limit of {max_bytes:,} bytes")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise InputError(f"{path}: not valid JSON ({error})") from None
    return checked_import_rows(data)


def add_files(store: Store, files: list[SnapshotFile],
              annotations: list[dict] = ()) -> ImportReport:
    """Add parsed snapshot files and annotation rows in one transaction:
    all or nothing."""
    with store.write():
        results = [store.add_within(f.document, f.capture) for f in files]
        added = store.import_annotations_within(list(annotations))
    created = sum(r.created for r in results)
    return ImportReport(len(results), created, len(results) - created, added)


def load_bundled_corpus(store: Store) -> ImportReport:
    """The corpus ships with the program: no input limit applies to it, so a
    small ``$TRACKER_MAX_INPUT_BYTES`` cannot stop ``init`` or ``serve``."""
    return import_folder(store, bundled_dir("snapshots"), max_bytes=sys.maxsize)


def export_folder(store: Store, folder: Path) -> ExportReport:
    """Write every version as ``<series>/<document>.v<N>.txt`` under ``folder``."""
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: exists and is not a folder")
    meetings = {m.slug: _meeting_spec(m) for m in store.meetings()}
    written = unchanged = 0
    for snapshot in store.all_snapshots():
        meeting = meetings[snapshot.document.meeting]
        info = snapshot.info
        path = _inside(folder, meeting.series, f"{info.document}.v{info.version}{SUFFIX}")
        content = format_snapshot_file(snapshot, meeting)
        if path.is_file() and path.read_text(encoding="utf-8") == content:
            unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
        written += 1
    return ExportReport(written, unchanged, str(folder), _export_annotations(store, folder))


def _export_annotations(store: Store, folder: Path) -> int:
    """Write ``annotations.json`` when there are annotations (unchanged
    content is left alone, as for snapshots); returns how many."""
    rows = store.export_annotations()
    if not rows:
        return 0
    content = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    path = folder / ANNOTATIONS
    if not (path.is_file() and path.read_text(encoding="utf-8") == content):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content)
    return len(rows)


def write_atomically(path: Path, content: str) -> None:
    """Write ``content`` to a hidden file in ``path``'s folder, flush it to
    disk, then rename it over ``path``: readers (and a later import) see the
    old file or the whole new one, never a part. On failure the partial file
    is removed and the error goes on."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, 0o644)
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def _inside(folder: Path, *parts: str) -> Path:
    """A path under ``folder``; names are slugs, but a database edited by
    hand could hold anything, and export must never write elsewhere."""
    for part in parts:
        validate_slug(part.removesuffix(SUFFIX).replace(".v", "-v"), "file name")
    return folder.joinpath(*parts)


def _meeting_spec(meeting) -> MeetingSpec:
    return MeetingSpec(slug=meeting.slug, series=meeting.series,
                       series_title=meeting.series_title, number=meeting.number,
                       title=meeting.title, date=meeting.date, location=meeting.location,
                       delegations=meeting.delegations)
