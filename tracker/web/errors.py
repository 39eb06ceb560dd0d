"""Error pages: a user's mistake is a 4xx page, never a stack trace."""

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException

from tracker.errors import DatabaseError, InputError, NotFoundError, TrackerError


def _page(status: int, title: str, message: str):
    return render_template("error.html", status=status, title=title, message=message), status


def init_app(app: Flask) -> None:
    @app.errorhandler(NotFoundError)
    def not_found(error):
        return _page(404, "Not found", str(error))

    @app.errorhandler(InputError)
    def bad_input(error):
        return _page(400, "Bad request", str(error))

    @app.errorhandler(DatabaseError)
    def no_database(error):
        return _page(503, "Database unavailable", str(error))

    @app.errorhandler(TrackerError)
    def other(error):
        return _page(409, "Conflict", str(error))

    @app.errorhandler(HTTPException)
    def http_error(error):
        return _page(error.code or 500, error.name, error.description or "")

    @app.errorhandler(Exception)
    def unexpected(_error):
        app.logger.exception("unexpected error")
        return _page(500, "Server error", "Something went wrong; the error was logged.")
