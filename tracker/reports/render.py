"""A stored report payload as plain text, HTML, Markdown and JSON.

Every channel renders from the payload (see ``build.py``) alone, so an email,
a webhook body, an outbox file and a feed entry all say the same thing, and a
retry after a restart sends exactly what the first attempt would have sent.

Each format shows the title, the summary counts and the net verdict of each
topic whose force moved (payloads stored before topics existed have none),
the sections of :data:`tracker.compare.sections.SECTIONS` in their order:
a listed section gives each sentence with its changed words marked, the
sentence before it, and who, what and which wording signals; a counted one
(the other changes) gives its number. Then the link to the compare page.
The source text is untrusted: HTML escapes every piece of it, Markdown
backslash-escapes it.
"""

import json
from html import escape

from tracker.compare.markdown import escape_markdown
from tracker.compare.sections import SECTIONS
from tracker.model import Report

# Email clients drop <style> blocks, so the email part carries its look inline.
_EMAIL_STYLES = {
    "ins": "background:#dff3e3;color:#0d4d1f;text-decoration:underline",
    "del": "background:#fde4e1;color:#7a1a10;text-decoration:line-through",
    "context": "color:#555;font-size:90%",
    "facts": "color:#555;font-size:85%;font-family:sans-serif",
}


def report_document(report: Report) -> dict:
    """The payload with the report's id, key and time: the webhook body and
    the outbox ``.json`` file."""
    return {"id": report.id, "key": report.key, "created_at": report.created_at,
            **report.payload}


