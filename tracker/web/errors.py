"""Error answers: a user's mistake is a 4xx page, never a stack trace.

Every error, whatever raised it, goes through the one ``_answer`` below, so
that a script talking to ``/api/`` always gets ``{"error": "..."}`` as JSON:
also for the 404 of an unknown address and the 405 of a wrong method, which
Werkzeug raises while routing, before the API blueprint (and any handler of
its own) is chosen. A ``TrackerError`` carries its own HTTP status
(``tracker.errors``); nothing here maps classes to numbers.
"""

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from tracker.errors import TrackerError

API_PREFIX = "/api/"
# Headers of an HTTP error worth keeping when the body is replaced.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def is_api_request() -> bool:
    return request.path == API_PREFIX.rstrip("/") or request.path.startswith(API_PREFIX)


def _answer(status: int, title: str, message: str, headers=()):
    """One line for the user: JSON under ``/api/``, the error page elsewhere."""
    message = " ".join(message.split())
    if is_api_request():
        response = jsonify({"error": message or title})
    else:
        response = render_template("error.html", status=status, title=title, message=message)
    return response, status, [(k, v) for k, v in headers if k in KEPT_HEADERS]


def status_of(error: TrackerError) -> int:
    """The status of the error's class. Read from the class because an
    instance may keep a ``status`` of its own with another meaning: a
    ``FetchError`` holds the fetched page's HTTP status, or None."""
    return type(error).status


def init_app(app: Flask) -> None:
    @app.errorhandler(TrackerError)
    def tracker_error(error: TrackerError):
        return _answer(status_of(error), error.title, str(error))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _answer(error.code or 500, error.name, error.description or "",
                      error.get_headers())

    @app.errorhandler(Exception)
    def unexpected(_error: Exception):
        app.logger.exception("unexpected error")
        return _answer(500, "Server error", "Something went wrong; the error was logged.")
