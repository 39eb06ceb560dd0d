"""Change reports: the list with each delivery's state, one report, the feed.

The report page renders the stored payload through its template, with
autoescaping only: no HTML string built elsewhere is ever marked safe.
"""

from flask import Blueprint, current_app, render_template, request

from tracker.compare.report import (
    counted_sections,
    counts_text,
    item_facts,
    listed_sections,
    moved_items,
    payload_keys,
    side_names,
    source_facts,
    web_link,
)
from tracker.refs import parse_number
from tracker.reports.feed import render_atom
from tracker.reports.filters import parse_filter
from tracker.reports.subscriptions import newest_selected
from tracker.settings import Settings
from tracker.store import utc_now
from tracker.web.db import get_store
from tracker.web.pagecache import cached_page

blueprint = Blueprint("reports", __name__)

LIST_LIMIT = 100
FEED_LIMIT = 50
FEED_SCAN = 1000  # newest reports a filtered feed looks through


@blueprint.get("/reports")
@cached_page(watch=True)
def reports():
    store = get_store()
    listed = store.reports(LIST_LIMIT)
    deliveries = {report.id: store.deliveries(report_id=report.id) for report in listed}
    return render_template("reports.html", reports=listed, deliveries=deliveries,
                           feed_url=_base_url() + "/feed.atom")


@blueprint.get("/reports/<report_id>")
@cached_page(watch=True)
def report(report_id: str):
    """The id is read by ``parse_number``: bounded, ASCII digits only."""
    number = parse_number(report_id, "report id")
    store = get_store()
    found = store.report(number)
    payload = found.payload
    return render_template("report.html", report=found, payload=payload,
                           notes=_annotations_by_key(payload),
                           sections=listed_sections(payload), facts=item_facts,
                           counted=counted_sections(payload), moved=moved_items(payload),
                           names=side_names(payload), sources=source_facts(payload),
                           counts=counts_text(payload), link=web_link(payload.get("link")),
                           deliveries=store.deliveries(report_id=number))


def _annotations_by_key(payload: dict) -> dict[str, list]:
    """The live annotations on the report's units, by unit key (items carry
    it; a digest's items and older payloads do not), whichever comparison
    they were made on: those the report was sent with, unless removed
    since, and those made after."""
    return get_store().unit_annotations(payload_keys(payload))


@blueprint.get("/feed.atom")
@cached_page(mimetype="application/atom+xml", watch=True)
def feed():
    """Every report, or with filter arguments (``?series=edscg&topic=Russia
    &change=weaker``) the reports a subscription with that filter takes,
    each cut down as it would send it."""
    chosen = parse_filter({key: request.args.getlist(key) for key in request.args},
                          "feed filter")
    store = get_store()
    latest = store.reports(FEED_LIMIT) if chosen.everything else \
        newest_selected(store, chosen, scan=FEED_SCAN, want=FEED_LIMIT)
    updated = latest[0].created_at if latest else utc_now()
    return render_atom(latest, _base_url(), updated, chosen)


def _base_url() -> str:
    """The configured public address (``BASE_URL``, from ``[web] base_url``),
    else tracker.toml's default; never the request's Host header, which the
    client chooses: a feed fetched through a spoofed Host would otherwise
    carry links and entry ids pointing wherever that client likes, and a
    cache or reader would keep them."""
    return (current_app.config.get("BASE_URL") or Settings.base_url).rstrip("/")
