"""One side of a comparison, kept in a module of its own so that
``tracker diff a.txt b.txt`` imports nothing it does not need."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.model import Snapshot


@dataclass(frozen=True)
class Statement:
    """A text to compare, with the label and the snapshot it came from
    (None for a file given on the command line)."""

    label: str
    text: str
    snapshot: Snapshot | None = None
