"""Annotations in the text reports: under ``tracker compare``'s report and at
the end of the Markdown download, each annotated unit's text followed by what
analysts recorded about it. One rendering for both, from
:func:`tracker.refs.subjects.place_annotations`."""

from tracker.compare.markdown import escape_markdown
from tracker.compare.report import annotation_words, payload_keys, with_annotations
from tracker.refs.subjects import place_annotations, unit_text


def annotation_line(annotation) -> str:
    """``✎ major [dmz, escalation]: note (who, #id)``."""
    words = annotation_words(annotation.significance, annotation.tags, annotation.note)
    return f"✎ {words} ({annotation.created_by}, #{annotation.id})"


def report_annotation(annotation) -> dict:
    """An annotation as a report payload keeps it: no local id, which means
    nothing in another database; the ``uid`` travels."""
    return {"uid": annotation.uid, "significance": annotation.significance,
            "tags": list(annotation.tags), "note": annotation.note,
            "created_by": annotation.created_by, "created_at": annotation.created_at}


def annotated_payload(store, payload: dict) -> dict:
    """The payload with the live annotations on its units' keys (made on any
    comparison where the same change appears), read once when it is built."""
    found = store.unit_annotations(payload_keys(payload))
    return with_annotations(payload, {key: [report_annotation(a) for a in notes]
                                      for key, notes in found.items()})


def annotated_units(comparison, annotations) -> list[tuple[str, list]]:
    """``(heading, annotations)`` per annotated unit in reading order, then
    one per annotation whose unit is no longer paired this way."""
    placed, orphaned = place_annotations(comparison, annotations)
    found = [(f"#{n} {unit_text(comparison.units[n - 1])}", notes)
             for n, notes in sorted(placed.items())]
    return found + [(f"(no longer paired this way) {a.excerpt}", [a]) for a in orphaned]


def annotation_text(comparison, annotations) -> list[str]:
    """The ``Annotations (n)`` section of a plain-text report."""
    lines = [f"Annotations ({len(annotations)})"]
    for heading, notes in annotated_units(comparison, annotations):
        lines.append(f"  {heading}")
        lines.extend(f"     {annotation_line(a)}" for a in notes)
    return lines


def annotation_markdown(comparison, annotations) -> str:
    """The same section in Markdown, every text escaped."""
    lines = [f"## Annotations ({len(annotations)})", ""]
    for heading, notes in annotated_units(comparison, annotations):
        lines.append(f"- {escape_markdown(heading)}")
        lines.extend(f"  - {escape_markdown(annotation_line(a))}" for a in notes)
    return "\n".join(lines) + "\n"
