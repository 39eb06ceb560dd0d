"""Following one link a listing source found: fetch it as a statement,
tell its meeting, keep it as version 1 of a new document, and raise the
"new statement" report.

The page goes through the same pipeline and filters as any check, so its
text is what ``tracker add URL`` would keep. Its meeting is the series'
meeting whose number the link text or the statement gives (see
``tracker.refs.ordinals``); when neither says it clearly, nothing is
stored and the link is left ``unclear``, with the reason, for the next
check (after a ``meeting_pattern`` is added, or the statement is added by
hand). Each link is written in one transaction: the document, its
version, its reports and the link's new state, or none of them.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from tracker.errors import InputError
from tracker.ingest.filters import run_filters
from tracker.ingest.pipeline import Intake, from_page
from tracker.model import Capture, DocumentSpec, ListingLink, MeetingSpec
from tracker.refs.ordinals import MeetingNumber, meeting_title, number_by_pattern, number_near
from tracker.text import text_sha256
from tracker.watch.fetcher import Fetcher
from tracker.watch.visit import Visit


@dataclass(frozen=True)
class LinkOutcome:
    """What following one link did."""

    url: str
    state: str  # a LINK_STATES value
    document: str | None = None
    version: int | None = None
    reports: int = 0
    error: str | None = None


def follow_link(visit: Visit, fetcher: Fetcher, link: ListingLink) -> LinkOutcome:
    """Follow ``link``; a page or reading failure is the link's, never the
    check's, and leaves it to be tried again."""
    known = visit.store.document_at_url(link.url)
    if known:
        return _mark(visit, LinkOutcome(link.url, "known", document=known))
    try:
        intake = from_page(fetcher.fetch_link(link.url), selector=visit.source.selector)
        text = run_filters(intake.text, visit.source, visit.settings.watch)
    except InputError as error:
        return _mark(visit, LinkOutcome(link.url, "failed", error=str(error)))
    known = visit.store.document_with_text(text_sha256(text))
    if known:
        return _mark(visit, LinkOutcome(link.url, "known", document=known))
    number = meeting_number(visit, link, intake)
    if number.number is None:
        series = visit.source.series
        return _mark(visit, LinkOutcome(link.url, "unclear", error=(
            f"{link.url}: cannot tell which {series} meeting this is ({number.reason}); "
            f"give the listing a meeting_pattern, or add it with `tracker add URL --meeting "
            f"{series}-N`")))
    return _store_statement(visit, link, intake, text, number.number)


def meeting_number(visit: Visit, link: ListingLink, intake: Intake) -> MeetingNumber:
    """From the link text first (a title is short and names one meeting),
    then from the start of the statement."""
    rule, names = visit.source.listing, _series_names(visit)
    head = "\n".join(filter(None, [intake.metadata.title or intake.title, intake.text]))
    if rule.meeting_pattern:
        found = number_by_pattern(link.text or "", rule.meeting_pattern)
        return found if found.number is not None else number_by_pattern(head, rule.meeting_pattern)
    found = number_near(link.text or "", names, anywhere=True)
    if found.number is not None:
        return found
    in_text = number_near(head, names)
    if in_text.number is None and found.reason != "it gives no ordinal":
        return MeetingNumber(None, f"link text: {found.reason}; statement: {in_text.reason}")
    return in_text


def _series_names(visit: Visit) -> tuple[str, ...]:
    """What the series is called: the rule's link text, the series' title
    (without a "U.S.–ROK" style prefix) and its slug, as an acronym."""
    series = visit.source.series
    title = visit.store.series_title(series) or ""
    core = re.sub(r"^[\w.]+\s*[–-]\s*[\w.]+\s+", "", title)
    return tuple(n for n in (visit.source.listing.text, title, core, series.upper()) if n)


def _store_statement(visit: Visit, link: ListingLink, intake: Intake, text: str,
                     number: int) -> LinkOutcome:
    source, store, now = visit.source, visit.store, visit.now()
    with store.write():
        # Checked again under the write lock: another round (`tracker check`
        # beside the scheduler) may have stored this very text meanwhile.
        if known := store.document_with_text(text_sha256(text)):
            store.mark_link(source.id, link.url, "known", now, document=known)
            return LinkOutcome(link.url, "known", document=known)
        spec = _document_spec(store, source, link, intake, number)
        capture = Capture(text=text, raw=intake.raw, raw_type=intake.raw_type,
                          origin="scheduler", source_url=intake.source_url, captured_at=now,
                          note=f"found on the listing {source.url}")
        added = store.add_within(spec, capture)
        reports = visit.insert_reports(added)
        store.mark_link(source.id, link.url, "stored", now, document=spec.slug)
    return LinkOutcome(link.url, "stored", spec.slug, added.version, reports)


def _document_spec(store, source, link: ListingLink, intake: Intake,
                   number: int) -> DocumentSpec:
    """The new document: its meeting, its free name, and what the page and
    the listing say about it (the link as its URL, not yet verified)."""
    meeting, meta = f"{source.series}-{number}", intake.metadata
    return DocumentSpec(
        _free_slug(store, meeting, source.listing.kind, link.url),
        MeetingSpec(meeting, source.series, number=number, date=meta.date,
                    title=meeting_title(source.series, number)),
        kind=source.listing.kind, publisher=source.listing.publisher,
        title=meta.title or intake.title or link.text or None, language=meta.language,
        url=intake.source_url or link.url, url_status="unverified")


def _free_slug(store, meeting: str, kind: str, url: str) -> str:
    """``edscg-6-joint-statement``; when another publisher's text holds that
    name already, ``edscg-6-joint-statement-mofa`` (from the link's host),
    then ``…-2``."""
    host = (urlsplit(url).hostname or "web").removeprefix("www.")
    label = re.sub(r"[^a-z0-9]+", "-", host.split(".")[0] if not host[0].isdigit() else host)
    candidates = [f"{meeting}-{kind}", f"{meeting}-{kind}-{label.strip('-')}"]
    candidates += [f"{candidates[1]}-{n}" for n in range(2, 100)]
    return next(slug for slug in candidates if not store.has_document(slug))


def _mark(visit: Visit, outcome: LinkOutcome) -> LinkOutcome:
    with visit.store.write():
        visit.store.mark_link(visit.source.id, outcome.url, outcome.state, visit.now(),
                              error=outcome.error, document=outcome.document)
    return outcome
