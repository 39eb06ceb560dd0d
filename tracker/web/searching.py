"""What the search page and ``/api/search`` share: reading a search from a
query string, running it one page at a time, and the JSON of a page.

Pages go up to ``MAX_PAGE``: past that, narrowing finds more than paging.
"""

from dataclasses import dataclass

from flask import current_app, url_for

from tracker.errors import InputError
from tracker.refs import parse_number
from tracker.store.search import HIGHLIGHT_END, HIGHLIGHT_START, SearchResults
from tracker.web.db import get_store
from tracker.web.limits import client_wait, search_rate

MAX_QUERY = 500
DEFAULT_TIME_BUDGET = 2.0
PER_PAGE = 50
MAX_PAGE = 20


@dataclass(frozen=True)
class SearchRequest:
    """What a search asks for, read alike from the page's and the API's query."""

    q: str = ""
    meeting: str = ""
    publisher: str = ""
    all_versions: bool = False
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "SearchRequest":
        page = parse_number(args.get("page") or "1", "page")
        if page > MAX_PAGE:
            raise InputError(f"invalid page {page}: searches go up to page {MAX_PAGE}; "
                             "narrow the search instead")
        return cls(args.get("q", "").strip()[:MAX_QUERY], args.get("meeting", ""),
                   args.get("publisher", ""), args.get("versions") == "all", page)

    def run(self) -> SearchResults:
        """This page of hits; raises ``InputError`` (no word to search for)
        or ``SearchTooSlow`` (past the time budget)."""
        return get_store().search(
            self.q, self.meeting or None, self.publisher or None, self.all_versions,
            limit=PER_PAGE, offset=(self.page - 1) * PER_PAGE,
            budget_seconds=current_app.config.get("SEARCH_TIME_BUDGET", DEFAULT_TIME_BUDGET))

    def args(self, page: int) -> dict:
        """The query string of another page of this search."""
        given = {"q": self.q, "meeting": self.meeting, "publisher": self.publisher,
                 "versions": "all" if self.all_versions else "", "page": page}
        return {k: v for k, v in given.items() if v and not (k == "page" and v == 1)}


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, highlighted) pieces, so the template can
    wrap matches in ``<mark>`` while escaping every piece."""
    parts, marked = [], False
    for piece in snippet.replace(HIGHLIGHT_END, HIGHLIGHT_START).split(HIGHLIGHT_START):
        if piece:
            parts.append((piece, marked))
        marked = not marked
    return parts


def search_wait() -> float:
    """Seconds this client must wait before searching again (0: go ahead)."""
    return client_wait("tracker.search_limiter", search_rate)


def page_link(wanted: SearchRequest, results: SearchResults | None, step: int,
          endpoint: str = "search.search") -> str | None:
    """The address of the next (``step`` 1) or previous (-1) page, if any."""
    page = wanted.page + step
    if not results or page < 1 or page > MAX_PAGE or (step > 0 and not results.more):
        return None
    return url_for(endpoint, **wanted.args(page))


def search_json(wanted: SearchRequest, results: SearchResults) -> dict:
    """``/api/search``'s answer: the hits of one page with plain snippets and
    where their matches are, and the addresses of the pages around it."""
    return {"query": wanted.q, "meeting": wanted.meeting or None,
            "publisher": wanted.publisher or None,
            "versions": "all" if wanted.all_versions else "latest",
            "page": wanted.page, "per_page": PER_PAGE, "more": results.more,
            "next": page_link(wanted, results, 1, "api.search"),
            "previous": page_link(wanted, results, -1, "api.search"),
            "hits": [_hit_json(hit) for hit in results.hits]}


def _hit_json(hit) -> dict:
    text, highlights = "", []
    for piece, marked in snippet_parts(hit.snippet):
        if marked:
            highlights.append([len(text), len(text) + len(piece)])
        text += piece
    return {**hit.to_dict(), "snippet": text, "highlights": highlights,
            "url": url_for("pages.snapshot", slug=hit.document, version=hit.version)}
