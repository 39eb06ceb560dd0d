"""Full-text search over every snapshot (the store's FTS5 index): the
``/search`` page; ``/api/search`` takes the same parameters
(``tracker.web.searching``).

A search is the costliest page a visitor can ask for, so it is bounded four
ways: the store snippets only the page shown, and long texts only in a
window; a time budget (``SEARCH_TIME_BUDGET`` seconds, 2 by default) turns a
search that runs long into a 503 that says to narrow it; each client has a
rate limit (``SEARCH_RATE_LIMIT``, see :mod:`tracker.web.limits`); and a
rendered page is kept until the data changes, like the other pages.
"""

from flask import Blueprint, Response, render_template, request

from tracker.errors import InputError
from tracker.store.search import SearchResults, SearchTooSlow
from tracker.web.choices import choice_lists
from tracker.web.errors import status_of
from tracker.web.limits import retry_after
from tracker.web.pagecache import cached_page
from tracker.web.searching import (
    MAX_QUERY,
    PER_PAGE,
    SearchRequest,
    page_link,
    search_wait,
    snippet_parts,
)

blueprint = Blueprint("search", __name__)


@blueprint.before_request
def limit_search_rate():
    wait = search_wait()
    if wait:
        message = f"too many searches; retry in {max(1, round(wait))} s"
        return retry_after(Response(_page(SearchRequest(request.args.get("q", "")),
                                          message=message)), wait)
    return None


@blueprint.get("/search")
@cached_page
def search():
    try:
        wanted = SearchRequest.from_args(request.args)
        results = wanted.run() if wanted.q else SearchResults([])
    except (InputError, SearchTooSlow) as error:
        # The form again with the reason: a query with no word is bad
        # input (400), one past its time budget is a 503 that says to narrow it.
        shown = SearchRequest(request.args.get("q", "").strip()[:MAX_QUERY])
        return _page(shown, message=str(error)), status_of(error)
    return _page(wanted, results)


def _page(wanted: SearchRequest, results: SearchResults | None = None,
          message: str | None = None) -> str:
    hits = results.hits if results else []
    lists = choice_lists()
    return render_template(
        "search.html", q=wanted.q, hits=[(h, snippet_parts(h.snippet)) for h in hits],
        more=bool(results and results.more), message=message, wanted=wanted,
        first=(wanted.page - 1) * PER_PAGE + 1, next_page=page_link(wanted, results, 1),
        previous_page=page_link(wanted, results, -1), meeting=wanted.meeting,
        publisher=wanted.publisher, all_versions=wanted.all_versions,
        choices=lists, documents=lists.document_names)


