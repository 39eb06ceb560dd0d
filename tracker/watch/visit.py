"""One visit to a source: what a check carries from its start to its record.

A ``Visit`` holds the store, the source, the settings, the clock, when the
check started and (once fetched) the page, so the steps that end a check
(``keep`` a text, ``finish`` without one, ``fail``) take only what they
learn themselves. Each writes in one transaction: the version (if any), the
change reports with their pending deliveries, the source's validators and
the check record, or none of them.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.ingest.fetch import FetchedPage
from tracker.ingest.pipeline import Intake
from tracker.model import AddResult, Capture, CheckRecord, DocumentSpec, Source
from tracker.settings import Settings
from tracker.store import Store, utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    """What one check did, for the CLI's summary and the scheduler's log."""

    source_id: int
    url: str
    document: str
    outcome: str
    message: str | None = None
    version: int | None = None
    reports: int = 0
    duration_ms: int = 0

    def describe(self) -> str:
        what = {"new-version": f"new version v{self.version}",
                "returned": f"returned to v{self.version}",
                "unchanged": "unchanged", "not-modified": "not modified (304)",
                "error": f"error: {self.message}"}[self.outcome]
        extra = f", {self.reports} report(s)" if self.reports else ""
        return f"[{self.source_id}] {self.document}: {what}{extra}"


@dataclass
class Visit:
    """One check of one source, from its start to its record."""

    store: Store
    source: Source
    settings: Settings
    now: Callable[[], str] = utc_now
    started_at: str = ""
    started: float = field(default_factory=time.monotonic)
    page: FetchedPage | None = None

    def __post_init__(self) -> None:
        self.started_at = self.started_at or self.now()

    def keep(self, intake: Intake, text: str) -> CheckResult:
        """Store ``text`` (the page's filtered text) as the document's next
        version, unless it is unchanged or a return, with its reports."""
        with self.store.write():
            # Stamped under the write lock, not when the check started: a version
            # another writer stored during the fetch must not look newer.
            capture = Capture(text=text, raw=intake.raw, raw_type=intake.raw_type,
                              origin="scheduler", source_url=intake.source_url,
                              captured_at=self.now())
            added = self.store.add_within(DocumentSpec(self.source.document), capture,
                                          self.settings.watch.flipflop_window)
            made = self._insert_reports(added)
            self._save_validators(usual_length=self._usual_length(added, text))
            check = self.record(_outcome(added), version=added.version)
            self.store.insert_check(check)
        return self.result(check, made)

    def finish(self, outcome: str, message: str | None = None,
               status: int | None = None) -> CheckResult:
        """Record a check that stores no text (``not-modified``, ``error``)."""
        check = self.record(outcome, message, status=status)
        with self.store.write():
            if outcome == "not-modified":
                self._save_validators()
            self.store.insert_check(check)
        return self.result(check)

    def fail(self, message: str, status: int | None = None) -> CheckResult:
        """Record an error check; if even that cannot be written (a locked
        or broken database), log why and report the error all the same."""
        try:
            return self.finish("error", message, status)
        except Exception:
            log.exception("source %s: the error check could not be recorded", self.source.id)
            return self.result(self.record("error", message, status=status))

    def record(self, outcome: str, message: str | None = None, version: int | None = None,
               status: int | None = None) -> CheckRecord:
        page = self.page
        return CheckRecord(
            source_id=self.source.id, started_at=self.started_at,
            duration_ms=int((time.monotonic() - self.started) * 1000), outcome=outcome,
            http_status=status or (page.status if page else None),
            bytes=len(page.body) if page else None, message=message, version=version)

    def result(self, check: CheckRecord, reports: int = 0) -> CheckResult:
        return CheckResult(self.source.id, self.source.url, self.source.document,
                           check.outcome, check.message, check.version, reports,
                           check.duration_ms)

    def _insert_reports(self, added: AddResult) -> int:
        from tracker.reports.subscriptions import report_routes
        from tracker.watch.reporting import reports_for

        drafts = reports_for(self.store, added, self.settings)
        return sum(self.store.insert_report(
            **draft, channels=report_routes(self.store, self.settings, draft),
            now=self.now()) is not None for draft in drafts)

    def _save_validators(self, **fields) -> None:
        """The page's ``ETag`` and ``Last-Modified`` for the next conditional
        GET. A 304 may leave one out, and then the old one stays."""
        page, source = self.page, self.source
        etag, modified = page.etag, page.last_modified
        if page.not_modified:
            etag, modified = etag or source.etag, modified or source.last_modified
        self.store.update_source_state(source.id, etag=etag, last_modified=modified, **fields)

    def _usual_length(self, added: AddResult, text: str) -> int:
        """The length a sudden shrink is measured against: the current text's."""
        if added.created or not self.source.usual_length:
            return len(text)
        return self.source.usual_length


def _outcome(added: AddResult) -> str:
    if added.created:
        return "new-version"
    return "returned" if added.returned else "unchanged"
