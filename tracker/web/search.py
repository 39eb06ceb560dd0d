"""Full-text search over every snapshot (the store's FTS5 index).

A search is the costliest page a visitor can ask for, so it is bounded four
ways: the store snippets only the first page, and long texts only in a
window; a time budget (``SEARCH_TIME_BUDGET`` seconds, 2 by default) turns a
search that runs long into a 503 that says to narrow it; each client has a
rate limit (``SEARCH_RATE_LIMIT``, see :mod:`tracker.web.limits`); and a
rendered page is kept until the data changes, like the other pages.
"""

from flask import Blueprint, Response, current_app, render_template, request

from tracker.errors import InputError
from tracker.refs.labels import document_label
from tracker.store.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchResults, SearchTooSlow
from tracker.web.db import get_store
from tracker.web.errors import status_of
from tracker.web.limits import client_wait, retry_after, search_rate
from tracker.web.pagecache import cached_page

blueprint = Blueprint("search", __name__)
MAX_QUERY = 500
DEFAULT_TIME_BUDGET = 2.0


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, highlighted) pieces, so the template can
    wrap matches in ``<mark>`` while escaping every piece."""
    parts, marked = [], False
    for piece in snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        if piece:
            parts.append((piece, marked))
        marked = not marked
    return parts


@blueprint.before_request
def limit_search_rate():
    wait = client_wait("tracker.search_limiter", search_rate)
    if wait:
        message = f"too many searches; retry in {max(1, round(wait))} s"
        return retry_after(Response(_page(request.args.get("q", ""), message=message)), wait)
    return None


@blueprint.get("/search")
@cached_page
def search():
    q = request.args.get("q", "").strip()[:MAX_QUERY]
    results = SearchResults([])
    if q:
        try:
            results = get_store().search(
                q, request.args.get("meeting") or None, request.args.get("publisher") or None,
                request.args.get("versions") == "all",
                budget_seconds=current_app.config.get("SEARCH_TIME_BUDGET",
                                                      DEFAULT_TIME_BUDGET))
        except (InputError, SearchTooSlow) as error:
            # The form again with the reason: a query with no word is bad
            # input (400), one past its time budget is a 503 that says to narrow it.
            return _page(q, message=str(error)), status_of(error)
    return _page(q, results)


def _page(q: str, results: SearchResults | None = None, message: str | None = None) -> str:
    store = get_store()
    hits = results.hits if results else []
    meetings = store.meetings()
    return render_template(
        "search.html", q=q, hits=[(h, snippet_parts(h.snippet)) for h in hits],
        more=bool(results and results.more), message=message,
        meeting=request.args.get("meeting", ""), publisher=request.args.get("publisher", ""),
        all_versions=request.args.get("versions") == "all",
        meetings=meetings, publishers=store.publishers(),
        documents={d.slug: document_label(d) for m in meetings for d in m.documents},
    )
