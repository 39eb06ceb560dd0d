"""Strength calls that hang on a single word's reading: the month "May", a
passive "considered", and the source of a threat named or left out."""

from pathlib import Path

import pytest

from tracker.compare.commitments import (
    LEXICON_PATH,
    commitment_change,
    load_lexicon,
    read_wording,
)
from tracker.errors import InputError


@pytest.mark.parametrize("text", [
    "The leaders met in May 2024 and will meet again.",
    "The ministers met on 5 May and will meet again.",
    "Since May the two sides will meet monthly.",
    "The deadline of May will hold.",
])
def test_the_month_may_is_no_modal(text: str) -> None:
    assert "may" not in read_wording(text).markers


def test_the_modal_may_is_still_read() -> None:
    assert "may" in read_wording("The allies may deploy more assets.").markers
    change = commitment_change("The allies may deploy more assets in May 2025.",
                               "The allies will deploy more assets in May 2025.")
    assert change.strength == "stronger"
    assert change.signals == ("may → will",)


def test_a_dropped_meeting_month_is_not_a_softening() -> None:
    change = commitment_change(
        "Building on the meeting of the Presidents in May 2023, the ministers affirmed "
        "that the alliance is strong.",
        "Building on the meeting of the Presidents in October 2023, the ministers affirmed "
        "that the alliance is strong.")
    assert change.strength == "same"
    assert change.signals == ()


def test_a_passive_considered_is_no_hedge() -> None:
    rule = "An attack against one ally shall be considered an attack against all."
    assert "consider" not in read_wording(rule).markers
    assert "consider" not in read_wording("The proposal was considered a success.").markers
    assert "consider" in read_wording("The allies will consider further steps.").markers
    assert "consider" in read_wording("The allies considered further steps.").markers


def test_naming_the_source_of_a_threat_hardens_an_assessment() -> None:
    change = commitment_change(
        "The ministers shared their concern that coercive attempts present challenges "
        "to the alliance.",
        "The ministers acknowledged that China's behavior presents challenges to the "
        "alliance.")
    assert change.strength == "stronger"
    assert '+source "China"' in change.signals


def test_leaving_the_source_out_softens_it() -> None:
    change = commitment_change("Both sides condemned the DPRK's missile launches.",
                               "Both sides condemned the recent missile launches.")
    assert change.strength == "weaker"
    assert change.signals == ('-source "DPRK"',)


def test_a_source_named_on_both_sides_changes_nothing() -> None:
    change = commitment_change("Both sides condemned the DPRK's missile launches.",
                               "Both sides condemned the DPRK's recent missile launches.")
    assert change.strength == "same"


def test_a_state_named_outside_a_threat_is_no_source() -> None:
    change = commitment_change("Both sides welcomed dialogue with China on climate.",
                               "Both sides welcomed dialogue on climate.")
    assert change.strength == "same"
    assert change.signals == ()


def test_sources_are_data(tmp_path: Path) -> None:
    text = LEXICON_PATH.read_text(encoding="utf-8").replace('"Russia" = 1\n', "", 1)
    variant = tmp_path / "lexicon.toml"
    variant.write_text(text, encoding="utf-8")
    lexicon = load_lexicon(variant)
    assert "Russia" not in lexicon.sources
    change = commitment_change("Both sides condemned the arms deals.",
                               "Both sides condemned Russia's arms deals.", lexicon)
    assert change.strength == "same"


@pytest.mark.parametrize(("content", "message"), [
    ('[actors]\n"DPRK" = []\n[threat_sources]\n"Mars" = 1\n', "not an actor"),
    ('[actors]\n"DPRK" = []\n[threat_sources]\n"DPRK" = "high"\n', "numeric weight"),
])
def test_bad_sources_are_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_lexicon(path)


@pytest.mark.parametrize("word", ["unshakable", "unshakeable"])
def test_unshakable_is_an_intensifier_like_ironclad(word: str) -> None:
    change = commitment_change(
        "The United States reaffirmed its commitment to the defense of the ROK.",
        f"The United States reaffirmed its {word} commitment to the defense of the ROK.")
    assert change.strength == "stronger"
    assert change.signals == ('+"unshakable"',)


def test_a_source_named_moves_the_topic_verdict() -> None:
    from tracker.compare import compare_texts
    from tracker.compare.verdict import topic_verdicts

    comparison = compare_texts(
        "The ministers met in Seoul. Both sides expressed concern about the recent missile "
        "launches.",
        "The ministers met in Tokyo. Both sides expressed concern about the DPRK's recent "
        "missile launches.")
    lines = [verdict.line() for verdict in topic_verdicts(comparison.units)]
    assert 'missiles: stronger (+source "DPRK")' in lines


def test_a_pledge_about_a_state_names_no_culprit() -> None:
    change = commitment_change(
        "The United States reiterated its commitment to deter DPRK aggression.",
        "The United States reiterated its commitment to deter aggression against the ROK.")
    assert change.strength == "same"
    assert not any("source" in signal for signal in change.signals)
