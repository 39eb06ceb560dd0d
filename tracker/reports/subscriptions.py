"""Subscriptions: a channel that takes only some reports, or parts of them.

A subscription is a name, a channel (``email``, ``webhook``, ``outbox``)
and a :class:`~tracker.reports.filters.ReportFilter`. They come from
``[subscription.NAME]`` tables in ``tracker.toml`` and from the database
(``tracker subscriptions add``, the web page). A channel with no
subscription takes every report whole, as before; a channel with some takes,
for each subscription, the report narrowed by its filter, as a delivery of
its own, and nothing when the filter keeps nothing.

:func:`report_routes` decides this when a report is stored, and
:func:`replay` runs the same decision over stored reports, so
``tracker subscriptions test`` prints exactly what would have been sent.
"""

import re
from dataclasses import dataclass

from tracker.compare.report import payload_keys
from tracker.errors import ConflictError, InputError, NotFoundError
from tracker.model import Report
from tracker.reports.filters import ReportFilter, parse_filter, significance_from
from tracker.settings import Settings
from tracker.settings.tracker_toml import CHANNELS
from tracker.store import Store
from tracker.store.subscriptions import DeliveryRoute

NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9_-]{0,59}")
FROM_FILE, FROM_DATABASE = "tracker.toml", "database"


@dataclass(frozen=True)
class Subscription:
    name: str
    channel: str
    filter: ReportFilter
    origin: str = FROM_DATABASE

    def to_dict(self) -> dict:
        return {"name": self.name, "channel": self.channel, "filter": self.filter.to_mapping(),
                "describe": self.filter.describe(), "origin": self.origin}


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise InputError(f"subscription name {str(name)[:60]!r}: use 1 to 60 lowercase "
                         "letters, digits, - and _, starting with a letter or digit")
    return name


def check_channel(channel: str, where: str = "subscription") -> str:
    if channel is None or channel == "":
        raise InputError(f"{where} needs the key 'channel' ({', '.join(CHANNELS)})")
    if channel not in CHANNELS:
        raise InputError(f"{where}: channel {str(channel)[:40]!r} is not one of "
                         f"{', '.join(CHANNELS)}")
    return channel


def configured_subscriptions(settings: Settings) -> list[Subscription]:
    """The ``[subscription.NAME]`` tables of ``tracker.toml``, each checked."""
    found = []
    for name, table in settings.subscriptions.items():
        where = f"[subscription.{name}]"
        check_name(name)
        values = dict(table)
        channel = check_channel(values.pop("channel", None), where)
        found.append(Subscription(name, channel, parse_filter(values, where), FROM_FILE))
    return found


def all_subscriptions(store: Store, settings: Settings) -> list[Subscription]:
    """The file's subscriptions, then the database's, by name."""
    stored = [Subscription(s.name, s.channel, parse_filter(s.filter, s.name))
              for s in store.stored_subscriptions()]
    return sorted([*configured_subscriptions(settings), *stored], key=lambda s: s.name)


def add_subscription(store: Store, settings: Settings, name: str, channel: str,
                     chosen: ReportFilter, now: str, by: str = "cli") -> Subscription:
    """Keep a new subscription in the database; names are unique across
    the file and the database."""
    check_name(name)
    check_channel(channel)
    if name in settings.subscriptions:
        raise ConflictError(f"a subscription named {name!r} is in tracker.toml already")
    store.add_subscription(name, channel, chosen.to_mapping(), now=now, created_by=by)
    return Subscription(name, channel, chosen)


def remove_subscription(store: Store, settings: Settings, name: str) -> Subscription:
    if name in settings.subscriptions:
        raise InputError(f"subscription {name!r} is defined in tracker.toml; "
                         f"remove its [subscription.{name}] table there")
    removed = store.remove_subscription(name)
    return Subscription(removed.name, removed.channel, parse_filter(removed.filter, name))


def find_subscription(store: Store, settings: Settings, name: str) -> Subscription:
    for subscription in all_subscriptions(store, settings):
        if subscription.name == name:
            return subscription
    raise NotFoundError(f"no subscription named {name!r} (see `tracker subscriptions list`)")


def report_routes(store: Store, settings: Settings, draft: dict) -> list[DeliveryRoute]:
    """Where a new report goes: each configured channel without
    subscriptions takes it whole; each subscription of a configured
    channel takes what its filter keeps, if anything."""
    series = SeriesLookup(store).of(draft.get("document"))
    subscriptions = all_subscriptions(store, settings)
    judge = annotated_significance(store, draft["payload"])
    routes = []
    for channel in settings.channel_names:
        mine = [s for s in subscriptions if s.channel == channel]
        if not mine:
            routes.append(DeliveryRoute(channel))
        for subscription in mine:
            kept = subscription.filter.narrow(draft["payload"], series, judge)
            if kept is not None:
                routes.append(DeliveryRoute(channel, subscription.name,
                                            None if kept is draft["payload"] else kept))
    return routes


def replay(store: Store, chosen: ReportFilter, limit: int = 100) -> list[Report]:
    """The newest ``limit`` stored reports as ``chosen`` would have sent
    them (narrowed), oldest first, leaving out those it sends nothing of."""
    return newest_selected(store, chosen, scan=limit, want=limit)[::-1]


def newest_selected(store: Store, chosen: ReportFilter, scan: int, want: int,
                    page: int = 100) -> list[Report]:
    """Up to ``want`` reports as ``chosen`` sends them, newest first, looking
    through at most the newest ``scan``; stops reading once it has enough,
    a page of reports at a time."""
    lookup, found, seen, before = SeriesLookup(store), [], 0, None
    while seen < scan and len(found) < want:
        batch = store.reports(min(page, scan - seen), before=before)
        if not batch:
            break
        seen, before = seen + len(batch), batch[-1].id
        judge = annotated_significance(store, *(r.payload for r in batch))  # one query a page
        kept = (chosen.select(r, lookup.of(r.document), judge) for r in batch)
        found += [report for report in kept if report is not None]
    return found[:want]


def annotated_significance(store: Store, *payloads: dict):
    """How significant each item of the ``payloads`` is, counting annotations
    made on its unit (by unit key), before or after the report was built:
    a judgement made later still counts when reports are replayed or fed."""
    keys = [key for payload in payloads for key in payload_keys(payload)]
    return significance_from(store.unit_significance(keys))


class SeriesLookup:
    """The series of each document a run of reports names, read once each."""

    def __init__(self, store: Store):
        self.store = store
        self.known: dict[str, str | None] = {}

    def of(self, document: str | None) -> str | None:
        if document is None:
            return None
        if document not in self.known:
            try:
                self.known[document] = self.store.document(document).series
            except NotFoundError:
                self.known[document] = None
        return self.known[document]
