"""Sending the deliveries that are due, each through its channel, and
recording how each went.

A round takes the pending deliveries whose time has come, sends each one and
records the outcome: sent; tried again later, after a wait that doubles with
every failure (30 s, 1 min, 2 min … at most an hour); or, after the last
allowed attempt, failed for good. Like urlwatch's jobs, an error is caught at
the boundary of one delivery, recorded, and never stops the others: a dead
SMTP server must not hold back the webhook.

A sent delivery is never due again and reports are only read here, so a
round run after a restart sends nothing a second time. Rounds may overlap
(the scheduler's, ``tracker deliver``): each claims its deliveries under a
lease in its own name (a random token), and right before each send renews
that lease in one guarded UPDATE. A round that finds its claim taken (its
lease ran out behind a slow receiver, and a later round took the delivery)
skips it. So two rounds never both send a delivery, as long as one send
lasts less than the lease (``[watch] delivery_lease_seconds``, 300 s by
default; the channels' timeouts are 10 s and 30 s).

A crash between a send and its record can still repeat that one send; the
stable Message-ID and ``X-Tracker-Report-Key`` let receivers recognise it.
"""

import secrets
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field

from tracker.errors import TrackerError
from tracker.model import Delivery, Report
from tracker.reports.channels import Channel, DeliveryError, make_channel, one_line
from tracker.settings import Settings
from tracker.store import Store, utc_now

Clock = Callable[[], str]


@dataclass(frozen=True)
class RetryPolicy:
    """How long to wait after a failed attempt, and how many attempts to make."""

    base_seconds: float = 30.0
    cap_seconds: float = 3600.0
    max_attempts: int = 6

    def retry_in(self, attempts_before: int) -> float | None:
        """Seconds to wait after a failure that followed ``attempts_before``
        earlier attempts; None when that was the last attempt allowed."""
        if attempts_before + 1 >= self.max_attempts:
            return None
        return min(self.base_seconds * 2 ** attempts_before, self.cap_seconds)


DEFAULT_RETRY = RetryPolicy()


@dataclass(frozen=True)
class DeliveryRound:
    """What one round did: counts, and a line per delivery tried."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    skipped: int = 0  # taken over by another round after this round's lease ran out
    messages: tuple[str, ...] = field(default=())

    def describe(self) -> str:
        skipped = f", {self.skipped} taken over by another round" if self.skipped else ""
        return f"{self.sent} sent, {self.retried} to retry, {self.failed} failed{skipped}"

    def to_dict(self) -> dict:
        return {"sent": self.sent, "retried": self.retried, "failed": self.failed,
                "skipped": self.skipped, "messages": list(self.messages)}


@dataclass(frozen=True)
class Outcome:
    """One attempt's result before it is recorded: ``error`` None means sent."""

    error: str | None = None
    retryable: bool = True


@dataclass(frozen=True)
class Lease:
    """A round's claim on its deliveries: its name and how long it lasts."""

    token: str
    seconds: float

    def renew(self, store: Store, delivery: Delivery, now: str) -> bool:
        return store.renew_delivery_lease(delivery.id, self.token, now, self.seconds)


def deliver_due(store: Store, settings: Settings, now: Clock = utc_now,
                channels: Mapping[str, Channel] | None = None, *,
                retry: RetryPolicy = DEFAULT_RETRY, limit: int = 100,
                lease_seconds: float | None = None) -> DeliveryRound:
    """Send every due delivery once. ``channels`` (name to channel) replaces
    the ones ``settings`` describes; ``now`` is the clock and
    ``lease_seconds`` the claim's length (default from ``settings``), for tests."""
    lease = Lease(secrets.token_hex(16),
                  lease_seconds or settings.watch.delivery_lease_seconds)
    due = store.claim_due_deliveries(now(), lease.token, limit, lease.seconds)
    if not due:
        return DeliveryRound()
    opened = dict(channels) if channels is not None else open_channels(settings)
    reports: dict[tuple[int, str], Report] = {}
    counts = {"sent": 0, "retried": 0, "failed": 0, "skipped": 0}
    messages = []
    try:
        for delivery in due:
            status, message = _deliver_one(store, delivery, opened, reports, now, retry,
                                           lease)
            counts[status] += 1
            messages.append(message)
    finally:
        if channels is None:
            close_channels(opened)
    return DeliveryRound(**counts, messages=tuple(messages))


