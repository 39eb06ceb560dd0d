"""A report payload as Markdown: the download, the outbox file, any text that
may later become HTML.

There is one Markdown renderer, over the payload of
:mod:`tracker.compare.report`: a change report gives the other changes as a
number (``in_full=False``), the compare page's download lists them too.
Source text is untrusted and Markdown is often rendered to HTML later, so
every character that Markdown or HTML would act on is escaped. Deleted words
are struck through, inserted words are bold.
"""

import re

from tracker.compare import report
from tracker.compare.model import Comparison

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown's active characters (and ``<`` and ``&``)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_markdown(comparison: Comparison) -> str:
    """The comparison's report in Markdown, every change listed."""
    return render_markdown(report.comparison_report(comparison), in_full=True)


def render_markdown(payload: dict, *, in_full: bool = False) -> str:
    """Title, counts and topic verdicts, the sections, then the link."""
    topics, counts = report.payload_topics(payload), report.summary_counts(payload)
    lines = [f"# {escape_markdown(payload['title'])}", "",
             escape_markdown(f"{payload['a']} → {payload['b']}") + "  ",
             escape_markdown(f"Changes: {counts}") + ("  " if topics else ""),
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
    return lines


def _markdown_item(item: dict) -> str:
    body = "".join(_markdown_token(t["op"], t["text"]) for t in item.get("tokens") or [])
    lines = [f"- {body}" + (" *(moved)*" if item.get("moved") else "")]
    if item.get("context"):
        lines.append(f"  *Context:* {escape_markdown(item['context'])}")
    facts = report.item_facts(item)
    if facts:
        lines.append("  " + escape_markdown(" · ".join(f"{k}: {v}" for k, v in facts)))
    return "  \n".join(lines)


def _markdown_token(op: str, text: str) -> str:
    """Marks go around the words only: ``** word**`` is not bold in Markdown."""
    if not text.strip():
        return " " if text else ""
    lead = " " if text[0].isspace() else ""
    trail = " " if text[-1].isspace() else ""
    core = escape_markdown(text)
    mark = {"delete": "~~", "insert": "**"}.get(op, "")
    return f"{lead}{mark}{core}{mark}{trail}"


def _markdown_url(url: str) -> str:
    """Inside ``<…>`` only angle brackets and spaces would end the link."""
    return url.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
