"""Corrections: metadata edits and retracted versions, with the history kept.

Snapshots are immutable, so a wrong version is never deleted: a row in
``retractions`` hides it from every reading verb (they read the
``live_snapshots`` view), and undoing it stamps that row rather than
removing it. Metadata edits overwrite the field but leave its old and new
value, who and when, in ``metadata_edits``. Values are validated here, once,
so the CLI and the web app refuse the same input with the same line.
"""

from dataclasses import asdict, dataclass

from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.refs import validate_date, validate_url_status

DOCUMENT_FIELDS = ("title", "publisher", "language", "url", "url_status", "notice")
MEETING_FIELDS = ("title", "date", "location", "delegations")
MAX_VALUE = 2000
MAX_NAME = 80


@dataclass(frozen=True)
class Correction:
    """One entry of a document's correction log: a field edited, or a
    version retracted or brought back."""

    at: str
    by: str
    action: str  # "edit", "retract" or "unretract"
    target: str  # "document" or "meeting" (edits); "version" otherwise
    slug: str
    field: str | None = None
    old: str | None = None
    new: str | None = None
    version: int | None = None
    reason: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Retraction:
    """A version hidden from pages, comparisons and reports, and why."""

    document: str
    version: int
    reason: str
    retracted_by: str
    retracted_at: str

    def to_dict(self) -> dict:
        return asdict(self)


def _check_language(value: str) -> str:
    if not (value.replace("-", "").isalpha() and len(value) <= 12):
        raise InputError(f"invalid language {value[:40]!r}: use a code such as en or ko")
    return value


def _check_url(value: str) -> str:
    if not value.startswith(("http://", "https://")) or " " in value:
        raise InputError(f"invalid URL {value[:100]!r}: use an http:// or https:// address")
    return value


_CHECKS = {"date": validate_date, "url_status": validate_url_status,
           "language": _check_language, "url": _check_url}


def validated_changes(target: str, slug: str, changes: dict) -> dict:
    """The fields to set, each checked; ``""`` clears a field. A field the
    target does not have is refused with where it belongs instead."""
    allowed = DOCUMENT_FIELDS if target == "document" else MEETING_FIELDS
    given = {k: v for k, v in changes.items() if v is not None}
    if not given:
        raise InputError(f"nothing to change for {slug}: give a field such as --title "
                         f"(a {target} has {', '.join(allowed)})")
    result = {}
    for field, value in given.items():
        if field not in allowed:
            raise InputError(f"{slug} is a {target}; {field} is not one of its fields "
                             f"({', '.join(allowed)})")
        value = str(value).strip()
        if len(value) > MAX_VALUE:
            raise InputError(f"{field}: at most {MAX_VALUE} characters")
        result[field] = _CHECKS[field](value) if value and field in _CHECKS else value or None
    return result


def validated_name(by: str, what: str = "--by") -> str:
    by = (by or "").strip()
    if not by or len(by) > MAX_NAME:
        raise InputError(f"{what}: give who made the correction (1 to {MAX_NAME} characters)")
    return by


def validated_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason or len(reason) > MAX_VALUE:
        raise InputError(f"--reason: say why the version is retracted (1 to {MAX_VALUE} "
                         "characters)")
    return reason


