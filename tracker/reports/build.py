"""A change report from a comparison: what a reader needs, as plain data.

The payload is what gets stored and what every channel renders, so the
email, the webhook body, the outbox files, the feed entry, the report page
and the digest all speak of the same engine result. Its ``sections`` follow
:data:`tracker.compare.sections.SECTIONS`, key for key and in order.
"""

from tracker.compare.formats import summary_line
from tracker.compare.model import ADDED, REMOVED, Comparison, Unit
from tracker.compare.sections import OTHER, SECTIONS, section_units


def build_report(comparison: Comparison, *, kind: str, title: str, document: str | None,
                 meeting: str | None, link: str) -> dict | None:
    """The report payload, or None when nothing changed after normalisation."""
    if comparison.identical:
        return None
    sections = {section.key: [_item(comparison, unit) for unit in units]
                for section, units in section_units(comparison.units)}
    return report_payload(
        kind=kind, title=title, document=document, meeting=meeting, link=link,
        a=comparison.a.label, b=comparison.b.label, summary=dict(comparison.summary),
        summary_line=summary_line(comparison), topics=topic_lines(comparison),
        engine=comparison.engine, sections=sections)


def report_payload(*, kind: str, title: str, document: str | None, meeting: str | None,
                   link: str, a: str, b: str, summary: dict, summary_line: str,
                   topics: list[str], engine: str | None, sections: dict) -> dict:
    """The payload's one shape, for a comparison's report and the digest alike.

    ``sections`` may leave keys out: every key of SECTIONS is there, in order,
    with no items when it was not given.
    """
    return {
        "kind": kind, "title": title, "document": document, "meeting": meeting,
        "a": a, "b": b, "link": link, "summary": summary, "summary_line": summary_line,
        "topics": topics, "engine": engine,
        "sections": {section.key: list(sections.get(section.key, ())) for section in SECTIONS},
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
        **plain_item(unit.kind, side.text if side else "", marked_words(unit)),
        "moved": unit.moved,
        "tokens": [{"op": t.op, "text": t.text} for t in unit.tokens],
        "context": sentences[first - 1] if first > 0 else None,
        "actors": list(commitment.actors) if commitment else [],
        "topics": list(commitment.topics) if commitment else [],
        "strength": commitment.strength if commitment else None,
        "signals": list(commitment.signals) if commitment else [],
    }


def plain_item(kind: str, text: str, marked: str | None = None) -> dict:
    """An item with no word diff and no commitment: a digest line, or the
    base that a unit's item fills in. Keys as the README lists them."""
    return {"kind": kind, "moved": False, "text": text,
            "marked": text if marked is None else marked, "tokens": [], "context": None,
            "actors": [], "topics": [], "strength": None, "signals": []}


def other_section(items: list[dict]) -> dict:
    """Sections with every item under "other": the digest's changes are checks,
    not commitments."""
    return {OTHER: items}


def marked_words(unit: Unit) -> str:
    """The unit's text with ``[-deleted-]`` and ``{+inserted+}`` words, for
    channels that have no markup (plain-text email, feeds)."""
    if unit.kind in (ADDED, REMOVED):
        return (unit.b or unit.a).text
    marks = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(t.text if t.op == "equal" else marks[t.op][0] + t.text + marks[t.op][1]
                   for t in unit.tokens)
