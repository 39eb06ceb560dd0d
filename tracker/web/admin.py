"""Adding a snapshot from the browser (a form) or a script (the API)."""

from dataclasses import replace

from flask import Blueprint, render_template, request

from tracker.config import max_input_bytes
from tracker.errors import InputError, TrackerError
from tracker.ingest.formats import FORMATS
from tracker.ingest.intake import read_bytes
from tracker.model import URL_STATUSES, Capture, DocumentSpec
from tracker.refs import check_url_status
from tracker.specs import document_spec_from_options
from tracker.watch.timing import check_url
from tracker.web.auth import admin_required
from tracker.web.db import get_store

blueprint = Blueprint("admin", __name__)
FIELDS = ("document", "meeting", "series", "title", "date", "location", "publisher",
          "language", "kind")


def add_from_values(values, data: bytes, name: str):
    """Validate everything, then write once: bad input changes nothing."""
    spec = _with_url(document_spec_from_options(**{f: _text(values, f) for f in FIELDS}),
                     values)
    fmt = values.get("format") or "auto"
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt[:40]!r} (use {', '.join(FORMATS)})")
    intake = read_bytes(data, fmt, name, max_input_bytes())
    capture = Capture(text=intake.text, raw=intake.raw, raw_type=intake.raw_type,
                      origin="web", note=_text(values, "note"))
    return get_store().add(spec, capture)


def _text(values, name: str) -> str | None:
    """A form or JSON field, stripped; blank means not given."""
    return (values.get(name) or "").strip() or None


def _with_url(spec: DocumentSpec, values) -> DocumentSpec:
    """The document's official address and what is known of it, both checked
    (``url_status`` against ``URL_STATUSES``); they fill blanks only."""
    url = _text(values, "url")
    return replace(spec, url=check_url(url) if url else None,
                   url_status=check_url_status(_text(values, "url_status")))


@blueprint.route("/add", methods=["GET", "POST"])
@admin_required
def add():
    if request.method == "GET":
        return render_template("add.html", values={}, error=None, url_statuses=URL_STATUSES)
    upload = request.files.get("file")
    if upload and upload.filename:
        data, name = upload.read(max_input_bytes() + 1), upload.filename
    else:
        data, name = request.form.get("text", "").encode("utf-8"), "the pasted text"
    try:
        result = add_from_values(request.form, data, name)
    except TrackerError as error:
        status = 400 if isinstance(error, InputError) else 409
        return render_template("add.html", values=request.form, error=str(error),
                               url_statuses=URL_STATUSES), status
    return render_template("added.html", result=result)
