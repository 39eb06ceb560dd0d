"""Warnings about a request that was done but may be unwise.

The CLI prints them on stderr; the API returns them in a ``"warnings"``
list and the web form shows them on the next page, so that a source added
to be checked every second is flagged the same way whichever door it came in.
"""

from tracker.model import Source


def source_warnings(source: Source) -> list[str]:
    """What ``tracker sources add`` would warn about for ``source``."""
    if source.short_interval:
        return [f"checking every {source.interval_seconds}s is meant for tests and demos; "
                "be kind to the server"]
    return []
