"""One check of one source: fetch, extract, filter, compare, store, report.

Everything a check learns is written in one transaction: the new version
(if any), the change reports with their pending deliveries, the source's
validators, and the check record itself. A check that fails half-way, or a
process killed mid-check, leaves nothing half-written; an error is recorded
as the check's outcome and never stops the other sources.
"""

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import requests

from tracker.errors import InputError
from tracker.fetch import FetchedPage, HostGate, fetch
from tracker.model import AddResult, Capture, CheckRecord, DocumentSpec, Source
from tracker.settings import Settings
from tracker.store import Store, utc_now
from tracker.text import canonical_text

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)


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


@dataclass(frozen=True)
class _Extracted:
    text: str
    raw: bytes
    raw_type: str


def check_source(store: Store, source: Source, settings: Settings,
                 session: requests.Session | None = None, gate: HostGate | None = None,
                 now: Callable[[], str] = utc_now) -> CheckResult:
    """Check ``source`` once; never raises for what a page or server does."""
    started_at, started = now(), time.monotonic()
    page = None
    try:
        page = _fetch(source, settings, session, gate)
        if page.not_modified:
            return _finish(store, source, started_at, started, "not-modified", page)
        extracted = extract_statement(page, source)
        _check_length(extracted.text, source, settings)
        return _store_text(store, source, settings, extracted, page, started_at, started, now)
    except InputError as error:
        return _finish(store, source, started_at, started, "error", page, message=str(error),
                       status=getattr(error, "status", None))


def _fetch(source: Source, settings: Settings, session, gate) -> FetchedPage:
    if gate is not None:
        gate.wait(source.url)
    watch = settings.watch
    return fetch(source.url, watch.max_bytes, session,
                 timeout=(watch.connect_timeout, watch.read_timeout), etag=source.etag,
                 last_modified=source.last_modified, retries=watch.retries,
                 backoff=watch.retry_backoff)


def extract_statement(page: FetchedPage, source: Source) -> _Extracted:
    """The statement text of a fetched page, with ignore patterns applied."""
    media = page.content_type.split(";")[0].strip().lower()
    if media in HTML_TYPES or (not media and page.body.lstrip()[:1] == b"<"):
        from tracker.extract import html_to_text

        text, raw_type = html_to_text(decode_html(page.body, page.charset),
                                      source.selector), "html"
    elif media in TEXT_TYPES:
        from tracker.intake import decode_text

        text, raw_type = canonical_text(decode_text(page.body, source.url)), "text"
    else:
        raise InputError(f"unsupported content type {media or 'none'!r} "
                         "(expected HTML or plain text)")
    text = remove_ignored(text, source.ignore)
    if not text:
        raise InputError("the page holds no statement text once ignored parts are removed")
    return _Extracted(text, page.body, raw_type)


def decode_html(data: bytes, header_charset: str | None) -> str:
    """Bytes to text that survives a wrong ``charset`` header: a BOM or a
    ``<meta charset>`` wins; valid UTF-8 is taken as UTF-8 (legacy encodings
    almost never form valid multi-byte UTF-8); only then the header; last,
    BeautifulSoup's own guess."""
    from bs4.dammit import UnicodeDammit

    sniffed = UnicodeDammit(data[:4096], is_html=True)
    if sniffed.declared_html_encoding or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe",
                                                          b"\xfe\xff")):
        return UnicodeDammit(data, is_html=True).unicode_markup or ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    hints = [header_charset] if header_charset else []
    return UnicodeDammit(data, user_encodings=hints, is_html=True).unicode_markup or ""


def remove_ignored(text: str, patterns: tuple[str, ...]) -> str:
    """Drop volatile text ("Last updated …", view counts) before the change
    test, so page chrome never raises a false change."""
    for pattern in patterns:
        text = re.sub(pattern, "", text, flags=re.MULTILINE)
    return canonical_text(text)


def _check_length(text: str, source: Source, settings: Settings) -> None:
    """A page that suddenly shrinks to a fragment is a broken extraction,
    not a new version."""
    usual = source.usual_length
    if usual and len(text) < usual * settings.watch.shrink_ratio:
        raise InputError(f"the statement shrank to {len(text):,} characters "
                         f"(usually {usual:,}); not stored, check the page or selector")


def _store_text(store: Store, source: Source, settings: Settings, extracted: _Extracted,
                page: FetchedPage, started_at: str, started: float, now) -> CheckResult:
    from tracker.watch.reporting import reports_for

    with store.write():
        # Stamped under the write lock, not when the check started: a version
        # another writer stored during the fetch must not look newer.
        capture = Capture(text=extracted.text, raw=extracted.raw, raw_type=extracted.raw_type,
                          origin="scheduler", source_url=page.final_url, captured_at=now())
        result = store.add_within(DocumentSpec(source.document), capture,
                                  settings.watch.flipflop_window)
        drafts = reports_for(store, result, settings)
        made = sum(store.insert_report(**draft, channels=settings.channel_names, now=now())
                   is not None for draft in drafts)
        store.update_source_state(source.id, etag=page.etag, last_modified=page.last_modified,
                                  usual_length=_usual_length(source, result, extracted))
        outcome = _outcome(result)
        check = _record(source, started_at, started, outcome, page, version=result.version)
        store.insert_check(check)
    return CheckResult(source.id, source.url, source.document, outcome, None, result.version,
                       made, check.duration_ms)


def _usual_length(source: Source, result: AddResult, extracted: _Extracted) -> int:
    """The length of the current text: what a sudden shrink is measured against."""
    if result.created or not source.usual_length:
        return len(extracted.text)
    return source.usual_length


def _outcome(result: AddResult) -> str:
    if result.created:
        return "new-version"
    return "returned" if result.returned else "unchanged"


def _record(source, started_at, started, outcome, page, message=None, version=None,
            status=None) -> CheckRecord:
    return CheckRecord(
        source_id=source.id, started_at=started_at,
        duration_ms=int((time.monotonic() - started) * 1000), outcome=outcome,
        http_status=status or (page.status if page else None),
        bytes=len(page.body) if page else None, message=message, version=version)


def _finish(store, source, started_at, started, outcome, page, message=None,
            status=None) -> CheckResult:
    check = _record(source, started_at, started, outcome, page, message, status=status)
    with store.write():
        if page is not None and outcome == "not-modified":
            store.update_source_state(source.id, etag=page.etag or source.etag,
                                      last_modified=page.last_modified or source.last_modified)
        store.insert_check(check)
    return CheckResult(source.id, source.url, source.document, outcome, message, None, 0,
                       check.duration_ms)


def check_round(store: Store, sources: list[Source], settings: Settings,
                on_done: Callable[[CheckResult], None] | None = None,
                session: requests.Session | None = None) -> list[CheckResult]:
    """Check each source once, politely spaced per host."""
    gate = HostGate(settings.watch.politeness_seconds)
    session = session or requests.Session()
    results = []
    for source in sources:
        result = check_source(store, source, settings, session, gate)
        results.append(result)
        if on_done:
            on_done(result)
    return results


__all__ = ["CheckResult", "check_round", "check_source", "decode_html", "extract_statement",
           "remove_ignored"]
