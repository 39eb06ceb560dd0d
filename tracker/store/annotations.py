"""Annotations: an analyst's note, significance and tags on a unit of a
comparison or on a commitment thread.

What an annotation is attached to is named by stable keys
(:mod:`tracker.compare.keys`): a unit by the two versions compared
(``DOCUMENT@N``, immutable) and the hash of its normalised text; a thread by
its series and the meeting and hash of its first wording. So an annotation
finds its unit again on every render, whatever moves around it.

Removing an annotation stamps its row rather than deleting it, so that an
import of an older export does not bring it back, and who removed it stays
known. Each annotation has a ``uid`` that travels with exports: importing
the same file twice adds nothing the second time. Values are validated here,
once, for the CLI, the web forms and the API alike.
"""

import re
import uuid
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import SIGNIFICANCES, AnnotationSubject
from tracker.store.corrections import validated_name
from tracker.text import has_controls

TARGETS = ("unit", "thread")
MAX_NOTE = 4000
MAX_TAGS = 12
MAX_EXCERPT = 300
_TAG = re.compile(r"[a-z0-9][a-z0-9 .+-]{0,39}")
_COLUMNS = ("uid", "target", "a_ref", "b_ref", "series", "key", "excerpt", "note",
            "significance", "tags", "created_by", "created_at", "removed_by", "removed_at")


@dataclass(frozen=True)
class Annotation:
    """One annotation; ``a_ref``/``b_ref`` are set for a unit, ``series``
    for a thread, and ``key`` names the unit or thread within them."""

    id: int
    uid: str
    target: str
    key: str
    excerpt: str
    note: str
    significance: str
    tags: tuple[str, ...]
    created_by: str
    created_at: str
    a_ref: str | None = None
    b_ref: str | None = None
    series: str | None = None
    removed_by: str | None = None
    removed_at: str | None = None

    def to_dict(self) -> dict:
        return {**asdict(self), "tags": list(self.tags)}


def validated_significance(value: str | None) -> str:
    if value not in SIGNIFICANCES:
        raise InputError(f"invalid significance {str(value)[:40]!r}: use one of "
                         f"{', '.join(SIGNIFICANCES)}")
    return value


def validated_tags(tags) -> tuple[str, ...]:
    """Tags as a list or one comma-separated string: trimmed, lower case,
    each at most 40 characters of letters, digits, spaces and ``.+-``."""
    if isinstance(tags, str):
        tags = tags.split(",")
    cleaned = tuple(dict.fromkeys(" ".join(t.split()).lower() for t in tags or () if t.strip()))
    for tag in cleaned:
        if not _TAG.fullmatch(tag):
            raise InputError(f"invalid tag {tag[:40]!r}: up to 40 letters, digits, spaces, "
                             "'.', '+' or '-'")
    if len(cleaned) > MAX_TAGS:
        raise InputError(f"at most {MAX_TAGS} tags")
    return cleaned


def validated_note(note: str | None) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        raise InputError(f"the note is too long: at most {MAX_NOTE} characters")
    if has_controls(note.replace("\r", "")):
        raise InputError("the note holds a control character")
    return note


def _filters(columns: dict, tag: str | None) -> tuple[str, list]:
    """The WHERE clause and its parameters: live rows, each column given
    equal, and the tag as one whole item of the comma list (never a LIKE
    pattern, so ``%`` or ``_`` in a filter match only themselves)."""
    given = {name: value for name, value in columns.items() if value}
    where = ["removed_at IS NULL", *(f"{name} = ?" for name in given)]
    params = list(given.values())
    if tag:
        where.append("instr(',' || tags || ',', ?) > 0")
        params.append(f",{' '.join(tag.split()).lower()},")
    return " AND ".join(where), params


def _from_row(row: dict) -> Annotation:
    tags = tuple(t for t in (row.pop("tags") or "").split(",") if t)
    return Annotation(**row, tags=tags)


