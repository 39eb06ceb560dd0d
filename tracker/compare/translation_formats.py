"""Showing a translation comparison: text, side by side, JSON, HTML.

There is no word diff across languages; what a reader needs is each English
sentence beside its Korean rendering, and the terms one side has without
their counterpart, marked in the text (``«ironclad»``, ``<mark>``) and
named in a note, so that colour is never the only sign.
"""

import html
import json
import re
import unicodedata

from tracker.compare.crosslingual import (
    ONLY_A,
    ONLY_B,
    TranslationComparison,
    TranslationUnit,
    language_name,
)
from tracker.text import escape_controls

OPEN_MARK, CLOSE_MARK = "\u00ab", "\u00bb"
BOLD, YELLOW, RESET = "\033[1m", "\033[1;33m", "\033[0m"


def format_translation_json(comparison: TranslationComparison, indent: int | None = None) -> str:
    return json.dumps(comparison.to_dict(), ensure_ascii=False, indent=indent)


def translation_summary(comparison: TranslationComparison) -> str:
    counts = comparison.summary
    first, second = comparison.languages
    return (f"translation: {comparison.a.label} ({language_name(first)}) \u2194 "
            f"{comparison.b.label} ({language_name(second)}): {counts['paired']} paired, "
            f"{counts[ONLY_A]} only in A, {counts[ONLY_B]} only in B, "
            f"{counts['missing_terms']} missing terms (no word diff across languages)")


def term_spans(text: str, unit: TranslationUnit, side: str) -> list[tuple[int, int]]:
    """Where ``unit``'s missing terms found on ``side`` stand in ``text``."""
    spans = []
    for term in unit.missing_terms:
        if term.side == side:
            found = re.search(re.escape(term.found), text)
            if found:
                spans.append(found.span())
    return sorted(set(spans))


def marked(text: str, spans: list[tuple[int, int]], start: str, end: str) -> str:
    """``text`` with each span wrapped in ``start``/``end`` (overlaps merged)."""
    pieces, cursor = [], 0
    for begin, stop in spans:
        if begin < cursor:
            continue
        pieces += [text[cursor:begin], start, text[begin:stop], end]
        cursor = stop
    return "".join(pieces) + text[cursor:]


def _side_text(unit: TranslationUnit, side: str, color: bool) -> str:
    part = unit.a if side == "a" else unit.b
    if part is None:
        return "(no counterpart)"
    text = escape_controls(part.text)
    spans = term_spans(text, unit, side)
    if color:
        return marked(text, spans, YELLOW + OPEN_MARK, CLOSE_MARK + RESET)
    return marked(text, spans, OPEN_MARK, CLOSE_MARK)


def missing_note(unit: TranslationUnit) -> str:
    """"missing in B: ironclad (A says 'ironclad'; expected 철통같은)"."""
    notes = []
    for term in unit.missing_terms:
        other = "B" if term.side == "a" else "A"
        expected = f"; expected {term.expected}" if term.expected else ""
        notes.append(f"missing in {other}: {term.term} ({term.side.upper()} says "
                     f"{term.found!r}{expected})")
    return "; ".join(notes)


def format_translation_text(comparison: TranslationComparison, color: bool = False,
                            side_by_side: bool = False, width: int = 100) -> str:
    """Each unit as its two sides, one under the other or in two columns."""
    lines = [translation_summary(comparison), ""]
    for number, unit in enumerate(comparison.units, start=1):
        left, right = _side_text(unit, "a", color), _side_text(unit, "b", color)
        lines.append(f"[{number}] {unit.kind} {unit.how}" + (" (moved)" if unit.moved else ""))
        if side_by_side:
            lines += _columns(left, right, width)
        else:
            lines += [f"  A  {left}", f"  B  {right}"]
        if unit.missing_terms:
            note = escape_controls(missing_note(unit))
            lines.append(f"  ! {BOLD + note + RESET if color else note}")
    return "\n".join(lines) + "\n"


def display_width(text: str) -> int:
    """Columns a terminal gives ``text``: Hangul and other wide letters take two."""
    plain = re.sub(r"\033\[[0-9;]*m", "", text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in plain)


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and display_width(candidate) > width:
            lines.append(current)
            candidate = word
        current = candidate
    return lines + [current] if current else lines or [""]


