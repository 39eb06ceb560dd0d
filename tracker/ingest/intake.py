"""One SOURCE (a file, an http(s) URL, or ``-`` for standard input) into
an ``Intake`` record, through the pipeline the watcher uses too.

Everything here happens before the database is opened, so input that cannot
be used is refused without touching it.
"""

import os
import sys

from tracker.errors import InputError
from tracker.ingest.formats import format_for_suffix, readable_binary
from tracker.ingest.pipeline import Intake, from_bytes, from_page


def read_source(source: str, fmt: str, max_bytes: int, policy=None) -> Intake:
    """``policy`` (a ``tracker.ingest.netguard.AddressPolicy``) limits which
    addresses a URL may reach; None reaches any."""
    if source == "-":
        return read_bytes(_read_stdin(max_bytes), fmt, "standard input", max_bytes)
    if source.startswith(("http://", "https://")):
        return _from_url(source, fmt, max_bytes, policy)
    return _from_file(file_name(source), fmt, max_bytes)


def read_bytes(data: bytes, fmt: str, name: str, max_bytes: int) -> Intake:
    """Bytes that arrived with nothing said about them (standard input, a
    web upload or form field)."""
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes:,} bytes")
    return from_bytes(data, fmt, name)


def file_name(source: str) -> str:
    """``str(Path(source))``: the name as messages give it. Without pathlib
    (~4 ms to import on a ``tracker diff``) for a name already in that form
    (no ``//``, ``.`` part or trailing slash: nearly every name)."""
    if source and os.path.normpath(source) == source:
        return source
    from pathlib import Path

    return str(Path(source))


def _from_file(path: str, fmt: str, max_bytes: int) -> Intake:
    if not os.path.exists(path):
        raise InputError(f"{path}: no such file")
    if not os.path.isfile(path):
        raise InputError(f"{path}: not a file")
    if os.path.getsize(path) > max_bytes:
        raise InputError(f"{path}: larger than the limit of {max_bytes:,} bytes")
    try:
        with open(path, "rb") as file:
            data = file.read()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if fmt == "auto" and not readable_binary(data):
        fmt = format_for_suffix(path)
    return from_bytes(data, fmt, path)


def _from_url(url: str, fmt: str, max_bytes: int, policy=None) -> Intake:
    from tracker.ingest.fetch import fetch

    return from_page(fetch(url, max_bytes, policy=policy), fmt)


def _read_stdin(max_bytes: int) -> bytes:
    data = sys.stdin.buffer.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"standard input: larger than the limit of {max_bytes:,} bytes")
    return data

