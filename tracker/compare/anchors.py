"""Anchors: what a sentence and its translation visibly share.

Words differ between an English sentence and its Korean rendering, but some
things cross over unchanged or nearly so: numbers and dates (``September 4,
2024`` and ``2024년 9월 4일``; ``fifth`` and ``제5차``), Latin acronyms that
Korean texts keep (NCG, DMZ, UNSC), and the glossary's names and terms. Each
becomes a key, the same in both languages; the aligner rewards sentences
that share keys and penalises keys left on one side.

>>> from tracker.compare.glossary import default_glossary
>>> g = default_glossary()
>>> sorted(sentence_anchors("The fifth EDSCG met on September 4, 2024.", "en", g))[:4]
['#2024', '#4', '#5', '#9']
>>> sorted(sentence_anchors("제5차 EDSCG 회의가 2024년 9월 4일 열렸다.", "ko", g))[:4]
['#2024', '#4', '#5', '#9']
"""

import re

from tracker.compare.glossary import Glossary

_MONTHS = {name: index for index, names in enumerate((
    "january jan", "february feb", "march mar", "april apr", "may", "june jun",
    "july jul", "august aug", "september sept sep", "october oct", "november nov",
    "december dec"), start=1) for name in names.split()}
_ORDINALS = {word: index for index, word in enumerate(
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
     "tenth", "eleventh", "twelfth"), start=1)}
_WORD_NUMBERS = {**_MONTHS, **_ORDINALS}
# A paragraph number or bullet that opens a sentence is layout, not content:
# one version numbers its paragraphs, the other may not.
_OPENING_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}[.)]\s+|[-*o°ㅇ\u2022\u25cb\u25e6]\s+)")
_NUMBER = re.compile(r"\d+")
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9]{1,7}(?![A-Za-z])")

# How much each kind of key counts.
WEIGHTS = {"#": 1.0, "@": 1.0, "=": 1.5}
READER_WEIGHT = 0.5


def sentence_anchors(text: str, language: str, glossary: Glossary) -> frozenset[str]:
    """The keys of one sentence: ``#5`` numbers, ``@NCG`` acronyms, ``=name``
    glossary entries (``~name`` for the reader's actors, topics, verbs)."""
    body = _OPENING_MARKER.sub("", text, count=1)
    keys = {f"#{int(digits)}" for digits in _NUMBER.findall(body)}
    if language == "en":
        keys |= {f"#{_WORD_NUMBERS[word.lower()]}" for word in _ENGLISH_WORD.findall(body)
                 if word.lower() in _WORD_NUMBERS and _is_number_word(word)}
    keys |= {f"@{acronym}" for acronym in _ACRONYM.findall(body)}
    for entry in glossary.found(body, language):
        keys.add(("=" if entry.section in ("terms", "names") else "~") + entry.name)
    return frozenset(keys)


def _is_number_word(word: str) -> bool:
    """"May" the month, not "may" the verb; ordinals in any case."""
    lowered = word.lower()
    return lowered in _ORDINALS or lowered != "may" or word[0].isupper()


def key_weight(key: str) -> float:
    return WEIGHTS.get(key[0], READER_WEIGHT)


def shared_keys(a_keys: list[frozenset[str]], b_keys: list[frozenset[str]]) -> set[str]:
    """Keys found somewhere on both sides: only these can anchor (a key one
    document never uses on the other side says nothing about pairs)."""
    return set().union(*a_keys) & set().union(*b_keys) if a_keys and b_keys else set()
