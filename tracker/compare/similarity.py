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
from functools import partial
from itertools import chain, repeat
from operator import is_not

from tracker.compare.normalise import normalise_text
from tracker.compare.precompiled import compile_regex
from tracker.compare.thesaurus import Thesaurus, default_thesaurus

# A bigram is evidence of a shared phrase, but its words already counted.
BIGRAM_WEIGHT = 0.5
# Weights are rounded to multiples of 1/1024, so that sums of them are exact
# in floating point whatever the order of a set's iteration (which changes
# with the hash seed): the same texts must always align the same way.
_QUANTUM = 1024
_WORD = compile_regex(r"\w+")
# A word of a sentence that carries content (Thesaurus.content maps the rest to None).
_IS_CONTENT = partial(is_not, None)
# A paragraph or list number ("2.", "A.", "(iii)") says where, not what.
_MARKER = compile_regex(r"^\s*(?:\(?(?:\d{1,3}|[A-Za-z]|[ivxlc]+)[.)]|[-*\u2022\u2023\u25e6])\s+")


def features(text: str, thesaurus: Thesaurus | None = None,
             key: str | None = None) -> frozenset[str]:
    """The concepts of ``text`` and the bigrams of neighbouring concepts.

    ``key`` is ``normalise_text(text)`` when the caller has it (the aligner
    keeps every sentence's match key): it saves normalising twice.
    """
    concepts = concept_words(text, thesaurus, key)
    bigrams = {f"{x} {y}" for x, y in zip(concepts, concepts[1:], strict=False) if x != y}
    # Built this way, not in one go from a chain: a set grown item by item
    # has a table twice the size, and every later intersection pays for it.
    return frozenset(concepts).union(bigrams)


def concept_words(text: str, thesaurus: Thesaurus | None = None,
                  key: str | None = None) -> list[str]:
    """Content words of ``text`` in order, stemmed and folded through the thesaurus."""
    thesaurus = thesaurus or default_thesaurus()
    if key is None or _MARKER.match(text):
        key = normalise_text(_MARKER.sub("", text, count=1))
    words = thesaurus.phrase_words(key.casefold())
    return list(filter(_IS_CONTENT, map(thesaurus.content.__getitem__, words)))


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
        bags = list(bags)
        counts = Counter(chain.from_iterable(bags))
        total = max(len(bags), 1)
        # A weight depends on the count alone: one logarithm per distinct
        # count, not per feature (16k features, a few dozen counts: the fit
        # takes 5 ms, not 9, on the 100k-word pair).
        by_count = {}
        for count in set(counts.values()):
            value = math.log(1 + total / count)
            by_count[count] = (_exact(value), _exact(value * BIGRAM_WEIGHT))
        idf = {feature: by_count[count][" " in feature] for feature, count in counts.items()}
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
