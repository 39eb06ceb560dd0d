"""Stable names for what an analyst annotates: a unit of a comparison and a
commitment thread of a series.

An annotation is stored apart from the comparison it talks about, and the
comparison is computed again on every page view. Positions (``u7``, thread
``c5``) move as soon as a sentence is added before them or a meeting is added
to the series, so neither is a key. What stays is the text:

- a **unit** is named by the hash of its two sides' normalised text (A, then
  B, either empty for an added or a dropped sentence), next to the two
  versions compared (``DOCUMENT@N``, stored beside the key). A version is
  immutable, so the same two versions always give the same units, and the
  same unit text gives the same key whatever its place.
- a **thread** is named by the meeting where it first appears and the hash of
  its first wording: later meetings add to a thread but never change how it
  began.

Normalising (:func:`tracker.compare.normalise.normalise_text`) folds quote
styles, dashes and spacing, so a re-extraction that only changes those keeps
the key.
"""

import hashlib

from tracker.compare.normalise import normalise_text

KEY_LENGTH = 16  # hex digits: 64 bits, far beyond the units of any one pair


def _digest(*parts: str) -> str:
    joined = "\x1f".join(normalise_text(part) for part in parts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:KEY_LENGTH]


def unit_key(a_text: str | None, b_text: str | None) -> str:
    """The key of a unit whose A side reads ``a_text`` and B side ``b_text``
    (None for a side that is missing)."""
    return _digest(a_text or "", b_text or "")


def thread_key(first_meeting: str, first_text: str) -> str:
    """``<meeting>:<hash>`` of a thread's first appearance."""
    return f"{first_meeting}:{_digest(first_text)}"


def is_unit_key(value: str) -> bool:
    return len(value) == KEY_LENGTH and all(c in "0123456789abcdef" for c in value)
