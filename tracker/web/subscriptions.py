"""Subscriptions in the browser: the list (the file's and the database's),
and, for the signed-in admin, adding and removing the database's ones.

The form's fields are the filter's (``tracker.reports.filters``), read by
the same ``parse_filter`` as the CLI options and the feed's query string,
so all three refuse the same input with the same line.
"""

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from tracker.errors import TrackerError
from tracker.model import SIGNIFICANCES
from tracker.reports.filters import CHANGE_KINDS, LIST_FIELDS, parse_filter
from tracker.reports.subscriptions import add_subscription, all_subscriptions, remove_subscription
from tracker.settings import Settings
from tracker.settings.tracker_toml import CHANNELS
from tracker.store import utc_now
from tracker.web.access import admin_required
from tracker.web.db import get_store
from tracker.web.errors import status_of

blueprint = Blueprint("subscriptions", __name__)


def _settings() -> Settings:
    """``tracker serve`` hands the app its tracker.toml; tests may too."""
    return current_app.config.get("TRACKER_SETTINGS") or Settings()


@blueprint.get("/subscriptions")
def subscriptions():
    return _page(error=None, values={})


@blueprint.post("/subscriptions")
@admin_required
def add():
    form = request.form
    values = {name: form.get(name, "") for name in LIST_FIELDS if name != "change"}
    values["change"] = form.getlist("change")
    values["min_significance"] = form.get("min_significance") or "routine"
    try:
        chosen = parse_filter(values, "filter")
        add_subscription(get_store(), _settings(), form.get("name", "").strip(),
                         form.get("channel", ""), chosen, utc_now(), by="web")
    except TrackerError as error:
        return _page(error=str(error), values=form), status_of(error)
    return redirect(url_for("subscriptions.subscriptions"), 303)


@blueprint.post("/subscriptions/<name>/remove")
@admin_required
def remove(name: str):
    remove_subscription(get_store(), _settings(), name)
    return redirect(url_for("subscriptions.subscriptions"), 303)


def _page(error: str | None, values) -> str:
    settings = _settings()
    return render_template("subscriptions.html", error=error, values=values,
                           subscriptions=all_subscriptions(get_store(), settings),
                           configured=settings.channel_names, channels=CHANNELS,
                           changes=CHANGE_KINDS, levels=SIGNIFICANCES,
                           ticked=values.getlist("change") if hasattr(values, "getlist") else [])
