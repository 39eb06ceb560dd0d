"""Scoring an alignment against a hand-labelled one.

The labelled pairs in ``tests/data/alignment`` each come with a JSON file
of the true alignment. Every correspondence counts as a set of *links*: a
unit pairing A sentences ``I`` with B sentences ``J`` contributes each
``(i, j)``; a removed sentence ``i`` contributes ``(i, None)``, an added
sentence ``j`` contributes ``(None, j)``. Precision, recall and F1 are over
those links, so a split found as one pair plus one "added" scores partly.

Moves are scored apart: the set of moved units must equal the labelled set
or one of its listed alternatives (when two blocks swap, either may be the
one that "moved").
"""

import json
from dataclasses import dataclass
from pathlib import Path

from tracker.compare.align import Link, align_sentences
from tracker.compare.segment import segment

LinkSet = set[tuple[int | None, int | None]]


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one alignment, with the raw counts."""

    true_positives: int
    predicted: int
    expected: int
    moves_right: bool

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def link_set(links: list[Link]) -> LinkSet:
    """The (i, j) links of an alignment, with ``None`` for a missing side."""
    pairs: LinkSet = set()
    for link in links:
        a_side = link.a or (None,)
        b_side = link.b or (None,)
        pairs.update((i, j) for i in a_side for j in b_side)
    return pairs


def labelled_link_set(label: dict) -> LinkSet:
    pairs: LinkSet = {(i, j) for a, b in label["links"] for i in a for j in b}
    pairs |= {(i, None) for i in label["removed"]} | {(None, j) for j in label["added"]}
    return pairs


def moved_units(links: list[Link]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(link.a, link.b) for link in links if link.moved}


def score_alignment(links: list[Link], label: dict) -> Score:
    """Score ``links`` against one labelled alignment (a parsed JSON file)."""
    found, expected = link_set(links), labelled_link_set(label)
    moved = moved_units(links)
    acceptable = [label["moved"], *label.get("moved_alternatives", [])]
    moves_right = any(moved == {(tuple(a), tuple(b)) for a, b in option} for option in acceptable)
    return Score(len(found & expected), len(found), len(expected), moves_right)


def load_labelled(directory: Path) -> list[tuple[str, str, str, dict]]:
    """(name, A text, B text, label) for every labelled pair in ``directory``."""
    pairs = []
    for label_path in sorted(directory.glob("*.json")):
        name = label_path.stem
        a_text = (directory / f"{name}.a.txt").read_text(encoding="utf-8")
        b_text = (directory / f"{name}.b.txt").read_text(encoding="utf-8")
        pairs.append((name, a_text, b_text, json.loads(label_path.read_text(encoding="utf-8"))))
    return pairs


def evaluate_pair(a_text: str, b_text: str, label: dict) -> Score:
    """Segment and align one pair the way ``compare_texts`` does, then score it."""
    a = [sentence.text for sentence in segment(a_text)]
    b = [sentence.text for sentence in segment(b_text)]
    return score_alignment(align_sentences(a, b), label)


def overall(scores: list[Score]) -> Score:
    """Micro-averaged score: links of all pairs counted together."""
    return Score(sum(s.true_positives for s in scores), sum(s.predicted for s in scores),
                 sum(s.expected for s in scores), all(s.moves_right for s in scores))
