"""The one filter model: parsed alike from TOML, options and query strings,
applied to a real report payload sentence by sentence."""

import pytest

from tracker.compare import compare_texts
from tracker.errors import InputError
from tracker.reports.build import build_report
from tracker.reports.filters import (
    ReportFilter,
    item_significance,
    parse_filter,
    significance_from,
)

OLD = ("The allies met in Seoul. The two sides strongly condemned the growing military "
       "cooperation between the DPRK and Russia. The two sides expressed concern about the "
       "DPRK's ballistic missile launches.")
NEW = ("The allies met in Seoul. The two sides noted the military cooperation between the DPRK "
       "and Russia. The United States will deploy strategic assets to the Korean Peninsula "
       "more often.")


@pytest.fixture(scope="module")
def payload():
    comparison = compare_texts(OLD, NEW, "x@1", "x@2")
    return build_report(comparison, kind="version", title="X changed", document="x",
                        meeting="edscg-9", link="http://tracker.test/compare/x@1...x@2")


def kept(payload, **values):
    narrowed = parse_filter(values).narrow(payload, "edscg")
    return None if narrowed is None else {k: len(v) for k, v in narrowed["sections"].items()
                                          if v}


def test_an_empty_filter_keeps_the_very_same_payload(payload):
    assert parse_filter({}).everything
    assert parse_filter({}).narrow(payload, None) is payload


def test_a_topic_keeps_only_its_sentences_with_their_context(payload):
    narrowed = parse_filter({"topic": "russia"}).narrow(payload, "edscg")
    assert {k for k, v in narrowed["sections"].items() if v} == {"weaker"}
    item = narrowed["sections"]["weaker"][0]
    assert "Russia" in item["text"] and item["context"] == "The allies met in Seoul."
    assert narrowed["topics"] and all("Russia" in line for line in narrowed["topics"])
    assert narrowed["title"] == "X changed (only topic russia)"
    assert narrowed["summary"]["weaker"] == 1 and "dropped" not in narrowed["summary"]


def test_fields_combine_and_values_within_a_field_are_alternatives(payload):
    assert kept(payload, change=["added", "dropped"]) == {"added": 1, "dropped": 1}
    assert kept(payload, change="added,dropped", actor="United States") == {"added": 1}
    assert kept(payload, topic="Russia", change="stronger") is None
    assert kept(payload, series="ncg") is None
    assert kept(payload, series="EDSCG", document="x") is not None
    assert kept(payload, document="y") is None


def test_a_topic_word_matches_whole_words_only(payload):
    assert kept(payload, topic="Russ") is None
    assert kept(payload, topic="DPRK-Russia cooperation") == {"weaker": 1}


def test_significance_reads_annotations_and_unjudged_is_routine(payload):
    assert kept(payload, min_significance="routine") == kept(payload)
    assert kept(payload, min_significance="notable") is None
    judged = {**payload, "sections": {**payload["sections"], "weaker": [
        {**payload["sections"]["weaker"][0],
         "annotations": [{"significance": "routine"}, {"significance": "major"}]}]}}
    assert kept(judged, min_significance="major") == {"weaker": 1}
    assert item_significance({}) == "routine"
    assert item_significance({"significance": "notable"}) == "notable"


def test_annotations_kept_apart_count_by_unit_key(payload):
    weaker = {**payload["sections"]["weaker"][0], "key": "unit-1"}
    judged = {**payload, "sections": {**payload["sections"], "weaker": [weaker]}}
    chosen = parse_filter({"min_significance": "notable"})
    assert chosen.narrow(judged, None) is None
    judge = significance_from({"unit-1": ["routine", "major"], "unit-2": ["major"]})
    narrowed = chosen.narrow(judged, None, judge)
    assert [i["key"] for items in narrowed["sections"].values() for i in items] == ["unit-1"]


def test_a_filter_survives_its_mapping_and_its_query_string(payload):
    chosen = parse_filter({"series": ["edscg"], "topic": "Russia", "change": "weaker",
                           "min_significance": "notable"})
    assert parse_filter(chosen.to_mapping()) == chosen
    assert chosen.query_string() == ("series=edscg&topic=Russia&change=weaker"
                                     "&min_significance=notable")
    assert chosen.describe() == "series edscg; topic Russia; change weaker; " \
                                "min significance notable"
    assert ReportFilter().describe() == "everything"


@pytest.mark.parametrize("values, named", [
    ({"colour": "red"}, "unknown filter key(s) colour"),
    ({"change": "sideways"}, "'sideways' is not one of added, dropped, stronger, weaker"),
    ({"min_significance": "huge"}, "is not one of routine, notable, major"),
    ({"min_significance": ["major", "notable"]}, "takes one value"),
    ({"topic": 3}, "must be a string or a list of strings"),
    ({"topic": "x\x1b[31m"}, "control character"),
    ({"actor": ",".join(str(i) for i in range(30))}, "at most 20 values"),
])
def test_bad_filters_are_one_line_naming_the_fault(values, named):
    with pytest.raises(InputError) as error:
        parse_filter(values, "[subscription.x]")
    assert named in str(error.value) and str(error.value).startswith("[subscription.x]")
