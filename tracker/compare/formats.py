"""Formatters: a :class:`~tracker.compare.model.Comparison` as text for people.

Kept apart from the algorithm, as difflib keeps ``unified_diff`` apart from
``SequenceMatcher``: each formatter reads the finished comparison and never
recomputes an alignment (the unified diff, which knows no moves, works from
the sentence lists it carries).

- :func:`format_json` -- the documented JSON shape.
- :func:`format_text` -- terminal output, inline or side by side, colour optional.
- :func:`format_unified` -- a classic unified diff, one sentence per line.
- :func:`format_html` -- a standalone HTML page, no scripts.
- :func:`format_report` -- the meeting-over-meeting report, commitments first.

The terminal formats (text, unified, report) show control characters in the
compared texts as ``\\x1b``-style escapes: a text stored by an older version
may hold an escape sequence, which must not reach the reader's terminal.
JSON keeps the texts exactly; HTML escapes them its own way.
"""

from difflib import SequenceMatcher

from tracker.compare.inline import DELETE, EQUAL, INSERT, SPACE, Token, spaced
from tracker.compare.model import (
    ADDED,
    REMOVED,
    REWORDED,
    UNCHANGED,
    Comparison,
    Unit,
    kind_name,
)
from tracker.compare.normalise import match_key
from tracker.compare.sections import section_indexes, section_units
from tracker.text import escape_controls

RED, GREEN, DIM, BOLD, RESET = "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[1m", "\x1b[0m"
_KIND_MARK = {UNCHANGED: " ", REWORDED: "*", ADDED: "+", REMOVED: "-"}
_PLAIN_MARKS = {DELETE: ("[-", "-]"), INSERT: ("{+", "+}")}


def format_json(comparison: Comparison, indent: int | None = None) -> str:
    """The comparison as JSON (see :meth:`Comparison.to_dict`), with the
    report's ``sections``: each section key and the indexes of its units.

    Compact by default: with ``indent`` set, the json module falls back from
    its C encoder to pure Python, five times slower on a long document.
    Compact, the units are written by :mod:`tracker.compare.json_units` (the
    same text) between the keys before them and those after; no container
    holds itself, so the encoder's check for one is skipped (3 of 32 ms).
    """
    import json  # here: the text format, the common one, does not need it

    if indent is not None or type(comparison) is not Comparison:  # a subclass: its own dict
        document = {**comparison.to_dict(), "sections": section_indexes(comparison.units)}
        return json.dumps(document, ensure_ascii=False, indent=indent)
    from tracker.compare.json_units import units_json

    head = json.dumps(comparison.head_dict(), ensure_ascii=False, check_circular=False)
    tail = json.dumps({"topics": comparison.topics_list(),
                       "sections": section_indexes(comparison.units)},
                      ensure_ascii=False, check_circular=False)
    return f'{head[:-1]}, "units": {units_json(comparison.units)}, {tail[1:]}'


def json_with(json_text: str, name: str, value) -> str:
    """A compact JSON object's text with one more top-level key, without
    parsing megabytes of comparison again to add a few lines."""
    import json

    if not json_text.endswith("}"):
        raise ValueError("not a compact JSON object")
    return f"{json_text[:-1]}, {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}}}"


# ---------------------------------------------------------------- summary line

def summary_line(comparison: Comparison) -> str:
    """One line of counts: what a reader looks at first."""
    return f"{comparison.a.label} -> {comparison.b.label}: {count_phrase(comparison)}"


def count_phrase(comparison: Comparison) -> str:
    """"16 sentences added (14 commitments), 3 dropped (no commitment), …":
    sentences and commitments counted apart, so "3 dropped" never reads as
    three dropped commitments when they were housekeeping sentences."""
    s, sections = comparison.summary, section_indexes(comparison.units)
    parts = [f"{s[ADDED]} sentence{'s' * (s[ADDED] != 1)} added"
             + of_which(len(sections["added"])),
             f"{s[REMOVED]} {kind_name(REMOVED)}" + of_which(len(sections["dropped"])),
             f"{s[REWORDED]} reworded", f"{s['moved']} moved", f"{s[UNCHANGED]} unchanged"]
    line = ", ".join(parts)
    if s["stronger"] or s["weaker"]:
        line += f"; commitments: {s['stronger']} stronger, {s['weaker']} weaker"
    return line


