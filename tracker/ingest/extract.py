"""HTML to statement text: find the main content, keep its paragraphs.

Steps, each a function below, with plain data between them:

1. ``_decode`` and ``_parse``: bytes to a light tree of ``Node`` objects.
   lxml's parser feeds a tree builder of ours, because lxml's own trees stop
   at 256 (or 2,048) levels and hostile pages nest deeper; scripts, styles,
   form fields, media and hidden elements never enter the tree.
2. ``_measure``: bottom-up passes giving every node its text and link-text
   lengths and a *content score*: long, sentence-like paragraphs count for
   their length, link lists and short fragments count against, and boxes
   tagged or named like page furniture (``nav``, ``share``, ``related``,
   ``cookie``...) cannot add to their parents' score.
3. ``_content_root``: unless the source gives a CSS selector, the node with
   the best score, where groups of blocks nested in a container count for
   less (``focus``), so a statement's sibling paragraphs beat a list of
   teasers holding as much text. Then widened to the parent that gathers a
   statement split into sections, and to an enclosing ``<article>`` or
   ``<main>`` when that costs little: a ``<main>`` wrapping huge menus or a
   page of ``<article>`` teasers does not win by its tag alone. A page with
   too little text to judge falls back to ``<main>``/``<article>``/``<body>``.
4. ``_blocks``: the headline just before the content, if any, and the text
   of the content, one block per paragraph, heading or list item, leaving
   out the furniture, lone short links and "last updated" lines inside it.

Every walk uses an explicit stack or a flat list: no recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag
from lxml import etree
from soupsieve import SelectorSyntaxError

from tracker.errors import InputError
from tracker.ingest.decode import decode_html
from tracker.ingest.metadata import PageMetadata, page_metadata
from tracker.ingest.wrappers import drop_wrappers, title_variants
from tracker.text import canonical_text

# Never text a reader sees.
SKIPPED_TAGS = frozenset((
    "script", "style", "noscript", "template", "svg", "math", "iframe", "canvas", "object",
    "embed", "select", "option", "textarea", "input", "head", "video", "audio", "map", "link",
    "meta"))
# Page furniture by tag: left out of the content wherever it sits.
CHROME_TAGS = frozenset(("nav", "header", "footer", "aside", "menu", "figcaption"))
# Widgets: furniture too, but not skipped outright like SKIPPED_TAGS nor always
# left out: a page whose markup leaves a <button> open has its text inside it.
WIDGET_TAGS = frozenset(("button", "dialog"))
BLOCK_TAGS = frozenset((
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt",
    "figcaption", "caption", "td", "th", "address", "div", "section", "article", "main",
    "ul", "ol", "dl", "table", "tr", "tbody", "thead", "tfoot", "figure", "hr", "body",
    "html", "center", "details", "summary", "fieldset", "legend", "form", "hgroup",
    "#root", *CHROME_TAGS))
HEADINGS = frozenset(("h1", "h2", "h3", "h4", "h5", "h6"))

# Words in class and id names; matched whole, after splitting ``shareBar`` or
# ``share-bar`` into words, so "ad" does not match "header" or "download".
NEGATIVE_WORDS = frozenset((
    "nav", "navbar", "navigation", "menu", "footer", "share", "sharing", "social", "related",
    "comment", "comments", "sidebar", "breadcrumb", "breadcrumbs", "cookie", "cookies",
    "banner", "subscribe", "subscription", "newsletter", "promo", "ad", "ads", "advert",
    "advertisement", "sponsor", "sponsored", "popup", "modal", "masthead",
    "toolbar", "pagination", "pager", "skip", "signup", "outbrain", "taboola", "disqus",
    "byline", "updated", "modified", "timestamp", "tags", "tag", "print", "more",
    "recommended", "trending", "popular", "teaser", "teasers", "consent", "gdpr", "login",
    "search", "rating", "author", "meta", "dateline", "date", "caption", "credit",
    "breaking", "ticker", "latest", "carousel", "slider", "popmake"))
POSITIVE_WORDS = frozenset((
    "article", "content", "entry", "post", "story", "body", "text", "main", "release",
    "statement", "press", "articlebody", "blog", "prose", "richtext", "rte", "detail"))
_CAMEL = re.compile(r"([a-z])([A-Z])")
_WORDS = re.compile(r"[a-z]+")
# Lines about the page rather than the statement, dropped when a block is only that.
_PAGE_LINE = re.compile(
    r"(last|page) (updated|modified|reviewed|changed)\b|^updated:|^letzte änderung|"
    r"^zuletzt (aktualisiert|geändert)|^stand:|^back to\b|^zurück zu[mr]?\b|"
    r"^(share|print)( this|:|$)|"
    r"^최종 ?수정", re.I)
_WIDE_CHARS = re.compile(r"[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Content score of one paragraph (see _paragraph_value).
GOOD_LENGTH = 80        # characters of plain text that make a real paragraph
FAIR_LENGTH = 30
LINK_WEIGHT = 1.5       # each character of link text in a fragment counts this much against
FRAGMENT_COST = 10      # a short fragment with a link (menu entry) costs this much more
PLAIN_FRAGMENT_COST = 2  # and one without (label, date) this much
MIN_CONTENT = 150       # below this much paragraph text the page is judged by its tags
SWALLOWED = 0.8         # furniture holding this share of the page's paragraphs is not
SHORT_LINK = 60         # a lone link shorter than this is a "back" or "more" link
TITLE_LEVELS = 3        # how far up from the content an <h1> is looked for
GROUP_DECAY = 0.5       # see _contribution
SIBLING_LOSS = 0.05     # widening to gather sections may dip the score this much
WIDEN_LOSS = 0.15       # an enclosing <article>/<main> may cost this share of the score


@dataclass
class HeadFacts:
    """What the parser saw in tags the text leaves out (``<head>``, attributes).

    Kept with the parser, not in ``metadata``: every ``tracker diff`` loads
    that module for an empty ``PageMetadata``, and need not make this class."""

    lang: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    canonical: str | None = None
    time: str | None = None
    h1: str | None = None

    def see(self, tag: str, attrib: dict[str, str]) -> None:
        """Note the facts one start tag carries."""
        if tag == "html" and self.lang is None:
            self.lang = attrib.get("lang") or attrib.get("xml:lang")
        elif tag == "meta":
            key = (attrib.get("property") or attrib.get("name") or attrib.get("itemprop")
                   or attrib.get("http-equiv") or "").lower()
            if key and attrib.get("content") and key not in self.meta:
                self.meta[key] = attrib["content"].strip()
        elif tag == "link" and "canonical" in attrib.get("rel", "").lower().split():
            self.canonical = self.canonical or attrib.get("href")
        elif tag == "time" and self.time is None:
            self.time = attrib.get("datetime")


@dataclass(eq=False, slots=True)
class Node:
    """An element of the parsed page, with what ``_measure`` learns about it."""

    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)
    chars: int = 0            # visible characters in the subtree
    link_chars: int = 0       # of which inside links
    inline_chars: int = 0     # visible characters of its own paragraph (outside nested blocks)
    inline_links: int = 0
    score: float = 0.0        # content score of the subtree
    focus: float = 0.0        # the same, nested groups of blocks discounted (see _contribution)
    parts: int = 0            # child blocks with text (through inline elements)
    content: int = 0          # characters in good paragraphs of the subtree
    furniture: bool = False   # named or tagged like page furniture
    in_link: bool = False     # inside an <a>: all its text is link text

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass(frozen=True)
class Extracted:
    """The statement text of a page, the page's ``<title>`` if it has one,
    and what the page says about itself (``tracker.ingest.metadata``)."""

    text: str
    title: str | None = None
    metadata: PageMetadata = PageMetadata()


def html_to_text(html: bytes | str, selector: str | None = None) -> str:
    """Return the canonical text of an HTML page's main content (or of ``selector``)."""
    return extract_html(html, selector).text


