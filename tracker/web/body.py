"""JSON request bodies, checked field by field before anything reads them.

A body is whatever a script sent: ``"document": 123`` or ``"note": {}``
must come back as one line naming the field, not as an ``AttributeError``
from deep inside the validation that expected a string. Each endpoint says
which fields it takes and of which type; an unknown field is refused too, so
that a misspelt ``"evrey"`` does not silently fall back to a default.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flask import request

from tracker.errors import InputError

MAX_NAME = 40  # characters of an unknown field's name quoted back


@dataclass(frozen=True)
class Kind:
    """A JSON type a field may hold, as a sentence names it."""

    name: str
    accepts: Callable[[object], bool]


STRING = Kind("a string", lambda value: isinstance(value, str))
BOOLEAN = Kind("true or false", lambda value: isinstance(value, bool))
LINES = Kind("a string or a list of strings",
             lambda value: isinstance(value, str) or (
                 isinstance(value, list) and all(isinstance(item, str) for item in value)))


def json_type(value: object) -> str:
    """What a JSON value is, in the words of an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        odd = [item for item in value if not isinstance(item, str)]
        return f"a list holding {json_type(odd[0])}" if odd else "a list"
    return {str: "a string", dict: "an object"}.get(type(value), "a value")


def read_json_object() -> dict:
    """The request's body as a JSON object, or ``InputError``.

    Python's parser gives up on very deep nesting with ``RecursionError``,
    which is not a ``ValueError`` and so escapes ``silent=True``.
    """
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        raise InputError("the JSON body is nested too deeply") from None
    if not isinstance(body, dict):
        raise InputError(f"send a JSON object (with Content-Type: application/json), "
                         f"not {json_type(body) if body is not None else 'this body'}")
    return body


def check_fields(body: dict, fields: Mapping[str, Kind], required: tuple[str, ...] = ()) -> dict:
    """``body`` without its null fields, once every field is known and of its
    kind and every required field is there."""
    for name in body:
        if name not in fields:
            raise InputError(f"unknown field {name[:MAX_NAME]!r}; use "
                             f"{', '.join(sorted(fields))}")
    for name in required:
        if body.get(name) is None:
            raise InputError(f"the field {name!r} is required")
    for name, value in body.items():
        kind = fields[name]
        if value is not None and not kind.accepts(value):
            raise InputError(f"the field {name!r} must be {kind.name}, not {json_type(value)}")
    return {name: value for name, value in body.items() if value is not None}
