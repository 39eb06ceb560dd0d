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
  :func:`summary_counts`, :func:`payload_topics`, :func:`payload_keys`,
  :func:`web_link` -- what the renderers read from a payload, stored ones included.
- :func:`with_annotations`, :func:`annotated_others`, :func:`annotation_words`
  -- the analysts' judgements a report carries on its units.
"""

from collections.abc import Mapping

from tracker.compare.formats import count_phrase, moved_from, summary_line
from tracker.compare.keys import unit_key
from tracker.compare.model import (
    ADDED,
    REMOVED,
    REWORDED,
    UNCHANGED,
    Comparison,
    Unit,
    kind_name,
)
from tracker.compare.sections import (
    ADDED_KEY,
    DROPPED,
    OTHER,
    SECTIONS,
    STRONGER,
    WEAKER,
    section_units,
)


def build_report(comparison: Comparison, *, kind: str, title: str, document: str | None,
                 meeting: str | None, link: str, sources: dict | None = None) -> dict | None:
    """The report payload, or None when nothing changed after normalisation."""
    if comparison.identical:
        return None
    return comparison_report(comparison, kind=kind, title=title, document=document,
                             meeting=meeting, link=link, sources=sources)


def comparison_report(comparison: Comparison, *, kind: str = "comparison",
                      title: str | None = None, document: str | None = None,
                      meeting: str | None = None, link: str | None = None,
                      sources: dict | None = None) -> dict:
    """The payload of any comparison; the title defaults to "A → B".

    ``sources`` says, for sides ``a`` and ``b``, what a reader needs to
    trust the text: its name, capture time, official URL and notice (see
    :func:`tracker.refs.labels.side_facts`)."""
    sections = {section.key: [_item(comparison, unit) for unit in units]
                for section, units in section_units(comparison.units)}
    names = {side: (sources or {}).get(side, {}).get("label") for side in ("a", "b")}
    return report_payload(
        kind=kind, title=title or f"{names['a'] or comparison.a.label} → "
                                  f"{names['b'] or comparison.b.label}",
        document=document, meeting=meeting, link=link,
        a=comparison.a.label, b=comparison.b.label, summary=dict(comparison.summary),
        summary_line=summary_line(comparison), topics=topic_lines(comparison),
        engine=comparison.engine, sections=sections, headline=headline(comparison),
        counts=count_phrase(comparison), sources=sources or {})


def report_payload(*, kind: str, title: str, document: str | None, meeting: str | None,
                   link: str | None, a: str, b: str, summary: dict, summary_line: str,
                   topics: list[str], engine: str | None, sections: dict,
                   headline: str | None = None, counts: str | None = None,
                   sources: dict | None = None) -> dict:
    """The payload's one shape, for a comparison's report and the digest alike.

    ``sections`` may leave keys out: every key of SECTIONS is there, in order,
    with no items when it was not given.
    """
    return {
        "kind": kind, "title": title, "document": document, "meeting": meeting,
        "a": a, "b": b, "link": link, "summary": summary, "summary_line": summary_line,
        "headline": headline, "counts": counts, "sources": sources or {},
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
        "moved_from": moved_from(comparison, unit) if unit.moved else None,
    }


def plain_item(kind: str, text: str, marked: str | None = None) -> dict:
    """An item with no word diff and no commitment: a digest line, or the
    base that a unit's item fills in. Keys as the README lists them."""
    return {"kind": kind, "moved": False, "text": text,
            "marked": text if marked is None else marked, "tokens": [], "context": None,
            "actors": [], "topics": [], "strength": None, "signals": [], "moved_from": None}


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


# -- the subject line -----------------------------------------------------------

# Most significant first: a weaker or dropped commitment is what an analyst
# must not miss; a stronger or new one next.
_RANKED = ((WEAKER, "weaker"), (DROPPED, "dropped"), (STRONGER, "stronger"),
           (ADDED_KEY, "added"))


def headline(comparison: Comparison) -> str:
    """What a subject line says: the most significant change, then how many
    others ("1 commitment weaker ('ironclad' dropped)", "reordered, no
    wording changed (2 sentences moved)"), so a weakening and a reorder
    never share a subject."""
    changed = [u for u in comparison.units if u.kind != UNCHANGED or u.moved]
    if not changed:
        return "no change"
    groups = {section.key: units for section, units in section_units(comparison.units)}
    for key, word in _RANKED:
        if groups[key]:
            units = groups[key]
            phrase = f"{_count(len(units), 'commitment')} {word}{_why(units[0])}"
            return phrase + _others(len(changed) - len(units))
    if all(u.kind == UNCHANGED for u in changed):
        return f"reordered, no wording changed ({_count(len(changed), 'sentence')} moved)"
    return _sentence_counts(comparison.summary)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _others(number: int) -> str:
    return f", and {_count(number, 'other change')}" if number else ""


