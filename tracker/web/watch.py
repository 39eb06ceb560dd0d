"""Watched sources: what is watched, how often, how each check went; and
adding a source from the browser (public addresses only, checked in
``tracker.web.writes``, which the API shares)."""

from flask import Blueprint, flash, redirect, render_template, request, url_for

from tracker.errors import TrackerError
from tracker.web.access import admin_required
from tracker.web.db import get_store
from tracker.web.errors import status_of
from tracker.web.notices import source_warnings
from tracker.web.pagecache import cached_page
from tracker.web.writes import add_source_from_values

blueprint = Blueprint("watch", __name__)


@blueprint.get("/sources")
@cached_page(watch=True)
def sources():
    return _sources_page(error=None, values={})


@blueprint.post("/sources")
@admin_required
def add_source():
    try:
        source = add_source_from_values(request.form)
    except TrackerError as error:
        return _sources_page(error=str(error), values=request.form), status_of(error)
    for warning in source_warnings(source):
        flash(warning, "warning")
    return redirect(url_for("watch.sources"))


def _sources_page(error: str | None, values) -> str:
    """Every source with its last five checks (a listing with what its links
    became, and the latest it found), and the form to add one."""
    store = get_store()
    found = store.sources()
    listings = [s for s in found if s.is_listing]
    return render_template("sources.html", sources=found, error=error, values=values,
                           checks={s.id: store.checks(s.id, limit=5) for s in found},
                           link_counts={s.id: store.link_counts(s.id) for s in listings},
                           links={s.id: store.latest_links(s.id) for s in listings})
