"""Annotations from the web: the forms on the compare and commitments pages,
the JSON API and the Atom feed, all over the store's annotation verbs.

The forms need a signed-in admin and a CSRF token (``admin_required``), the
API's writes the bearer token, as every other write. The unit or thread is
found again from what the form or body names (``tracker.refs.subjects``), so
a key that does not belong to the comparison is refused, never stored.
"""

from flask import Blueprint, Response, current_app, jsonify, redirect, request

from tracker.compare.lineage import build_lineage
from tracker.errors import InputError
from tracker.refs import parse_number, validate_slug
from tracker.refs.resolve import series_texts
from tracker.refs.subjects import thread_subject, unit_subject
from tracker.reports.annotations_feed import render_annotations_atom
from tracker.settings import Settings
from tracker.store.annotations import SIGNIFICANCES, TARGETS
from tracker.web.access import admin_required, require_bearer
from tracker.web.body import LINES, STRING, Kind, check_fields, read_json_object
from tracker.web.comparisons import cached_comparison, resolve_pair
from tracker.web.db import get_store
from tracker.web.limits import limit_api_rate
from tracker.web.redirects import safe_target

blueprint = Blueprint("annotations", __name__)
api_blueprint = Blueprint("annotations_api", __name__, url_prefix="/api")
api_blueprint.before_request(limit_api_rate)

WEB_EDITOR = "web admin"
FEED_LIMIT = 50
LIST_LIMIT = 500
UNIT_OR_NUMBER = Kind("a string or a number",
                      lambda value: isinstance(value, str) or type(value) is int)
FIELDS = {**{name: STRING for name in ("a", "b", "match", "series", "thread", "note",
                                       "significance", "by")},
          "unit": UNIT_OR_NUMBER, "tags": LINES}
FILTERS = ("a", "b", "series", "thread", "target", "significance", "tag")


def find_subject(values: dict):
    """The unit (``a``, ``b`` and ``unit`` or ``match``) or the thread
    (``series`` and ``thread``) the values name."""
    if values.get("thread"):
        series = validate_slug(values.get("series") or "edscg", "series slug")
        cap = current_app.config["MAX_STATEMENT_SENTENCES"]
        lineage = build_lineage(series_texts(get_store(), series), max_sentences=cap)
        return thread_subject(lineage, series, values["thread"])
    if not (values.get("a") and values.get("b")):
        raise InputError("name a unit (a, b and unit or match) or a thread (series, thread)")
    a, b = resolve_pair(get_store(), values["a"], values["b"])
    unit = values.get("unit")
    return unit_subject(cached_comparison(a, b), a.label, b.label,
                        unit=str(unit) if unit is not None else None, match=values.get("match"))


@blueprint.post("/annotations")
@admin_required
def add():
    form = request.form
    subject = find_subject({name: form.get(name, "").strip() or None for name in FIELDS})
    get_store().annotate(subject, note=form.get("note"),
                         significance=form.get("significance", "notable"),
                         tags=form.get("tags", ""), by=WEB_EDITOR)
    return _back()


@blueprint.post("/annotations/<annotation_id>/remove")
@admin_required
def remove(annotation_id: str):
    get_store().remove_annotation(parse_number(annotation_id, "annotation id"), WEB_EDITOR)
    return _back()


def _back():
    """Back to the page the form was on (a local path only), 303 as after any POST."""
    return redirect(safe_target(request.form.get("next"), "/"), 303)


@blueprint.get("/annotations.atom")
def feed():
    found = get_store().annotations(limit=FEED_LIMIT)
    base = (current_app.config.get("BASE_URL") or Settings.base_url).rstrip("/")
    return Response(render_annotations_atom(found, base), mimetype="application/atom+xml")


@api_blueprint.get("/annotations")
def api_list():
    """Live annotations, newest first, filtered by the query's a, b (any
    names of the two sides), series, thread (key), target, significance, tag."""
    args = {name: request.args.get(name) or None for name in FILTERS}
    if args["significance"] and args["significance"] not in SIGNIFICANCES:
        raise InputError(f"significance: use one of {', '.join(SIGNIFICANCES)}")
    if args["target"] and args["target"] not in TARGETS:
        raise InputError(f"target: use one of {', '.join(TARGETS)}")
    if bool(args["a"]) != bool(args["b"]):
        raise InputError("give both a and b, or neither")
    if args["a"]:
        a, b = resolve_pair(get_store(), args["a"], args["b"])
        args["a"], args["b"] = a.label, b.label
    found = get_store().annotations(a_ref=args["a"], b_ref=args["b"], series=args["series"],
                                    key=args["thread"], target=args["target"],
                                    significance=args["significance"], tag=args["tag"],
                                    limit=LIST_LIMIT)
    return jsonify([a.to_dict() for a in found])


@api_blueprint.post("/annotations")
def api_add():
    """Annotate: ``a``, ``b`` and ``unit`` (number or key) or ``match``; or
    ``series`` and ``thread``; with ``significance``, ``note``, ``tags``, ``by``."""
    require_bearer()
    body = check_fields(read_json_object(), FIELDS, required=("significance",))
    done = get_store().annotate(find_subject(body), note=body.get("note"),
                                significance=body["significance"], tags=body.get("tags", ()),
                                by=body.get("by") or WEB_EDITOR)
    return jsonify(done.to_dict()), 201


@api_blueprint.delete("/annotations/<annotation_id>")
def api_remove(annotation_id: str):
    require_bearer()
    by = request.args.get("by") or WEB_EDITOR
    done = get_store().remove_annotation(parse_number(annotation_id, "annotation id"), by)
    return jsonify(done.to_dict())


blueprint.register_blueprint(api_blueprint)
