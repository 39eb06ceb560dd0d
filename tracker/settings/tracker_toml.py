"""``tracker.toml``: how watching behaves and where reports go.

The path comes from ``--config``, else ``$TRACKER_CONFIG``, else
``tracker.toml`` in the current folder; a missing default file means the
defaults below. Secrets never live in the file: it names the environment
variables that hold them (``password_env``, ``secret_env``).
"""

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from tracker.errors import InputError
from tracker.settings.environment import Limits

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
    total_timeout: float = 120.0
    retries: int = 2
    retry_backoff: float = 2.0
    shrink_ratio: float = 0.4
    digest_cron: str | None = None
    workers: int = 8
    stop_grace: float = 10.0
    ignore_timeout: float = 1.0
    delivery_lease_seconds: float = 300.0


@dataclass(frozen=True)
class FetchSettings:
    """Which addresses fetches may reach. Sources added from the web are
    always held to public addresses; ``allow_private = false`` holds the
    owner's CLI and job-file sources to the same rule. ``allowed_networks``
    lists networks that count as public (an intranet)."""

    allow_private: bool = True
    allowed_networks: tuple[str, ...] = ()

    def policy(self):
        from tracker.ingest.netguard import AddressPolicy, parse_networks

        return AddressPolicy(parse_networks(self.allowed_networks, "[fetch] allowed_networks"))

    def owner_policy(self):
        """The policy the owner's own sources (CLI, job files) must meet:
        none unless ``allow_private = false``."""
        return None if self.allow_private else self.policy()


@dataclass(frozen=True)
class Settings:
    base_url: str = "http://127.0.0.1:5000"
    watch: WatchSettings = field(default_factory=WatchSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    channels: dict[str, dict] = field(default_factory=dict)
    path: str | None = None
    limits: Limits = field(default_factory=Limits)
    # ``[subscription.NAME]`` tables as written; read by tracker.reports.subscriptions.
    subscriptions: dict[str, dict] = field(default_factory=dict)
    glossary_files: tuple[str, ...] = ()

    @classmethod
    def from_environment(cls) -> "Settings":
        """Defaults and the environment's limits, no ``tracker.toml``: for
        commands that take no ``--config`` and must not fail on a bad file."""
        return cls(limits=Limits.from_environ())

    @property
    def channel_names(self) -> list[str]:
        return [name for name in CHANNELS if name in self.channels]


def load_settings(option: str | None = None) -> Settings:
    """``tracker.toml`` (see the module docstring) and the environment's limits."""
    chosen = option or os.environ.get(CONFIG_ENV)
    path = Path(chosen or DEFAULT_CONFIG)
    if not path.exists():
        if chosen:
            raise InputError(f"{path}: no such configuration file")
        return Settings.from_environment()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: not valid TOML ({error})") from None
    return replace(parse_settings(data, str(path)), limits=Limits.from_environ())


def parse_settings(data: dict, path: str | None = None) -> Settings:
    where = path or "configuration"
    unknown = set(data) - {"web", "watch", "report", "fetch", "subscription", "glossary"}
    if unknown:
        raise InputError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    watch_fields = WatchSettings.__dataclass_fields__
    watch = _renamed_watch_keys(data.get("watch", {}), where)
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
    _validate_watch_numbers(watch_settings, where)
    base_url = data.get("web", {}).get("base_url", Settings.base_url)
    return Settings(base_url=base_url.rstrip("/"), watch=watch_settings,
                    fetch=_fetch_settings(data.get("fetch", {}), where),
                    channels={k: dict(v) for k, v in channels.items()}, path=path,
                    subscriptions=_subscription_tables(data.get("subscription", {}), where),
                    glossary_files=_glossary_files(data.get("glossary", {}), path))


def _subscription_tables(values, where: str) -> dict[str, dict]:
    """``[subscription.NAME]`` tables, checked for shape only here: their
    filters are read by the reports layer, which names any key at fault."""
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        raise InputError(f"{where}: [subscription] holds one table per subscription, "
                         "e.g. [subscription.russia]")
    return {name: dict(table) for name, table in values.items()}


def _glossary_files(values: dict, path: str | None) -> tuple[str, ...]:
    """``[glossary] files``: users' glossary files, relative to tracker.toml."""
    where = path or "configuration"
    files = values.get("files", []) if isinstance(values, dict) else None
    if set(values or {}) - {"files"} or not isinstance(files, list) \
            or not all(isinstance(f, str) for f in files):
        raise InputError(f"{where}: [glossary] takes files = [\"my-glossary.toml\", ...]")
    base = Path(path).parent if path else Path()
    return tuple(str(base / name) for name in files)


# Keys read under their former names, so that an older tracker.toml still works.
_FORMER_WATCH_KEYS = {"check_workers": "workers"}


def _renamed_watch_keys(watch: dict, where: str) -> dict:
    renamed = dict(watch)
    for old, new in _FORMER_WATCH_KEYS.items():
        if old in renamed:
            if new in renamed:
                raise InputError(f"{where}: [watch] has both {old} and {new}; "
                                 f"keep {new} ({old} is its former name)")
            renamed[new] = renamed.pop(old)
    return renamed


def _fetch_settings(values: dict, where: str) -> FetchSettings:
    from tracker.ingest.netguard import parse_networks

    bad = set(values) - set(FetchSettings.__dataclass_fields__)
    if bad:
        raise InputError(f"{where}: unknown [fetch] key(s) {', '.join(sorted(bad))}")
    allow = values.get("allow_private", True)
    networks = values.get("allowed_networks", [])
    if not isinstance(allow, bool) or not isinstance(networks, list):
        raise InputError(f"{where}: [fetch] allow_private is true or false, "
                         "allowed_networks a list of networks")
    parse_networks(networks, f"{where}: [fetch] allowed_networks")
    return FetchSettings(allow, tuple(str(n) for n in networks))


# Numbers that may be zero (no politeness delay, no retries); every other
# [watch] number is a size, a count of workers or a time limit, where zero or
# less would stop the work instead of bounding it.
_MAY_BE_ZERO = frozenset({"flipflop_window", "politeness_seconds", "retries", "retry_backoff",
                          "shrink_ratio", "stop_grace"})


def _validate_watch_numbers(watch: WatchSettings, where: str) -> None:
    """A wrong number is one readable line here, not a traceback in the
    middle of a check or a scheduler that never starts."""
    for name, spec in WatchSettings.__dataclass_fields__.items():
        value = getattr(watch, name)
        if spec.type not in ("int", "float", int, float):
            continue
        least = 0 if name in _MAY_BE_ZERO else 1e-9
        allowed = int if spec.type in ("int", int) else int | float
        if isinstance(value, bool) or not isinstance(value, allowed) or value < least:
            kind = "zero or more" if least == 0 else "more than zero"
            what = "whole number" if allowed is int else "number"
            raise InputError(f"{where}: [watch] {name} must be a {what} {kind}, "
                             f"not {value!r}")
