"""Which change reports a stored check deserves.

- A new version of a document: the report against its previous version.
- The first text of a meeting's primary document: also the meeting-over-
  meeting report against the previous meeting of the series.
- A return to an older version (a flip-flop): a report only when the
  configuration asks for one (``report_returns``).

Each report is built from the same engine result the compare page shows,
and a change that the engine finds empty after normalisation reports
nothing.
"""

from tracker.compare import compare_texts
from tracker.errors import InputError, NotFoundError
from tracker.model import AddResult
from tracker.refs.labels import document_label, meeting_label, previous_of_kind, report_sources
from tracker.reports.annotations import annotated_payload
from tracker.reports.build import build_report, headline
from tracker.settings import Settings
from tracker.store import Store


def reports_for(store: Store, result: AddResult, settings: Settings) -> list[dict]:
    """Report drafts (keyword arguments of ``Store.insert_report``)."""
    drafts = []
    if result.created and (before := _previous_live(store, result)):
        drafts.append(_version_report(store, result, settings, before, "version"))
    if result.created and result.version == 1:
        drafts.append(_meeting_report(store, result, settings))
    if result.returned and settings.watch.report_returns:
        latest = store.document(result.document).versions
        drafts.append(_version_report(store, result, settings, latest, "return"))
    return [{**draft, "payload": annotated_payload(store, draft["payload"])}
            for draft in drafts if draft is not None]


def _previous_live(store: Store, result: AddResult) -> int | None:
    """The version a new one is reported against: the one before it that is
    not retracted (a withdrawn version is no baseline)."""
    earlier = [v.version for v in store.history(result.document) if v.version < result.version]
    return max(earlier, default=None)


def _version_report(store: Store, result: AddResult, settings: Settings, before: int,
                    kind: str) -> dict | None:
    slug = result.document
    old, new = store.snapshot(slug, before), store.snapshot(slug, result.version)
    name = document_label(new.document)
    title = (f"{name}: returned to v{result.version}" if kind == "return"
             else f"{name}: {{headline}} (v{before} → v{result.version})")
    link = f"{settings.base_url}/compare/{old.label}...{new.label}"
    return _draft(f"{kind}:{slug}:{before}:{result.version}", kind, title, old, new, link,
                  settings.limits.max_sentences)


def _meeting_report(store: Store, result: AddResult, settings: Settings) -> dict | None:
    new = store.snapshot(result.document, result.version)
    meeting = new.document.meeting
    if store.primary_document(meeting).slug != new.document.slug:
        return None
    previous = previous_meeting(store, new.document.series, meeting)
    if previous is None:
        return None
    old = store.snapshot(store.primary_document(previous).slug)
    title = (f"New statement: {document_label(new.document)}: {{headline}} since the "
             f"{meeting_label(old.document.meeting_title, old.document.meeting_date, previous)}")
    link = f"{settings.base_url}/compare/{previous}...{meeting}"
    return _draft(f"meeting:{new.document.slug}:{result.version}", "meeting", title, old, new,
                  link, settings.limits.max_sentences)


def previous_meeting(store: Store, series: str, meeting: str) -> str | None:
    """The meeting a new meeting's statement is compared with: the home
    page's "what changed since" (:func:`previous_of_kind`, one rule for
    both), walking further back past a meeting whose primary text has no
    live version to compare."""
    chain = previous_of_kind(store.meetings(series))
    earlier = chain.get(meeting)
    while earlier is not None:
        try:
            store.snapshot(store.primary_document(earlier).slug)
            return earlier
        except NotFoundError:
            earlier = chain.get(earlier)
    return None


def _draft(key, kind, title, old, new, link, cap: int) -> dict | None:
    """The report draft, or None when nothing changed or the texts are past
    the comparison limit (the version is kept all the same). ``{headline}``
    in the title becomes the most significant change."""
    try:
        comparison = compare_texts(old.text, new.text, old.label, new.label,
                                   max_sentences=cap)
    except InputError:
        return None
    title = title.replace("{headline}", headline(comparison))
    payload = build_report(comparison, kind=kind, title=title, document=new.document.slug,
                           meeting=new.document.meeting, link=link,
                           sources=report_sources(old, new))
    if payload is None:
        return None
    return {"key": key, "kind": kind, "document": new.document.slug,
            "version": new.info.version, "title": title, "payload": payload}
