"""The links a listing page offers: a press-release list (HTML), an RSS or
Atom feed, or a sitemap, each read into the same ``Link`` records.

What the page's markup says is untrusted: feeds are parsed by lxml with
entities left unexpanded and no DTD or network access, every address is
made absolute against the page's own and kept only when it is http(s),
and the link rule's address pattern runs under the ``regex`` engine's
timeout, like the ignore patterns.
"""

import re
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin

from tracker.errors import InputError
from tracker.model import LinkRule

_FEED_ROOTS = {"rss", "RDF", "feed", "urlset", "sitemapindex"}
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*"
                        rb"(?:<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)?(?:<!--.*?-->\s*)*<([\w:]+)",
                        re.DOTALL)
_SPACES = re.compile(r"\s+")
_XML_DECLARATION = re.compile(r"^\ufeff?\s*<\?xml[^>]*>")
PATTERN_TIMEOUT = 1.0


@dataclass(frozen=True)
class Link:
    """An absolute http(s) address and the words it is shown with (an
    item's title in a feed; empty for a sitemap entry without one)."""

    url: str
    text: str


def listing_format(body: bytes) -> str:
    """``rss``, ``atom``, ``sitemap``, ``sitemapindex`` or ``html``, from the
    root element, whatever the server's ``Content-Type`` says."""
    match = _XML_START.match(body[:4096])
    root = match[1].decode("ascii", "replace").split(":")[-1] if match else ""
    if root not in _FEED_ROOTS:
        return "html"
    return {"RDF": "rss", "feed": "atom", "urlset": "sitemap"}.get(root, root)


def links_on_page(body: bytes, base_url: str, charset: str | None = None,
                  selector: str | None = None) -> list[Link]:
    """Every distinct http(s) link of the page, in page order."""
    kind = listing_format(body)
    if kind == "html":
        found = _html_links(body, charset, selector)
    elif selector:
        raise InputError(f"a link selector applies to HTML pages; this is a{'n' * (kind == 'atom')}"
                         f" {kind} listing, match its links by text or URL instead")
    else:
        found = _feed_links(body, kind)
    return _distinct(found, base_url)


def matching_links(links: list[Link], rule: LinkRule) -> list[Link]:
    """The links the rule's text and address parts accept (its selector
    was applied when the page was read)."""
    wanted = rule.text.casefold() if rule.text else None
    pattern = _compiled(rule.url_pattern) if rule.url_pattern else None
    return [link for link in links
            if (wanted is None or wanted in link.text.casefold())
            and (pattern is None or _url_matches(pattern, link.url))]


def validate_url_pattern(pattern: str | None) -> str | None:
    """A link-address pattern must compile: a typo fails when the listing
    is added, not at its first check."""
    if pattern:
        _compiled(pattern)
    return pattern or None


def _compiled(pattern: str):
    import regex

    try:
        return regex.compile(pattern)
    except regex.error as error:
        raise InputError(f"invalid link URL pattern {pattern!r}: {error}") from None


def _url_matches(pattern, url: str) -> bool:
    try:
        return pattern.search(url, timeout=PATTERN_TIMEOUT) is not None
    except TimeoutError:
        raise InputError(f"the link URL pattern {pattern.pattern!r} took longer than "
                         f"{PATTERN_TIMEOUT:g} s on {url[:100]}; simplify it") from None


def _html_links(body: bytes, charset: str | None, selector: str | None) -> list[tuple]:
    """Each ``<a href>`` (inside what ``selector`` matches, when given) with
    its text, and the page's ``<base href>``. lxml alone reads a list of
    thousands of links some twenty times faster than a BeautifulSoup tree,
    which is built only when a CSS selector needs it (soupsieve)."""
    from tracker.ingest.decode import decode_html

    text = _XML_DECLARATION.sub("", decode_html(body, charset), count=1)
    if selector:
        return _selected_links(text, selector)
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(text)
    except ParserError:  # nothing but white space, or comments
        return []
    base = root.find(".//base[@href]")
    prefix = base.get("href") if base is not None else None
    return [(a.get("href"), _words(a.text_content()) or _words(a.get("title", "")), prefix)
            for a in root.iter("a") if a.get("href")]


def _selected_links(text: str, selector: str) -> list[tuple]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(text, "lxml")
    base = soup.find("base", href=True)
    anchors = []
    for scope in soup.select(selector):
        anchors += [scope] if scope.name == "a" and scope.get("href") else scope.select("a[href]")
    prefix = base["href"] if base else None
    return [(a["href"], _words(a.get_text(" ")) or _words(a.get("title", "")), prefix)
            for a in anchors]


def _feed_links(body: bytes, kind: str) -> list[tuple]:
    if kind == "sitemapindex":
        raise InputError("this is a sitemap index, a list of sitemaps: watch the sitemap "
                         "that lists the statements instead")
    root = _parse_xml(body)
    reader = {"rss": _rss_item, "atom": _atom_entry, "sitemap": _sitemap_url}[kind]
    item_tag = {"rss": "item", "atom": "entry", "sitemap": "url"}[kind]
    found = []
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element) == item_tag:
            href, text = reader(element)
            if href:
                found.append((href.strip(), _words(text), None))
    return found


def _parse_xml(body: bytes):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as error:
        raise InputError(f"the feed is not readable XML ({error})") from None
    if root is None:
        raise InputError("the feed is not readable XML")
    return root


def _rss_item(item) -> tuple[str | None, str]:
    link = _child_text(item, "link")
    if not link:
        about = {k.split("}")[-1]: v for k, v in item.attrib.items()}.get("about")
        link = about or _child_text(item, "guid")
    return link, _child_text(item, "title")


def _atom_entry(entry) -> tuple[str | None, str]:
    links = [c for c in entry if _local(c) == "link" and c.get("href")]
    chosen = next((c for c in links if c.get("rel", "alternate") == "alternate"), None)
    return (chosen.get("href") if chosen is not None else None), _child_text(entry, "title")


def _sitemap_url(url) -> tuple[str | None, str]:
    """A sitemap entry's address, and the title a news or video sitemap
    gives it (``<news:title>``), if any."""
    titles = [e for e in url.iter() if isinstance(e.tag, str) and _local(e) == "title"]
    return _child_text(url, "loc"), "".join(titles[0].itertext()) if titles else ""


def _child_text(element, name: str) -> str:
    for child in element:
        if isinstance(child.tag, str) and _local(child) == name:
            return "".join(child.itertext()).strip()
    return ""


def _local(element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _words(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _distinct(found: list[tuple], base_url: str) -> list[Link]:
    """Absolute, fragment-free http(s) addresses, each once, with the first
    non-empty text any of its links gave."""
    links: dict[str, str] = {}
    bases: dict[str | None, str] = {}
    for href, text, prefix in found:
        try:
            if prefix not in bases:
                bases[prefix] = urljoin(base_url, prefix or "")
            url = urldefrag(urljoin(bases[prefix], href.strip()))[0]
        except ValueError:  # a malformed address (bad IPv6 literal, port): not a link
            continue
        if url.startswith(("http://", "https://")) and len(url) <= 2000:
            links[url] = links.get(url) or text
    return [Link(url, text) for url, text in links.items()]
