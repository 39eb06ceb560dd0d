"""A report payload as Markdown: the download, the outbox file, any text that
may later become HTML.

There is one Markdown renderer, over the payload of
:mod:`tracker.compare.report`: a change report gives the other changes as a
number (``in_full=False``), the compare page's download lists them too.
Source text is untrusted and Markdown is often rendered to HTML later, so
every character that Markdown or HTML would act on there is escaped, and
only those: a file full of ``edscg\\-6\\-joint\\-statement`` is unreadable
as text. Deleted words are struck through, inserted words are bold.
"""

import re

from tracker.compare import report
from tracker.compare.model import Comparison

# Active anywhere in a line: emphasis, code, links, HTML, strikethrough.
_ANYWHERE = re.compile(r"([\\`*_\[\]<>~])")
# "&amp;" or "&#38;" would be read as an entity; a lone "&" is plain text.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Active only where a line starts: headings, lists, quotes, rules.
_LINE_START = re.compile(r"^(?:[#+=|-]|\d+[.)])")


def escape_markdown(text: str, line_start: bool = True) -> str:
    """Backslash-escape what Markdown (or HTML inside it) would act on, where
    it would act: ``*``, ``_``, brackets, backticks, ``<``, ``>`` and ``~``
    anywhere, an entity's ``&``, and a line-starting ``#``, ``-``, ``+`` or
    ``1.``. Dots and hyphens inside a line stay as they are; ``line_start``
    off says the text follows other text on its line."""
    flat = _ENTITY.sub("&amp;", _ANYWHERE.sub(r"\\\1", " ".join(text.split())))
    if not line_start:
        return flat
    return _LINE_START.sub(lambda m: m[0][:-1] + "\\" + m[0][-1], flat)


def format_markdown(comparison: Comparison, sources: dict | None = None) -> str:
    """The comparison's report in Markdown, every change listed; ``sources``
    as :func:`tracker.compare.report.comparison_report` takes them."""
    return render_markdown(report.comparison_report(comparison, sources=sources), in_full=True)


def render_markdown(payload: dict, *, in_full: bool = False) -> str:
    """Title, the two sides with their capture times, official URL and any
    notice, counts and topic verdicts, the sections, then the link."""
    topics, names = report.payload_topics(payload), report.side_names(payload)
    facts = [f"{escape_markdown(label)}: " + (f"<{_markdown_url(value)}>" if is_url
                                              else escape_markdown(value, False))
             for label, value, is_url in report.source_facts(payload)]
    lines = [f"# {escape_markdown(payload['title'])}", "",
             escape_markdown(f"{names[0]} → {names[1]}") + "  ",
             *(fact + "  " for fact in facts),
             escape_markdown(f"Changes: {report.counts_text(payload)}") + ("  " if topics else ""),
             *(escape_markdown(f"Topic: {line}") + "  " for line in topics), "",
             *_markdown_sections(payload, in_full)]
    link = report.web_link(payload.get("link"))
    if link:
        lines += [f"[Compare the versions](<{_markdown_url(link)}>)", ""]
    return "\n".join(lines)


def _markdown_sections(payload: dict, in_full: bool) -> list[str]:
    """Listed sections with their items; then each counted one as a number,
    or in full with its items when it has any."""
    if in_full and not any(payload.get("sections", {}).values()):
        return ["The two texts say the same thing.", ""]
    lines = []
    for _key, heading, items in report.listed_sections(payload):
        lines += [f"## {heading} ({len(items)})", "", *map(_markdown_item, items), ""]
    if not report.listed_sections(payload):
        lines += ["No commitment changed.", ""]
    for _key, heading, items in report.counted_sections(payload):
        if not in_full:
            lines += [escape_markdown(f"{heading}: {len(items)}"), ""]
        elif items:
            lines += [f"## {heading} ({len(items)})", "", *map(_markdown_item, items), ""]
    moved = report.moved_items(payload)
    if moved and not in_full:
        lines += [f"Of these, moved ({len(moved)}):", "", *map(_markdown_item, moved), ""]
    annotated = report.annotated_others(payload)
    if annotated and not in_full:
        lines += [f"Of these, annotated ({len(annotated)}):", "",
                  *map(_markdown_item, annotated), ""]
    return lines


def _markdown_item(item: dict) -> str:
    """One change: a sentence added or dropped whole as plain text (its
    section says what happened), a reworded one with its marked words."""
    tokens = item.get("tokens") or []
    if item.get("kind") in ("added", "removed") or not tokens:
        body = escape_markdown(item.get("text") or "")
    else:
        body = "".join(_markdown_token(t["op"], t["text"], i == 0) for i, t in enumerate(tokens))
    moved = f" *({escape_markdown(item.get('moved_from') or 'moved', False)})*" \
        if item.get("moved") else ""
    lines = [f"- {body}{moved}"]
    if item.get("context"):
        lines.append(f"  *Context:* {escape_markdown(item['context'], False)}")
    facts = report.item_facts(item)
    if facts:
        lines.append("  " + escape_markdown(" · ".join(f"{k}: {v}" for k, v in facts)))
    lines += [f"  {escape_markdown(line, False)}" for line in report.item_annotation_lines(item)]
    return "  \n".join(lines)


def _markdown_token(op: str, text: str, first: bool = False) -> str:
    """Marks go around the words only: ``** word**`` is not bold in Markdown."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    core = escape_markdown(text, first and not mark_of(op))
    mark = mark_of(op)
    return f"{lead}{mark}{core}{mark}{trail}"


def mark_of(op: str) -> str:
    return {"delete": "~~", "insert": "**"}.get(op, "")


def _markdown_url(url: str) -> str:
    """Inside ``<…>`` only angle brackets and spaces would end the link."""
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
