"""Names a person reads, for meetings and documents that slugs name in URLs
and JSON: "Fifth EDSCG meeting (2024-09-04) · joint statement" rather than
``edscg-5-joint-statement@1``. Slugs stay where machines read them.

Takes any object with the fields of ``tracker.model.Meeting`` and
``DocumentSummary``, so pages and reports can label what they already hold.
"""

from __future__ import annotations


def meeting_label(meeting) -> str:
    """"Fifth EDSCG meeting (2024-09-04)"; the slug only when nothing else is known."""
    name = meeting.title or meeting.slug
    return f"{name} ({meeting.date})" if meeting.date else name


def meeting_short_label(meeting) -> str:
    """A chart column's name: "EDSCG 5", or the title's first words."""
    if meeting.number:
        return f"{meeting.series.upper()} {meeting.number}"
    words = (meeting.title or meeting.slug).split()
    return " ".join(words[:3]) + ("…" if len(words) > 3 else "")


def document_label(document, meeting=None) -> str:
    """"Fifth EDSCG meeting (2024-09-04) · joint statement"; the document's
    title stands in for the meeting when the meeting is not at hand."""
    kind = (document.kind or "statement").replace("-", " ")
    where = meeting_label(meeting) if meeting is not None else document.title or document.slug
    return f"{where} · {kind}"
