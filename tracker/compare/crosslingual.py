"""Comparing a statement with its translation: the result and the switch.

:func:`compare_translation` aligns the two versions
(:mod:`tracker.compare.translation`) and reports, for each aligned pair, the
glossary terms one side has without their counterpart on the other.
:func:`~tracker.compare.languages.comparison_mode` decides when a comparison
is one of translation (the two sides' languages differ, as their documents
say or as their script shows); it lives, with the other language tests, in
:mod:`tracker.compare.languages`, which a comparison of two English texts
loads instead of this module.

>>> c = compare_translation("The allies met. The U.S. commitment is ironclad.",
...                         "동맹국들이 만났다. 미국의 공약은 확고하다.")
>>> [(m.term, m.side) for u in c.units for m in u.missing_terms]
[('ironclad', 'a')]
"""

from dataclasses import dataclass

from tracker.compare.glossary import Glossary, default_glossary
from tracker.compare.hangul import segment_as
from tracker.compare.languages import (  # noqa: F401 (re-exported: their home before)
    AUTO,
    LANGUAGE_NAMES,
    MODES,
    TRANSLATION,
    WORDS,
    comparison_mode,
    is_translation,
    language_name,
    language_warning,
    side_languages,
)
from tracker.compare.model import Document, Side

PAIRED, ONLY_A, ONLY_B = "paired", "only-a", "only-b"


@dataclass(frozen=True, slots=True)
class MissingTerm:
    """A glossary term found on ``side`` whose counterpart the other side lacks."""

    term: str
    side: str
    found: str
    expected: str

    def to_dict(self) -> dict[str, object]:
        return {"term": self.term, "side": self.side, "found": self.found,
                "missing_from": "b" if self.side == "a" else "a", "expected": self.expected}


@dataclass(frozen=True, slots=True)
class TranslationUnit:
    """Sentences of A and their rendering in B (or a sentence with none)."""

    kind: str
    a: Side | None
    b: Side | None
    how: str
    anchors: tuple[str, ...]
    missing_terms: tuple[MissingTerm, ...]
    moved: bool = False

    @property
    def tokens(self) -> tuple:
        """No word diff across languages: side A whole as deleted, side B as
        inserted, so that code reading any unit's tokens rebuilds both sides."""
        from tracker.compare.inline import DELETE, INSERT, Token

        return tuple(Token(op, side.text) for op, side in ((DELETE, self.a), (INSERT, self.b))
                     if side is not None and side.text)

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "moved": self.moved,
                "a": self.a.to_dict() if self.a else None,
                "b": self.b.to_dict() if self.b else None,
                "how": self.how, "anchors": list(self.anchors),
                "missing_terms": [term.to_dict() for term in self.missing_terms]}


@dataclass(frozen=True)
class TranslationComparison:
    """Two versions of one statement in two languages, aligned."""

    a: Document
    b: Document
    languages: tuple[str, str]
    units: tuple[TranslationUnit, ...]
    engine: str
    mode: str = TRANSLATION

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys((PAIRED, ONLY_A, ONLY_B, "missing_terms"), 0)
        for unit in self.units:
            counts[unit.kind] += 1
            counts["missing_terms"] += len(unit.missing_terms)
        return counts

    @property
    def identical(self) -> bool:
        """True when every sentence has its rendering and no term is missing."""
        return all(u.kind == PAIRED and not u.missing_terms for u in self.units)

    @property
    def topics(self) -> tuple:
        return ()

    def relabelled(self, a: str, b: str) -> "TranslationComparison":
        """The same alignment under the names people read (see
        :meth:`tracker.compare.model.Comparison.relabelled`)."""
        from dataclasses import replace

        return replace(self, a=replace(self.a, label=a), b=replace(self.b, label=b))

    def to_dict(self) -> dict[str, object]:
        return {
            "engine": self.engine, "mode": self.mode,
            "a": {"label": self.a.label, "sha256": self.a.sha256, "language": self.languages[0]},
            "b": {"label": self.b.label, "sha256": self.b.sha256, "language": self.languages[1]},
            "summary": self.summary,
            "sentences": {"a": list(self.a.sentences), "b": list(self.b.sentences)},
            "units": [unit.to_dict() for unit in self.units],
        }


def compare_translation(a_text: str, b_text: str, a_label: str = "a", b_label: str = "b", *,
                        languages: tuple[str | None, str | None] | None = None,
                        glossary: Glossary | None = None,
                        max_sentences: int | None = None) -> TranslationComparison:
    """Align ``a_text`` with its translation ``b_text`` (see the module docstring);
    past ``max_sentences`` (both sides together) an ``InputError`` says so."""
    from tracker.compare import ENGINE_VERSION, _document, _segment_within_cap
    from tracker.compare.translation import align_translation

    first, second = languages or side_languages(a_text, b_text)
    pair = (first or "en", second or "ko")
    glossary = glossary or default_glossary()
    a_sentences, b_sentences = _segment_within_cap(
        a_text, b_text, a_label, b_label, max_sentences,
        (lambda text, cap: segment_as(text, pair[0], cap),
         lambda text, cap: segment_as(text, pair[1], cap)))
    a_doc = _document(a_label, a_text, a_sentences, Document)
    b_doc = _document(b_label, b_text, b_sentences, Document)
    beads = align_translation(list(a_doc.sentences), list(b_doc.sentences), pair, glossary)
    units = tuple(_unit(bead, a_doc.sentences, b_doc.sentences, pair, glossary)
                  for bead in beads)
    return TranslationComparison(a_doc, b_doc, pair, units, ENGINE_VERSION)


def _unit(bead, a: tuple[str, ...], b: tuple[str, ...], languages, glossary) -> TranslationUnit:
    side_a = Side(bead.a, " ".join(a[i] for i in bead.a)) if bead.a else None
    side_b = Side(bead.b, " ".join(b[j] for j in bead.b)) if bead.b else None
    kind = PAIRED if side_a and side_b else ONLY_A if side_a else ONLY_B
    missing = missing_terms(side_a.text, side_b.text, languages, glossary) if kind == PAIRED else ()
    return TranslationUnit(kind, side_a, side_b, bead.how, bead.anchors, missing, bead.moved)


def missing_terms(a_text: str, b_text: str, languages: tuple[str, str],
                  glossary: Glossary) -> tuple[MissingTerm, ...]:
    """Checked glossary terms (with forms in both languages) on one side only."""
    found = []
    for entry in glossary.checked:
        if not all(entry.forms(language) for language in languages):
            continue
        in_a, in_b = entry.find(a_text, languages[0]), entry.find(b_text, languages[1])
        if in_a and not in_b:
            found.append(MissingTerm(entry.name, "a", in_a, entry.example(languages[1])))
        elif in_b and not in_a:
            found.append(MissingTerm(entry.name, "b", in_b, entry.example(languages[0])))
    return tuple(found)
