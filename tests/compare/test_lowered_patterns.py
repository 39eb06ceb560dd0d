"""Lowering a lexicon pattern run by run gives what lowering it a
character at a time gave (the first, simple form), escapes untouched."""

import re

from hypothesis import given
from hypothesis import strategies as st

from tracker.compare import commitments


def lowered_char_by_char(pattern: str) -> str:
    """The reference: each escape kept, every other character lowered alone."""
    tokens = re.findall(r"\\N\{[^}]*\}|\\.|.", pattern, re.DOTALL)
    return "".join(token if token.startswith("\\") else token.lower() for token in tokens)


def bundled_patterns() -> list[str]:
    """Every pattern of the bundled lexicon (with the glossary's Korean forms)."""
    lexicon = commitments.default_lexicon()
    phrase_sets = (lexicon.actors, lexicon.topics, lexicon.verbs, lexicon.markers, lexicon.terms)
    return [pattern for phrases in phrase_sets for patterns in phrases._entries.values()
            for pattern in patterns]


def test_every_bundled_pattern_lowers_as_before():
    patterns = bundled_patterns()
    assert len(patterns) > 500
    for pattern in patterns:
        assert commitments._lower_pattern(pattern) == lowered_char_by_char(pattern), pattern


# Letters of several scripts (Greek capital sigma, dotted I, German sharp s),
# escapes complete and broken, braces, a lone backslash.
PIECES = st.sampled_from(["A", "b", "Σ", "ς", "İ", "ß", "Ω", " ", "\\", "\\S", "\\N{DASH}",
                          "\\N{", "}", "{", "(?:", ")", "|", "\n", "É", "ǅ"])


@given(st.lists(PIECES, max_size=12).map("".join))
def test_any_pattern_lowers_as_before(pattern):
    assert commitments._lower_pattern(pattern) == lowered_char_by_char(pattern)
