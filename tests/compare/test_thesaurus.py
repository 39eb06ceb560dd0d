"""The domain thesaurus: equivalent words fold into one concept; users can extend it."""

import pytest

from tracker.compare.similarity import concept_words
from tracker.compare.thesaurus import default_thesaurus, load_thesaurus
from tracker.errors import InputError


@pytest.mark.parametrize("variants", [
    ["the DPRK", "North Korea", "Pyongyang"],
    ["condemned", "denounced"],
    ["launches", "firing"],
    ["convened", "held", "hosted"],
    ["led", "headed", "co-chaired"],
    ["reaffirmed", "reiterated", "recommitted"],
])
def test_variants_share_one_concept(variants):
    concepts = [concept_words(text) for text in variants]
    assert all(words == concepts[0] for words in concepts), concepts


def test_unrelated_words_stay_apart():
    assert concept_words("condemned") != concept_words("welcomed")
    assert concept_words("North Korea") != concept_words("South Korea")


def test_a_user_file_adds_groups(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('[groups]\nsubmarine = ["submarine", "SSN", "boat"]\n', encoding="utf-8")
    mine = load_thesaurus(path)
    assert concept_words("SSN", mine) == concept_words("boat", mine) == ["submarine"]
    assert concept_words("SSN") != concept_words("boat")  # the bundled one is untouched


@pytest.mark.parametrize("content", ["[groups\n", '[groups]\nx = "not a list"\n'])
def test_a_broken_file_is_an_input_error(tmp_path, content):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        load_thesaurus(path)


def test_bundled_thesaurus_loads_once():
    assert default_thesaurus() is default_thesaurus()