class AnnotationsMixin:
    """The store's annotation verbs (mixed into ``Store``)."""

    def annotate(self, subject: AnnotationSubject, *, note: str | None, significance: str,
                 tags=(), by: str) -> Annotation:
        """Attach an annotation to ``subject``; a note, tags or both say what
        the change means, and the significance how much it matters."""
        row = {"uid": uuid.uuid4().hex, "target": subject.target, "key": subject.key,
               "excerpt": " ".join(subject.excerpt.split())[:MAX_EXCERPT],
               "a_ref": subject.a_ref, "b_ref": subject.b_ref, "series": subject.series,
               "note": validated_note(note), "significance": validated_significance(significance),
               "tags": ",".join(validated_tags(tags)),
               "created_by": validated_name(by, "--by"), "created_at": self._now()}
        if not row["note"] and not row["tags"] and significance == "routine":
            raise InputError("say something: give a note, tags, or a significance above routine")
        with self.write():
            new_id = self.db["annotations"].insert(row).last_pk
        return self.annotation(new_id)

    def annotation(self, annotation_id: int) -> Annotation:
        row = self._one("SELECT * FROM annotations WHERE id = ?", annotation_id)
        if row is None:
            raise NotFoundError(f"no annotation {annotation_id} (see `tracker annotate list`)")
        return _from_row(row)

    def remove_annotation(self, annotation_id: int, by: str) -> Annotation:
        """Stamp the annotation removed; it no longer shows anywhere."""
        found, by = self.annotation(annotation_id), validated_name(by, "--by")
        if found.removed_at:
            raise ConflictError(f"annotation {annotation_id} was already removed "
                                f"by {found.removed_by}")
        with self.write():
            self.db["annotations"].update(annotation_id, {"removed_by": by,
                                                          "removed_at": self._now()})
        return self.annotation(annotation_id)

    def annotations(self, *, a_ref: str | None = None, b_ref: str | None = None,
                    series: str | None = None, key: str | None = None,
                    target: str | None = None, significance: str | None = None,
                    tag: str | None = None, limit: int | None = None) -> list[Annotation]:
        """Live annotations matching every filter given, newest first."""
        if tag and "," in tag:  # no tag holds one: it would match across two tags
            return []
        where, params = _filters({"a_ref": a_ref, "b_ref": b_ref, "series": series,
                                  "key": key, "target": target,
                                  "significance": significance}, tag)
        sql = f"SELECT * FROM annotations WHERE {where} ORDER BY created_at DESC, id DESC"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_from_row(row) for row in self._all(sql, *params)]

    def annotations_for_pair(self, a_ref: str, b_ref: str) -> list[Annotation]:
        """The live annotations on units of the comparison ``a_ref`` → ``b_ref``
        (two ``DOCUMENT@N``): what a page, a report or a subscription filter
        on significance reads."""
        return self.annotations(a_ref=a_ref, b_ref=b_ref, target="unit")

    def unit_significance(self, keys: Iterable[str]) -> dict[str, list[str]]:
        """The significance of every live unit annotation on the given unit
        keys, by key: a unit key names the same change whichever pair of
        versions it was judged on, so a report's units find their judgements
        without knowing which comparison the annotator looked at."""
        return {key: [a.significance for a in found]
                for key, found in self.unit_annotations(keys).items()}

    def unit_annotations(self, keys: Iterable[str]) -> dict[str, list[Annotation]]:
        """Every live unit annotation on the given unit keys, by key, oldest
        first: what a report carries on its units when it is built."""
        wanted = sorted({key for key in keys if key})
        found: dict[str, list[Annotation]] = {}
        for start in range(0, len(wanted), 500):  # SQLite's bound-parameter limit
            chunk = wanted[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            rows = self._all("SELECT * FROM annotations WHERE removed_at IS NULL "
                             f"AND target = 'unit' AND key IN ({marks}) ORDER BY id", *chunk)
            for row in rows:
                annotation = _from_row(row)
                found.setdefault(annotation.key, []).append(annotation)
        return found

    def export_annotations(self) -> list[dict]:
        """Every annotation, removed ones too (so a removal travels), oldest first."""
        rows = self._all(f"SELECT {', '.join(_COLUMNS)} FROM annotations ORDER BY id")
        return [{**row, "tags": [t for t in (row["tags"] or "").split(",") if t]}
                for row in rows]

    def import_annotations_within(self, rows: list[dict]) -> int:
        """Add exported annotations not already here (by ``uid``), inside the
        caller's transaction; returns how many were added."""
        added = 0
        for row in rows:
            if self._one("SELECT id FROM annotations WHERE uid = ?", row["uid"]):
                continue
            self.db["annotations"].insert({**row, "tags": ",".join(row["tags"])})
            added += 1
        return added


def checked_import_rows(data) -> list[dict]:
    """The rows of an ``annotations.json`` export, each checked as if typed
    in: a file from elsewhere is untrusted input."""
    if not isinstance(data, list):
        raise InputError("annotations.json: expected a list of annotations")
    return [_checked_row(row, number) for number, row in enumerate(data, start=1)]


def _checked_row(row, number: int) -> dict:
    where = f"annotations.json, annotation {number}"
    if not isinstance(row, dict) or set(row) - set(_COLUMNS):
        raise InputError(f"{where}: expected an object with the fields {', '.join(_COLUMNS)}")
    for name in _COLUMNS:
        value = row.get(name)
        if value is not None and not isinstance(value, list if name == "tags" else str):
            raise InputError(f"{where}: {name} has the wrong type")
    try:
        if not re.fullmatch(r"[0-9a-f]{32}", row.get("uid") or "") or \
                row.get("target") not in TARGETS or not row.get("key"):
            raise InputError("a uid (32 hex digits), a target (unit or thread) and a key")
        checked = {**row, "note": validated_note(row.get("note")),
                   "significance": validated_significance(row.get("significance")),
                   "tags": list(validated_tags(row.get("tags") or [])),
                   "created_by": validated_name(row.get("created_by"), "created_by")}
    except InputError as error:
        raise InputError(f"{where}: {error}") from None
    return {name: checked.get(name) for name in _COLUMNS}
