"""Annotations as an Atom 1.0 feed (``/annotations.atom``): a team follows
what its analysts marked, newest first, with the significance in the title
and the tags as categories. Built like the reports feed (ElementTree escapes
every text), with entry ids from each annotation's ``uid``, which stays the
same across exports and imports.
"""

from collections.abc import Iterable
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

from tracker.reports.feed import ATOM, EPOCH, _add, _link  # one way to write Atom

FEED_TITLE = "tracker: annotations"


def render_annotations_atom(annotations: Iterable, base_url: str) -> str:
    base = base_url.rstrip("/")
    annotations = list(annotations)
    feed = Element("feed", xmlns=ATOM)
    _add(feed, "id", f"{base}/annotations.atom")
    _add(feed, "title", FEED_TITLE)
    _add(feed, "updated", max((_stamp(a.created_at) for a in annotations), default=EPOCH))
    _link(feed, f"{base}/annotations.atom", rel="self", type="application/atom+xml")
    _add(SubElement(feed, "author"), "name", "tracker")
    for annotation in annotations:
        feed.append(_entry(annotation, base))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode") + "\n"


def _entry(annotation, base: str) -> Element:
    entry = Element("entry")
    host = (urlsplit(base).hostname or "localhost").lower()
    _add(entry, "id", f"tag:{host},{annotation.created_at[:10]}:annotation/{annotation.uid}")
    _add(entry, "title", f"{annotation.significance}: {annotation.excerpt[:100]}")
    _add(entry, "updated", _stamp(annotation.created_at))
    _add(SubElement(entry, "author"), "name", annotation.created_by)
    _link(entry, base + annotated_page(annotation), rel="alternate", type="text/html")
    for tag in annotation.tags:
        SubElement(entry, "category", term=tag)
    _add(entry, "summary", _summary(annotation), type="text")
    return entry


def annotated_page(annotation) -> str:
    """The path of the page that shows the annotation."""
    if annotation.target == "thread":
        return f"/commitments/{quote(annotation.series)}#annotation-{annotation.id}"
    spec = quote(f"{annotation.a_ref}...{annotation.b_ref}", safe="@.")
    return f"/compare/{spec}#annotation-{annotation.id}"


def _summary(annotation) -> str:
    where = (f"commitment thread in {annotation.series}" if annotation.target == "thread"
             else f"{annotation.a_ref} → {annotation.b_ref}")
    tags = f"\nTags: {', '.join(annotation.tags)}" if annotation.tags else ""
    return f"{annotation.note or '(no note)'}\n\nOn {where}: «{annotation.excerpt}»{tags}"


def _stamp(created_at: str) -> str:
    """Atom wants seconds at most to be safe with every reader: drop microseconds."""
    return created_at[:19] + "Z" if len(created_at) > 20 else created_at
