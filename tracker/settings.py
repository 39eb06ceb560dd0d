"""``tracker.toml``: how watching behaves and where reports go.

The path comes from ``--config``, else ``$TRACKER_CONFIG``, else
``tracker.toml`` in the current folder; a missing default file means the
defaults below. Secrets never live in the file: it names the environment
variables that hold them (``password_env``, ``secret_env``).
"""

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tracker.errors import InputError

CONFIG_ENV = "TRACKER_CONFIG"
DEFAULT_CONFIG = "tracker.toml"
CHANNELS = ("email", "webhook", "outbox")


@dataclass(frozen=True)
class WatchSettings:
    flipflop_window: int = 3
    report_returns: bool = False
    politeness_seconds: float = 5.0
    max_bytes: int = 5 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    retries: int = 2
    retry_backoff: float = 2.0
    shrink_ratio: float = 0.4
    digest_cron: str | None = None
    delivery_lease_seconds: float = 300.0


@dataclass(frozen=True)
class Settings:
    base_url: str = "http://127.0.0.1:5000"
    watch: WatchSettings = field(default_factory=WatchSettings)
    channels: dict[str, dict] = field(default_factory=dict)
    path: str | None = None

    @property
    def channel_names(self) -> list[str]:
        return [name for name in CHANNELS if name in self.channels]


def load_settings(option: str | None = None) -> Settings:
    chosen = option or os.environ.get(CONFIG_ENV)
    path = Path(chosen or DEFAULT_CONFIG)
    if not path.exists():
        if chosen:
            raise InputError(f"{path}: no such configuration file")
        return Settings()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    return parse_settings(data, str(path))


def parse_settings(data: dict, path: str | None = None) -> Settings:
    where = path or "configuration"
    unknown = set(data) - {"web", "watch", "report"}
    if unknown:
        raise InputError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    watch_fields = WatchSettings.__dataclass_fields__
    watch = data.get("watch", {})
    bad = set(watch) - set(watch_fields)
    if bad:
        raise InputError(f"{where}: unknown [watch] key(s) {', '.join(sorted(bad))}")
    channels = data.get("report", {})
    bad = set(channels) - set(CHANNELS)
    if bad:
        raise InputError(f"{where}: unknown report channel(s) {', '.join(sorted(bad))} "
                         f"(use {', '.join(CHANNELS)})")
    try:
        watch_settings = WatchSettings(**watch)
    except TypeError as error:
        raise InputError(f"{where}: [watch] {error}") from None
    if not _positive(watch_settings.delivery_lease_seconds):
        raise InputError(f"{where}: [watch] delivery_lease_seconds must be a positive "
                         "number of seconds")
    base_url = data.get("web", {}).get("base_url", Settings.base_url)
    return Settings(base_url=base_url.rstrip("/"), watch=watch_settings,
                    channels={k: dict(v) for k, v in channels.items()}, path=path)


def _positive(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
