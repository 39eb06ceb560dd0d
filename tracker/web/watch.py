"""Watched sources: what is watched, how often, and how each check went."""

from flask import Blueprint, render_template

from tracker.web.db import get_store

blueprint = Blueprint("watch", __name__)


@blueprint.get("/sources")
def sources():
    store = get_store()
    found = store.sources()
    return render_template("sources.html", sources=found,
                           checks={s.id: store.checks(s.id, limit=5) for s in found})
