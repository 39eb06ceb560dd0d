"""Corrections from the web: the admin forms on a document's page and the
JSON API, both over the store's correction verbs, so the browser, scripts
and the CLI refuse the same input with the same line.

The forms need a signed-in admin and a CSRF token (``admin_required``); the
API needs the bearer token. Errors are ``TrackerError``s, answered by
``tracker.web.errors``: the error page, or ``{"error": …}`` under ``/api/``.
"""

from flask import Blueprint, jsonify, redirect, request, url_for

from tracker.refs import parse_number, validate_slug
from tracker.store.corrections import DOCUMENT_FIELDS, MEETING_FIELDS
from tracker.web.access import admin_required, require_bearer
from tracker.web.body import STRING, check_fields, read_json_object
from tracker.web.db import get_store
from tracker.web.limits import limit_api_rate

blueprint = Blueprint("corrections", __name__)
api_blueprint = Blueprint("corrections_api", __name__, url_prefix="/api")
api_blueprint.before_request(limit_api_rate)

WEB_EDITOR = "web admin"
META_FIELDS = {name: STRING for name in (*set(DOCUMENT_FIELDS) | set(MEETING_FIELDS), "by")}
RETRACT_FIELDS = {"reason": STRING, "by": STRING}


def _form_text(name: str) -> str | None:
    """A form field; blank means "leave as it is" (the API clears with "")."""
    value = request.form.get(name, "").strip()
    return value or None


def _document_page(slug: str):
    return redirect(url_for("pages.document", slug=slug), 303)


@blueprint.post("/documents/<slug>/meta")
@admin_required
def edit_document(slug: str):
    validate_slug(slug, "document slug")
    changes = {field: _form_text(field) for field in DOCUMENT_FIELDS}
    get_store().edit_metadata(slug, changes, WEB_EDITOR)
    return _document_page(slug)


@blueprint.post("/documents/<slug>/meeting")
@admin_required
def edit_meeting(slug: str):
    """The meeting of the document ``slug``, edited from the document's page."""
    validate_slug(slug, "document slug")
    store = get_store()
    changes = {field: _form_text(field) for field in MEETING_FIELDS}
    store.edit_metadata(store.document(slug).meeting, changes, WEB_EDITOR)
    return _document_page(slug)


@blueprint.post("/documents/<slug>/<any(retract, unretract):action>")
@admin_required
def retraction(slug: str, action: str):
    """Retract a version (with a reason) or bring it back, from the form."""
    validate_slug(slug, "document slug")
    version = parse_number(request.form.get("version", ""), "version")
    if action == "retract":
        get_store().retract(slug, version, request.form.get("reason", ""), WEB_EDITOR)
    else:
        get_store().unretract(slug, version, WEB_EDITOR)
    return _document_page(slug)


@api_blueprint.post("/meta/<slug>")
def api_meta(slug: str):
    """Edit a document's or a meeting's fields: a JSON object of strings
    (``""`` clears a field) and an optional ``by``."""
    require_bearer()
    validate_slug(slug, "document or meeting slug")
    body = check_fields(read_json_object(), META_FIELDS)
    by = body.pop("by", None) or WEB_EDITOR
    edits = get_store().edit_metadata(slug, body, by)
    return jsonify([edit.to_dict() for edit in edits])


@api_blueprint.post("/documents/<slug>/v<version>/retract")
def api_retract(slug: str, version: str):
    require_bearer()
    validate_slug(slug, "document slug")
    body = check_fields(read_json_object(), RETRACT_FIELDS, required=("reason",))
    done = get_store().retract(slug, parse_number(version, "version"), body["reason"],
                               body.get("by") or WEB_EDITOR)
    return jsonify(done.to_dict()), 201


@api_blueprint.post("/documents/<slug>/v<version>/unretract")
def api_unretract(slug: str, version: str):
    require_bearer()
    validate_slug(slug, "document slug")
    body = check_fields(read_json_object(), {"by": STRING})
    done = get_store().unretract(slug, parse_number(version, "version"),
                                 body.get("by") or WEB_EDITOR)
    return jsonify(done.to_dict())


@api_blueprint.get("/documents/<slug>/corrections")
def api_corrections(slug: str):
    """The document's correction log, as ``tracker history --edits --json``."""
    validate_slug(slug, "document slug")
    return jsonify([c.to_dict() for c in get_store().corrections(slug)])


# Nested, so that the app registers one blueprint for the feature; the API
# part keeps its own prefix and rate limit.
blueprint.register_blueprint(api_blueprint)
