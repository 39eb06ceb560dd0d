"""How alike two sentences are, for alignment.

A redrafted communiqué keeps a sentence's point while changing its words:
"convened" becomes "held", "North Korea" becomes "the DPRK", a clause is
added. Plain word overlap misses the synonyms and weighs "the Alliance"
(in every sentence) as much as "counterstrike" (in one). So a sentence
becomes a bag of *features* and two bags are compared by weighted overlap:

- concepts: content words, stemmed, with thesaurus variants folded to one
  name (:mod:`tracker.compare.thesaurus`);
- bigrams of neighbouring concepts, at half weight, so that a shared phrase
  ("extended deterrence", "rules-based order") counts above its words;
- numbers and names are concepts like any other, and being rare they weigh
  a lot, which is right: a shared year or place is strong evidence.

Weights are inverse document frequencies over the sentences being aligned
(the statements themselves say which words are common in them). The score is
a weighted Dice coefficient: 2 * shared weight / (weight of A + weight of B).

>>> w = Weights.fit([features("We condemn the launch."),
...                  features("They denounced the firing."), features("We met.")])
>>> round(w.dice(features("We condemn the launch."), features("They denounced the firing.")), 2)
1.0
"""

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat

from tracker.compare.normalise import STOP_WORDS, normalise_text
from tracker.compare.precompiled import compile_regex
from tracker.compare.thesaurus import Thesaurus, default_thesaurus

# A bigram is evidence of a shared phrase, but its words already counted.
BIGRAM_WEIGHT = 0.5
# Weights are rounded to multiples of 1/1024, so that sums of them are exact
# in floating point whatever the order of a set's iteration (which changes
# with the hash seed): the same texts must always align the same way.
_QUANTUM = 1024
_WORD = compile_regex(r"\w+")
# A paragraph or list number ("2.", "A.", "(iii)") says where, not what.
_MARKER = compile_regex(r"^\s*(?:\(?(?:\d{1,3}|[A-Za-z]|[ivxlc]+)[.)]|[-*\u2022\u2023\u25e6])\s+")


def features(text: str, thesaurus: Thesaurus | None = None) -> frozenset[str]:
    """The concepts of ``text`` and the bigrams of neighbouring concepts."""
    concepts = concept_words(text, thesaurus)
    bigrams = {f"{x} {y}" for x, y in zip(concepts, concepts[1:], strict=False) if x != y}
    return frozenset(concepts).union(bigrams)


def concept_words(text: str, thesaurus: Thesaurus | None = None) -> list[str]:
    """Content words of ``text`` in order, stemmed and folded through the thesaurus."""
    thesaurus = thesaurus or default_thesaurus()
    lowered = thesaurus.phrase_text(normalise_text(_MARKER.sub("", text, count=1)).casefold())
    concept = thesaurus.concept_of_word
    return [concept(word) for word in _WORD.findall(lowered)
            if word not in STOP_WORDS and (len(word) > 1 or word.isdigit())]


def _exact(value: float) -> float:
    return round(value * _QUANTUM) / _QUANTUM


@dataclass(frozen=True, eq=False)  # never compared: no __eq__/__hash__ to make at start-up
class Weights:
    """Inverse document frequencies of features, fitted on the sentences in play."""

    idf: dict[str, float]
    default: float

    @classmethod
    def fit(cls, bags: Iterable[frozenset[str]]) -> "Weights":
        """Weights from a collection of feature bags (one per sentence).

        A feature in every sentence still weighs a little (log 2 at N = df),
        so two sentences of common words alone can be alike, just weakly.
        """
        counts: Counter[str] = Counter()
        total = 0
        for bag in bags:
            counts.update(bag)
            total += 1
        total = max(total, 1)
        idf = {}
        for feature, count in counts.items():
            value = math.log(1 + total / count)
            idf[feature] = _exact(value * BIGRAM_WEIGHT if " " in feature else value)
        return cls(idf, _exact(math.log(1 + total)))

    def weight(self, bag: Iterable[str]) -> float:
        # map() over dict.get runs in C: the aligner sums weights very often.
        return sum(map(self.idf.get, bag, repeat(self.default)))

    def dice(self, a: frozenset[str], b: frozenset[str],
             mass_a: float | None = None, mass_b: float | None = None) -> float:
        """Weighted Dice coefficient of two bags; 1.0 for two empty bags.

        ``mass_a`` and ``mass_b`` are the bags' weights when the caller
        already knows them (the aligner asks about one sentence many times).
        """
        shared = a & b
        if not shared:
            return 1.0 if not a and not b else 0.0
        total = (self.weight(a) if mass_a is None else mass_a) + (
            self.weight(b) if mass_b is None else mass_b)
        return 2 * self.weight(shared) / total

    def containment(self, part: frozenset[str], whole: frozenset[str]) -> float:
        """Share of ``part``'s weight found in ``whole``: is one inside the other?"""
        total = self.weight(part)
        return self.weight(part & whole) / total if total else 0.0

    def shared_terms(self, a: frozenset[str], b: frozenset[str], limit: int = 8) -> list[str]:
        """The heaviest features both bags hold, words before phrases: why two sentences paired."""
        # By name, then (stable) by weight: ties stay in name order whatever
        # the hash seed, and both sorts run in C.
        by_name = sorted(a & b)
        idf, default = self.idf, self.default
        by_name.sort(key=lambda feature: idf.get(feature, default), reverse=True)
        return by_name[:limit]
