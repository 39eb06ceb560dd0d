"""Per-statement size caps for the series views (lineage, term timeline).

A series view reads every meeting's statement; one statement of a million
sentences (a mistaken import, a page that returned a data dump) would make
the whole view run for minutes and hold a gigabyte. Such a statement is left
out, and the result says so, rather than the view failing or hanging. The
cap is passed in by the caller: the engine reads no configuration.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from tracker.compare.segment import segment


@dataclass(frozen=True)
class Skipped:
    """A statement left out of a series view: its meeting and size."""

    meeting: str
    sentences: int
    limit: int

    def describe(self, name: str | None = None) -> str:
        """One line for people: which meeting (``name``, else its slug), and why."""
        return (f"{name or self.meeting} left out: {self.sentences:,} sentences, more than the "
                f"limit of {self.limit:,} for one statement")

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        return {"meeting": self.meeting, "sentences": self.sentences, "limit": self.limit}


def within_cap(
    statements: Sequence[tuple[str, str]], max_sentences: int | None
) -> tuple[list[tuple[str, str]], tuple[Skipped, ...]]:
    """``(kept statements, skipped ones)``; with no cap every statement is kept."""
    if max_sentences is None:
        return list(statements), ()
    kept, skipped = [], []
    for label, text in statements:
        count = len(segment(text))
        if count > max_sentences:
            skipped.append(Skipped(label, count, max_sentences))
        else:
            kept.append((label, text))
    return kept, tuple(skipped)
