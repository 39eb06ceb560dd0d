"""``tracker schedule``: APScheduler 3.x in the foreground.

One job per enabled source, at its interval or cron, with jitter,
``coalesce`` (a backlog of missed runs becomes one), ``max_instances=1`` (a
slow page is never checked twice at once) and a misfire grace time. A sync
job re-reads the sources table every few seconds, so sources added, paused
or changed while the scheduler runs are picked up. A delivery job retries
reports that could not be sent; an optional digest job summarises the
checks. SIGINT and SIGTERM stop it cleanly: running checks finish (each
writes in one transaction, so a kill mid-check rolls back instead).

Run it as its own process, never inside web-server workers: under a forking
server every worker would run every job.
"""

import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker.fetch import HostGate
from tracker.model import Source
from tracker.settings import Settings
from tracker.store import open_store, utc_now
from tracker.watch.check import CheckResult, check_source
from tracker.watch.digest import make_digest

SYNC_SECONDS = 3
DELIVER_SECONDS = 10
MISFIRE_GRACE_SECONDS = 300


def trigger_for(source: Source):
    """The source's schedule, with jitter of a tenth of the interval (at
    most a minute) so that many sources do not all fire at once."""
    if source.cron:
        minute, hour, day, month, weekday = source.cron.split()
        return CronTrigger(minute=minute, hour=hour, day=day, month=month,
                           day_of_week=weekday, timezone=UTC, jitter=30)
    seconds = source.interval_seconds or 21600
    return IntervalTrigger(seconds=seconds, timezone=UTC, jitter=min(seconds / 10, 60))


def _signature(source: Source) -> tuple:
    return (source.url, source.selector, source.interval_seconds, source.cron, source.ignore)


class Watcher:
    """The running scheduler and what it knows about the sources."""

    def __init__(self, db_path: Path, settings: Settings,
                 log: Callable[[str], None] = print):
        self.db_path, self.settings, self.log = db_path, settings, log
        self.gate = HostGate(settings.watch.politeness_seconds)
        self.scheduler = BackgroundScheduler(timezone=UTC, job_defaults={
            "coalesce": True, "max_instances": 1,
            "misfire_grace_time": MISFIRE_GRACE_SECONDS})
        self._signatures: dict[str, tuple] = {}
        self._local = threading.local()
        self.stopped = threading.Event()

    def start(self) -> None:
        self.sync()
        self.scheduler.add_job(self.sync, IntervalTrigger(seconds=SYNC_SECONDS), id="sync")
        self.scheduler.add_job(self.deliver, IntervalTrigger(seconds=DELIVER_SECONDS),
                               id="deliver")
        if self.settings.watch.digest_cron:
            minute, hour, day, month, weekday = self.settings.watch.digest_cron.split()
            self.scheduler.add_job(self.digest, CronTrigger(
                minute=minute, hour=hour, day=day, month=month, day_of_week=weekday,
                timezone=UTC), id="digest")
        self.scheduler.start()

    def sync(self) -> None:
        """Make the jobs match the enabled sources."""
        with open_store(self.db_path, create=False) as store:
            sources = {f"source-{s.id}": s for s in store.sources(enabled_only=True)}
        for job_id in set(self._signatures) - set(sources):
            self._signatures.pop(job_id)
            if self.scheduler.get_job(job_id):
                self.scheduler.remove_job(job_id)
            self.log(f"stopped watching {job_id}")
        for job_id, source in sources.items():
            if self._signatures.get(job_id) != _signature(source):
                self._schedule(job_id, source)

    def _schedule(self, job_id: str, source: Source) -> None:
        first = job_id not in self._signatures
        self._signatures[job_id] = _signature(source)
        self.scheduler.add_job(
            self.run_check, trigger_for(source), args=[source.id], id=job_id,
            replace_existing=True, name=source.url,
            next_run_time=datetime.now(UTC) + timedelta(seconds=0.5) if first else None)
        if source.short_interval:
            self.log(f"warning: source {source.id} is checked every "
                     f"{source.interval_seconds}s; under a minute is meant for tests and demos")
        self.log(f"watching [{source.id}] {source.url} ({source.schedule()})")

    def run_check(self, source_id: int) -> CheckResult | None:
        with open_store(self.db_path, create=False) as store:
            try:
                source = store.source(source_id)
            except Exception:  # removed since the last sync
                return None
            result = check_source(store, source, self.settings, self._session(), self.gate)
            self.log(f"{utc_now()} {result.describe()}")
            if result.reports:
                self._deliver(store)
        return result

    def deliver(self) -> None:
        with open_store(self.db_path, create=False) as store:
            self._deliver(store)

    def _deliver(self, store) -> None:
        from tracker.reports.deliver import deliver_due

        done = deliver_due(store, self.settings)
        if done.sent or done.retried or done.failed:
            self.log(f"{utc_now()} deliveries: {done.sent} sent, {done.retried} to retry, "
                     f"{done.failed} failed")

    def digest(self) -> None:
        with open_store(self.db_path, create=False) as store:
            made = make_digest(store, self.settings)
            if made:
                self.log(f"{utc_now()} digest report {made}")
                self._deliver(store)

    def _session(self) -> requests.Session:
        if not hasattr(self._local, "session"):
            self._local.session = requests.Session()
        return self._local.session


def run_forever(watcher: Watcher) -> None:
    """Start, then wait for SIGINT or SIGTERM and stop cleanly."""

    def on_signal(signum, _frame) -> None:
        watcher.log(f"{signal.Signals(signum).name}: finishing checks in flight, then stopping")
        watcher.stopped.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher.start()
        watcher.stopped.wait()
    finally:
        if watcher.scheduler.running:
            watcher.scheduler.shutdown(wait=True)
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        watcher.log("stopped")
