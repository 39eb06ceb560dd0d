import pytest

from tracker.text import canonical_text, paragraphs, text_sha256


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("a\rb", "a\nb"),
        ("  a   b\t c  ", "a b c"),
        ("a\n\n\n\n b", "a\n\nb"),
        ("\n\n a \n\n", "a"),
        ("a\u00a0b\u202fc", "a b c"),
        ("stra\u00adtegic \u200bassets\ufeff", "strategic assets"),
        ("e\u0301", "\u00e9"),
        ("one\u2029two", "one\n\ntwo"),
        ("“curly” — dash", "“curly” — dash"),
    ],
)
def test_canonical_text(raw, expected):
    assert canonical_text(raw) == expected


def test_canonical_text_is_idempotent():
    sample = "  Title \n\n\n First  line\nsecond\u00a0line \r\n\r\n last"
    once = canonical_text(sample)
    assert canonical_text(once) == once


def test_hash_is_sha256_of_utf8():
    import hashlib

    assert text_sha256("é") == hashlib.sha256("é".encode()).hexdigest()


def test_paragraphs_split_on_blank_lines():
    assert paragraphs("a\nb\n\nc") == ["a\nb", "c"]


def test_control_characters_are_stripped_but_line_breaks_and_tabs_kept():
    hostile = "Title\x1b]0;owned\x07\n\nThe allies\x1b[2J met.\x00\x7f\x9b\tAgain\x85end"
    assert canonical_text(hostile) == "Title]0;owned\n\nThe allies[2J met. Again\nend"
    normal = "The U.S. and the ROK met.\n\n\u201cIronclad\u201d \u2014 \ud55c\ubbf8\ub3d9\ub9f9."
    assert canonical_text(normal) == normal


def test_escape_controls_shows_what_a_terminal_would_act_on():
    from tracker.text import escape_controls

    assert escape_controls("a\x1b[2J\tb\nc\x07\x9b") == "a\\x1b[2J\tb\nc\\x07\\x9b"
    assert escape_controls("plain “text” — 한") == "plain “text” — 한"


def _canonical_by_regex(text: str) -> str:
    """The canonical form by whole-text regex scans only, as it was first
    written: the reference the quicker test for unprintable text must match."""
    import re
    import unicodedata

    from tracker.text import _INVISIBLE, _SPACES

    text = re.sub(_INVISIBLE, "", unicodedata.normalize("NFC", text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = re.sub(_SPACES, " ", text).replace(" \n", "\n").replace("\n ", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip(" \n")


def test_canonical_text_matches_the_regex_scans_on_every_kind_of_character():
    import random

    odd = [chr(c) for c in (0, 8, 9, 11, 12, 13, 14, 0x1f, 0x7f, 0x84, 0x85, 0x9f, 0xa0,
                            0xad, 0x1680, 0x2000, 0x200b, 0x200d, 0x200e, 0x2028, 0x2029,
                            0x202f, 0x2060, 0x3000, 0xfeff, 0x301)]
    alphabet = list("ab c\n.\u2019\u2014\ud55c") + odd
    chosen = random.Random(16)
    for _ in range(20_000):
        text = "".join(chosen.choice(alphabet if chosen.random() < 0.5 else alphabet[:9])
                       for _ in range(chosen.choice((2, 6, 20, 60))))
        assert canonical_text(text) == _canonical_by_regex(text), repr(text)


def test_long_and_short_texts_hash_alike_with_either_sha256():
    import hashlib

    for text in ("", "short", "x" * 300_000, "\ud55c\uae00" * 100_000):
        assert text_sha256(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("run", [2, 3, 4, 5, 7, 8, 9, 1000, 1025])
def test_long_runs_of_spaces_and_line_breaks_fold_as_the_regex_folds_them(run):
    """Folding by replacing halves a run per pass: every length ends as one."""
    text = f"a{' ' * run}b{chr(10) * run}c {chr(10) * run} d"
    assert canonical_text(text) == _canonical_by_regex(text) == "a b\n\nc\n\nd"
