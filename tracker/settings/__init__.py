"""Settings: one object for what the environment and ``tracker.toml`` say.

``environment`` reads the ``TRACKER_*`` variables (database path, bundled
folders, input and rate limits); ``tracker_toml`` reads the configuration
file (watching, fetch policy, report channels). ``load_settings`` joins both
into one ``Settings``, which the CLI builds once and passes in.

Standard library only at import time, so that every layer may import it.
"""

from tracker.settings.environment import (
    Limits,
    api_rate_limit,
    bundled_dir,
    database_path,
    login_rate_limit,
    max_input_bytes,
    max_sentences,
    max_statement_sentences,
    secure_cookies,
    session_hours,
)

# ``tracker.toml`` support (tomllib, the schema) is loaded on first use:
# commands that never read the file (``tracker diff``, ``tracker list``)
# should not pay for it at start-up.
_FROM_TRACKER_TOML = ("CHANNELS", "FetchSettings", "Settings", "WatchSettings",
                      "load_settings", "parse_settings")

__all__ = [
    "CHANNELS", "FetchSettings", "Limits", "Settings", "WatchSettings", "api_rate_limit",
    "bundled_dir", "database_path", "load_settings", "login_rate_limit", "max_input_bytes",
    "max_sentences", "max_statement_sentences", "parse_settings", "secure_cookies",
    "session_hours",
]


def __getattr__(name: str):
    if name in _FROM_TRACKER_TOML:
        from tracker.settings import tracker_toml

        return getattr(tracker_toml, name)
    raise AttributeError(f"module 'tracker.settings' has no attribute {name!r}")
