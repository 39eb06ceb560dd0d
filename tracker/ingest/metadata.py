"""What a page says about itself: title, language, publication date and
canonical address, read from its markup and first lines.

These fill a document's empty fields (``tracker add``, scheduled checks) so
that a page added without flags is not left untitled and undated. Each
field is read from the most deliberate source first: the page's own meta
tags (Open Graph, ``article:published_time``), then its visible markup
(``<h1>``, ``<time datetime>``), then its text (a dateline).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace

TYPE_CHECKING = False
if TYPE_CHECKING:  # the parser's record of a page's tags lives with the parser
    from tracker.ingest.extract import HeadFacts

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
DATELINE_LINES = 6  # a dateline stands near the top
DATE_META = ("article:published_time", "og:published_time", "datepublished", "date",
             "dc.date", "dc.date.issued", "dcterms.date", "pubdate", "publish-date",
             "publication_date", "article.published", "parsely-pub-date")
# Patterns, compiled (and kept by ``re``) when a page is first read: every
# ``tracker diff`` loads this module for an empty ``PageMetadata``, and
# compiling them all costs it ~0.4 ms.
_ISO = r"(\d{4})-(\d{2})-(\d{2})"
_MONTH_FIRST = r"\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b"
_DAY_FIRST = r"\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b"
_KOREAN = r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일"
_LANGUAGE = r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*"


@dataclass(frozen=True)
class PageMetadata:
    """Fields a page gives about itself; None where it gives nothing."""

    title: str | None = None
    language: str | None = None
    date: str | None = None       # YYYY-MM-DD
    url: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def page_metadata(facts: HeadFacts, title: str | None, text: str,
                  final_url: str | None = None) -> PageMetadata:
    """The page's metadata, each field from its best source (module docstring)."""
    meta = facts.meta
    return PageMetadata(
        title=_first(meta.get("og:title"), facts.h1, title),
        language=_language(facts.lang or meta.get("content-language") or meta.get("og:locale")),
        date=_first(*(parse_date(meta.get(key)) for key in DATE_META),
                    parse_date(facts.time), dateline_date(text)),
        url=_first(_absolute(facts.canonical, final_url), _absolute(meta.get("og:url"), final_url),
                   final_url))


def with_header_language(metadata: PageMetadata, header: str | None) -> PageMetadata:
    """A ``Content-Language`` header ("en", "ko, en") fills a language the
    markup left out; the markup, written for the page, comes first."""
    if metadata.language or not header:
        return metadata
    return replace(metadata, language=_language(header.split(",")[0]))


def parse_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO stamp, "September 4, 2024", "4 Sept. 2024" or
    "2024년 9월 4일"; None when there is no real date."""
    if not value:
        return None
    found = re.search(_ISO, value)
    if found:
        return _checked(*map(int, found.groups()))
    found = re.search(_KOREAN, value)
    if found:
        return _checked(*map(int, found.groups()))
    found = re.search(_MONTH_FIRST, value)
    if found:
        return _checked(int(found[3]), _month(found[1]), int(found[2]))
    found = re.search(_DAY_FIRST, value)
    return _checked(int(found[3]), _month(found[2]), int(found[1])) if found else None


def dateline_date(text: str) -> str | None:
    """The date of a dateline among the first lines ("WASHINGTON, September 4, 2024 —")."""
    lines = [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    return _first(*(parse_date(line[:80]) for line in lines))


def _month(name: str) -> int:
    key = name[:3].lower()
    return MONTHS.index(key) + 1 if key in MONTHS else 0


def _checked(year: int, month: int, day: int) -> str | None:
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _language(value: str | None) -> str | None:
    """A BCP 47 tag, with ``_`` (og:locale's ``en_US``) read as ``-``."""
    value = (value or "").strip().replace("_", "-")
    return value if re.fullmatch(_LANGUAGE, value) else None


def _absolute(url: str | None, base: str | None) -> str | None:
    """An http(s) address, a relative one resolved against where the page was read."""
    from urllib.parse import urljoin  # ~2.5 ms to import (with ipaddress): pages only

    url = urljoin(base or "", (url or "").strip())
    return url if url.startswith(("http://", "https://")) else None


def _first(*values: str | None) -> str | None:
    return next((value.strip() for value in values if value and value.strip()), None)
