"""Adding a snapshot from the browser: the form, and its answer."""

from flask import Blueprint, current_app, render_template, request

from tracker.errors import TrackerError
from tracker.model import URL_STATUSES
from tracker.web.access import admin_required
from tracker.web.errors import status_of
from tracker.web.writes import add_from_values

blueprint = Blueprint("admin", __name__)


@blueprint.route("/add", methods=["GET", "POST"])
@admin_required
def add():
    if request.method == "GET":
        return render_template("add.html", values={}, error=None, url_statuses=URL_STATUSES)
    upload = request.files.get("file")
    if upload and upload.filename:
        data, name = upload.read(current_app.config["MAX_INPUT_BYTES"] + 1), upload.filename
    else:
        data, name = request.form.get("text", "").encode("utf-8"), "the pasted text"
    try:
        result = add_from_values(request.form, data, name)
    except TrackerError as error:
        # The form again, with what was typed and the reason, at the error's status.
        return render_template("add.html", values=request.form, error=str(error),
                               url_statuses=URL_STATUSES), status_of(error)
    return render_template("added.html", result=result)