def render_json(document: dict) -> str:
    """Indented UTF-8 JSON with keys in a stable order, for files people diff."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def summary_counts(payload: dict) -> str:
    """``5 reworded, 16 added, …``: the counts without the labels."""
    return ", ".join(f"{count} {name}" for name, count in payload.get("summary", {}).items())


def topic_lines(payload: dict) -> list[str]:
    """The per-topic verdict lines of the summary (see build.topic_lines)."""
    return [line for line in payload.get("topics") or [] if isinstance(line, str)]


def listed_sections(payload: dict) -> list[tuple[str, str, list[dict]]]:
    """(key, heading, items) for each listed section that has items."""
    sections = payload.get("sections", {})
    return [(s.key, s.heading, sections[s.key]) for s in SECTIONS
            if not s.counted and sections.get(s.key)]


def counted_sections(payload: dict) -> list[tuple[str, str, int]]:
    """(key, heading, number of items) for each counted section, zero included."""
    sections = payload.get("sections", {})
    return [(s.key, s.heading, len(sections.get(s.key) or [])) for s in SECTIONS if s.counted]


def item_facts(item: dict) -> list[tuple[str, str]]:
    """(label, value) pairs for the actors, topics and signals an item names."""
    facts = [("Actors", ", ".join(item.get("actors") or [])),
             ("Topics", ", ".join(item.get("topics") or [])),
             ("Signals", "; ".join(item.get("signals") or []))]
    return [(label, value) for label, value in facts if value]


# -- plain text --------------------------------------------------------------

def render_text(payload: dict) -> str:
    """Plain text with ``[-deleted-]`` and ``{+inserted+}`` words."""
    lines = [payload["title"], "=" * min(len(payload["title"]), 72), "",
             f"{payload['a']} -> {payload['b']}", f"Changes: {summary_counts(payload)}",
             *(f"Topic: {line}" for line in topic_lines(payload)), ""]
    for _key, heading, items in listed_sections(payload):
        lines += [f"{heading} ({len(items)})", ""]
        for item in items:
            lines += _text_item(item)
    if not listed_sections(payload):
        lines += ["No commitment changed.", ""]
    for _key, heading, count in counted_sections(payload):
        lines += [f"{heading}: {count}", ""]
    link = web_link(payload.get("link"))
    return "\n".join([*lines, f"Compare: {link}", ""] if link else lines)


def _text_item(item: dict) -> list[str]:
    lines = [f"- {_one_line(item['marked'])}" + (" (moved)" if item.get("moved") else "")]
    if item.get("context"):
        lines.append(f"  Context: {_one_line(item['context'])}")
    facts = item_facts(item)
    if facts:
        lines.append("  " + " | ".join(f"{label}: {value}" for label, value in facts))
    return [*lines, ""]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- HTML --------------------------------------------------------------------

def render_html(payload: dict, *, email: bool = False) -> str:
    """An HTML fragment (feeds), or with ``email`` a whole document whose
    look is in inline ``style`` attributes. No scripts, every text escaped."""
    style = _EMAIL_STYLES if email else {}
    parts = [f"<h1>{escape(payload['title'])}</h1>",
             f"<p>{escape(payload['a'])} → {escape(payload['b'])}<br>"
             f"Changes: {escape(summary_counts(payload))}"
             + "".join(f"<br>Topic: {escape(line)}" for line in topic_lines(payload)) + "</p>"]
    for _key, heading, items in listed_sections(payload):
        parts.append(f"<h2>{escape(heading)} ({len(items)})</h2>")
        parts.append("<ul>" + "".join(_html_item(item, style) for item in items) + "</ul>")
    if not listed_sections(payload):
        parts.append("<p>No commitment changed.</p>")
    parts += [f"<p>{escape(heading)}: {count}</p>"
              for _key, heading, count in counted_sections(payload)]
    link = web_link(payload.get("link"))
    if link:
        parts.append(f'<p><a href="{escape(link)}">Compare the versions</a></p>')
    body = "\n".join(parts)
    if not email:
        return body + "\n"
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{escape(payload['title'])}</title></head>\n"
            f'<body style="font-family:Georgia,serif;max-width:50em">\n{body}\n</body></html>\n')


def _html_item(item: dict, style: dict) -> str:
    parts = ["<li>", html_tokens(item.get("tokens") or [], style)]
    if item.get("moved"):
        parts.append(" <em>(moved)</em>")
    if item.get("context"):
        parts.append(f"<br><small{_style(style, 'context')}>Context: "
                     f"{escape(item['context'])}</small>")
    facts = item_facts(item)
    if facts:
        text = " · ".join(f"{label}: {value}" for label, value in facts)
        parts.append(f"<br><small{_style(style, 'facts')}>{escape(text)}</small>")
    return "".join([*parts, "</li>"])


def html_tokens(tokens: list[dict], style: dict | None = None) -> str:
    """Equal words as they are, deleted words in ``<del>``, inserted in ``<ins>``."""
    tags = {"delete": "del", "insert": "ins"}
    out = []
    for token in tokens:
        text = escape(token["text"])
        tag = tags.get(token["op"])
        out.append(f"<{tag}{_style(style or {}, tag)}>{text}</{tag}>" if tag else text)
    return "".join(out)


def web_link(url: str | None) -> str | None:
    """The URL when it is http(s); a ``javascript:`` link must never be clickable."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _style(style: dict, name: str) -> str:
    return f' style="{style[name]}"' if name in style else ""


# -- Markdown ----------------------------------------------------------------

def render_markdown(payload: dict) -> str:
    """Markdown with deleted words struck through and inserted words bold."""
    lines = [f"# {escape_markdown(payload['title'])}", "",
             escape_markdown(f"{payload['a']} → {payload['b']}") + "  ",
             escape_markdown(f"Changes: {summary_counts(payload)}")
             + ("  " if topic_lines(payload) else ""),
             *(escape_markdown(f"Topic: {line}") + "  " for line in topic_lines(payload)), ""]
    for _key, heading, items in listed_sections(payload):
        lines += [f"## {heading} ({len(items)})", ""]
        lines += [_markdown_item(item) for item in items]
        lines.append("")
    if not listed_sections(payload):
        lines += ["No commitment changed.", ""]
    for _key, heading, count in counted_sections(payload):
        lines += [escape_markdown(f"{heading}: {count}"), ""]
    link = web_link(payload.get("link"))
    if link:
        lines += [f"[Compare the versions](<{_markdown_url(link)}>)", ""]
    return "\n".join(lines)


def _markdown_item(item: dict) -> str:
    body = "".join(_markdown_token(t["op"], t["text"]) for t in item.get("tokens") or [])
    lines = [f"- {body}" + (" *(moved)*" if item.get("moved") else "")]
    if item.get("context"):
        lines.append(f"  *Context:* {escape_markdown(item['context'])}")
    facts = item_facts(item)
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
