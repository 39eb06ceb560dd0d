"""One check of one source: fetch, extract, filter, compare, store, report.

Everything a check learns is written in one transaction: the new version
(if any), the change reports with their pending deliveries, the source's
validators, and the check record itself. A check that fails half-way, or a
process killed mid-check, leaves nothing half-written; an error is recorded
as the check's outcome and never stops the other sources.
"""

import codecs
import time
from collections.abc import Callable
from dataclasses import dataclass

import regex

from tracker.errors import InputError
from tracker.fetch import FetchedPage, HostGate
from tracker.model import AddResult, Capture, CheckRecord, DocumentSpec, Source
from tracker.settings import Settings
from tracker.store import Store, utc_now
from tracker.text import canonical_text
from tracker.watch.fetcher import Fetcher

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
IGNORE_TIMEOUT = 1.0


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
                 fetcher: Fetcher | None = None,
                 now: Callable[[], str] = utc_now) -> CheckResult:
    """Check ``source`` once; never raises for what a page or server does.
    Its time is bounded: the fetch by ``[watch] total_timeout``, each
    ignore pattern by ``[watch] ignore_timeout``."""
    started_at, started = now(), time.monotonic()
    page = None
    try:
        page = (fetcher or Fetcher(settings)).fetch(source)
        if page.not_modified:
            return _finish(store, source, started_at, started, "not-modified", page)
        extracted = extract_statement(page, source, settings.watch.ignore_timeout)
        _check_length(extracted.text, source, settings)
        return _store_text(store, source, settings, extracted, page, started_at, started, now)
    except InputError as error:
        return _finish(store, source, started_at, started, "error", page, message=str(error),
                       status=getattr(error, "status", None))


def extract_statement(page: FetchedPage, source: Source,
                      ignore_timeout: float = IGNORE_TIMEOUT) -> _Extracted:
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
    text = remove_ignored(text, source.ignore, ignore_timeout)
    if not text:
        raise InputError("the page holds no statement text once ignored parts are removed")
    return _Extracted(text, page.body, raw_type)


def decode_html(data: bytes, header_charset: str | None) -> str:
    """Bytes to text that survives a wrong or bogus ``charset`` header: a BOM
    or a ``<meta charset>`` wins; valid UTF-8 is taken as UTF-8 (legacy
    encodings almost never form valid multi-byte UTF-8); then the header, if
    it names a usable charset that decodes the bytes; last, detection."""
    from bs4.dammit import UnicodeDammit

    sniffed = UnicodeDammit(data[:4096], is_html=True)
    if sniffed.declared_html_encoding or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe",
                                                          b"\xfe\xff")):
        return UnicodeDammit(data, is_html=True).unicode_markup or ""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encoding = usable_charset(header_charset, data)
    return data.decode(encoding) if encoding else detect_charset(data)


_ASCII_PROBE = b'<html lang="en"><p class="x">Az09 .,:;!?/</p></html>'


def usable_charset(name: str | None, data: bytes) -> str | None:
    """The header's charset when Python knows it as a text encoding that
    reads HTML's ASCII markup as ASCII (so not UTF-16, EBCDIC or base64) and
    decodes ``data`` without error; otherwise None, and detection decides."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
        if not getattr(info, "_is_text_encoding", True):
            return None
        if _ASCII_PROBE.decode(info.name) != _ASCII_PROBE.decode("ascii"):
            return None
        data.decode(info.name)
    except (LookupError, ValueError, UnicodeError):
        return None
    return info.name


# Single-byte code pages for Latin script: detectors confuse them with one
# another on short pages (a French page read as Baltic cp1257).
_LATIN_PAGES = {"cp1250", "cp1252", "cp1254", "cp1257", "cp775", "cp850", "cp437", "latin_1",
                "iso8859_2", "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13",
                "iso8859_14", "iso8859_15", "iso8859_16", "mac_latin2", "mac_roman"}


def detect_charset(data: bytes) -> str:
    """Guess the charset of undeclared, non-UTF-8 bytes. Within the Latin
    code pages windows-1252, the web's default for Western pages, wins
    unless it reads clearly worse than the detector's favourite."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return data.decode("cp1252", "replace")
    best = matches[0]
    western = next((m for m in matches if m.encoding == "cp1252"), None)
    if best.encoding in _LATIN_PAGES and western and western.chaos <= best.chaos + 0.15:
        return str(western)
    return str(best)


def remove_ignored(text: str, patterns: tuple[str, ...],
                   timeout: float = IGNORE_TIMEOUT) -> str:
    """Drop volatile text ("Last updated …", view counts) before the change
    test, so page chrome never raises a false change.

    Patterns come from users (the web too), and a backtracking pattern such
    as ``(a|aa)+$`` can run for hours; the ``regex`` engine stops each one
    after ``timeout`` seconds and the check fails with one readable line."""
    for pattern in patterns:
        try:
            text = regex.sub(pattern, "", text, flags=regex.MULTILINE | regex.V0,
                             timeout=timeout)
        except TimeoutError:
            raise InputError(f"the ignore pattern {pattern!r} took longer than {timeout:g} s "
                             "on this page; simplify it") from None
        except regex.error as error:
            raise InputError(f"invalid ignore pattern {pattern!r}: {error}") from None
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
                fetcher: Fetcher | None = None) -> list[CheckResult]:
    """Check each source once, politely spaced per host."""
    fetcher = fetcher or Fetcher(settings, HostGate(settings.watch.politeness_seconds))
    results = []
    for source in sources:
        result = check_source(store, source, settings, fetcher)
        results.append(result)
        if on_done:
            on_done(result)
    return results


__all__ = ["CheckResult", "check_round", "check_source", "decode_html", "extract_statement",
           "remove_ignored"]