def of_which(commitments: int) -> str:
    """" (14 commitments)": how many of the sentences counted state a commitment."""
    if commitments == 0:
        return " (no commitment)"
    return f" ({commitments} commitment{'s' * (commitments != 1)})"


LEGEND = ("Legend: * reworded, + added, - dropped, ~ moved (line marks); "
          "[-deleted words-] {+inserted words+}")


# ---------------------------------------------------------------- plain text

def format_text(comparison: Comparison, color: bool = False, side_by_side: bool = False,
                width: int = 100, markers: bool = True) -> str:
    """Terminal output: a summary line, the legend, then each unit; unchanged
    runs folded.

    Every unit starts with a kind mark (``*`` reworded, ``+`` added, ``-``
    dropped) and ``~`` if it moved. Changed words are shown as
    ``[-deleted-]{+inserted+}``; with ``color`` they are red and green too,
    and the marks stay unless ``markers`` is off, so a reader who cannot
    tell red from green still sees where "fourth" ends and "fifth" begins.
    A sentence added or dropped whole is not bracketed: its line mark says it.
    """
    lines = [escape_controls(summary_line(comparison)), _dim(LEGEND, color), ""]
    style = _Style(color, markers)
    for group in _fold_unchanged(comparison.units):
        if isinstance(group, list):
            lines.append(_dim(f"  ... {_folded_label(len(group))} ...", color))
        elif side_by_side:
            lines.extend(_side_by_side_unit(group, style, width, comparison))
        else:
            lines.extend(_inline_unit(group, style, width, comparison))
    return "\n".join(lines) + "\n"


class _Style:
    """How changed words look: colour, marks, or both."""

    def __init__(self, color: bool, markers: bool = True):
        self.color = color
        self.markers = markers or not color


def _fold_unchanged(units: tuple[Unit, ...]) -> list[Unit | list[Unit]]:
    """Units, with each run of unchanged units in place gathered into a list."""
    groups: list[Unit | list[Unit]] = []
    for unit in units:
        if unit.kind == UNCHANGED and not unit.moved:
            if groups and isinstance(groups[-1], list):
                groups[-1].append(unit)
            else:
                groups.append([unit])
        else:
            groups.append(unit)
    return groups


def _folded_label(count: int) -> str:
    return f"{count} unchanged sentence{'s' * (count != 1)}"


def _prefix(unit: Unit) -> str:
    return _KIND_MARK[unit.kind] + ("~" if unit.moved else " ") + " "


def opening_words(text: str, count: int = 8) -> str:
    """The first words of a sentence, to name it in a note: «The two sides …»."""
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def moved_from(comparison: Comparison, unit: Unit) -> str:
    """"moved from after «…»" (or "from the start"): where a moved unit stood in A."""
    before = comparison.sentence_before(unit, "a")
    return f"moved from after «{opening_words(before)}»" if before else "moved from the start"


def moved_to(comparison: Comparison, unit: Unit) -> str:
    """"moved to after «…»": where a moved unit stands now, in B."""
    before = comparison.sentence_before(unit, "b")
    return f"moved to after «{opening_words(before)}»" if before else "moved to the start"


def _note(unit: Unit, comparison: Comparison | None = None) -> str:
    """What the marks cannot say: moves, splits and merges, commitment strength."""
    notes = []
    if unit.moved:
        notes.append(moved_from(comparison, unit) if comparison else "moved")
    if unit.a and unit.b and (len(unit.a.index) > 1 or len(unit.b.index) > 1):
        notes.append("split" if len(unit.b.index) > len(unit.a.index) else "merged")
    if unit.strength in ("stronger", "weaker"):
        notes.append(f"commitment {unit.strength}")
    return f"  ({', '.join(notes)})" if notes else ""


def marked_text(tokens: tuple[Token, ...] | list[Token],
                ops: tuple[str, ...] = (EQUAL, DELETE, INSERT, SPACE)) -> str:
    """Tokens as one string with ``[-…-]``/``{+…+}`` marks; only ``ops`` shown.

    Line feeds become spaces and controls escapes once, on the whole line:
    both act character by character, and the marks hold neither."""
    pieces = []
    for token in tokens:
        if token.op not in ops:
            continue
        if token.op in (EQUAL, SPACE):
            pieces.append(token.text)
        else:
            opening, closing = _PLAIN_MARKS[token.op]
            pieces.append(opening + token.text + closing)
    return escape_controls("".join(pieces).replace("\n", " "))


