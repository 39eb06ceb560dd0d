"""A comparison as Markdown: for downloads, outbox files and email bodies.

Source text is untrusted and Markdown is often rendered to HTML later, so
every character that Markdown or HTML would act on is escaped. Deleted words
are struck through, inserted words are bold.
"""

import re

from tracker.compare.formats import summary_line
from tracker.compare.inline import DELETE, INSERT
from tracker.compare.model import ADDED, REMOVED, Comparison, Unit
from tracker.compare.sections import section_units

_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown's active characters (and ``<`` and ``&``)."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def format_markdown(comparison: Comparison) -> str:
    """Summary, the per-topic verdicts, then every section of the report in full."""
    title = f"{escape_markdown(comparison.a.label)} → {escape_markdown(comparison.b.label)}"
    lines = [f"# {title}", "", escape_markdown(summary_line(comparison)), ""]
    if comparison.topics:
        lines += [f"## Topics ({len(comparison.topics)})", ""]
        lines += [f"- {escape_markdown(verdict.line())}" for verdict in comparison.topics]
        lines.append("")
    sections = section_units(comparison.units)
    for section, units in sections:
        if units:
            lines += [f"## {section.heading} ({len(units)})", ""]
            lines += [_unit_line(unit) for unit in units]
            lines.append("")
    if not any(units for _section, units in sections):
        lines += ["The two texts say the same thing.", ""]
    return "\n".join(lines)


def _unit_line(unit: Unit) -> str:
    if unit.kind in (ADDED, REMOVED):
        side = unit.b if unit.kind == ADDED else unit.a
        body = escape_markdown(side.text)
    else:
        body = "".join(_token(token.op, token.text) for token in unit.tokens)
    line = f"- {body}"
    if unit.moved:
        line += " *(moved)*"
    commitment = unit.commitment
    if commitment is not None:
        facts = [", ".join(commitment.actors), ", ".join(commitment.topics),
                 "; ".join(commitment.signals)]
        line += "  \n  " + escape_markdown(" · ".join(f for f in facts if f))
    return line


def _token(op: str, text: str) -> str:
    if not text.strip():
        return text
    lead, core, trail = _split_space(text)
    if op == DELETE:
        return f"{lead}~~{escape_markdown(core)}~~{trail}"
    if op == INSERT:
        return f"{lead}**{escape_markdown(core)}**{trail}"
    return lead + escape_markdown(core) + trail


def _split_space(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core):]
