"""The comparison engine: two texts in, a :class:`Comparison` out.

Pure and light: standard library plus ``tracker.text``,
``tracker.errors`` and ``tracker.indexedfile`` (the per-install pattern
store's file); the steps are imported when first used, so importing
this package (for ``ENGINE_VERSION``, say) costs next to nothing.

The pipeline, one module per step, with plain data between them:

- ``normalise`` -- match keys: NFKC, straight quotes, one dash, spaces.
- ``segment`` -- paragraphs and sentences, each with its original text.
- ``align`` -- which sentences of A became which of B (moves, splits, merges).
- ``inline`` -- word-level differences inside each aligned unit.
- ``classify`` -- unchanged, reworded, added or removed; commitment changes.
- ``model`` -- the result dataclasses; ``formats`` -- text, JSON, unified, HTML.
- ``commitments`` -- who commits to what, how firmly (read for changed units).
- ``evaluate`` -- precision and recall of an alignment against a labelled one.

>>> c = compare_texts("We met. We agreed.", "We met. We firmly agreed.")
>>> [unit.kind for unit in c.units]
['unchanged', 'reworded']
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing takes milliseconds
if TYPE_CHECKING:
    from collections.abc import Callable

    from tracker.compare.model import Comparison

# Part of every cache key for stored comparisons: bump it whenever a change
# to segmentation, alignment or classification can change a result.
ENGINE_VERSION = "tracker-compare/1.4"

__all__ = ["ENGINE_VERSION", "compare_texts"]


# Default for ``read_commitment``: the lexicon-based reader, when installed.
LEXICON = "lexicon"


def _segment_within_cap(a_text: str, b_text: str, a_label: str, b_label: str,
                        cap: int | None, splitters=None) -> tuple[list, list]:
    """Both sides' sentences, or an ``InputError`` past the cap (both sides
    together). Each side is segmented no further than the cap, so refusing
    an oversized input costs what the cap does, not what the input does.
    ``splitters`` segment A and B (``split(text, limit)``, a list of
    sentences or :class:`~tracker.compare.segment.SentenceColumns`), by
    default as English, in columns; translations pass each language's own."""
    from tracker.compare.segment import sentence_columns

    split_a, split_b = splitters or (sentence_columns, sentence_columns)
    a_sentences = split_a(a_text, cap)
    b_sentences = split_b(b_text, cap) if cap is None or len(a_sentences) <= cap else []
    if cap is not None and len(a_sentences) + len(b_sentences) > cap:
        from tracker.errors import InputError

        for label, sentences in ((a_label, a_sentences), (b_label, b_sentences)):
            if len(sentences) > cap:
                raise InputError(f"too many sentences to compare: {label} alone has more "
                                 f"than the limit of {cap:,}")
        raise InputError(f"too many sentences to compare: {len(a_sentences):,} + "
                         f"{len(b_sentences):,} > the limit of {cap:,}")
    return a_sentences, b_sentences


def compare_texts(a_text: str, b_text: str, a_label: str = "a", b_label: str = "b", *,
                  read_commitment: Callable | str | None = LEXICON, languages=(None, None),
                  max_sentences: int | None = None, mode: str = "auto") -> Comparison:
    """Compare two statements sentence by sentence.

    Accepts any text, canonical or raw. The hashes are taken over
    :func:`tracker.text.canonical_text`, so they match the store's.
    ``read_commitment(a, b)`` reads each changed unit for commitments: by
    default ``tracker.compare.commitments.commitment_change``; ``None``
    skips the reading (every ``commitment`` is then ``None``).
    ``max_sentences`` caps the two sides' sentences together: past it, an
    ``InputError`` says so. Two languages: translations (:func:`_translated`).
    """
    if (found := _translated(a_text, b_text, (a_label, b_label), languages, mode,
                             max_sentences)) is not None:
        return found
    from tracker.compare.align import align_sentences
    from tracker.compare.classify import build_units
    from tracker.compare.model import Comparison, Document

    if read_commitment == LEXICON:
        read_commitment = _commitment_reader()
    a_sentences, b_sentences = _segment_within_cap(a_text, b_text, a_label, b_label,
                                                   max_sentences)
    a_document = _document(a_label, a_text, a_sentences, Document)
    b_document = _document(b_label, b_text, b_sentences, Document)
    links = align_sentences(a_document.sentences, b_document.sentences)
    units = build_units(links, a_document.sentences, b_document.sentences, read_commitment)
    return Comparison(a_document, b_document, units, ENGINE_VERSION)


def _translated(a_text, b_text, labels, languages, mode, max_sentences):
    """A :class:`~tracker.compare.crosslingual.TranslationComparison` when the
    two languages (``languages`` as the documents say, else detected from the
    script) differ or ``mode`` is "translation"; None for a word diff
    (``mode`` "words" forces one)."""
    from tracker.compare.languages import TRANSLATION, comparison_mode, side_languages

    sides = side_languages(a_text, b_text, *languages)
    if comparison_mode(sides, mode) != TRANSLATION:
        return None
    from tracker.compare.crosslingual import compare_translation

    return compare_translation(a_text, b_text, *labels, languages=sides,
                               max_sentences=max_sentences)


def _document(label, text, sentences, document_class):
    """A result Document: label, hash of the canonical text, sentences
    (a list of ``Sentence`` or ``SentenceColumns``)."""
    from tracker.text import canonical_text, text_sha256

    texts = getattr(sentences, "texts", None)
    if texts is None:
        texts = [sentence.text for sentence in sentences]
        paragraphs = [sentence.paragraph for sentence in sentences]
    else:
        paragraphs = sentences.paragraphs
    return document_class(label, text_sha256(canonical_text(text)), tuple(texts),
                          tuple(paragraphs))


def _commitment_reader():
    """``commitment_change`` from the commitments module, or ``None`` without it."""
    try:
        from tracker.compare.commitments import commitment_change
    except ImportError:
        return None
    return commitment_change
