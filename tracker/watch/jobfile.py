"""Job files: the declarative list of sources to watch (``jobs/*.toml``).

In the spirit of urlwatch's ``urls.yaml``: a ``[defaults]`` table, then one
``[[source]]`` table per page::

    [defaults]
    every = "6h"
    ignore = ["Last updated:.*"]

    [[source]]
    url = "https://www.example.gov/statement"
    document = "edscg-6-joint-statement"
    meeting = "edscg-6"          # creates the document when new
    kind = "joint-statement"     # with publisher, describes a new document
    publisher = "U.S. Department of State"
    selector = "div.article-body"
    every = "12h"                # or cron = "0 */6 * * *"
    ignore = ["Views: \\\\d+"]
    note = "official U.S. text"

    [[source]]                   # a listing: each new link becomes a document
    url = "https://www.example.gov/press-releases/"
    listing = true
    series = "edscg"
    link_text = "Extended Deterrence Strategy and Consultation Group"
    link_selector = "ul.releases"   # and/or link_url = 'regular expression'
    meeting_pattern = '(\\w+) Meeting'  # optional: group 1 is the number or ordinal
    publisher = "U.S. Department of State"
    enabled = false
"""

import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.errors import InputError
from tracker.ingest.filters import validate_patterns
from tracker.ingest.links import validate_url_pattern
from tracker.model import LinkRule, Source, format_interval
from tracker.refs import parse_meeting_slug, validate_slug
from tracker.watch.timing import parse_interval, validate_cron, validate_selector, validate_url

SOURCE_KEYS = {"url", "document", "meeting", "kind", "publisher", "selector", "every", "cron",
               "ignore", "note", "enabled"}
LISTING_KEYS = {"url", "listing", "series", "link_text", "link_selector", "link_url",
                "meeting_pattern", "follow_existing", "kind", "publisher", "selector", "every",
                "cron", "ignore", "note", "enabled"}
DEFAULT_INTERVAL = "6h"


@dataclass(frozen=True)
class SourceSpec:
    """A source as a job file or the CLI describes it, validated."""

    url: str
    document: str | None
    meeting: str | None = None
    selector: str | None = None
    interval_seconds: int | None = None
    cron: str | None = None
    ignore: tuple[str, ...] = field(default=())
    note: str | None = None
    enabled: bool = True
    kind: str | None = None
    publisher: str | None = None
    series: str | None = None  # a listing's, with its rule:
    listing: LinkRule | None = None


def source_spec(url: str, document: str, meeting: str | None = None, selector=None,
                every: str | None = None, cron: str | None = None, ignore=(),
                note: str | None = None, enabled: bool = True, kind: str | None = None,
                publisher: str | None = None) -> SourceSpec:
    """Validate one source; ``every`` and ``cron`` are exclusive."""
    if every and cron:
        raise InputError("give --every or --cron, not both")
    if meeting:
        parse_meeting_slug(meeting)
    return SourceSpec(
        url=validate_url(url), document=validate_slug(document, "document slug"), meeting=meeting,
        selector=validate_selector(selector),
        interval_seconds=None if cron else parse_interval(every or DEFAULT_INTERVAL),
        cron=validate_cron(cron) if cron else None, ignore=validate_patterns(ignore),
        note=note, enabled=bool(enabled), kind=validate_slug(kind, "kind") if kind else None,
        publisher=publisher,
    )


def listing_spec(url: str, series: str, link_text: str | None = None,
                 link_selector: str | None = None, link_url: str | None = None,
                 meeting_pattern: str | None = None, follow_existing: bool = False,
                 kind: str | None = None, publisher: str | None = None,
                 **common) -> SourceSpec:
    """Validate one listing source; ``common`` are ``source_spec``'s
    schedule, selector (of the statement pages), ignore, note and enabled."""
    rule = LinkRule(text=(link_text or "").strip() or None,
                    selector=validate_selector(link_selector),
                    url_pattern=validate_url_pattern(link_url),
                    meeting_pattern=validate_meeting_pattern(meeting_pattern),
                    kind=validate_slug(kind, "kind") if kind else "joint-statement",
                    publisher=publisher, follow_existing=bool(follow_existing))
    page = source_spec(url, "listing", **common)
    return replace(page, document=None, series=validate_slug(series, "series slug"),
                   listing=rule)


