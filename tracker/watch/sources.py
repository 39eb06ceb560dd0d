"""Registering sources from the CLI or a job file, all or nothing."""

from dataclasses import dataclass

from tracker.ingest.netguard import AddressPolicy, validate_public_url
from tracker.model import DocumentSpec, MeetingSpec, Source
from tracker.refs import parse_meeting_slug
from tracker.store import Store, utc_now
from tracker.watch.jobfile import SourceSpec


@dataclass(frozen=True)
class Registered:
    source: Source
    created: bool


def describe_registered(done: list[Registered]) -> str:
    """``2 sources added, 1 updated``: what a job-file import did."""
    created = sum(r.created for r in done)
    return f"{created} sources added, {len(done) - created} updated"


def register_sources(store: Store, specs: list[SourceSpec], update: bool, origin: str = "cli",
                     policy: AddressPolicy | None = None) -> list[Registered]:
    """Add every source in one transaction. An existing (url, document)
    pair is updated when ``update`` (a job file re-imported), else refused.
    With a ``policy``, every URL must reach a public address (checked again
    at each fetch); ``origin`` records where the sources came from."""
    for spec in specs if policy is not None else ():
        validate_public_url(spec.url, policy)
    now = utc_now()
    with store.write():
        return [(_register_listing if spec.listing else _register_page)(
            store, spec, update, origin, now) for spec in specs]


def _register_page(store: Store, spec: SourceSpec, update: bool, origin: str,
                   now: str) -> Registered:
    if spec.meeting:
        name = parse_meeting_slug(spec.meeting)
        store.ensure_document(DocumentSpec(
            spec.document, MeetingSpec(name.slug, name.series, number=name.number),
            kind=spec.kind, publisher=spec.publisher))
    fields = _watch_fields(spec)
    existing = store.find_source(spec.url, spec.document) if update else None
    if existing:
        store.update_source(existing.id, **fields)
        return Registered(store.source(existing.id), False)
    source = store.add_source(spec.url, spec.document, origin=origin, now=now, **fields)
    return Registered(source, True)


def _register_listing(store: Store, spec: SourceSpec, update: bool, origin: str,
                      now: str) -> Registered:
    fields = _watch_fields(spec)
    existing = store.find_listing_source(spec.url, spec.series) if update else None
    if existing:
        store.update_listing_source(existing.id, spec.listing, **fields)
        return Registered(store.source(existing.id), False)
    source = store.add_listing_source(spec.url, spec.series, spec.listing, now=now,
                                      origin=origin, **fields)
    return Registered(source, True)


def export_job_file(store: Store) -> tuple[int, str]:
    """Every source as the text of a job file (each with its document's
    meeting, so that importing it elsewhere creates the documents), and how
    many sources it holds."""
    from tracker.watch.jobfile import format_job_file

    found = store.sources()
    meetings = {s.document: store.document(s.document).meeting for s in found if s.document}
    return len(found), format_job_file(found, meetings)


def _watch_fields(spec: SourceSpec) -> dict:
    """How a page or a listing is watched: what adding and updating it set."""
    return {"selector": spec.selector, "interval_seconds": spec.interval_seconds,
            "cron": spec.cron, "ignore": spec.ignore, "note": spec.note,
            "enabled": spec.enabled}
