"""Scoring translation alignment against hand-labelled pairs.

A labelled pair (``pairs/NN-name.json`` beside ``statements/``, the layout
of ``tests/data/translation`` and of the shared evaluation set) gives each
side's sentences, the links between them, debatable links that are neither
required nor penalised, and the terms one side lacks. The engine splits
sentences its own way, so each of its sentences is placed in the labelled
ones by its text; a unit then links every labelled English sentence it
covers with every labelled Korean one. Precision counts produced links that
are required or acceptable; recall, required links produced.
"""

import json
import re
from dataclasses import dataclass
from pathlib import Path

from tracker.compare.crosslingual import TranslationComparison, compare_translation


@dataclass(frozen=True)
class LinkScore:
    """Counts behind precision (right / produced) and recall (required found / required)."""

    right: int
    produced: int
    required_found: int
    required: int

    @property
    def precision(self) -> float:
        return self.right / self.produced if self.produced else 1.0

    @property
    def recall(self) -> float:
        return self.required_found / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def pooled(scores) -> LinkScore:
    """The counts of several pairs added up (as the shared scorer's totals)."""
    scores = list(scores)
    return LinkScore(*(sum(getattr(s, name) for s in scores)
                       for name in ("right", "produced", "required_found", "required")))


@dataclass(frozen=True)
class LabelledPair:
    name: str
    a_text: str
    b_text: str
    label: dict


@dataclass(frozen=True)
class PairResult:
    """One pair's link score and which labelled missing terms were reported."""

    name: str
    score: LinkScore
    terms_found: tuple[str, ...]
    terms_missed: tuple[str, ...]
    terms_extra: int


def load_translation_pairs(directory: Path) -> list[LabelledPair]:
    """Every ``pairs/*.json`` of ``directory``, with the bodies of its two texts
    (a statement file is a header, a blank line, then the body)."""
    pairs = []
    for path in sorted((directory / "pairs").glob("[0-9][0-9]-*.json")):
        label = json.loads(path.read_text(encoding="utf-8"))
        texts = [(directory / label[key]).read_text(encoding="utf-8").partition("\n\n")[2]
                 for key in ("a_file", "b_file")]
        pairs.append(LabelledPair(path.stem, texts[0], texts[1], label))
    return pairs


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def place_sentences(engine: tuple[str, ...], gold: list[str]) -> list[set[int]]:
    """For each engine sentence, the labelled sentences it covers (in order,
    by text with spaces removed)."""
    starts, stream = [], ""
    for sentence in gold:
        starts.append(len(stream))
        stream += _squash(sentence)
    placed, cursor = [], 0
    for sentence in engine:
        piece = _squash(sentence)
        found = stream.find(piece, cursor)
        found = stream.find(piece) if found < 0 else found
        if found < 0 or not piece:
            placed.append(set())
            continue
        cursor = found + len(piece)
        placed.append({i for i, start in enumerate(starts)
                       if start < cursor and start + len(_squash(gold[i])) > found})
    return placed


def produced_links(comparison: TranslationComparison, label: dict) -> set[tuple[int, int]]:
    a_places = place_sentences(comparison.a.sentences, label["a_sentences"])
    b_places = place_sentences(comparison.b.sentences, label["b_sentences"])
    links = set()
    for unit in comparison.units:
        if unit.a and unit.b:
            a_gold = set().union(*(a_places[i] for i in unit.a.index))
            b_gold = set().union(*(b_places[j] for j in unit.b.index))
            links |= {(i, j) for i in a_gold for j in b_gold}
    ignored_a, ignored_b = set(label.get("ignore_a", [])), set(label.get("ignore_b", []))
    return {(i, j) for i, j in links if i not in ignored_a and j not in ignored_b}


def score_translation_pair(pair: LabelledPair) -> PairResult:
    comparison = compare_translation(pair.a_text, pair.b_text, languages=("en", "ko"))
    found = produced_links(comparison, pair.label)
    required = {tuple(link) for link in pair.label["links"]}
    allowed = required | {tuple(link) for link in pair.label.get("acceptable", [])}
    score = LinkScore(len(found & allowed), len(found), len(found & required), len(required))
    reported = [t for u in comparison.units for t in u.missing_terms]
    wanted = pair.label.get("missing_terms", [])
    hits = [any(_same_term(t, w) for t in reported) for w in wanted]
    extra = sum(1 for t in reported if not any(_same_term(t, w) for w in wanted))
    return PairResult(pair.name, score,
                      tuple(w["term"] for w, hit in zip(wanted, hits, strict=True) if hit),
                      tuple(w["term"] for w, hit in zip(wanted, hits, strict=True) if not hit),
                      extra)


def _same_term(reported, wanted: dict) -> bool:
    """A reported term answers a labelled one on the same side when either
    names the other ("luncheon" in the labelled "Luncheon Meeting")."""
    if reported.side != wanted["side"]:
        return False
    label = wanted["term"].lower()
    return any(name and (name in label or label in name)
               for name in (reported.term.lower(), reported.found.lower()))
