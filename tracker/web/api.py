"""The JSON API. ``/api/compare`` returns exactly ``tracker diff --format json``
(across languages, the translation JSON; ``?mode=words`` or ``translation`` forces).

Errors, including those raised while routing, are answered as JSON by
``tracker.web.errors``.
"""

import json

from flask import Blueprint, jsonify, request

from tracker.compare.formats import format_json
from tracker.errors import InputError
from tracker.refs import parse_number, validate_slug
from tracker.web.access import require_bearer
from tracker.web.body import BOOLEAN, LINES, STRING, check_fields, read_json_object
from tracker.web.comparisons import annotated_json, cached_comparison, request_mode, resolve_pair
from tracker.web.db import get_store
from tracker.web.limits import limit_api_rate, retry_after
from tracker.web.notices import source_warnings
from tracker.web.pagecache import cached_page
from tracker.web.searching import SearchRequest, search_json, search_wait
from tracker.web.translation_view import download_text
from tracker.web.writes import FIELDS, add_from_values, add_source_from_values

blueprint = Blueprint("api", __name__, url_prefix="/api")
blueprint.before_request(limit_api_rate)

SNAPSHOT_FIELDS = {name: STRING for name in
                   (*FIELDS, "text", "format", "note", "url", "url_status")}
SOURCE_FIELDS = {**{name: STRING for name in
                    ("url", "document", "meeting", "selector", "every", "cron", "note")},
                 "ignore": LINES, "listing": BOOLEAN}
LISTING_FIELDS = {**{name: kind for name, kind in SOURCE_FIELDS.items()
                     if name not in ("document", "meeting")},
                  **{name: STRING for name in ("series", "link_text", "link_selector", "link_url",
                                               "meeting_pattern", "publisher")},
                  "follow_existing": BOOLEAN}


@blueprint.get("/meetings")
def meetings():
    series = request.args.get("series") or None
    return jsonify([m.to_dict() for m in get_store().meetings(series)])


@blueprint.get("/documents")
def documents():
    return jsonify([d.to_dict() for d in get_store().documents()])


@blueprint.get("/documents/<slug>")
def document(slug: str):
    store = get_store()
    validate_slug(slug, "document slug")
    return jsonify({"document": store.document(slug).to_dict(),
                    "versions": [v.to_dict() for v in store.history(slug)]})


@blueprint.get("/documents/<slug>/v<version>")
def snapshot(slug: str, version: str):
    validate_slug(slug, "document slug")
    return jsonify(get_store().snapshot(slug, parse_number(version, "version")).to_dict())


@blueprint.get("/compare")
@cached_page(mimetype="application/json")
def compare():
    first, second = request.args.get("a", ""), request.args.get("b", "")
    if not first or not second:
        raise InputError("give both a and b, e.g. /api/compare?a=edscg-4&b=edscg-5")
    a, b = resolve_pair(get_store(), first, second)
    comparison = cached_comparison(a, b, request_mode(request.args.get("mode")))
    return annotated_json(download_text(comparison, ".json", format_json), comparison, a, b)


@blueprint.get("/search")
def search():
    """The search page's parameters (q, meeting, publisher, versions=all,
    page), answered as JSON; bound by the search page's rate limit too."""
    wait = search_wait()
    if wait:
        return retry_after(jsonify({"error": f"too many searches; retry in "
                                             f"{max(1, round(wait))} s"}), wait)
    return _search_page()


@cached_page(mimetype="application/json")
def _search_page() -> str:
    wanted = SearchRequest.from_args(request.args)
    if not wanted.q:
        raise InputError("give q, the words to search for, e.g. /api/search?q=deterrence")
    return json.dumps(search_json(wanted, wanted.run()), ensure_ascii=False)


@blueprint.post("/sources")
def add_source():
    """Watch a page: a JSON object with ``url``, ``document`` and the options
    of ``tracker sources add`` (meeting, selector, every, cron, ignore, note),
    sent with the bearer token; or a listing: ``"listing": true`` with
    ``url``, ``series`` and the ``--listing`` options (link_text,
    link_selector, link_url, meeting_pattern, publisher, follow_existing).
    Only public addresses are accepted. The answer is the source with
    ``warnings``, as ``tracker sources add`` prints them."""
    require_bearer()
    body = read_json_object()
    if body.get("listing") is True:
        body = check_fields(body, LISTING_FIELDS, required=("url", "series"))
    else:
        body = check_fields(body, SOURCE_FIELDS, required=("url", "document"))
    source = add_source_from_values(body)
    return jsonify({**source.to_dict(), "warnings": source_warnings(source)}), 201


@blueprint.post("/snapshots")
def add_snapshot():
    """Add a snapshot: a JSON object with ``text`` and the fields of
    ``tracker add`` (document, meeting, date, publisher, note…), sent with
    ``Authorization: Bearer <admin token>``."""
    require_bearer()
    body = check_fields(read_json_object(), SNAPSHOT_FIELDS, required=("text",))
    result = add_from_values(body, body["text"].encode("utf-8"), "the text")
    return jsonify(result.to_dict()), 201 if result.created else 200
