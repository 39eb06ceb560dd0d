"""A change report from a comparison: what a reader needs, as plain data.

The payload is what gets stored and what every channel renders, so the
email, the webhook body, the outbox files, the feed entry and the compare
page all speak of the same engine result.
"""

from tracker.compare.formats import report_sections, summary_line
from tracker.compare.model import ADDED, REMOVED, Comparison, Unit

SECTION_KEYS = {"Commitments added": "added", "Commitments dropped": "dropped",
                "Commitments strengthened": "stronger", "Commitments weakened": "weaker",
                "Other changes": "other"}


def build_report(comparison: Comparison, *, kind: str, title: str, document: str | None,
                 meeting: str | None, link: str) -> dict | None:
    """The report payload, or None when nothing changed after normalisation."""
    if comparison.identical:
        return None
    sections = {SECTION_KEYS[name]: [_item(comparison, unit) for unit in units]
                for name, units in report_sections(comparison.units)}
    return {
        "kind": kind, "title": title, "document": document, "meeting": meeting,
        "a": comparison.a.label, "b": comparison.b.label, "link": link,
        "summary": dict(comparison.summary), "summary_line": summary_line(comparison),
        "topics": topic_lines(comparison),
        "engine": comparison.engine, "sections": sections,
    }


def topic_lines(comparison: Comparison) -> list[str]:
    """One line per topic whose force moved ("DPRK-Russia cooperation: stronger
    (...)"), most moved first: the net verdict an analyst asks for, next to
    the counts. Topics that came out even are left out of the summary."""
    return [verdict.line() for verdict in comparison.topics if verdict.verdict != "same"]


def _item(comparison: Comparison, unit: Unit) -> dict:
    side, sentences = (unit.a, comparison.a.sentences) if unit.kind == REMOVED else (
        unit.b, comparison.b.sentences)
    first = side.index[0] if side and side.index else 0
    commitment = unit.commitment
    return {
        "kind": unit.kind, "moved": unit.moved, "text": side.text if side else "",
        "marked": marked_words(unit),
        "tokens": [{"op": t.op, "text": t.text} for t in unit.tokens],
        "context": sentences[first - 1] if first > 0 else None,
        "actors": list(commitment.actors) if commitment else [],
        "topics": list(commitment.topics) if commitment else [],
        "strength": commitment.strength if commitment else None,
        "signals": list(commitment.signals) if commitment else [],
    }


def marked_words(unit: Unit) -> str:
    """The unit's text with ``[-deleted-]`` and ``{+inserted+}`` words, for
    channels that have no markup (plain-text email, feeds)."""
    if unit.kind in (ADDED, REMOVED):
        return (unit.b or unit.a).text
    marks = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(t.text if t.op == "equal" else marks[t.op][0] + t.text + marks[t.op][1]
                   for t in unit.tokens)
