"""Full-text search over every snapshot (the store's FTS5 index)."""

from flask import Blueprint, render_template, request

from tracker.errors import InputError
from tracker.store.store import HIGHLIGHT_END, HIGHLIGHT_START
from tracker.web.db import get_store

blueprint = Blueprint("search", __name__)
MAX_QUERY = 500


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, highlighted) pieces, so the template can
    wrap matches in ``<mark>`` while escaping every piece."""
    parts, marked = [], False
    for piece in snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        if piece:
            parts.append((piece, marked))
        marked = not marked
    return parts


@blueprint.get("/search")
def search():
    store = get_store()
    q = request.args.get("q", "").strip()[:MAX_QUERY]
    meeting, publisher = request.args.get("meeting", ""), request.args.get("publisher", "")
    all_versions = request.args.get("versions") == "all"
    hits, message = [], None
    if q:
        try:
            hits = store.search(q, meeting or None, publisher or None, all_versions)
        except InputError as error:
            message = str(error)
    return render_template(
        "search.html", q=q, hits=[(h, snippet_parts(h.snippet)) for h in hits],
        message=message, meeting=meeting, publisher=publisher, all_versions=all_versions,
        meetings=store.meetings(), publishers=store.publishers(),
    )
