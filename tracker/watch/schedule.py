"""``tracker schedule``: APScheduler 3.x in the foreground.

One job per enabled source, at its interval or cron, with jitter,
``coalesce`` (a backlog of missed runs becomes one), ``max_instances=1`` (a
slow page is never checked twice at once) and a misfire grace time. A sync
job re-reads the sources table every few seconds, so sources added, paused
or changed while the scheduler runs are picked up. A delivery job retries
reports that could not be sent; an optional digest job summarises the
checks.

Checks run in their own thread pool (``[watch] workers``) and sync,
deliver and digest in another, so slow pages can never starve those; each
check is bounded by the fetch deadline (``[watch] total_timeout``). A check
whose host was asked less than ``politeness_seconds`` ago does not wait in
a worker: it is put off to the host's next turn, and the worker checks
other hosts meanwhile. SIGINT
and SIGTERM stop it cleanly: running checks get ``[watch] stop_grace``
seconds to finish, then their fetches are cancelled (each check writes in
one transaction, so nothing is left half-written either way).

Run it as its own process, never inside web-server workers: under a forking
server every worker would run every job.
"""

import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tracker.ingest.fetch import HostGate
from tracker.model import Source
from tracker.settings import Settings
from tracker.store import open_store, utc_now
from tracker.watch.check import check_source
from tracker.watch.digest import make_digest
from tracker.watch.fetcher import Fetcher
from tracker.watch.visit import CheckResult

SYNC_SECONDS = 3
DELIVER_SECONDS = 10
MISFIRE_GRACE_SECONDS = 300
HOUSEKEEPING_WORKERS = 3  # sync, deliver, digest: never behind a slow page
CHECKS = "checks"


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
        self.cancel = threading.Event()  # set when stopping: in-flight fetches end
        self.gate = HostGate(settings.watch.politeness_seconds)
        self.fetcher = Fetcher(settings, cancel=self.cancel)  # run_check takes the turns
        self.scheduler = BackgroundScheduler(timezone=UTC, executors={
            "default": ThreadPoolExecutor(HOUSEKEEPING_WORKERS),
            CHECKS: ThreadPoolExecutor(max(1, settings.watch.workers))},
            job_defaults={"coalesce": True, "max_instances": 1,
                          "misfire_grace_time": MISFIRE_GRACE_SECONDS})
        self._signatures: dict[str, tuple] = {}
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
            replace_existing=True, name=source.url, executor=CHECKS,
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
            pause = self.gate.try_reserve(source.url)
            if pause:
                self._defer(source, pause)
                return None
            result = check_source(store, source, self.settings, self.fetcher)
            self.log(f"{utc_now()} {result.describe()}")
            if result.reports:
                self._deliver(store)
        return result

    def _defer(self, source: Source, pause: float) -> None:
        """Its host was asked too recently: check ``source`` when the host's
        turn comes, and free this worker for other hosts meanwhile."""
        self.scheduler.add_job(
            self.run_check, DateTrigger(datetime.now(UTC) + timedelta(seconds=pause)),
            args=[source.id], id=f"source-{source.id}-turn", replace_existing=True,
            name=source.url, executor=CHECKS)

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

    def stop(self) -> None:
        """Let running checks finish for ``stop_grace`` seconds, then cancel
        their fetches (they end within a fraction of a second) and wait."""
        stopping = threading.Thread(target=self.scheduler.shutdown, kwargs={"wait": True},
                                    name="scheduler-shutdown")
        stopping.start()
        stopping.join(self.settings.watch.stop_grace)
        if stopping.is_alive():
            self.log(f"{utc_now()} cancelling the checks still running after "
                     f"{self.settings.watch.stop_grace:g} s")
            self.cancel.set()
            stopping.join()


def run_forever(watcher: Watcher) -> None:
    """Start, then wait for SIGINT or SIGTERM and stop cleanly."""

    def on_signal(signum, _frame) -> None:
        watcher.log(f"{signal.Signals(signum).name}: finishing checks in flight (at most "
                    f"{watcher.settings.watch.stop_grace:g} s), then stopping")
        watcher.stopped.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        watcher.start()
        watcher.stopped.wait()
    finally:
        if watcher.scheduler.running:
            watcher.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        watcher.log("stopped")
