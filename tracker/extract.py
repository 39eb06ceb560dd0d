"""HTML to statement text, with BeautifulSoup and lxml.

Keeps the text's paragraph structure (one block per paragraph, heading or
list item) and drops what is never part of a statement: scripts, styles,
navigation, page headers and footers, forms and embedded media. When the page
marks its main content (``<main>``, ``<article>``, ``role=main``) only that is
kept.
"""

from bs4 import BeautifulSoup, Tag

from tracker.errors import InputError
from tracker.text import canonical_text

DROPPED_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer",
                "aside", "form", "iframe", "svg", "canvas", "object", "embed", "button",
                "select", "textarea", "dialog")
BLOCK_TAGS = frozenset(("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote",
                        "pre", "dd", "dt", "figcaption", "caption", "td", "th", "address",
                        "div", "section", "article", "main", "ul", "ol", "dl", "table",
                        "tr", "tbody", "thead", "figure", "hr", "body"))
MAIN_SELECTORS = ("main", "[role=main]", "article")


def html_to_text(html: bytes | str, selector: str | None = None) -> str:
    """Return the canonical text of an HTML page (or of ``selector`` in it)."""
    soup = BeautifulSoup(html, "lxml")
    root = _content_root(soup, selector)
    for tag in root.find_all(DROPPED_TAGS):
        tag.decompose()
    text = canonical_text("\n\n".join(_blocks(root)))
    if not text:
        raise InputError("no statement text found in the HTML")
    return text


def _content_root(soup: BeautifulSoup, selector: str | None) -> Tag:
    if selector:
        found = soup.select(selector)
        if not found:
            raise InputError(f"the selector {selector!r} matches nothing in the page")
        return _wrap(soup, found)
    for candidate in MAIN_SELECTORS:
        found = soup.select(candidate)
        if found:
            return _wrap(soup, found)
    return soup.body or soup


def _wrap(soup: BeautifulSoup, tags: list[Tag]) -> Tag:
    """Put several matched elements under one root, in page order."""
    if len(tags) == 1:
        return tags[0]
    root = soup.new_tag("div")
    for tag in tags:
        root.append(tag.extract())
    return root


def _blocks(root: Tag) -> list[str]:
    """Text of each block, where a block's own text is what lies outside its
    nested blocks (so ``<div>intro<p>para</p></div>`` gives two blocks).

    Walks with an explicit stack: hostile pages nest thousands deep.
    """
    blocks: list[str] = []
    current: list[str] = []
    stack: list[object] = [iter(root.children)]
    while stack:
        top = stack[-1]
        if top is _BLOCK_END:
            stack.pop()
            _flush(current, blocks)
            continue
        child = next(top, None)
        if child is None:
            stack.pop()
        elif isinstance(child, Tag):
            if child.name == "br":
                current.append("\n")
                continue
            if child.name in BLOCK_TAGS:
                _flush(current, blocks)
                stack.append(_BLOCK_END)
            stack.append(iter(child.children))
        elif type(child).__name__ in ("NavigableString", "CData"):
            current.append(str(child))
    _flush(current, blocks)
    return blocks


_BLOCK_END = object()


def _flush(current: list[str], blocks: list[str]) -> None:
    joined = "".join(current).strip()
    if joined:
        blocks.append(joined if "\n" in joined else " ".join(joined.split()))
    current.clear()