def open_channels(settings: Settings) -> dict[str, Channel | DeliveryError]:
    """Each configured channel, built once per round; a channel whose table
    is wrong becomes its error, so its deliveries are retried (the table may
    be fixed meanwhile) while the other channels carry on."""
    opened: dict[str, Channel | DeliveryError] = {}
    for name in settings.channel_names:
        try:
            opened[name] = make_channel(name, settings.channels[name])
        except TrackerError as error:
            opened[name] = DeliveryError(str(error))
    return opened


def close_channels(opened: Mapping[str, Channel | DeliveryError]) -> None:
    for channel in opened.values():
        if isinstance(channel, Channel):
            with suppress(Exception):  # tidying up; the round's outcomes are recorded
                channel.close()


def _deliver_one(store: Store, delivery: Delivery, channels: Mapping, reports: dict,
                 now: Clock, retry: RetryPolicy, lease: Lease) -> tuple[str, str]:
    """(status, message) for one delivery; nothing in here may escape."""
    where = f"report {delivery.report_id} via {delivery.channel}"
    try:
        if not lease.renew(store, delivery, now()):
            return "skipped", f"{where}: skipped, another round took it over"
        outcome = attempt(delivery, channels, lambda: _report(store, reports, delivery))
        return _record(store, delivery, outcome, now, retry, where, lease.token)
    except Exception as error:  # the database itself failed: the lease runs out, then retry
        return "retried", f"{where}: could not record the attempt: {one_line(error)}"


def attempt(delivery: Delivery, channels: Mapping, report: Callable[[], Report]) -> Outcome:
    """Send one delivery through its channel; every failure becomes an Outcome."""
    channel = channels.get(delivery.channel)
    if channel is None:
        return Outcome(f"channel {delivery.channel!r} is no longer configured "
                       f"(no [report.{delivery.channel}] table)", retryable=False)
    if isinstance(channel, Exception):
        return Outcome(str(channel))
    try:
        channel.send(report())
    except DeliveryError as error:
        return Outcome(str(error))
    except Exception as error:  # a bug in a channel must not stop the round
        return Outcome(f"{delivery.channel}: unexpected {type(error).__name__}: "
                       f"{one_line(error)}")
    return Outcome()


def _record(store: Store, delivery: Delivery, outcome: Outcome, now: Clock,
            retry: RetryPolicy, where: str, token: str) -> tuple[str, str]:
    """Record the outcome while the claim is still this round's. A send that
    outlasted the lease may have been repeated by another round: said so,
    for the lease is then shorter than the channel's slowest answer."""
    lost = f"{where}: sent, but the lease ran out during the send and another round " \
           "took the delivery over (make delivery_lease_seconds longer)"
    if outcome.error is None:
        recorded = store.record_delivery(delivery.id, ok=True, now=now(), token=token)
        return ("sent", f"{where}: sent") if recorded else ("sent", lost)
    retry_in = retry.retry_in(delivery.attempts) if outcome.retryable else None
    recorded = store.record_delivery(delivery.id, ok=False, now=now(), error=outcome.error,
                                     retry_in=retry_in, token=token)
    if recorded is None:
        return "skipped", f"{where}: {outcome.error}; another round took the delivery over"
    if retry_in is None:
        return "failed", f"{where}: failed for good after {delivery.attempts + 1} " \
                         f"attempt(s): {outcome.error}"
    return "retried", f"{where}: {outcome.error} (next try in {retry_in:g} s)"


def _report(store: Store, reports: dict[tuple[int, str], Report],
            delivery: Delivery) -> Report:
    """Each report is read once per round, however many channels it goes to;
    a subscription's delivery sends the narrowed payload kept with it."""
    key = (delivery.report_id, delivery.subscription)
    if key not in reports:
        reports[key] = store.delivery_report(delivery)
    return reports[key]
