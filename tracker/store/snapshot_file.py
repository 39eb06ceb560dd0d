"""The snapshot file: statement text with front matter.

The same format serves the bundled corpus (``snapshots/``), ``tracker
export`` and ``tracker import``, so that a user can keep a history in git and
rebuild the database from it. One ``key: value`` per line between two
``---`` lines; no quoting, nesting or multi-line values, so that a file stays
readable and diffable and needs no YAML library.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tracker.errors import InputError
from tracker.model import Capture, DocumentSpec, MeetingSpec, Snapshot
from tracker.refs import validate_date, validate_slug, validate_url_status
from tracker.text import canonical_text, has_controls

FENCE = "---"
MEETING_KEYS = ("series", "series_title", "meeting", "meeting_number", "meeting_title",
                "date", "location", "delegations")
DOCUMENT_KEYS = ("document", "kind", "primary", "publisher", "language", "title", "url",
                 "url_status", "digest", "translation_of")
VERSION_KEYS = ("version", "captured_at", "sha256", "origin", "raw_type", "source_url", "note")
KNOWN_KEYS = MEETING_KEYS + DOCUMENT_KEYS + VERSION_KEYS
REQUIRED_KEYS = ("series", "meeting", "document")
# Numbers are ASCII digits ("²" and "٣" pass str.isdigit but are not numbers
# a person writes here), and bounded: a version or meeting number past a
# billion is a typo, and past 2**63 SQLite cannot even store it.
_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_NUMBER = 1_000_000_000


@dataclass(frozen=True)
class SnapshotFile:
    """A parsed snapshot file: where the text belongs and the text itself."""

    document: DocumentSpec
    capture: Capture


def parse_snapshot_file(content: str, name: str = "<input>") -> SnapshotFile:
    """Parse a snapshot file; every problem names the file and the line."""
    meta, body = _split(content, name)
    missing = [key for key in REQUIRED_KEYS if not meta.get(key)]
    if missing:
        raise InputError(f"{name}: front matter lacks {', '.join(missing)}")
    try:
        return SnapshotFile(_document_spec(meta), _capture(meta, body))
    except InputError as error:
        raise InputError(f"{name}: {error}") from None


def read_snapshot_file(path: Path, max_bytes: int | None = None) -> SnapshotFile:
    """Read and parse one file; past ``max_bytes`` it is refused before it is
    read, as ``tracker add`` refuses a file past the input limit."""
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise InputError(f"{path}: larger than the limit of {max_bytes:,} bytes")
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    return parse_snapshot_file(content, str(path))


def _split(content: str, name: str) -> tuple[dict[str, str], str]:
    lines = content.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise InputError(f"{name}: no front matter (the file must start with a line '---')")
    meta: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == FENCE:
            return meta, "\n".join(lines[number:])
        if not line.strip():
            continue
        key, sep, value = line.partition(":")
        key = key.strip()
        if not sep or key not in KNOWN_KEYS:
            raise InputError(f"{name}, line {number}: expected 'key: value' with a known key, "
                             f"got {line[:60]!r}")
        if key in meta:
            raise InputError(f"{name}, line {number}: {key!r} is given twice")
        if has_controls(value):
            raise InputError(f"{name}, line {number}: {key!r} holds a control character")
        meta[key] = value.strip()
    raise InputError(f"{name}: front matter is not closed by a line '---'")


def _document_spec(meta: dict[str, str]) -> DocumentSpec:
    meeting = MeetingSpec(
        slug=validate_slug(meta["meeting"], "meeting slug"),
        series=validate_slug(meta["series"], "series slug"),
        series_title=meta.get("series_title") or None,
        number=_integer(meta, "meeting_number"),
        title=meta.get("meeting_title") or None,
        date=validate_date(meta["date"]) if meta.get("date") else None,
        location=meta.get("location") or None,
        delegations=meta.get("delegations") or None,
    )
    return DocumentSpec(
        slug=validate_slug(meta["document"], "document slug"),
        meeting=meeting,
        kind=validate_slug(meta.get("kind") or "joint-statement", "kind"),
        primary=_boolean(meta, "primary"),
        publisher=meta.get("publisher") or None,
        language=meta.get("language") or None,
        title=meta.get("title") or None,
        url=meta.get("url") or None,
        url_status=validate_url_status(meta.get("url_status")),
        notice=meta.get("digest") or None,
        translation_of=_translation_of(meta),
    )


def _translation_of(meta: dict[str, str]) -> str | None:
    """The document this one translates (``translation_of``: a document slug)."""
    value = meta.get("translation_of")
    return validate_slug(value, "translation_of") if value else None


def _capture(meta: dict[str, str], body: str) -> Capture:
    return Capture(
        text=canonical_text(body),
        raw=None,
        raw_type=meta.get("raw_type") or "text",
        origin=meta.get("origin") or "import",
        source_url=meta.get("source_url") or None,
        note=meta.get("note") or None,
        captured_at=_timestamp(meta.get("captured_at")),
        version=_integer(meta, "version"),
        sha256=meta.get("sha256") or None,
    )


def _timestamp(value: str | None) -> str | None:
    """Capture times are kept as written, once known to be ISO 8601 UTC."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is None or parsed.utcoffset() != timedelta(0):
        raise InputError(f"captured_at must be an ISO 8601 UTC time such as "
                         f"2024-09-04T12:00:00Z, got {value!r}")
    return value


def _integer(meta: dict[str, str], key: str) -> int | None:
    value = meta.get(key)
    if not value:
        return None
    if not _NUMBER.fullmatch(value) or not 1 <= int(value) <= MAX_NUMBER:
        raise InputError(f"{key} must be a whole number from 1 to {MAX_NUMBER:,}, "
                         f"got {value[:40]!r}")
    return int(value)


def _boolean(meta: dict[str, str], key: str) -> bool | None:
    value = (meta.get(key) or "").lower()
    if not value:
        return None
    if value not in ("true", "false", "yes", "no"):
        raise InputError(f"{key} must be true or false, got {value!r}")
    return value in ("true", "yes")


def format_snapshot_file(snapshot: Snapshot, meeting: MeetingSpec) -> str:
    """Write one version as a snapshot file that ``parse_snapshot_file`` reads
    back to the same document, version and text."""
    doc, info = snapshot.document, snapshot.info
    values = {
        "series": meeting.series, "series_title": meeting.series_title,
        "meeting": meeting.slug, "meeting_number": meeting.number,
        "meeting_title": meeting.title, "date": meeting.date, "location": meeting.location,
        "delegations": meeting.delegations,
        "document": doc.slug, "kind": doc.kind, "primary": "true" if doc.primary else "false",
        "publisher": doc.publisher, "language": doc.language, "title": doc.title,
        "url": doc.url, "url_status": doc.url_status, "digest": doc.notice,
        "translation_of": doc.translation_of,
        "version": info.version, "captured_at": info.captured_at, "sha256": info.sha256,
        "origin": info.origin, "raw_type": info.raw_type, "source_url": info.source_url,
        "note": info.note,
    }
    lines = [FENCE]
    lines += [f"{key}: {_one_line(value)}" for key, value in values.items() if value is not None]
    lines += [FENCE, "", snapshot.text, ""]
    return "\n".join(lines)


def _one_line(value: object) -> str:
    """Front matter values are single lines: fold any line break a user typed."""
    return " ".join(str(value).split())
