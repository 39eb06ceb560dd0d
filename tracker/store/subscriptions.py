"""Store verbs for subscriptions and the deliveries they make.

A subscription names a channel and a filter (kept as JSON; the filter
itself is :class:`tracker.reports.filters.ReportFilter`, which the store
need not know). A report goes to a subscription as its own delivery, whose
narrowed payload is kept on the delivery row: a retry, or a round after a
restart, sends exactly what was chosen when the report was made, even if the
subscription changed or went meanwhile.
"""

import json
from dataclasses import asdict, dataclass, replace

from tracker.errors import ConflictError, NotFoundError
from tracker.model import Delivery, Report


@dataclass(frozen=True)
class DeliveryRoute:
    """Where one report goes: a channel, for a subscription or for every
    report (``subscription`` empty), with the payload to send when it is
    not the report's own."""

    channel: str
    subscription: str = ""
    payload: dict | None = None


@dataclass(frozen=True)
class StoredSubscription:
    """A subscription row: ``filter`` is the filter's mapping."""

    name: str
    channel: str
    filter: dict
    created_at: str
    created_by: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


class SubscriptionsMixin:
    """Subscriptions kept in the database (mixed into ``Store``)."""

    def add_subscription(self, name: str, channel: str, filter_mapping: dict, *,
                         now: str, created_by: str = "cli") -> StoredSubscription:
        with self.write():
            if self._one("SELECT id FROM subscriptions WHERE name = ?", name):
                raise ConflictError(f"a subscription named {name!r} exists already")
            self.db["subscriptions"].insert({
                "name": name, "channel": channel, "created_at": now, "created_by": created_by,
                "filter": json.dumps(filter_mapping, ensure_ascii=False, sort_keys=True)})
        return self.stored_subscription(name)

    def stored_subscriptions(self) -> list[StoredSubscription]:
        rows = self._all("SELECT name, channel, filter, created_at, created_by "
                         "FROM subscriptions ORDER BY name")
        return [_subscription(row) for row in rows]

    def stored_subscription(self, name: str) -> StoredSubscription:
        row = self._one("SELECT name, channel, filter, created_at, created_by "
                        "FROM subscriptions WHERE name = ?", name)
        if row is None:
            raise NotFoundError(f"no subscription named {name!r} in the database "
                                "(see `tracker subscriptions list`)")
        return _subscription(row)

    def remove_subscription(self, name: str) -> StoredSubscription:
        """Stop the subscription; deliveries already queued for it still go."""
        found = self.stored_subscription(name)
        with self.write():
            self.db.execute("DELETE FROM subscriptions WHERE name = ?", [name])
        return found

    def delivery_report(self, delivery: Delivery) -> Report:
        """The report as this delivery sends it: for a subscription, the
        narrowed payload kept with the delivery, under a key of its own."""
        report = self.report(delivery.report_id)
        if not delivery.subscription:
            return report
        row = self._one("SELECT payload FROM deliveries WHERE id = ?", delivery.id)
        payload = json.loads(row["payload"]) if row and row["payload"] else report.payload
        return replace(report, payload=payload, key=f"{report.key}#{delivery.subscription}",
                       title=payload.get("title", report.title),
                       subscription=delivery.subscription)


def _subscription(row: dict) -> StoredSubscription:
    return StoredSubscription(**{**row, "filter": json.loads(row["filter"])})
