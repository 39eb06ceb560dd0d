"""Rendered pages kept while what they show stands still.

A page is keyed by its full path and query and by the store's content
revision, which triggers move on with every change to the texts and what
describes them; a page that shows watch state (sources, checks, reports)
also by the watch revision, which checks and deliveries move. So a cached
page is never stale, the scheduler's checks never empty the cache of text
pages, and a repeated compare or home page costs one small query instead of
a render. Concurrent misses of one page share one render (``LRUCache``'s
single flight).
"""

from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request, session

from tracker.web.db import get_store
from tracker.web.lru import LRUCache

EXTENSION = "tracker.pages"


def cached_page(view: Callable | None = None, *, mimetype: str = "text/html",
                watch: bool = False) -> Callable:
    """Serve a successful render from the cache; errors are not kept.
    Signed-in pages carry a CSRF token and are never cached or served from it.
    A view that returns a string is cached; any other response is passed on.
    ``watch``: the page shows watch state, and is kept only while it stands still."""
    if view is None:
        return lambda actual: cached_page(actual, mimetype=mimetype, watch=watch)

    @wraps(view)
    def wrapped(*args, **kwargs):
        if session.get("admin"):
            return _respond(view(*args, **kwargs), mimetype)
        cache: LRUCache[bytes] = current_app.extensions[EXTENSION]
        page = cache.get_or_build(_key(watch), lambda: _encoded(view(*args, **kwargs)),
                                  keep=lambda built: isinstance(built, bytes))
        return _respond(page, mimetype)

    return wrapped


def _encoded(page):
    """A rendered page as the bytes sent, so a hit does not encode it again
    (the home page of a large tracker is hundreds of kilobytes)."""
    return page.encode() if isinstance(page, str) else page


def _key(watch: bool) -> tuple:
    store = get_store()
    return (request.full_path, *(store.revisions() if watch else (store.revision(),)))


def _respond(page, mimetype: str):
    return Response(page, mimetype=mimetype) if isinstance(page, str | bytes) else page
