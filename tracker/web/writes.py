"""Adding a snapshot or a watched source from a form or a JSON body.

The browser's forms (``admin``, ``watch``) and the JSON API (``api``) take
the same fields and must refuse the same things with the same reasons, so
the validation is here, once, and each blueprint only says where the values
come from and how to answer.
"""

from dataclasses import replace

from flask import current_app

from tracker.errors import InputError
from tracker.ingest.formats import FORMATS
from tracker.ingest.intake import read_bytes
from tracker.ingest.netguard import AddressPolicy, validate_public_url
from tracker.model import Capture, DocumentSpec, Source
from tracker.refs import validate_url_status
from tracker.refs.specs import document_spec_from_options
from tracker.watch.timing import validate_url
from tracker.web.db import get_store

FIELDS = ("document", "meeting", "series", "title", "date", "location", "publisher",
          "language", "kind")


def add_from_values(values, data: bytes, name: str):
    """Validate everything, then write once: bad input changes nothing."""
    spec = _with_url(document_spec_from_options(**{f: _text(values, f) for f in FIELDS}),
                     values)
    fmt = values.get("format") or "auto"
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt[:40]!r} (use {', '.join(FORMATS)})")
    intake = read_bytes(data, fmt, name, current_app.config["MAX_INPUT_BYTES"])
    capture = Capture(text=intake.text, raw=intake.raw, raw_type=intake.raw_type,
                      origin="web", note=_text(values, "note"))
    return get_store().add(spec, capture)


def _text(values, name: str) -> str | None:
    """A form or JSON field, stripped; blank (or not a string) means not given."""
    value = values.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _with_url(spec: DocumentSpec, values) -> DocumentSpec:
    """The document's official address and what is known of it, both checked
    (``url_status`` against ``URL_STATUSES``); they fill blanks only."""
    url = _text(values, "url")
    return replace(spec, url=validate_url(url) if url else None,
                   url_status=validate_url_status(_text(values, "url_status")))


def add_source_from_values(values) -> Source:
    """Validate a page source, or a listing (``listing`` set: a list of
    statements whose new links become documents), then register it."""
    from tracker.watch.sources import register_sources

    spec = _listing_spec(values) if values.get("listing") else _page_spec(values)
    policy = current_app.config.get("SOURCE_ADDRESS_POLICY") or AddressPolicy()
    if not current_app.config.get("ALLOW_PRIVATE_SOURCES", False):
        validate_public_url(spec.url, policy)
    # Recorded as a web source: the watcher checks its address on every fetch
    # (and a listing's links, wherever it came from).
    return register_sources(get_store(), [spec], update=False, origin="web")[0].source


def _common_source_fields(values) -> dict:
    """What pages and listings share: the statement pages' selector and
    ignore rules, the schedule and the note."""
    ignore = values.get("ignore") or []
    if isinstance(ignore, str):
        ignore = [line for line in ignore.splitlines() if line.strip()]
    return {"selector": _text(values, "selector"), "every": _text(values, "every"),
            "cron": _text(values, "cron"), "ignore": tuple(ignore),
            "note": _text(values, "note")}


def _page_spec(values):
    from tracker.watch.jobfile import source_spec

    return source_spec(_text(values, "url") or "", _text(values, "document") or "",
                       _text(values, "meeting"), **_common_source_fields(values))


_LISTING_FIELDS = ("link_text", "link_selector", "link_url", "meeting_pattern", "publisher")


def _listing_spec(values):
    from tracker.watch.jobfile import listing_spec

    if _text(values, "document") or _text(values, "meeting"):
        raise InputError("a listing finds its documents itself: leave out document and "
                         "meeting (give series)")
    if not _text(values, "series"):
        raise InputError("a listing needs a series (e.g. edscg)")
    return listing_spec(_text(values, "url") or "", _text(values, "series"),
                        **{f: _text(values, f) for f in _LISTING_FIELDS},
                        follow_existing=values.get("follow_existing") in (True, "1", "on"),
                        **_common_source_fields(values))
