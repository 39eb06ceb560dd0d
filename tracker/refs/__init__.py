"""Names users type: slugs, ``DOCUMENT@VERSION`` references, dates.

Validated here, before any database is opened, so that a typo never
reaches the store.
"""

import re
from dataclasses import dataclass
from datetime import date

from tracker.errors import InputError
from tracker.model import URL_STATUSES

# Patterns are used with ``fullmatch``: ``$`` would also accept a trailing
# newline, and ``\d`` any Unicode digit (``٢``), which ``int`` reads as 2.
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NUMBER = re.compile(r"[0-9]{1,10}")
MAX_NUMBER = 2**31 - 1
_MAX_SLUG = 80
_MEETING_NUMBER = re.compile(r"^(?P<series>[a-z0-9]+(?:-[a-z0-9]+)*?)-(?P<number>\d{1,3})$")
_TRAILING_YEAR = re.compile(r"-\d{4}$")


def validate_slug(value: str, what: str = "slug") -> str:
    """Return ``value`` when it is a valid slug, else raise ``InputError``."""
    if not isinstance(value, str) or not _SLUG.fullmatch(value) or len(value) > _MAX_SLUG:
        raise InputError(
            f"invalid {what} {str(value)[:100]!r}: use lowercase letters, digits and "
            f"single hyphens (at most {_MAX_SLUG} characters), e.g. edscg-5"
        )
    return value


def parse_number(text: str, what: str) -> int:
    """A version or id as typed in a URL or a reference: ASCII digits only,
    from 1 to ``MAX_NUMBER``.

    Bounded because SQLite cannot even be asked about a number past 64 bits
    (``OverflowError``), and no tracker holds two billion of anything.
    """
    if not _NUMBER.fullmatch(text) or not 1 <= int(text) <= MAX_NUMBER:
        raise InputError(f"invalid {what} {text[:40]!r}: use a whole number "
                         f"from 1 to {MAX_NUMBER}")
    return int(text)


def validate_url_status(value: str | None) -> str | None:
    """What is known about a document's official URL: one of ``URL_STATUSES``,
    or None when nothing is said. Checked wherever a document is described,
    so the store never holds a status no page knows how to show."""
    if value is None or value == "":
        return None
    if value not in URL_STATUSES:
        raise InputError(f"invalid url_status {str(value)[:40]!r}: use one of "
                         f"{', '.join(URL_STATUSES)}")
    return value


def validate_date(value: str) -> str:
    """Return an ISO date string, or raise ``InputError``."""
    if not isinstance(value, str):
        return _bad_date(str(value)[:40])
    try:
        return date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: str) -> str:
    raise InputError(f"invalid date {value[:40]!r}: use YYYY-MM-DD, e.g. 2024-09-04")


@dataclass(frozen=True)
class MeetingName:
    """What a meeting slug such as ``edscg-5`` says about itself."""

    slug: str
    series: str
    number: int | None


def parse_meeting_slug(slug: str) -> MeetingName:
    """``edscg-5`` → series ``edscg``, number 5.

    A slug ending in a year (``two-plus-two-2016``) names its series without
    the year and carries no number.
    """
    validate_slug(slug, "meeting slug")
    match = _MEETING_NUMBER.match(slug)
    if match:
        return MeetingName(slug, match["series"], int(match["number"]))
    return MeetingName(slug, _TRAILING_YEAR.sub("", slug), None)


@dataclass(frozen=True)
class SnapshotRef:
    """``DOCUMENT`` or ``DOCUMENT@N``; ``version`` None means the latest."""

    document: str
    version: int | None = None

    def __str__(self) -> str:
        return self.document if self.version is None else f"{self.document}@{self.version}"


def parse_snapshot_ref(text: str) -> SnapshotRef:
    """Parse ``edscg-5-joint-statement@2`` (``@v2`` is accepted too)."""
    document, sep, version = text.partition("@")
    validate_slug(document, "document slug")
    if not sep:
        return SnapshotRef(document)
    digits = version[1:] if version[:1] in ("v", "V") else version
    try:
        return SnapshotRef(document, parse_number(digits, "version"))
    except InputError:
        raise InputError(f"invalid version in {text[:120]!r}: use DOCUMENT@N with "
                         f"N = 1, 2, … (at most {MAX_NUMBER})") from None


def did_you_mean(name: str, known: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'edscg-5'?)`` for a mistyped slug, or "" when no known
    name is close. One name only, the closest: a list of near-misses
    (``edscg-2``, ``edscg-3``…) helps nobody. The cutoff lets one swapped
    pair of letters in a short slug (``edcsg-5``) still match."""
    from difflib import get_close_matches

    others = [slug for slug in dict.fromkeys(known) if slug != name]
    close = get_close_matches(name, others, n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""
