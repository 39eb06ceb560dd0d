"""A stored report payload as plain text, HTML, Markdown and JSON.

Every channel renders from the payload (:mod:`tracker.compare.report`)
alone, so an email, a webhook body, an outbox file and a feed entry all say
the same thing, and a retry after a restart sends exactly what the first
attempt would have sent. Markdown comes from :mod:`tracker.compare.markdown`,
the one Markdown renderer, which the compare page's download uses too.

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

from tracker.compare.inline import as_tokens, spaced
from tracker.compare.markdown import render_markdown
from tracker.compare.report import (
    annotated_others,
    counted_sections,
    counts_text,
    item_annotation_lines,
    item_facts,
    listed_sections,
    moved_items,
    payload_topics,
    side_names,
    source_facts,
    web_link,
)
from tracker.model import Report

# Markdown is rendered by the engine's one Markdown renderer; channels find it here.
__all__ = ["html_tokens", "render_html", "render_json", "render_markdown", "render_text",
           "report_document"]

# Email clients drop <style> blocks, so the email part carries its look inline.
_EMAIL_STYLES = {
    "ins": "background:#dff3e3;color:#0d4d1f;text-decoration:underline",
    "del": "background:#fde4e1;color:#7a1a10;text-decoration:line-through",
    "context": "color:#555;font-size:90%",
    "facts": "color:#555;font-size:85%;font-family:sans-serif",
    "annotation": "font-size:90%;font-family:sans-serif;border-left:3px solid #8a8f98;"
                  "padding-left:.4em",
}


def report_document(report: Report) -> dict:
    """The payload with the report's id, key and time: the webhook body and
    the outbox ``.json`` file."""
    return {"id": report.id, "key": report.key, "created_at": report.created_at,
            **report.payload}


def render_json(document: dict) -> str:
    """Indented UTF-8 JSON with keys in a stable order, for files people diff."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# -- plain text --------------------------------------------------------------

def render_text(payload: dict) -> str:
    """Plain text with ``[-deleted-]`` and ``{+inserted+}`` words."""
    names = side_names(payload)
    lines = [payload["title"], "=" * min(len(payload["title"]), 72), "",
             f"{names[0]} -> {names[1]}",
             *(f"{label}: {value}" for label, value, _url in source_facts(payload)),
             f"Changes: {counts_text(payload)}",
             *(f"Topic: {line}" for line in payload_topics(payload)), ""]
    for _key, heading, items in listed_sections(payload):
        lines += [f"{heading} ({len(items)})", ""]
        for item in items:
            lines += _text_item(item)
    if not listed_sections(payload):
        lines += ["No commitment changed.", ""]
    for _key, heading, items in counted_sections(payload):
        lines += [f"{heading}: {len(items)}", ""]
    if moved_items(payload):
        lines += [f"Of these, moved ({len(moved_items(payload))}):", ""]
        lines += [line for item in moved_items(payload) for line in _text_item(item)]
    if annotated_others(payload):
        lines += [f"Of these, annotated ({len(annotated_others(payload))}):", ""]
        lines += [line for item in annotated_others(payload) for line in _text_item(item)]
    link = web_link(payload.get("link"))
    return "\n".join([*lines, f"Compare: {link}", ""] if link else lines)


def _text_item(item: dict) -> list[str]:
    lines = [f"- {_one_line(item['marked'])}" + _moved_note(item)]
    if item.get("context"):
        lines.append(f"  Context: {_one_line(item['context'])}")
    facts = item_facts(item)
    if facts:
        lines.append("  " + " | ".join(f"{label}: {value}" for label, value in facts))
    lines += [f"  {line}" for line in item_annotation_lines(item)]
    return [*lines, ""]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _moved_note(item: dict) -> str:
    if not item.get("moved"):
        return ""
    return f" ({item.get('moved_from') or 'moved'})"


# -- HTML --------------------------------------------------------------------

def render_html(payload: dict, *, email: bool = False) -> str:
    """An HTML fragment (feeds), or with ``email`` a whole document whose
    look is in inline ``style`` attributes. No scripts, every text escaped."""
    style = _EMAIL_STYLES if email else {}
    names = side_names(payload)
    parts = [f"<h1>{escape(payload['title'])}</h1>",
             f"<p>{escape(names[0])} → {escape(names[1])}"
             + "".join(f"<br>{escape(label)}: {_html_value(value, is_url)}"
                       for label, value, is_url in source_facts(payload))
             + f"<br>Changes: {escape(counts_text(payload))}"
             + "".join(f"<br>Topic: {escape(line)}" for line in payload_topics(payload)) + "</p>"]
    for _key, heading, items in listed_sections(payload):
        parts.append(f"<h2>{escape(heading)} ({len(items)})</h2>")
        parts.append("<ul>" + "".join(_html_item(item, style) for item in items) + "</ul>")
    if not listed_sections(payload):
        parts.append("<p>No commitment changed.</p>")
    parts += [f"<p>{escape(heading)}: {len(items)}</p>"
              for _key, heading, items in counted_sections(payload)]
    if moved_items(payload):
        parts.append(f"<p>Of these, moved ({len(moved_items(payload))}):</p><ul>"
                     + "".join(_html_item(item, style) for item in moved_items(payload)) + "</ul>")
    if annotated_others(payload):
        parts.append(f"<p>Of these, annotated ({len(annotated_others(payload))}):</p><ul>"
                     + "".join(_html_item(item, style) for item in annotated_others(payload))
                     + "</ul>")
    link = web_link(payload.get("link"))
    if link:
        parts.append(f'<p><a href="{escape(link)}">Compare the versions</a></p>')
    return _html_document(payload, "\n".join(parts), email)


def _html_value(value: str, is_url: bool) -> str:
    """A URL as a link (only http(s) ever reaches here), else escaped text."""
    return f'<a href="{escape(value)}">{escape(value)}</a>' if is_url else escape(value)


def _html_document(payload: dict, body: str, email: bool) -> str:
    if not email:
        return body + "\n"
    return ('<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{escape(payload['title'])}</title></head>\n"
            f'<body style="font-family:Georgia,serif;max-width:50em">\n{body}\n</body></html>\n')


def _html_item(item: dict, style: dict) -> str:
    whole = item.get("kind") in ("added", "removed") or not item.get("tokens")
    parts = ["<li>", escape(item.get("text") or "") if whole
             else html_tokens(item.get("tokens") or [], style)]
    if item.get("moved"):
        parts.append(f" <em>({escape(item.get('moved_from') or 'moved')})</em>")
    if item.get("context"):
        parts.append(f"<br><small{_style(style, 'context')}>Context: "
                     f"{escape(item['context'])}</small>")
    facts = item_facts(item)
    if facts:
        text = " · ".join(f"{label}: {value}" for label, value in facts)
        parts.append(f"<br><small{_style(style, 'facts')}>{escape(text)}</small>")
    parts += [f"<br><small{_style(style, 'annotation')}>{escape(line)}</small>"
              for line in item_annotation_lines(item)]
    return "".join([*parts, "</li>"])


def html_tokens(tokens: list[dict], style: dict | None = None) -> str:
    """Equal words as they are, deleted words in ``<del>``, inserted in ``<ins>``."""
    tags = {"delete": "del", "insert": "ins"}
    out = []
    for token in spaced(as_tokens(tokens)):
        text = escape(token.text)
        tag = tags.get(token.op)
        out.append(f"<{tag}{_style(style or {}, tag)}>{text}</{tag}>" if tag else text)
    return "".join(out)


def _style(style: dict, name: str) -> str:
    return f' style="{style[name]}"' if name in style else ""
