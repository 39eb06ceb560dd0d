"""Errors that reach users as one readable line.

Every layer raises a subclass of ``TrackerError``; the CLI prints its message
and exits 1, the web app answers it with the class's ``status``. Anything
else is a bug.

The HTTP status lives on the class, not in a table in the web layer, so that
a new error class says once how the web should answer it and no two views can
disagree about it (the form pages, the JSON API and the error page all read
``error.status``).
"""


class TrackerError(Exception):
    """A problem the user can act on; the message is shown as it is."""

    status: int = 400
    title: str = "Bad request"


class InputError(TrackerError):
    """The input (file, URL, stdin, option value) cannot be used."""


class NotFoundError(TrackerError):
    """A series, meeting, document or version does not exist."""

    status = 404
    title = "Not found"


class ConflictError(TrackerError):
    """The input contradicts what the database already holds."""

    status = 409
    title = "Conflict"


class DatabaseError(TrackerError):
    """The database file is missing, unreadable or not a tracker database.
    Nothing the request can fix, hence 503 rather than a 4xx."""

    status = 503
    title = "Database unavailable"


class UnavailableError(TrackerError):
    """The work asked for ran past a limit the server keeps (a search past its
    time budget): a narrower request may succeed, so 503 rather than 400."""

    status = 503
    title = "Service unavailable"
