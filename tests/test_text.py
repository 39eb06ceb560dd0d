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
