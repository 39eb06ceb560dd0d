"""Watched sources: what is watched, how often, how each check went; and
adding a source from the browser or the API (public addresses only)."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for

from tracker.errors import TrackerError
from tracker.ingest.netguard import AddressPolicy, check_public_url
from tracker.web.auth import admin_required
from tracker.web.db import get_store
from tracker.web.notices import source_warnings

blueprint = Blueprint("watch", __name__)


def add_source_from_values(values):
    """Validate a source from a form or JSON body, then register it."""
    from tracker.watch.jobfile import source_spec
    from tracker.watch.sources import register_sources

    def text(key):
        value = values.get(key)
        return value.strip() or None if isinstance(value, str) else None

    ignore = values.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [line for line in ignore.splitlines() if line.strip()]
    spec = source_spec(text("url") or "", text("document") or "", text("meeting"),
                       text("selector"), text("every"), text("cron"), tuple(ignore),
                       text("note"))
    policy = current_app.config.get("SOURCE_ADDRESS_POLICY") or AddressPolicy()
    if not current_app.config.get("ALLOW_PRIVATE_SOURCES", False):
        check_public_url(spec.url, policy)
    # Recorded as a web source: the watcher checks its address on every fetch.
    return register_sources(get_store(), [spec], update=False, origin="web")[0].source


@blueprint.get("/sources")
def sources():
    store = get_store()
    found = store.sources()
    return render_template("sources.html", sources=found, error=None, values={},
                           checks={s.id: store.checks(s.id, limit=5) for s in found})


@blueprint.post("/sources")
@admin_required
def add_source():
    try:
        source = add_source_from_values(request.form)
    except TrackerError as error:
        store = get_store()
        found = store.sources()
        return render_template("sources.html", sources=found, error=str(error),
                               values=request.form,
                               checks={s.id: store.checks(s.id, limit=5) for s in found}), 400
    for warning in source_warnings(source):
        flash(warning, "warning")
    return redirect(url_for("watch.sources"))
