"""Normalisation: cosmetic variants meet, page furniture goes."""

import pytest

from tracker.compare.normalise import content_words, is_boilerplate, match_key, normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201cironclad\u201d", '"ironclad"'),
        ("DPRK\u2019s", "DPRK's"),
        ("2023\u20132024 \u2014 and", "2023-2024 - and"),
        ("non\u2011nuclear", "non-nuclear"),
        ("\uff2f\uff2b full-width", "OK full-width"),
        ("  spaced\u00a0\u00a0out \n\t text ", "spaced out text"),
        ("null\x00byte", "nullbyte"),
        ("zero\u200bwidth", "zerowidth"),
        ("", ""),
    ],
)
def test_normalise_text(raw, expected):
    assert normalise_text(raw) == expected


def test_match_key_keeps_case():
    assert match_key("Extended Deterrence") != match_key("extended deterrence")


@pytest.mark.parametrize(
    "line", ["###", "# # #", "-30-", "- 30 -", "Print", "Share", "Print | Share", "* * *", "----"]
)
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line", ["Joint Statement", "Printing of the statement was delayed.", "1. Share data.", "No."]
)
def test_statement_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_content_words_drop_stop_words_and_fold_inflection():
    assert content_words("The allies reaffirmed their commitments.") == {
        "alli", "reaffirm", "commitment"}
