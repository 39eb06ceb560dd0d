"""The comparison engine: two texts in, a :class:`Comparison` out.

Pure and light: standard library plus ``tracker.text`` and
``tracker.errors``; the steps are imported when first used, so importing
this package (for ``ENGINE_VERSION``, say) costs next to nothing.

The pipeline, one module per step, with plain data between them:

- ``normalise`` -- match keys: NFKC, straight quotes, one dash, spaces.
- ``segment`` -- paragraphs and sentences, each with its original text.
- ``align`` -- which sentences of A became which of B (moves, splits, merges).
- ``inline`` -- word-level differences inside each aligned unit.
- ``classify`` -- unchanged, reworded, added or removed; commitment changes.
- ``model`` -- the result dataclasses; ``formats`` -- text, JSON, unified, HTML.

>>> c = compare_texts("We met. We agreed.", "We met. We firmly agreed.")
>>> [unit.kind for unit in c.units]
['unchanged', 'reworded']
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.compare.model import Comparison

# Part of every cache key for stored comparisons: bump it whenever a change
# to segmentation, alignment or classification can change a result.
ENGINE_VERSION = "tracker-compare/1.0"

__all__ = ["ENGINE_VERSION", "compare_texts"]


# Default for ``read_commitment``: the lexicon-based reader, when installed.
LEXICON = "lexicon"


def compare_texts(a_text: str, b_text: str, a_label: str = "a", b_label: str = "b", *,
                  read_commitment: Callable | str | None = LEXICON) -> Comparison:
    """Compare two statements sentence by sentence.

    Accepts any text, canonical or raw. The hashes are taken over
    :func:`tracker.text.canonical_text`, so they match the store's.
    ``read_commitment(a, b)`` reads each changed unit for commitments: by
    default ``tracker.compare.commitments.commitment_change``; ``None``
    skips the reading (every ``commitment`` is then ``None``).
    """
    from tracker.compare.align import align_sentences
    from tracker.compare.classify import build_units
    from tracker.compare.model import Comparison, Document
    from tracker.compare.segment import segment

    if read_commitment == LEXICON:
        read_commitment = _commitment_reader()
    a_sentences = [sentence.text for sentence in segment(a_text)]
    b_sentences = [sentence.text for sentence in segment(b_text)]
    links = align_sentences(a_sentences, b_sentences)
    units = build_units(links, a_sentences, b_sentences, read_commitment)
    return Comparison(_document(a_label, a_text, a_sentences, Document),
                      _document(b_label, b_text, b_sentences, Document),
                      units, ENGINE_VERSION)


def _document(label, text, sentences, document_class):
    from tracker.text import canonical_text, text_sha256

    return document_class(label, text_sha256(canonical_text(text)), tuple(sentences))


def _commitment_reader():
    """``commitment_change`` from the commitments module, or ``None`` without it."""
    try:
        from tracker.compare.commitments import commitment_change
    except ImportError:
        return None
    return commitment_change
