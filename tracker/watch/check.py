"""One check of one source: fetch, read, filter, store, report.

The page goes through the same pipeline as ``tracker add URL``
(``tracker.ingest.pipeline``), then through the filters
(``tracker.ingest.filters``: ignore rules, the shrink guard), and the
``Visit`` stores what came of it; what the page says about itself (title,
language, date, address) fills the document's empty fields.

A listing source (a list of statements) is checked by
``tracker.watch.listing`` instead: the same fetcher, visit and record,
with each new link followed as a statement of its own.

``check_source`` is the job boundary, as in urlwatch: whatever goes wrong
with one source (a page or server, which is an expected, one-line error; or
a locked database or a bug in tracker, whose traceback is logged) becomes
that source's recorded error check, and ``check_round`` goes on to the
next source.
"""

import logging
import threading
from collections.abc import Callable

from tracker.errors import InputError, TrackerError
from tracker.ingest.fetch import HostGate
from tracker.ingest.filters import run_filters
from tracker.ingest.pipeline import from_page
from tracker.model import Source
from tracker.settings import Settings
from tracker.store import Store, open_store, utc_now
from tracker.watch.fetcher import Fetcher
from tracker.watch.visit import CheckResult, Visit

log = logging.getLogger(__name__)


def check_source(store: Store, source: Source, settings: Settings,
                 fetcher: Fetcher | None = None,
                 now: Callable[[], str] = utc_now) -> CheckResult:
    """Check ``source`` once; never raises an ``Exception``. Its time is
    bounded: the fetch by ``[watch] total_timeout``, each ignore pattern by
    ``[watch] ignore_timeout``."""
    visit = Visit(store, source, settings, now)
    try:
        return _check(visit, fetcher or Fetcher(settings))
    except InputError as error:
        return visit.fail(str(error), getattr(error, "status", None))
    except Exception as error:  # the job boundary: see the module docstring
        log.exception("source %s (%s): the check failed", source.id, source.url)
        return visit.fail(_unexpected(error))


def _check(visit: Visit, fetcher: Fetcher) -> CheckResult:
    """Fetch, read and filter the page, and keep what it says."""
    if visit.source.is_listing:
        from tracker.watch.listing import check_listing

        return check_listing(visit, fetcher)
    visit.page = fetcher.fetch(visit.source)
    if visit.page.not_modified:
        return visit.finish("not-modified")
    intake = from_page(visit.page, selector=visit.source.selector)
    result = visit.keep(intake, run_filters(intake.text, visit.source, visit.settings.watch))
    visit.store.fill_document_blanks(visit.source.document, **intake.metadata.to_dict())
    return result


def _unexpected(error: Exception) -> str:
    """One line for the check record; the traceback is in the log."""
    if isinstance(error, TrackerError):
        return str(error)
    return f"internal error ({type(error).__name__}: {error}); the traceback is in the log"


def check_round(store: Store, sources: list[Source], settings: Settings,
                on_done: Callable[[CheckResult], None] | None = None,
                fetcher: Fetcher | None = None) -> list[CheckResult]:
    """Check each source once: ``[watch] workers`` at a time, one at a time
    per host, politely spaced (see ``tracker.watch.pool``). One source's
    error, whatever it is, is that source's result and stops nothing. The
    results come in the order of ``sources``."""
    from tracker.watch.pool import run_politely

    fetcher = fetcher or Fetcher(settings, cancel=threading.Event())
    workers = min(settings.watch.workers, len(sources))
    if workers <= 1:
        def check(source: Source) -> CheckResult:
            return check_source(store, source, settings, fetcher)
    else:
        def check(source: Source) -> CheckResult:
            return _check_in_own_store(store, source, settings, fetcher)
    return run_politely(sources, check, HostGate(settings.watch.politeness_seconds),
                        workers, on_done, fetcher.cancel)


def _check_in_own_store(store: Store, source: Source, settings: Settings,
                        fetcher: Fetcher) -> CheckResult:
    """A check in a pool thread, through its own connection to the database:
    a SQLite connection belongs to the thread that opened it."""
    with open_store(store.path, create=False) as own:
        return check_source(own, source, settings, fetcher)


__all__ = ["CheckResult", "check_round", "check_source"]
