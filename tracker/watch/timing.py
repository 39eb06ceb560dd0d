"""Schedules as users write them: ``6h``, ``30m``, ``10s``, or a crontab line."""

import re

from tracker.errors import InputError

_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> int:
    """``6h`` → 21600 seconds; a bare number is seconds."""
    match = _INTERVAL.match(str(text).lower())
    if not match or int(match[1]) == 0:
        raise InputError(f"invalid interval {text!r}: use a number with s, m, h or d, e.g. 6h")
    return int(match[1]) * _UNITS[match[2]]


def check_cron(expression: str) -> str:
    """A five-field crontab line, checked by APScheduler itself."""
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as error:
        raise InputError(f"invalid cron expression {expression!r}: {error}") from None
    return expression


def check_patterns(patterns) -> tuple[str, ...]:
    """Ignore patterns must compile: a typo should fail when added, not at 2 a.m."""
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as error:
            raise InputError(f"invalid ignore pattern {pattern!r}: {error}") from None
    return tuple(patterns)


def check_selector(selector: str | None) -> str | None:
    if not selector:
        return None
    import soupsieve

    try:
        soupsieve.compile(selector)
    except (soupsieve.SelectorSyntaxError, ValueError) as error:
        raise InputError(f"invalid CSS selector {selector!r}: {error}") from None
    return selector


def check_url(url: str) -> str:
    from tracker.netguard import check_url_authority

    if not url.startswith(("http://", "https://")) or len(url) > 2000 or " " in url:
        raise InputError(f"invalid URL {url!r}: use an http:// or https:// address")
    return check_url_authority(url)