class CorrectionsMixin:
    """The store's correction verbs (mixed into ``Store``)."""

    def edit_metadata(self, slug: str, changes: dict, by: str) -> list[Correction]:
        """Set fields of the document or meeting ``slug``, each change logged;
        a value equal to the one held changes nothing and logs nothing."""
        target, row = self._correction_target(slug)
        fields = validated_changes(target, slug, changes)
        by = validated_name(by)
        edits, now = [], self._now()
        with self.write():
            for field, value in fields.items():
                if row[field] == value:
                    continue
                self.db[f"{target}s"].update(row["id"], {field: value})
                self.db["metadata_edits"].insert({
                    "target": target, "target_id": row["id"], "slug": slug, "field": field,
                    "old_value": row[field], "new_value": value, "edited_by": by,
                    "edited_at": now})
                edits.append(Correction(now, by, "edit", target, slug, field, row[field], value))
        return edits

    def _correction_target(self, slug: str) -> tuple[str, dict]:
        for target in ("document", "meeting"):
            row = self._one(f"SELECT * FROM {target}s WHERE slug = ?", slug)
            if row:
                return target, row
        raise NotFoundError(f"no document or meeting named {slug!r} "
                            "(see `tracker list` and `tracker meetings`)")

    def retract(self, slug: str, version: int, reason: str, by: str) -> Retraction:
        """Hide ``slug@version`` from every reading verb; the snapshot stays."""
        reason, by = validated_reason(reason), validated_name(by)
        snapshot_id = self._snapshot_id(slug, version)
        if self._live_retraction(snapshot_id):
            raise ConflictError(f"{slug}@{version} is already retracted")
        now = self._now()
        with self.write():
            self.db["retractions"].insert({"snapshot_id": snapshot_id, "reason": reason,
                                           "retracted_by": by, "retracted_at": now})
        return Retraction(slug, version, reason, by, now)

    def unretract(self, slug: str, version: int, by: str) -> Retraction:
        """Bring a retracted version back; the retraction row keeps both stamps."""
        by = validated_name(by)
        row = self._live_retraction(self._snapshot_id(slug, version))
        if row is None:
            raise ConflictError(f"{slug}@{version} is not retracted: nothing to undo")
        with self.write():
            self.db["retractions"].update(row["id"], {"unretracted_by": by,
                                                      "unretracted_at": self._now()})
        return Retraction(slug, version, row["reason"], row["retracted_by"],
                          row["retracted_at"])

    def retraction(self, slug: str, version: int) -> Retraction | None:
        """Why ``slug@version`` is hidden, or None when it is not."""
        row = self._live_retraction(self._snapshot_id(slug, version))
        return row and Retraction(slug, version, row["reason"], row["retracted_by"],
                                  row["retracted_at"])

    def retractions(self, slug: str) -> list[Retraction]:
        """The document's versions retracted now, oldest version first."""
        rows = self._all(
            "SELECT n.version, r.reason, r.retracted_by, r.retracted_at FROM retractions r "
            "JOIN snapshots n ON n.id = r.snapshot_id WHERE r.unretracted_at IS NULL "
            "AND n.document_id = ? ORDER BY n.version", self._document_id(slug))
        return [Retraction(document=slug, **row) for row in rows]

    def _snapshot_id(self, slug: str, version: int) -> int:
        row = self._one("SELECT id FROM snapshots WHERE version = ? AND document_id = ?",
                        version, self._document_id(slug))
        if row is None:
            raise NotFoundError(f"{slug} has no version {version}")
        return row["id"]

    def _live_retraction(self, snapshot_id: int) -> dict | None:
        return self._one("SELECT * FROM retractions WHERE snapshot_id = ? "
                         "AND unretracted_at IS NULL", snapshot_id)

    def corrections(self, slug: str) -> list[Correction]:
        """Every edit of the document and its meeting, and every retraction
        and its undoing, oldest first."""
        document_id = self._document_id(slug)
        edits = self._all(
            "SELECT edited_at AS at, edited_by AS by, 'edit' AS action, target, slug, field, "
            "old_value AS old, new_value AS new FROM metadata_edits WHERE "
            "(target = 'document' AND target_id = ?) OR (target = 'meeting' AND target_id = "
            "(SELECT meeting_id FROM documents WHERE id = ?))", document_id, document_id)
        return sorted([Correction(**row) for row in edits] + self._retraction_log(slug),
                      key=lambda c: c.at)

    def _retraction_log(self, slug: str) -> list[Correction]:
        rows = self._all(
            "SELECT n.version, r.* FROM retractions r JOIN snapshots n ON n.id = r.snapshot_id "
            "WHERE n.document_id = ?", self._document_id(slug))
        log = []
        for row in rows:
            log.append(Correction(row["retracted_at"], row["retracted_by"], "retract",
                                  "version", slug, version=row["version"], reason=row["reason"]))
            if row["unretracted_at"]:
                log.append(Correction(row["unretracted_at"], row["unretracted_by"],
                                      "unretract", "version", slug, version=row["version"]))
        return log
