"""Change reports as an Atom 1.0 feed (RFC 4287), for feed readers.

Built with ElementTree, which escapes every text and attribute, so no source
text can break out of its element. Entry ids are tag URIs (RFC 4151) made
from the report's key and day, so a reader that sees an entry again, in a
later feed or after a restart, knows it is the same report.
"""

import re
from collections.abc import Iterable
from urllib.parse import quote, urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

from tracker.compare.report import web_link
from tracker.model import Report
from tracker.reports.filters import ReportFilter
from tracker.reports.render import render_html, render_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "tracker: change reports"
EPOCH = "1970-01-01T00:00:00Z"
# XML 1.0 forbids these characters even when escaped; they carry no meaning here.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_atom(reports: Iterable[Report], base_url: str, updated: str | None = None,
                chosen: ReportFilter | None = None) -> str:
    """The feed document; ``updated`` defaults to the newest report's time.
    With a filter (the reports already narrowed by it), the feed's id, title
    and self link name it, and so does each entry's id."""
    base = base_url.rstrip("/")
    reports = list(reports)
    query = chosen.query_string() if chosen else ""
    address = f"{base}/feed.atom" + (f"?{query}" if query else "")
    feed = Element("feed", xmlns=ATOM)
    _add(feed, "id", address)
    _add(feed, "title", FEED_TITLE + (f" ({chosen.describe()})" if query else ""))
    _add(feed, "updated", updated or max((r.created_at for r in reports), default=EPOCH))
    _link(feed, address, rel="self", type="application/atom+xml")
    _link(feed, f"{base}/reports", rel="alternate", type="text/html")
    _add(SubElement(feed, "author"), "name", "tracker")
    _add(feed, "generator", "tracker")
    for report in reports:
        feed.append(report_entry(report, base, query))
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(feed, encoding="unicode") + "\n"


def report_entry(report: Report, base: str, query: str = "") -> Element:
    """One ``<entry>``: the compare page as its link, the plain-text report
    as its summary and the HTML report as its content."""
    entry = Element("entry")
    _add(entry, "id", entry_id(report, urlsplit(base).hostname or "localhost", query))
    _add(entry, "title", report.title)
    _add(entry, "updated", report.created_at)
    _add(entry, "published", report.created_at)
    page = f"{base}/reports/{report.id}"
    _link(entry, web_link(report.payload.get("link")) or page, rel="alternate",
          type="text/html")
    _link(entry, page, rel="related", type="text/html")
    _add(entry, "summary", render_text(report.payload), type="text")
    _add(entry, "content", render_html(report.payload), type="html")
    return entry


def entry_id(report: Report, authority: str, query: str = "") -> str:
    """``tag:<host>,<day>:report/<key>``: the same report, the same id. A
    report cut down by a filter is another entry: ``#`` and the filter's
    query follow, so a reader of two feeds never takes one for the other."""
    key = quote(report.key, safe="-._~!$&'()*+,;=:@/")
    fragment = "#" + quote(query, safe="=&") if query else ""
    return f"tag:{authority.lower()},{report.created_at[:10]}:report/{key}{fragment}"


def _add(parent: Element, tag: str, text: str, **attributes: str) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = _NOT_XML.sub("", text)
    return element


def _link(parent: Element, href: str, **attributes: str) -> Element:
    return SubElement(parent, "link", {"href": _NOT_XML.sub("", href), **attributes})
