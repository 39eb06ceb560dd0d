"""Dropping press-release wrappers: the lines around a statement that are
not the statement ("MEDIA NOTE", "Office of the Spokesperson", "Begin Text:",
a dateline, the page title repeated at the top, a contact block at the end).

They are page furniture written as text, so the extractor cannot see them
by markup; left in, each one becomes an added or removed sentence the day a
site restyles it. The patterns are data (``wrappers.toml`` beside this
module) so that a new wrapper is a line of TOML, not code; each is matched
against a whole, short line only, so a sentence that merely mentions a
press release is never touched.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tracker.text import canonical_text

RULES_FILE = Path(__file__).with_name("wrappers.toml")
TITLE_LINES = 3  # a repeated title counts as a wrapper only among the first lines
_SITE_SUFFIX = re.compile(r"\s+[|\-–—:·]\s+")


@dataclass(frozen=True)
class WrapperRules:
    """The compiled contents of ``wrappers.toml``."""

    max_line_chars: int
    lines: re.Pattern
    head: re.Pattern
    head_lines: int
    contact_starts: re.Pattern
    contact_lines: int
    trailing: re.Pattern


@cache
def wrapper_rules(path: Path = RULES_FILE) -> WrapperRules:
    """Read and compile the rules once per process."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return WrapperRules(data["max_line_chars"], _any_of(data["lines"]), _any_of(data["head"]),
                        data["head_lines"], _any_of(data["contact_starts"]),
                        data["contact_lines"], _any_of(data["trailing"]))


def _any_of(patterns: list[str]) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def drop_wrappers(text: str, titles: tuple[str, ...] = ()) -> str:
    """``text`` without its wrapper lines; ``titles`` are the page's title(s):
    the headline stays, a repeat of it among the first lines goes."""
    rules = wrapper_rules()
    lines = text.split("\n")
    lines = _without_contact_block(lines, rules)
    keys = {_title_key(title) for title in titles if title}
    kept, seen, shown = [], 0, False
    for line in lines:
        stripped = line.strip()
        if _is_wrapper(stripped, rules, at_head=seen < rules.head_lines):
            continue
        seen += bool(stripped)
        if seen <= TITLE_LINES and _title_key(stripped) in keys:
            if shown:
                continue  # the headline once is the statement's; a repeat is a wrapper
            shown = True
        kept.append(line)
    return canonical_text("\n".join(kept))


def _is_wrapper(line: str, rules: WrapperRules, at_head: bool) -> bool:
    if not 0 < len(line) <= rules.max_line_chars:
        return False
    return bool(rules.lines.fullmatch(line) or (at_head and rules.head.fullmatch(line)))


def _without_contact_block(lines: list[str], rules: WrapperRules) -> list[str]:
    """Cut trailing phone and e-mail lines, then a contact block near the end."""
    end = len(lines)
    while end and (not lines[end - 1].strip() or _matches(rules.trailing, lines[end - 1], rules)):
        end -= 1
    filled = [i for i in range(end) if lines[i].strip()]
    for index in filled[-rules.contact_lines:]:
        if _matches(rules.contact_starts, lines[index], rules):
            return lines[:index]
    return lines[:end]


def _matches(pattern: re.Pattern, line: str, rules: WrapperRules) -> bool:
    line = line.strip()
    return 0 < len(line) <= rules.max_line_chars and bool(pattern.fullmatch(line))


def _title_key(title: str) -> str:
    """A title compared loosely: case, spaces and end punctuation aside."""
    return " ".join(title.casefold().split()).rstrip(".:")


def title_variants(title: str | None) -> tuple[str, ...]:
    """A ``<title>`` and its first part before a site suffix
    ("Joint Statement - United States Department of State")."""
    if not title:
        return ()
    first = _SITE_SUFFIX.split(title, maxsplit=1)[0]
    return (title, first) if first != title else (title,)