def _shown_tokens(unit: Unit, side: str = "b") -> tuple[Token, ...] | list[Token]:
    """Tokens to display: a unit unchanged, added or dropped whole shows its
    plain text (its line mark and style say the rest); a reworded one its
    word diff, spaced between a deletion and the insertion after it."""
    if unit.kind in (UNCHANGED, ADDED, REMOVED):
        shown = unit.a if unit.kind == REMOVED or (side == "a" and unit.kind == UNCHANGED) \
            else unit.b
        return (Token(EQUAL, shown.text),) if shown else ()
    return spaced(unit.tokens)


def _inline_unit(unit: Unit, style: _Style, width: int,
                 comparison: Comparison | None = None) -> list[str]:
    # Colour is applied after wrapping, so that escape codes never count as width.
    body = marked_text(_shown_tokens(unit))
    body = " ".join(body.split()) + _note(unit, comparison)
    prefix = _prefix(unit)
    wrapped = _fill(body, max(width - len(prefix), 20)) or [""]
    lines = [prefix + wrapped[0]] + [" " * len(prefix) + line for line in wrapped[1:]]
    return _styled(lines, unit, style)


def _styled(lines: list[str], unit: Unit, style: _Style) -> list[str]:
    """Colour for a terminal: a sentence added or dropped whole in green or
    red, changed words of a reworded one with their marks kept (or not)."""
    if not style.color:
        return lines
    if unit.kind in (ADDED, REMOVED):
        colour = GREEN if unit.kind == ADDED else RED
        return [colour + line + RESET for line in lines]
    return _recolour(lines, style.markers)


def _side_by_side_unit(unit: Unit, style: _Style, width: int,
                       comparison: Comparison | None = None) -> list[str]:
    column = max((width - 7) // 2, 20)
    left = marked_text(_shown_tokens(unit, "a"), (EQUAL, DELETE)) if unit.a else ""
    right = marked_text(_shown_tokens(unit, "b"), (EQUAL, INSERT)) if unit.b else ""
    left_lines = _wrap(left, column)
    right_lines = _wrap(right + _note(unit, comparison), column)
    rows = max(len(left_lines), len(right_lines))
    left_lines += [""] * (rows - len(left_lines))
    right_lines += [""] * (rows - len(right_lines))
    left_lines, right_lines = _styled(left_lines, unit, style), _styled(right_lines, unit, style)
    prefix = _prefix(unit)
    return [
        (prefix if row == 0 else "   ") + _pad(left, column) + " | " + right
        for row, (left, right) in enumerate(zip(left_lines, right_lines, strict=True))
    ]


def _wrap(text: str, width: int) -> list[str]:
    return _fill(" ".join(text.split()), width)


def _fill(text: str, width: int) -> list[str]:
    """``textwrap.wrap(text, width, break_long_words=False,
    break_on_hyphens=False)`` for text whose only white space is spaces:
    the same lines (greedy filling, a long word alone on its line, spaces
    dropped at line ends and, after the first line, at line starts).

    A word fits when it ends within ``width`` of the line's start, so a
    line ends at the last space within reach, found by ``str.rfind`` in C
    rather than chunk by chunk in Python (the 100k-word report's 732 units:
    about 5x faster)."""
    lines: list[str] = []
    start, end = 0, len(text.rstrip(" "))
    while start < end:
        stop = end
        if end - start > width:
            stop = text.rfind(" ", start, start + width + 1)
            if stop == -1:  # a word longer than the line stands alone
                stop = _end_of_word(text, start, end)
        line = text[start:stop].rstrip(" ")
        if line:  # empty when leading spaces and the first word overflow
            lines.append(line)
        start = stop
        while start < end and text[start] == " ":
            start += 1
    return lines


def _end_of_word(text: str, start: int, end: int) -> int:
    stop = text.find(" ", start, end)
    return end if stop == -1 else stop


def _recolour(lines: list[str], markers: bool = False) -> list[str]:
    """Colour the change marks, closing and reopening colours at line ends;
    the marks themselves stay when ``markers`` is set."""
    result, open_colour = [], ""
    for line in lines:
        line = open_colour + line
        for (opening, closing), colour in (
            (_PLAIN_MARKS[DELETE], RED), (_PLAIN_MARKS[INSERT], GREEN)
        ):
            kept = (opening, closing) if markers else ("", "")
            line = line.replace(opening, colour + kept[0]).replace(closing, kept[1] + RESET)
        last_colour = max(line.rfind(RED), line.rfind(GREEN))
        open_colour = ""
        if last_colour > line.rfind(RESET):
            open_colour = line[last_colour : last_colour + len(RED)]
            line += RESET
        result.append(line)
    return result


def _visible_length(text: str) -> int:
    if "\x1b" not in text:  # no colour (each code starts so): five scans saved a row
        return len(text)
    for code in (RED, GREEN, DIM, BOLD, RESET):
        text = text.replace(code, "")
    return len(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _visible_length(text), 0)


def _dim(text: str, color: bool) -> str:
    return DIM + text + RESET if color else text


# ---------------------------------------------------------------- unified diff

def format_unified(comparison: Comparison, context: int = 3) -> str:
    """A classic unified diff of the two sentence lists, one sentence per line.

    Sentences are matched on their match keys, so a change of quote style is
    not a change here either. A unified diff has no notion of a move: a moved
    sentence appears as removed in one hunk and added in another, as tools
    that read patches expect.
    """
    a = [escape_controls(_one_line(text)) for text in comparison.a.sentences]
    b = [escape_controls(_one_line(text)) for text in comparison.b.sentences]
    matcher = SequenceMatcher(None, [match_key(t) for t in a], [match_key(t) for t in b],
                              autojunk=False)
    lines = [f"--- {escape_controls(comparison.a.label)}",
             f"+++ {escape_controls(comparison.b.label)}"]
    for group in matcher.get_grouped_opcodes(context):
        lines.append(_hunk_header(group))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + line for line in b[j1:j2])
                continue
            lines.extend("-" + line for line in a[i1:i2])
            lines.extend("+" + line for line in b[j1:j2])
    return "\n".join(lines) + "\n" if len(lines) > 2 else ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _hunk_header(group: list[tuple[str, int, int, int, int]]) -> str:
    first, last = group[0], group[-1]
    return f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"