def _why(unit: Unit) -> str:
    """The wording behind a strength call, "('ironclad' dropped)": the
    first signal that points the way of the call (a word dropped or a
    word swapped for a weaker one; a word added or swapped for a stronger
    one), none when no signal does."""
    signals = list(unit.commitment.signals) if unit.commitment is not None else []
    toward = "-" if unit.strength == WEAKER else "+"
    for signal in signals:
        if signal[:2] == f'{toward}"' and signal.endswith('"'):
            return f" ('{signal[2:-1]}' {'dropped' if toward == '-' else 'added'})"
        if "→" in signal:
            return f" ({signal})"
    return ""


def _sentence_counts(summary: dict) -> str:
    """"2 sentences reworded, 1 added": what changed when no commitment did."""
    parts = [f"{summary[key]} {kind_name(key)}" for key in (REWORDED, ADDED, REMOVED)
             if summary.get(key)]
    if summary.get("moved"):
        parts.append(f"{summary['moved']} moved")
    first, _, rest = parts[0].partition(" ")
    plural = "sentence" if first == "1" else "sentences"
    return ", ".join([f"{first} {plural} {rest}", *parts[1:]])


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


def payload_keys(payload: dict) -> list[str]:
    """The unit key of every item the payload lists, in section order: what
    its annotations are looked up by."""
    return [item.get("key") for items in (payload.get("sections") or {}).values()
            for item in items if isinstance(item, dict)]


def summary_counts(payload: dict) -> str:
    """``5 reworded, 16 added, …``: the counts without the labels."""
    return ", ".join(f"{count} {kind_name(name)}"
                     for name, count in payload.get("summary", {}).items())


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


def side_names(payload: dict) -> tuple[str, str]:
    """The two sides as people read them; the slugs for a payload stored
    before names were kept."""
    sources = payload.get("sources") or {}
    return (sources.get("a", {}).get("label") or payload.get("a") or "",
            sources.get("b", {}).get("label") or payload.get("b") or "")


def source_facts(payload: dict) -> list[tuple[str, str, bool]]:
    """(label, value, value is a URL) for every channel to show under the
    title: each side's capture time, the official URL, and a notice for a
    side that is not the official wording (a digest). None for a digest
    report, which compares no texts."""
    sources = payload.get("sources") or {}
    facts: list[tuple[str, str, bool]] = []
    for side, label in (("a", "Before"), ("b", "After")):
        found = sources.get(side)
        if found:
            facts.append((label, f"{found.get('label')}, captured {found.get('captured_at')}",
                          False))
    urls = {side: web_link(sources.get(side, {}).get("url")) for side in ("a", "b")}
    if urls["a"] == urls["b"]:
        facts += [("Official text", urls["a"], True)] if urls["a"] else []
    else:
        facts += [(f"Official text, {when}", urls[side], True)
                  for side, when in (("a", "before"), ("b", "after")) if urls[side]]
    notices = {found.get("document"): found for found in sources.values() if found.get("notice")}
    facts += [("Not the official wording", f"{found.get('label')}: {found['notice']}", False)
              for found in notices.values()]
    return facts


def moved_items(payload: dict) -> list[dict]:
    """Moved sentences from the counted sections: a change report gives the
    other changes as a number, but a reorder must say what moved."""
    return [item for _key, _heading, items in counted_sections(payload) for item in items
            if item.get("moved")]


def counts_text(payload: dict) -> str:
    """The counts, sentences and commitments apart ("16 sentences added (14
    commitments), …"); the bare counts for a payload stored before."""
    return payload.get("counts") or summary_counts(payload)


# -- annotations ---------------------------------------------------------------

def with_annotations(payload: dict, found: Mapping[str, list[dict]]) -> dict:
    """The payload with ``annotations`` on each item whose unit key ``found``
    names: what analysts had recorded on that change when the report was
    built travels with it to every channel. Items without any are left as
    they were, so a payload with no annotation keeps its old shape."""
    sections = {name: [{**item, "annotations": found[item["key"]]}
                       if item.get("key") in found else item for item in items]
                for name, items in payload.get("sections", {}).items()}
    return {**payload, "sections": sections}


def annotated_others(payload: dict) -> list[dict]:
    """Annotated sentences among the counted changes that are not already
    listed as moved: a change a report only counts must still show the
    judgement recorded on it."""
    return [item for _key, _heading, items in counted_sections(payload) for item in items
            if item.get("annotations") and not item.get("moved")]


def annotation_words(significance: str, tags, note: str | None) -> str:
    """``major [dmz, escalation]: the note``, on one line."""
    tagged = f" [{', '.join(tags)}]" if tags else ""
    said = f": {' '.join(note.split())}" if note else ""
    return f"{significance}{tagged}{said}"


def item_annotation_lines(item: dict) -> list[str]:
    """``✎ major [dmz]: note (alice, 2026-11-29)`` for each annotation an
    item carries."""
    return [f"✎ {annotation_words(a.get('significance', ''), a.get('tags'), a.get('note'))}"
            f" ({a.get('created_by')}, {(a.get('created_at') or '')[:10]})"
            for a in item.get("annotations") or []]