def extract_html(html: bytes | str, selector: str | None = None,
                 url: str | None = None) -> Extracted:
    """The statement text (see the module docstring) with the page's title
    and metadata; ``url`` (where the page was read) is the address of last resort.
    The metadata is read before the wrappers go: a dateline is one of them."""
    text = _decode(html)
    page = _parse(text)
    page.head.h1 = _first_heading(page.root)
    blocks: list[str] = []
    for root in _select(text, selector) if selector else [page.root]:
        nodes = _measure(root)
        content = root if selector else _content_root(root, nodes)
        headline = None if selector else _title_before(content)
        blocks += ([] if headline is None else _blocks(headline)) + _blocks(content)
    text = canonical_text("\n\n".join(blocks))
    metadata = page_metadata(page.head, page.title, text, url)
    titles = (*title_variants(page.title), metadata.title or "", page.head.h1 or "")
    text = drop_wrappers(text, titles)
    if not text:
        raise InputError("no statement text found in the HTML")
    return Extracted(text, page.title, metadata)


# -- 1. parsing ---------------------------------------------------------------------------------

def _decode(html: bytes | str) -> str:
    """Text of the page, NULs removed (libxml2 stops at them). Bytes go
    through the one decoder (``tracker.ingest.decode``), with no HTTP
    charset to go on."""
    if isinstance(html, bytes):
        html = decode_html(html)
    return html.replace("\x00", "")


