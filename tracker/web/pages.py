"""Reading pages: the meetings at a glance, a document's versions, a snapshot."""

from flask import Blueprint, current_app, render_template, url_for

from tracker.refs import parse_number, validate_slug
from tracker.refs.labels import document_label, meeting_names, previous_of_kind
from tracker.text import paragraphs
from tracker.web.db import get_store
from tracker.web.pagecache import cached_page

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
@cached_page
def index():
    store = get_store()
    meetings = store.meetings()
    return render_template("index.html", groups=series_groups(meetings),
                           previous=previous_of_kind(meetings),
                           names=meeting_names(meetings),
                           documents={d.slug: document_label(d)
                                      for m in meetings for d in m.documents},
                           changes=store.recent_changes(10), links=link_prefixes())


def link_prefixes() -> dict[str, str]:
    """URL prefixes to which a slug is appended: building a thousand links
    with ``url_for`` each would cost more than the rest of the page.
    Slugs are validated to ``[a-z0-9-]``, so appending them needs no quoting."""
    return {"document": url_for("pages.document", slug="_").removesuffix("_"),
            "compare": url_for("compare.page", spec="_").removesuffix("_")}


def series_groups(meetings) -> list[tuple[str, list]]:
    """Meetings by series, the main series (``DEFAULT_SERIES``) first."""
    groups: dict[str, list] = {}
    for meeting in meetings:
        groups.setdefault(meeting.series, []).append(meeting)
    main = current_app.config.get("DEFAULT_SERIES")
    return sorted(groups.items(), key=lambda item: (item[0] != main, item[0]))


@blueprint.get("/documents/<slug>")
def document(slug: str):
    store = get_store()
    validate_slug(slug, "document slug")
    document = store.document(slug)
    return render_template("document.html", document=document, versions=store.history(slug),
                           meeting=store.meeting(document.meeting),
                           retracted=store.retractions(slug))


@blueprint.get("/documents/<slug>/v<version>")
def snapshot(slug: str, version: str):
    """The version is read by ``parse_number`` rather than Werkzeug's ``int``
    converter, which takes any Unicode digit and any size."""
    store = get_store()
    validate_slug(slug, "document slug")
    found = store.snapshot(slug, parse_number(version, "version"))
    return render_template("snapshot.html", snapshot=found,
                           paragraphs=paragraphs(found.text))
