"""Schedules as users write them: ``6h``, ``30m``, ``10s``, or a crontab line."""

import re

from tracker.errors import InputError

_INTERVAL = re.compile(r"^\s*([0-9]+)\s*([smhd]?)\s*$")  # ASCII: int() reads "٢" as 2
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_INTERVAL = 366 * 86400  # once a year: a longer interval is a typo


def parse_interval(text: str) -> int:
    """``6h`` → 21600 seconds; a bare number is seconds. Bounded, since
    ``99999999999999999999d`` would otherwise reach SQLite (64-bit integers)
    and the scheduler (whose ``timedelta`` ends at 999999999 days)."""
    match = _INTERVAL.match(str(text).lower())
    digits = match[1].lstrip("0") if match else ""
    if not digits:
        raise InputError(f"invalid interval {str(text)[:40]!r}: use a number with s, m, h or d, "
                         "e.g. 6h")
    # Past twelve digits any unit is past the bound; int() never reads thousands.
    if len(digits) > 12 or int(digits) * _UNITS[match[2]] > MAX_INTERVAL:
        raise InputError(f"invalid interval {str(text)[:40]!r}: use at most 366d")
    return int(digits) * _UNITS[match[2]]


def validate_cron(expression: str) -> str:
    """A five-field crontab line, checked by APScheduler itself."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as error:
        raise InputError(f"invalid cron expression {expression!r}: {error}") from None
    return expression


def validate_selector(selector: str | None) -> str | None:
    if not selector:
        return None
    import soupsieve

    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(f"invalid CSS selector {selector!r}: {reason}") from None
    return selector


def validate_url(url: str) -> str:
    from tracker.ingest.netguard import validate_url_authority

    if not url.startswith(("http://", "https://")) or len(url) > 2000 or " " in url:
        raise InputError(f"invalid URL {url!r}: use an http:// or https:// address")
    return validate_url_authority(url)
