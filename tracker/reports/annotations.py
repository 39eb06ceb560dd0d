"""Annotations in the text reports: under ``tracker compare``'s report and at
the end of the Markdown download, each annotated unit's text followed by what
analysts recorded about it. One rendering for both, from
:func:`tracker.refs.subjects.place_annotations`."""

from tracker.compare.markdown import escape_markdown
from tracker.refs.subjects import place_annotations, unit_text


def annotation_line(annotation) -> str:
    """``✎ major [dmz, escalation]: note (who, #id)``."""
    tags = f" [{', '.join(annotation.tags)}]" if annotation.tags else ""
    note = f": {' '.join(annotation.note.split())}" if annotation.note else ""
    return f"✎ {annotation.significance}{tags}{note} ({annotation.created_by}, #{annotation.id})"


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
