"""Reading pages: the meetings at a glance, a document's versions, a snapshot."""

from flask import Blueprint, render_template

from tracker.refs import check_slug
from tracker.text import paragraphs
from tracker.web.db import get_store

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
def index():
    store = get_store()
    return render_template("index.html", meetings=store.meetings())


@blueprint.get("/documents/<slug>")
def document(slug: str):
    store = get_store()
    check_slug(slug, "document slug")
    return render_template("document.html", document=store.document(slug),
                           versions=store.history(slug))


@blueprint.get("/documents/<slug>/v<int:version>")
def snapshot(slug: str, version: int):
    store = get_store()
    check_slug(slug, "document slug")
    found = store.snapshot(slug, version)
    return render_template("snapshot.html", snapshot=found,
                           paragraphs=paragraphs(found.text))
