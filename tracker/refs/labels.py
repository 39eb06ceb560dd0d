"""Names a person reads: "Fifth EDSCG meeting (2024-09-04) · joint statement".

Slugs stay in URLs, JSON and ``--json``; everything people read (page
headings, terminal output, report subjects) names a statement through this
module, so the CLI, the web app and the reports say the same thing. Pure
functions over the plain records of :mod:`tracker.model`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tracker.model import DocumentSummary, Meeting, Snapshot


def kind_words(kind: str | None) -> str:
    """``joint-press-release`` → "joint press release"."""
    return (kind or "statement").replace("-", " ")


def meeting_label(title: str | None, date: str | None, slug: str) -> str:
    """"Fifth EDSCG meeting (2024-09-04)"; without a title, what the slug
    says ("EDSCG 6" for ``edscg-6``), or the slug itself."""
    name = title or _name_from_slug(slug)
    return f"{name} ({date})" if date and date not in name else name


def meeting_short_label(meeting: Meeting) -> str:
    """A chart column's name: "EDSCG 5", or the title's first words."""
    if meeting.number:
        return f"{meeting.series.upper()} {meeting.number}"
    words = (meeting.title or meeting.slug).split()
    return " ".join(words[:3]) + ("…" if len(words) > 3 else "")


def meeting_names(meetings: Iterable[Meeting]) -> dict[str, str]:
    """``{slug: label}``: what text that names meetings by slug prints instead."""
    return {m.slug: meeting_label(m.title, m.date, m.slug) for m in meetings}


def meeting_headings(meetings: Iterable[Meeting]) -> dict[str, tuple[str, str]]:
    """``{slug: ("EDSCG 5", "2024")}``: the two lines heading a narrow
    column (a term chart's, a terminal table's); the year tells apart two
    meetings whose short labels are alike."""
    return {m.slug: (meeting_short_label(m), (m.date or "")[:4]) for m in meetings}


def _name_from_slug(slug: str) -> str:
    from tracker.errors import InputError
    from tracker.refs import parse_meeting_slug

    try:
        parsed = parse_meeting_slug(slug)
    except InputError:
        return slug
    return f"{parsed.series.upper()} {parsed.number}" if parsed.number is not None else slug


def document_label(document: DocumentSummary) -> str:
    """The meeting, then what kind of text; the publisher too for a text
    that is not the meeting's primary one (a second government's version)."""
    meeting = meeting_label(document.meeting_title, document.meeting_date, document.meeting)
    what = kind_words(document.kind)
    if not document.primary and document.publisher:
        what += f", {document.publisher}"
    return f"{meeting} · {what}"


def snapshot_label(snapshot: Snapshot, with_version: bool | None = None) -> str:
    """The document's label, with the version when the document has more
    than one (or when ``with_version`` says so: two versions compared)."""
    show = snapshot.document.versions > 1 if with_version is None else with_version
    label = document_label(snapshot.document)
    return f"{label} · v{snapshot.info.version}" if show else label


def pair_labels(first: Snapshot | None, second: Snapshot | None,
                fallback: tuple[str, str]) -> tuple[str, str]:
    """Labels for the two sides of a comparison: versions shown when both
    are the same document, so "v1 → v2" is never two equal names."""
    same = bool(first and second and first.document.slug == second.document.slug) or None
    return (snapshot_label(first, same) if first else fallback[0],
            snapshot_label(second, same) if second else fallback[1])


def same_kind(earlier: Meeting, later: Meeting) -> bool:
    """Whether "what changed since" ``earlier`` is a fair question at ``later``:
    two numbered meetings of one series (the same body meeting again), or
    two meetings whose primary texts are of one kind. A leaders' declaration
    is not a revision of a ministers' joint statement."""
    if earlier.series != later.series:
        return False
    if earlier.number is not None and later.number is not None:
        return True
    kinds = {kind_of(earlier), kind_of(later)}
    return len(kinds) == 1 and None not in kinds


def previous_of_kind(meetings: Iterable[Meeting]) -> dict[str, str]:
    """For each meeting with a text, the latest meeting before it (in the
    date order ``meetings`` come in) that :func:`same_kind` pairs it with:
    the Washington Declaration is not "what changed since" a 2+2 statement.
    The home page's links, the compare page's previous and next pairs and
    meeting-over-meeting reports follow this one rule. A meeting without a
    number needs its documents loaded, for their kind."""
    previous: dict[str, str] = {}
    latest: dict[tuple, tuple[int, Meeting]] = {}  # one per series and kind: few to try
    for position, meeting in enumerate(m for m in meetings if m.document_count):
        matches = [(p, m) for p, m in latest.values() if same_kind(m, meeting)]
        if matches:
            previous[meeting.slug] = max(matches, key=lambda item: item[0])[1].slug
        latest[(meeting.series, meeting.number is not None, kind_of(meeting))] = (position,
                                                                                meeting)
    return previous


def kind_of(meeting: Meeting) -> str | None:
    """The kind of the meeting's primary text (None when it has none)."""
    documents = [d for d in meeting.documents if d.versions] or list(meeting.documents)
    primary = next((d for d in documents if d.primary), documents[0] if documents else None)
    return primary.kind if primary else None


@dataclass(frozen=True)
class TextNotice:
    """What a reader must know about one side before trusting its wording:
    the document's notice (a digest, not the official text) and where the
    official text is, when known."""

    label: str
    notice: str
    url: str | None

    def line(self) -> str:
        where = f" Official text: {self.url}" if self.url else " No official URL is known."
        return f"{self.label}: {self.notice.rstrip('.')}.{where}"

    def to_dict(self) -> dict:
        return asdict(self)


def named_sides(first, second) -> tuple[tuple[str, str], list[TextNotice]]:
    """Two resolved statements (``.label``, ``.snapshot``) as people read
    them, and the notices about their texts: what the CLI's reports and the
    compare page both show above a comparison."""
    names = pair_labels(first.snapshot, second.snapshot, (first.label, second.label))
    return names, text_notices([(names[0], first.snapshot), (names[1], second.snapshot)])


def text_notices(sides: list[tuple[str, Snapshot | None]]) -> list[TextNotice]:
    """A notice for each side (label, snapshot) whose document carries one;
    the same document twice (two versions) gives one notice."""
    found, seen = [], set()
    for label, snapshot in sides:
        document = snapshot.document if snapshot else None
        if document is None or not document.notice or document.slug in seen:
            continue
        seen.add(document.slug)
        found.append(TextNotice(label, document.notice, document.url))
    return found


def side_facts(snapshot: Snapshot, label: str) -> dict:
    """One side of a report as its payload keeps it (``sources.a``/``.b``):
    what the reader needs to trust the text and find the official one."""
    document = snapshot.document
    return {"label": label, "document": document.slug, "version": snapshot.info.version,
            "captured_at": snapshot.info.captured_at,
            "url": document.url or snapshot.info.source_url,
            "source_url": snapshot.info.source_url, "notice": document.notice}


def report_sources(first: Snapshot, second: Snapshot) -> dict:
    """``sources`` of a report comparing two snapshots, with their labels."""
    names = pair_labels(first, second, (first.label, second.label))
    return {"a": side_facts(first, names[0]), "b": side_facts(second, names[1])}
