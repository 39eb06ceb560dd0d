"""Running headers, footers and page numbers: what a printed page repeats
and a statement does not say.

A line at the top or bottom edge of a page goes when it is a page number
("3", "Page 3 of 5", "- 3 -", "3/5") or when the same words, digits aside,
stand at an edge of most pages (a running title, a "Ministry of National
Defense · Press Release" footer). A title on page one alone stays.
"""

import math
import re
from collections import Counter
from dataclasses import replace

from tracker.ingest.layout import Block, Line, Page

PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
# How many line heights at each edge of a page count as its edge.
EDGE_LEVELS = 2


def drop_furniture(pages: list[Page]) -> list[Page]:
    """``pages`` without their running headers, footers and page numbers."""
    edges = [_edge_lines(page) for page in pages]
    seen = Counter(key for lines in edges for key in {_key(line.text) for line in lines})
    quorum = max(2, math.ceil(len(pages) / 2))
    repeated = {key for key, count in seen.items() if count >= quorum}
    return [_without(page, {line for line in lines
                            if PAGE_NUMBER.match(line.text) or _key(line.text) in repeated})
            for page, lines in zip(pages, edges, strict=True)]


def _edge_lines(page: Page) -> list[Line]:
    """The lines on the first and last ``EDGE_LEVELS`` heights of a page."""
    lines = [line for block in page.blocks for line in block.lines]
    tops = sorted({round(line.top) for line in lines})
    bottoms = sorted({round(line.bottom) for line in lines}, reverse=True)
    return [line for line in lines if round(line.top) in tops[:EDGE_LEVELS]
            or round(line.bottom) in bottoms[:EDGE_LEVELS]]


def _key(text: str) -> str:
    """A line's words with digits masked, so "Page 2" matches "Page 3"."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _without(page: Page, dropped: set[Line]) -> Page:
    blocks = (Block(tuple(line for line in block.lines if line not in dropped))
              for block in page.blocks)
    return replace(page, blocks=tuple(block for block in blocks if block.lines))
