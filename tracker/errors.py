"""Errors that reach users as one readable line.

Every layer raises a subclass of ``TrackerError``; the CLI prints its message
and exits 1, the web app turns it into a 4xx page. Anything else is a bug.
"""


class TrackerError(Exception):
    """A problem the user can act on; the message is shown as it is."""


class InputError(TrackerError):
    """The input (file, URL, stdin, option value) cannot be used."""


class NotFoundError(TrackerError):
    """A series, meeting, document or version does not exist."""


class ConflictError(TrackerError):
    """The input contradicts what the database already holds."""


class DatabaseError(TrackerError):
    """The database file is missing, unreadable or not a tracker database."""
