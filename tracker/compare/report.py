"""A report from a comparison: what a reader needs, as plain data.

The payload is built here and nowhere else; it is what gets stored and what
every surface renders, so the Markdown download, the email, the webhook
body, the outbox files, the feed entry, the report page and the digest all
speak of the same engine result. Its ``sections`` follow
:data:`tracker.compare.sections.SECTIONS`, key for key and in order.

- :func:`build_report` -- a change report's payload, None when nothing changed.
- :func:`comparison_report` -- the same for any comparison, identical ones too.
- :func:`report_payload` -- the one shape, for the digest as well.
- :func:`listed_sections`, :func:`counted_sections`, :func:`item_facts`,
  :func:`summary_counts`, :func:`payload_topics`, :func:`web_link` -- what
  the renderers read from a payload, stored ones included.
"""

from tracker.compare.formats import summary_line
from tracker.compare.keys import unit_key
from tracker.compare.model import ADDED, REMOVED, Comparison, Unit
from tracker.compare.sections import OTHER, SECTIONS, section_units


def build_report(comparison: Comparison, *, kind: str, title: str, document: str | None,
                 meeting: str | None, link: str) -> dict | None:
    """The report payload, or None when nothing changed after normalisation."""
    if comparison.identical:
        return None
    return comparison_report(comparison, kind=kind, title=title, document=document,
                             meeting=meeting, link=link)


def comparison_report(comparison: Comparison, *, kind: str = "comparison",
                      title: str | None = None, document: str | None = None,
                      meeting: str | None = None, link: str | None = None) -> dict:
    """The payload of any comparison; the title defaults to "A → B"."""
    sections = {section.key: [_item(comparison, unit) for unit in units]
                for section, units in section_units(comparison.units)}
    return report_payload(
        kind=kind, title=title or f"{comparison.a.label} → {comparison.b.label}",
        document=document, meeting=meeting, link=link,
        a=comparison.a.label, b=comparison.b.label, summary=dict(comparison.summary),
        summary_line=summary_line(comparison), topics=topic_lines(comparison),
        engine=comparison.engine, sections=sections)


def report_payload(*, kind: str, title: str, document: str | None, meeting: str | None,
                   link: str | None, a: str, b: str, summary: dict, summary_line: str,
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
        "key": unit_key(unit.a.text if unit.a else None, unit.b.text if unit.b else None),
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


# -- reading a payload ---------------------------------------------------------

def listed_sections(payload: dict) -> list[tuple[str, str, list[dict]]]:
    """(key, heading, items) for each listed section that has items."""
    sections = payload.get("sections", {})
    return [(s.key, s.heading, sections[s.key]) for s in SECTIONS
            if not s.counted and sections.get(s.key)]


def counted_sections(payload: dict) -> list[tuple[str, str, list[dict]]]:
    """(key, heading, items) for each counted section, empty ones included:
    change reports give their number, a full rendering their items."""
    sections = payload.get("sections", {})
    return [(s.key, s.heading, sections.get(s.key) or []) for s in SECTIONS if s.counted]


def summary_counts(payload: dict) -> str:
    """``5 reworded, 16 added, …``: the counts without the labels."""
    return ", ".join(f"{count} {name}" for name, count in payload.get("summary", {}).items())


def payload_topics(payload: dict) -> list[str]:
    """The per-topic verdict lines of the summary (see :func:`topic_lines`);
    none in a payload stored before topics existed."""
    return [line for line in payload.get("topics") or [] if isinstance(line, str)]


def item_facts(item: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for the actors, topics and signals an item names."""
    facts = [("Actors", ", ".join(item.get("actors") or [])),
             ("Topics", ", ".join(item.get("topics") or [])),
             ("Signals", "; ".join(item.get("signals") or []))]
    return [(label, value) for label, value in facts if value]


def web_link(url: str | None) -> str | None:
    """The URL when it is http(s); a ``javascript:`` link must never be clickable."""
    return url if url and url.lower().startswith(("http://", "https://")) else None
