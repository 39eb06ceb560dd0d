"""Rendered pages kept while the data stands still.

A page is keyed by its full path and query and by the store's revision
counter, which triggers move on with every change to what pages show. So a
cached page is never stale, and a repeated compare or home page costs one
small query instead of a render.
"""

from collections.abc import Callable
from functools import wraps

from flask import Response, current_app, request, session

from tracker.web.db import get_store
from tracker.web.lru import LRUCache

EXTENSION = "tracker.pages"



def cached_page(view: Callable | None = None, *, mimetype: str = "text/html") -> Callable:
    """Serve a successful render from the cache; errors are not kept.
    Signed-in pages carry a CSRF token and are never cached or served from it.
    A view that returns a string is cached; any other response is passed on."""
    if view is None:
        return lambda actual: cached_page(actual, mimetype=mimetype)

    @wraps(view)
    def wrapped(*args, **kwargs):
        if session.get("admin"):
            return _respond(view(*args, **kwargs), mimetype)
        cache: LRUCache[str] = current_app.extensions[EXTENSION]
        key = (request.full_path, get_store().revision())
        page = cache.get(key)
        if page is None:
            page = view(*args, **kwargs)
            if isinstance(page, str):
                cache.put(key, page)
        return _respond(page, mimetype)

    return wrapped


def _respond(page, mimetype: str):
    return Response(page, mimetype=mimetype) if isinstance(page, str) else page