def _parse(text: str) -> _TreeBuilder:
    builder = _TreeBuilder()
    parser = etree.HTMLParser(target=builder, recover=True, no_network=True)
    try:
        parser.feed(text)
        parser.close()
    except (etree.LxmlError, ValueError) as error:
        raise InputError(f"unreadable HTML: {error}") from None
    return builder


class _TreeBuilder:
    """lxml parser target building ``Node`` trees and skipping what is never shown."""

    def __init__(self) -> None:
        self.root = Node("#root", {})
        self.current = self.root
        self.skipping = 0  # depth inside a skipped element
        self.title: str | None = None  # the first <title>, though <head> is skipped
        self._title_parts: list[str] | None = None
        self.head = HeadFacts()  # lang, meta tags, canonical link: they never reach the tree

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.head.see(tag, attrib)
        if tag == "title" and self.title is None:
            self._title_parts = []
        if self.skipping or tag in SKIPPED_TAGS or _is_hidden(attrib):
            self.skipping += 1
            return
        node = Node(tag, dict(attrib), self.current)
        self.current.children.append(node)
        self.current = node

    def end(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title = canonical_text(" ".join(self._title_parts)) or None
            self._title_parts = None
        if self.skipping:
            self.skipping -= 1
        elif self.current.parent is not None:
            self.current = self.current.parent

    def data(self, text: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(text)
        if not self.skipping:
            self.current.children.append(text)

    def close(self) -> Node:
        return self.root


def _is_hidden(attrib: dict[str, str]) -> bool:
    return "hidden" in attrib or bool(_HIDDEN_STYLE.search(attrib.get("style", "")))


def _select(text: str, selector: str) -> list[Node]:
    """The elements the source's selector names, each rebuilt as a ``Node`` tree."""
    soup = BeautifulSoup(text, "lxml")
    try:
        found = soup.select(selector)
    except SelectorSyntaxError as error:
        raise InputError(f"the selector {selector!r} is not valid CSS: {error}") from None
    if not found:
        raise InputError(f"the selector {selector!r} matches nothing in the page")
    return [_from_soup(tag) for tag in found]


def _from_soup(top: Tag) -> Node:
    """Replay a BeautifulSoup subtree into a tree builder (iteratively)."""
    builder = _TreeBuilder()
    stack: list[object] = [top]
    while stack:
        item = stack.pop()
        if item is _END:
            builder.end("")
        elif isinstance(item, Tag):
            builder.start(item.name, {k: " ".join(v) if isinstance(v, list) else v
                                      for k, v in item.attrs.items()})
            stack.append(_END)
            stack.extend(reversed(item.contents))
        elif type(item).__name__ in ("NavigableString", "CData"):
            builder.data(str(item))
    return builder.root


_END = object()


# -- 2. measuring -------------------------------------------------------------------------------

def _measure(root: Node) -> list[Node]:
    """Fill in every node's lengths, then its scores (which need the page's
    total, see _is_furniture); return the nodes in document order."""
    nodes = _preorder(root)
    for node in nodes:
        node.in_link = node.tag == "a" or (node.parent is not None and node.parent.in_link)
    for node in reversed(nodes):  # children before their parents
        _add_lengths(node)
    for node in reversed(nodes):
        _add_scores(node, root)
    return nodes


def _preorder(root: Node) -> list[Node]:
    nodes: list[Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        nodes.append(node)
        stack.extend(child for child in reversed(node.children) if isinstance(child, Node))
    return nodes


def _add_lengths(node: Node) -> None:
    for child in node.children:
        if isinstance(child, str):
            length = _visible_length(child)
            node.chars += length
            node.inline_chars += length
            continue
        node.chars += child.chars
        node.link_chars += child.link_chars
        node.content += child.content
        if child.tag in BLOCK_TAGS:
            node.parts += child.chars > 0
        else:
            node.parts += child.parts
            node.inline_chars += child.inline_chars
            node.inline_links += child.inline_links
    if node.in_link:
        node.link_chars, node.inline_links = node.chars, node.inline_chars
    if node.tag in BLOCK_TAGS and node.inline_chars - node.inline_links >= GOOD_LENGTH:
        node.content += node.inline_chars


def _add_scores(node: Node, page: Node) -> None:
    node.furniture = _is_furniture(node, page)
    for child in node.children:
        if isinstance(child, str):
            continue
        node.score += _contribution(child, child.score)
        decay = GROUP_DECAY if child.tag in BLOCK_TAGS and child.parts > 1 else 1.0
        node.focus += _contribution(child, decay * child.focus)
    if node.tag in BLOCK_TAGS:
        value = _paragraph_value(node.inline_chars, node.inline_links, node.tag)
        node.score += value
        node.focus += value


def _is_furniture(node: Node, page: Node) -> bool:
    """Tagged or named like furniture, unless it holds nearly all the page's
    paragraphs: then broken markup (an unclosed <nav> or <button>) has
    swallowed the text."""
    if node.content > SWALLOWED * page.content:
        return False
    return node.tag in CHROME_TAGS or node.tag in WIDGET_TAGS or _named_like_furniture(node.attrs)


def _contribution(child: Node, value: float) -> float:
    """What a child adds to its parent's score: furniture only ever subtracts.

    In ``focus`` a child made of several blocks counts for GROUP_DECAY of its
    value: a statement's paragraphs are siblings, while a list of teasers
    (heading, summary, link) spreads as much text over many small groups.
    """
    if child.furniture:
        return -LINK_WEIGHT * child.link_chars - FRAGMENT_COST
    return value


def _visible_length(text: str) -> int:
    """Non-space characters, a Hangul syllable or CJK ideograph counting as two:
    a Korean or Chinese sentence says in half the characters what an English one
    says, and must not look like a fragment for it."""
    length = len("".join(text.split()))
    return length if text.isascii() else length + len(_WIDE_CHARS.findall(text))


def _paragraph_value(chars: int, links: int, tag: str) -> float:
    """Score of one paragraph: why the densest text wins.

    Sentences of plain text count for their length; a paragraph with many
    links counts against, as menus and "related" lists do; short fragments
    (buttons, labels, dates) cost a little each, so a box of many of them
    scores below zero. Headings are neutral: articles and menus both have them.
    """
    if not chars or tag in HEADINGS:
        return 0.0
    plain = chars - links
    if plain >= GOOD_LENGTH and links < plain / 2:
        return plain - links
    if plain >= FAIR_LENGTH and links < plain:
        return 0.5 * plain - links
    if not links:
        return -PLAIN_FRAGMENT_COST
    return -LINK_WEIGHT * links - FRAGMENT_COST


def _named_like_furniture(attrs: dict[str, str]) -> bool:
    words = _name_words(attrs)
    return bool(words & NEGATIVE_WORDS) and not words & POSITIVE_WORDS


def _name_words(attrs: dict[str, str]) -> set[str]:
    names = " ".join((attrs.get("class", ""), attrs.get("id", ""), attrs.get("role", "")))
    return set(_WORDS.findall(_CAMEL.sub(r"\1 \2", names).lower()))


# -- 3. finding the main content ----------------------------------------------------------------

def _content_root(root: Node, nodes: list[Node]) -> Node:
    """The node holding the statement; see the module docstring."""
    main = next((node for node in nodes if _is_main(node)), None)
    if main is not None and main.content >= MIN_CONTENT:
        nodes = _preorder(main)  # trust the page's own mark when it holds text
    best = _densest(nodes)
    if best is None or best.content < MIN_CONTENT:
        return _marked_root(nodes) or root
    return _widen_to_semantic(_widen_to_siblings(best))


def _widen_to_siblings(best: Node) -> Node:
    """The ancestor that adds the most content before the score dips.

    ``focus`` picks the tightest group of paragraphs; a statement split into
    sections needs their common parent, which scores higher in total.
    """
    chosen, node = best, best.parent
    while node is not None and node.score >= (1 - SIBLING_LOSS) * best.score:
        if node.score > chosen.score:
            chosen = node
        node = node.parent
    return chosen


def _densest(nodes: list[Node]) -> Node | None:
    """Highest-scoring node outside furniture; on a tie the innermost."""
    best: Node | None = None
    inside_furniture: set[int] = set()
    for node in nodes:
        parent = node.parent
        if node.furniture or (parent is not None and id(parent) in inside_furniture):
            inside_furniture.add(id(node))
            continue
        if best is None or node.focus >= best.focus:
            best = node
    return best


def _widen_to_semantic(best: Node) -> Node:
    """An enclosing <article>/<main> if it costs at most WIDEN_LOSS of the score."""
    node = best.parent
    while node is not None:
        if _is_semantic(node):
            return node if node.score >= (1 - WIDEN_LOSS) * best.score else best
        node = node.parent
    return best


def _is_main(node: Node) -> bool:
    return node.tag == "main" or node.attrs.get("role") == "main"


def _is_semantic(node: Node) -> bool:
    return _is_main(node) or node.tag == "article" or node.attrs.get("itemprop") == "articleBody"


def _marked_root(nodes: list[Node]) -> Node | None:
    """Too little text to judge by density: trust <main> (or role=main), <article>, <body>."""
    for test in (_is_main, lambda n: n.tag == "article", lambda n: n.tag == "body"):
        found = next((node for node in nodes if test(node)), None)
        if found is not None:
            return found
    return None


def _title_before(content: Node) -> Node | None:
    """The page's <h1> when it sits just before the content (a statement's
    headline is usually a sibling of its body, not inside it)."""
    if any(node.tag == "h1" for node in _preorder(content)):
        return None
    child, parent = content, content.parent
    for _ in range(TITLE_LEVELS):
        if parent is None or parent.furniture:
            return None
        index = next(i for i, item in enumerate(parent.children) if item is child)
        for sibling in reversed(parent.children[:index]):
            if isinstance(sibling, Node) and not sibling.furniture:
                title = next((n for n in _preorder(sibling) if n.tag == "h1"), None)
                if title is not None:
                    return title
        child, parent = parent, parent.parent
    return None


# -- 4. text ------------------------------------------------------------------------------------

def _blocks(root: Node) -> list[str]:
    """Text of each block, where a block's own text is what lies outside its
    nested blocks (so ``<div>intro<p>para</p></div>`` gives two blocks).
    """
    blocks: list[str] = []
    current: list[str] = []
    numbers: dict[int, str] = {}
    stack: list[object] = [iter(root.children)]
    while stack:
        top = stack[-1]
        if top is _END:
            stack.pop()
            _flush(current, blocks)
            continue
        child = next(top, None)  # type: ignore[call-overload]
        if child is None:
            stack.pop()
        elif isinstance(child, str):
            current.append(child)
        elif child.tag == "br":
            current.append("\n")
        elif not _left_out(child, root):
            if child.tag in BLOCK_TAGS:
                _flush(current, blocks)
                current.append(_list_marker(child, numbers))
                stack.append(_END)
            stack.append(iter(child.children))
    _flush(current, blocks)
    return blocks


def _left_out(node: Node, root: Node) -> bool:
    """Furniture inside the content: menus, share bars, link lists, small forms."""
    if node.tag == "form":  # a search box, or (ASP.NET) the whole page
        return node.content < root.content / 2 if root.content else node.chars < root.chars / 2
    if node.furniture:
        return node.content <= root.content / 3 or node.tag in CHROME_TAGS
    if node.tag in BLOCK_TAGS and node.inline_chars < SHORT_LINK and not node.parts:
        return node.inline_links >= 0.9 * node.inline_chars > 0
    return node.tag in ("ul", "ol", "div", "section", "table") and node.link_density > 0.5


def _flush(current: list[str], blocks: list[str]) -> None:
    marker, _, joined = "".join(current).strip().rpartition(_MARK)
    joined = joined.strip()
    if joined and not (len(joined) < 100 and _PAGE_LINE.search(joined)):
        blocks.append(marker + (joined if "\n" in joined else " ".join(joined.split())))
    current.clear()


# Ends a list item's marker in the text being gathered, so that _flush can
# tell an empty item (marker only, dropped) from one with text. A NUL, as
# _decode removes every NUL from the page: no page text can hold it.
_MARK = "\x00"
BULLET = "\u2022 "


def _list_marker(item: Node, numbers: dict[int, str]) -> str:
    """"1. " (honouring ``<ol start>`` and ``<li value>``) or a bullet for a
    list item, so the comparison engine sees items; "" for any other block.
    A list is numbered once, on its first item, into ``numbers``."""
    parent = item.parent
    if item.tag != "li" or parent is None or parent.tag not in ("ol", "ul"):
        return ""
    if parent.tag == "ul":
        return BULLET + _MARK
    if id(item) not in numbers:
        number = _as_int(parent.attrs.get("start"), 1) - 1
        for sibling in parent.children:
            if isinstance(sibling, Node) and sibling.tag == "li":
                number = _as_int(sibling.attrs.get("value"), number + 1)
                numbers[id(sibling)] = f"{number}. "
    return numbers.get(id(item), "") + _MARK


def _as_int(value: str | None, default: int) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def _first_heading(root: Node) -> str | None:
    """The text of the page's first ``<h1>``, a candidate title."""
    heading = next((node for node in _preorder(root) if node.tag == "h1"), None)
    text = " ".join(" ".join(_blocks(heading)).split()) if heading else ""
    return text or None
