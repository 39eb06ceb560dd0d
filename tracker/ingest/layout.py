"""Text placed on a page, as a PDF gives it: lines with their positions,
grouped in blocks, and the order a reader takes the blocks in.

Plain data, so that ``furniture`` (running headers and page numbers) and
``paragraphs`` (lines back into paragraphs) work on any positioned text,
whichever library placed it.
"""

from dataclasses import dataclass

# How far (in points) a block must reach across the middle of the text area
# to count as spanning both columns rather than sitting in one.
_SPAN = 6.0
# A page is in two columns when at most this share of its lines crosses the gutter.
_CROSSING = 0.3


@dataclass(frozen=True)
class Line:
    """One line of text; ``top`` and ``bottom`` count down from the page's
    top edge, as a reader does."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Block:
    """Lines set together (a paragraph, a heading, a column's piece of one)."""

    lines: tuple[Line, ...]

    @property
    def x0(self) -> float:
        return min(line.x0 for line in self.lines)

    @property
    def x1(self) -> float:
        return max(line.x1 for line in self.lines)

    @property
    def top(self) -> float:
        return min(line.top for line in self.lines)


@dataclass(frozen=True)
class Page:
    """A page's blocks; ``scanned`` when it is an image with no text layer."""

    number: int
    blocks: tuple[Block, ...]
    scanned: bool = False


def reading_order(blocks: tuple[Block, ...]) -> list[Block]:
    """Blocks as a reader takes them: top to bottom, and where the page has
    two columns, the whole left column before the right one. A block that
    crosses the gutter (a title, a full-width paragraph) closes the columns
    above it, so a page may go one column, two, then one again."""
    gutter = find_gutter(blocks)
    if gutter is None:
        return sorted(blocks, key=lambda b: (round(b.top), b.x0))
    ordered: list[Block] = []
    band: list[Block] = []
    for block in sorted(blocks, key=lambda b: (round(b.top), b.x0)):
        if block.x0 < gutter - _SPAN and block.x1 > gutter + _SPAN:
            ordered += sorted(band, key=lambda b: (b.x1 > gutter, b.top))
            ordered.append(block)
            band = []
        else:
            band.append(block)
    return ordered + sorted(band, key=lambda b: (b.x1 > gutter, b.top))


def find_gutter(blocks: tuple[Block, ...]) -> float | None:
    """The x between two columns: the place in the middle of the text area
    that the fewest lines cross, if text stands on both sides of it and at
    most ``_CROSSING`` of the lines cross it. None for a one-column page."""
    if not blocks:
        return None
    left, right = min(b.x0 for b in blocks), max(b.x1 for b in blocks)
    centre = (left + right) / 2

    def crossing(x: float) -> int:
        return sum(len(b.lines) for b in blocks if b.x0 + _SPAN < x < b.x1 - _SPAN)

    places = [left + (right - left) * step / 40 for step in range(12, 29)]
    gutter = min(places, key=lambda x: (crossing(x), abs(x - centre)))
    both_sides = any(b.x1 <= gutter for b in blocks) and any(b.x0 >= gutter for b in blocks)
    lines = sum(len(b.lines) for b in blocks)
    return gutter if both_sides and crossing(gutter) <= _CROSSING * lines else None
