"""Adding a snapshot from the browser (a form) or a script (the API)."""

from flask import Blueprint, render_template, request

from tracker.config import max_input_bytes
from tracker.errors import InputError, TrackerError
from tracker.intake import FORMATS, read_bytes
from tracker.model import Capture
from tracker.specs import document_spec_from_options
from tracker.web.auth import admin_required
from tracker.web.db import get_store

blueprint = Blueprint("admin", __name__)
FIELDS = ("document", "meeting", "series", "title", "date", "location", "publisher",
          "language", "kind")


def add_from_values(values, data: bytes, name: str):
    """Validate everything, then write once: bad input changes nothing."""
    spec = document_spec_from_options(**{f: (values.get(f) or "").strip() or None
                                         for f in FIELDS})
    fmt = values.get("format") or "auto"
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    intake = read_bytes(data, fmt, name, max_input_bytes())
    capture = Capture(text=intake.text, raw=intake.raw, raw_type=intake.raw_type,
                      origin="web", note=(values.get("note") or "").strip() or None)
    return get_store().add(spec, capture)


@blueprint.route("/add", methods=["GET", "POST"])
@admin_required
def add():
    if request.method == "GET":
        return render_template("add.html", values={}, error=None)
    upload = request.files.get("file")
    if upload and upload.filename:
        data, name = upload.read(max_input_bytes() + 1), upload.filename
    else:
        data, name = request.form.get("text", "").encode("utf-8"), "the pasted text"
    try:
        result = add_from_values(request.form, data, name)
    except TrackerError as error:
        status = 400 if isinstance(error, InputError) else 409
        return render_template("add.html", values=request.form, error=str(error)), status
    return render_template("added.html", result=result)
