"""What the environment says: the database path, the bundled folders and
the limits an operator sets through ``TRACKER_*`` variables.

Standard library only, so that every layer may import it. ``Limits`` reads
the variables once, for the CLI to pass on; the web app reads the same
functions once, in ``create_app``.
"""

import os
from dataclasses import dataclass

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib (and urllib.parse, which it imports) cost ~4 ms to load:
    from pathlib import Path  # only the commands that use a path here pay for it

DEFAULT_DB_NAME = "tracker.db"
DB_ENV = "TRACKER_DB"
MAX_INPUT_BYTES_ENV = "TRACKER_MAX_INPUT_BYTES"
DEFAULT_MAX_INPUT_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_SENTENCES = 60_000
DEFAULT_MAX_STATEMENT_SENTENCES = 5_000
DEFAULT_API_RATE_LIMIT = (120, 60.0)
DEFAULT_LOGIN_RATE_LIMIT = (10, 60.0)
DEFAULT_SEARCH_RATE_LIMIT = (30, 60.0)
DEFAULT_SESSION_HOURS = 12.0

_PACKAGE = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # tracker/


def database_path(option: str | os.PathLike | None = None) -> "Path":
    """``--db`` wins, then ``$TRACKER_DB``, then ``tracker.db`` here."""
    from pathlib import Path

    chosen = option or os.environ.get(DB_ENV) or DEFAULT_DB_NAME
    return Path(chosen)


def bundled_dir(name: str) -> "Path":
    """Find a top-level folder (``snapshots``, ``templates``, ``jobs``).

    A wheel carries them inside the package (``tracker/_bundled``); an
    editable install or a source checkout has them beside the package.
    """
    from pathlib import Path

    package = Path(_PACKAGE)
    for candidate in (package / "_bundled" / name, package.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"bundled folder {name!r} is missing from this installation")


def api_rate_limit() -> tuple[int, float]:
    """``$TRACKER_API_RATE_LIMIT`` as ``REQUESTS/SECONDS`` (default 120/60)."""
    return _rate_limit("TRACKER_API_RATE_LIMIT", DEFAULT_API_RATE_LIMIT)


def login_rate_limit() -> tuple[int, float]:
    """``$TRACKER_LOGIN_RATE_LIMIT``: sign-in attempts per client address, as
    ``REQUESTS/SECONDS`` (default 10/60), so a token cannot be guessed fast."""
    return _rate_limit("TRACKER_LOGIN_RATE_LIMIT", DEFAULT_LOGIN_RATE_LIMIT)


def search_rate_limit() -> tuple[int, float]:
    """``$TRACKER_SEARCH_RATE_LIMIT``: searches per client address, as
    ``REQUESTS/SECONDS`` (default 30/60); a search costs far more than a page."""
    return _rate_limit("TRACKER_SEARCH_RATE_LIMIT", DEFAULT_SEARCH_RATE_LIMIT)


def _rate_limit(name: str, default: tuple[int, float]) -> tuple[int, float]:
    value = os.environ.get(name, "")
    requests, _, seconds = value.partition("/")
    if requests.isdigit() and int(requests) > 0 and seconds.replace(".", "", 1).isdigit() \
            and float(seconds) > 0:
        return int(requests), float(seconds)
    return default


def session_hours() -> float:
    """``$TRACKER_SESSION_HOURS``: how long a browser sign-in lasts (default
    12); a forgotten signed-in browser should not stay an admin for a month."""
    value = os.environ.get("TRACKER_SESSION_HOURS", "")
    try:
        hours = float(value)
    except ValueError:
        return DEFAULT_SESSION_HOURS
    return hours if 0 < hours <= 24 * 31 else DEFAULT_SESSION_HOURS


def secure_cookies() -> bool | None:
    """``$TRACKER_SECURE_COOKIES``: ``1`` always marks cookies ``Secure`` (set
    it behind a proxy that ends HTTPS), ``0`` never; unset, they are
    ``Secure`` whenever the request came over HTTPS (None)."""
    value = os.environ.get("TRACKER_SECURE_COOKIES", "").strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    return None


def max_sentences() -> int:
    """``$TRACKER_MAX_SENTENCES``: the most sentences (both sides together)
    one comparison may hold; 60,000 by default (about 1.2 million words)."""
    value = os.environ.get("TRACKER_MAX_SENTENCES", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_SENTENCES


def max_input_bytes() -> int:
    """The size cap for one input (file, URL body or stdin)."""
    value = os.environ.get(MAX_INPUT_BYTES_ENV, "")
    return int(value) if value.isdigit() else DEFAULT_MAX_INPUT_BYTES


def max_statement_sentences() -> int:
    """``$TRACKER_MAX_STATEMENT_SENTENCES``: the most sentences one statement
    may hold to take part in a series view (lineage, term timeline); a longer
    one is left out with a note. 5,000 by default: fifty times the longest
    real statement, and a series view still answers in seconds."""
    value = os.environ.get("TRACKER_MAX_STATEMENT_SENTENCES", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_STATEMENT_SENTENCES


@dataclass(frozen=True)
class Limits:
    """The operator's limits, read from the environment once and passed in,
    so that a library function never looks at ``os.environ`` mid-way."""

    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    max_sentences: int = DEFAULT_MAX_SENTENCES
    max_statement_sentences: int = DEFAULT_MAX_STATEMENT_SENTENCES
    api_rate_limit: tuple[int, float] = DEFAULT_API_RATE_LIMIT
    login_rate_limit: tuple[int, float] = DEFAULT_LOGIN_RATE_LIMIT
    search_rate_limit: tuple[int, float] = DEFAULT_SEARCH_RATE_LIMIT
    session_hours: float = DEFAULT_SESSION_HOURS
    secure_cookies: bool | None = None

    @classmethod
    def from_environ(cls) -> "Limits":
        return cls(max_input_bytes(), max_sentences(), max_statement_sentences(),
                   api_rate_limit(), login_rate_limit(), search_rate_limit(), session_hours(),
                   secure_cookies())