def read_job_file(path: Path) -> list[SourceSpec]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    defaults = data.get("defaults", {})
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise InputError(f"{path}: no [[source]] tables")
    return [_entry(path, number, defaults, entry) for number, entry in enumerate(entries, 1)]


def _entry(path: Path, number: int, defaults: dict, entry: dict) -> SourceSpec:
    merged = {**defaults, **entry}
    if "cron" in entry:
        merged.pop("every", None)
    listing = merged.pop("listing", False)
    if not isinstance(listing, bool):
        raise InputError(f"{path}, source {number}: listing must be true or false")
    unknown = set(merged) - (LISTING_KEYS if listing else SOURCE_KEYS)
    if unknown:
        raise InputError(f"{path}, source {number}: unknown key(s) {', '.join(sorted(unknown))}")
    needed = "series" if listing else "document"
    if not merged.get("url") or not merged.get(needed):
        raise InputError(f"{path}, source {number}: needs url and {needed}")
    ignore = list(defaults.get("ignore", [])) + [
        p for p in entry.get("ignore", []) if p not in defaults.get("ignore", [])]
    merged["ignore"] = ignore
    try:
        return listing_spec(**merged) if listing else source_spec(**merged)
    except InputError as error:
        raise InputError(f"{path}, source {number}: {error}") from None


def format_job_file(sources: list[Source], meetings: dict[str, str]) -> str:
    """Sources as a job file that ``read_job_file`` reads back."""
    lines = ["# tracker sources (tracker sources export)", ""]
    for source in sources:
        lines.append("[[source]]")
        lines.append(f"url = {_quote(source.url)}")
        if source.is_listing:
            lines += _listing_lines(source)
        else:
            lines.append(f"document = {_quote(source.document)}")
        if meetings.get(source.document):
            lines.append(f"meeting = {_quote(meetings[source.document])}")
        if source.selector:
            lines.append(f"selector = {_quote(source.selector)}")
        if source.cron:
            lines.append(f"cron = {_quote(source.cron)}")
        else:
            lines.append(f"every = \"{format_interval(source.interval_seconds or 0)}\"")
        if source.ignore:
            lines.append("ignore = [" + ", ".join(_quote(p) for p in source.ignore) + "]")
        if source.note:
            lines.append(f"note = {_quote(source.note)}")
        if not source.enabled:
            lines.append("enabled = false")
        lines.append("")
    return "\n".join(lines)


def _listing_lines(source: Source) -> list[str]:
    rule = source.listing
    lines = ["listing = true", f"series = {_quote(source.series)}"]
    for key, value in (("link_text", rule.text), ("link_selector", rule.selector),
                       ("link_url", rule.url_pattern), ("meeting_pattern", rule.meeting_pattern),
                       ("kind", rule.kind), ("publisher", rule.publisher)):
        if value:
            lines.append(f"{key} = {_quote(value)}")
    if rule.follow_existing:
        lines.append("follow_existing = true")
    return lines


def validate_meeting_pattern(pattern: str | None) -> str | None:
    """A meeting pattern is a regular expression (Python's ``re``: it runs
    on the first few thousand characters of a statement only)."""
    if not pattern:
        return None
    try:
        re.compile(pattern)
    except re.error as error:
        raise InputError(f"invalid meeting pattern {pattern!r}: {error}") from None
    return pattern


def _quote(value: str) -> str:
    """A TOML basic string."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + "".join(c if c >= " " else f"\\u{ord(c):04x}" for c in escaped) + '"'