def _range(start: int, stop: int) -> str:
    """Line range as unified diffs write it: 1-based start, count after a comma."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


# ---------------------------------------------------------------- HTML

_STYLE = """
body{font-family:Georgia,serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
h1{font-size:1.3rem}.summary,.legend{font-family:sans-serif;color:#333}
.notice{border:2px solid #8a5a00;background:#fff6e0;padding:.5rem .8rem;font-family:sans-serif}
.unit{margin:.4rem 0;padding:.2rem .5rem;border-left:4px solid #ddd}
.reworded{border-color:#d9a400}.added{border-left:8px solid #2a8a2a}
.removed{border-left:8px dashed #b22}
.moved{outline:1px dashed #888}.tag{font:0.75rem sans-serif;color:#555;margin-left:.5rem}
ins{background:#d4f7d4;text-decoration:none}del{background:#fbd3d3}.mark{color:#555}
table{border-collapse:collapse;width:100%}td{vertical-align:top;width:50%;padding:.3rem .5rem;
border-top:1px solid #eee}details{color:#666;margin:.4rem 0}
""".strip()


def _escape(text: str) -> str:
    """``html.escape``, imported when HTML is asked for: the text format,
    the common one, should not pay for the html package."""
    from html import escape

    return escape(text)


def format_html(comparison: Comparison, side_by_side: bool = False,
                notices: tuple[str, ...] | list[str] = ()) -> str:
    """A standalone HTML page; every piece of text is escaped, and there are no scripts.

    ``notices`` are shown first, in a box: what a reader must know about the
    texts (a digest, not the official wording)."""
    title = f"{comparison.a.label} \u2192 {comparison.b.label}"
    body = _html_side_by_side(comparison) if side_by_side else _html_inline(comparison)
    boxed = "".join(f"<p class=\"notice\" role=\"note\">{_escape(n)}</p>\n"
                    for n in notices)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>{_escape(title)}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n"
        f"<h1>{_escape(title)}</h1>\n{boxed}"
        f"<p class=\"summary\">{_escape(summary_line(comparison))}</p>\n"
        f"<p class=\"legend\">{_escape(LEGEND)}</p>\n"
        f"{body}\n</body>\n</html>\n"
    )


def _html_tokens(tokens, ops: tuple[str, ...]) -> str:
    """Deleted and inserted words in ``<del>``/``<ins>`` with their ``[-…-]``
    and ``{+…+}`` marks inside, so a printout or a reader who cannot see
    the colours still finds them."""
    pieces = []
    for token in tokens:
        if token.op not in ops:
            continue
        text = _escape(token.text)
        tag = {DELETE: "del", INSERT: "ins"}.get(token.op)
        if tag:
            opening, closing = (_escape(mark) for mark in _PLAIN_MARKS[token.op])
            text = f'<{tag}><span class="mark">{opening}</span>{text}' \
                   f'<span class="mark">{closing}</span></{tag}>'
        pieces.append(text)
    return "".join(pieces)


def _html_classes(unit: Unit) -> str:
    return "unit " + unit.kind + (" moved" if unit.moved else "")


def _html_tag(unit: Unit, comparison: Comparison | None = None) -> str:
    note = _note(unit, comparison).strip().strip("()")
    label = kind_name(unit.kind) + (f"; {note}" if note else "")
    return f"<span class=\"tag\">{_escape(label)}</span>"


def _html_inline(comparison: Comparison) -> str:
    parts = []
    for group in _fold_unchanged(comparison.units):
        if isinstance(group, list):
            sentences = " ".join(_escape(unit.b.text) for unit in group if unit.b)
            parts.append(f"<details><summary>{_folded_label(len(group))}</summary>"
                         f"<p>{sentences}</p></details>")
        else:
            text = _html_tokens(_shown_tokens(group), (EQUAL, DELETE, INSERT, SPACE))
            parts.append(f"<div class=\"{_html_classes(group)}\">{_html_tag(group, comparison)} "
                         f"{text}</div>")
    return "\n".join(parts)


def _html_side_by_side(comparison: Comparison) -> str:
    rows = [f"<tr><th>{_escape(comparison.a.label)}</th>"
            f"<th>{_escape(comparison.b.label)}</th></tr>"]
    for unit in comparison.units:
        left = _html_tokens(_shown_tokens(unit, "a"), (EQUAL, DELETE)) if unit.a else ""
        right = _html_tokens(_shown_tokens(unit, "b"), (EQUAL, INSERT)) if unit.b else ""
        if unit.kind != UNCHANGED or unit.moved:
            right += _html_tag(unit, comparison)
        rows.append(f"<tr class=\"{_html_classes(unit)}\"><td>{left}</td><td>{right}</td></tr>")
    return "<table>\n" + "\n".join(rows) + "\n</table>"


# ---------------------------------------------------------------- report

def format_report(comparison: Comparison, color: bool = False, markers: bool = True) -> str:
    """The meeting-over-meeting report: what was committed to, and how firmly.

    The sections of :data:`tracker.compare.sections.SECTIONS`, in order, an
    empty one said to be empty (a reader must not wonder whether it was
    left out): the commitments, then every other change.
    """
    sections = section_units(comparison.units)
    lines = [escape_controls(summary_line(comparison)), _dim(LEGEND, color), ""]
    style = _Style(color, markers)
    for section, units in sections:
        lines.append(_bold(f"{section.heading} ({len(units)})", color))
        for unit in units:
            lines.extend(_report_unit(unit, style, comparison))
        lines.append("" if units else "   none\n")
    if comparison.identical:
        lines.append("No changes.")
    return "\n".join(lines).rstrip("\n") + "\n"


def _report_unit(unit: Unit, style: _Style, comparison: Comparison) -> list[str]:
    lines = _inline_unit(unit, style, 100, comparison)
    commitment = unit.commitment
    if commitment is not None:
        details = [", ".join(getattr(commitment, "actors", ())),
                   ", ".join(getattr(commitment, "topics", ())),
                   "; ".join(getattr(commitment, "signals", ()))]
        details = [item for item in details if item]
        if details:
            lines.append("     " + _dim(" | ".join(details), style.color))
    return lines


def _bold(text: str, color: bool) -> str:
    return BOLD + text + RESET if color else text