def _columns(left: str, right: str, width: int) -> list[str]:
    column = max(20, (width - 5) // 2)
    a, b = _wrap(left, column), _wrap(right, column)
    rows = []
    for index in range(max(len(a), len(b))):
        first = a[index] if index < len(a) else ""
        second = b[index] if index < len(b) else ""
        rows.append(f"  {first}{' ' * (column - display_width(first))} | {second}")
    return rows


def term_segments(unit: TranslationUnit, side: str) -> list[tuple[str, bool]]:
    """One side's text as ``(piece, is a term without counterpart)``, for a
    template to mark without building HTML by hand."""
    part = unit.a if side == "a" else unit.b
    if part is None:
        return []
    text, pieces, cursor = part.text, [], 0
    for begin, stop in term_spans(text, unit, side):
        if begin >= cursor:
            pieces += [(text[cursor:begin], False), (text[begin:stop], True)]
            cursor = stop
    return [piece for piece in pieces + [(text[cursor:], False)] if piece[0]]


def html_side(unit: TranslationUnit, side: str) -> str:
    """One side as escaped HTML, its missing terms in ``<mark>`` (with a
    visually hidden "term without counterpart:" for screen readers)."""
    if (unit.a if side == "a" else unit.b) is None:
        return "<em>(no counterpart)</em>"
    return "".join(
        "<mark class=\"missing-term\"><span class=\"visually-hidden\">term without "
        f"counterpart: </span>{html.escape(piece)}</mark>" if missing else html.escape(piece)
        for piece, missing in term_segments(unit, side))


def format_translation_html(comparison: TranslationComparison) -> str:
    """A standalone page: the two versions side by side, no scripts."""
    title = f"{comparison.a.label} \u2194 {comparison.b.label}"
    rows = [f"<tr><th scope=\"col\">{html.escape(comparison.a.label)}</th>"
            f"<th scope=\"col\">{html.escape(comparison.b.label)}</th></tr>"]
    for unit in comparison.units:
        note = html.escape(missing_note(unit))
        rows.append(f"<tr class=\"unit {unit.kind}\"><td lang=\"{comparison.languages[0]}\">"
                    f"{html_side(unit, 'a')}</td><td lang=\"{comparison.languages[1]}\">"
                    f"{html_side(unit, 'b')}"
                    + (f"<p class=\"note\">{note}</p>" if note else "") + "</td></tr>")
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<title>{html.escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n"
            f"<body>\n<h1>{html.escape(title)}</h1>\n<p>{html.escape(translation_summary(comparison))}"
            "</p>\n<table>\n" + "\n".join(rows) + "\n</table>\n</body>\n</html>\n")


_STYLE = """
body{font-family:Georgia,serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse;width:100%}td{vertical-align:top;width:50%;padding:.3rem .5rem;
border-top:1px solid #eee}mark.missing-term{background:#ffe58a;border-bottom:2px solid #7a5b00;
font-weight:bold}.note{font:.85rem sans-serif;color:#333}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
""".strip()


def format_translation_report(comparison: TranslationComparison, color: bool = False) -> str:
    """``tracker compare`` across languages: the summary, the sentences
    with no counterpart, then the pairs with missing terms."""
    lines = [translation_summary(comparison), ""]
    alone = [u for u in comparison.units if u.kind in (ONLY_A, ONLY_B)]
    missing = [u for u in comparison.units if u.missing_terms]
    for heading, units in (("Sentences with no counterpart", alone),
                           ("Terms without their counterpart", missing)):
        if units:
            lines.append(BOLD + heading + RESET if color else heading)
            for unit in units:
                lines += [f"  A  {_side_text(unit, 'a', color)}",
                          f"  B  {_side_text(unit, 'b', color)}"]
                if unit.missing_terms:
                    lines.append(f"  ! {escape_controls(missing_note(unit))}")
            lines.append("")
    if not alone and not missing:
        lines.append("Every sentence has its counterpart, and no glossary term is missing.")
    return "\n".join(lines).rstrip("\n") + "\n"
