"""Per-topic verdicts net reworded, added and dropped commitments."""

import json

from tracker.compare import compare_texts
from tracker.compare.formats import format_json
from tracker.compare.markdown import format_markdown

A = ("Joint Statement. The allies expressed their strongest concern about DPRK-Russia arms "
     "deals. Both sides pledged to counter sanctions evasion. The allies agreed to expand "
     "cyber cooperation.")
B = ("Joint Statement. The allies condemned DPRK-Russia arms deals. The allies called on "
     "Russia to stop arms transfers to the DPRK. Both sides pledged to counter sanctions "
     "evasion.")


def verdicts():
    return {v.topic: v for v in compare_texts(A, B).topics}


def test_a_topic_hardens_through_rewording_and_an_added_commitment():
    russia = verdicts()["DPRK-Russia cooperation"]
    assert (russia.verdict, russia.stronger, russia.added) == ("stronger", 1, 1)
    assert "strongest concern → condemn" in russia.reasons
    assert any(reason.endswith("added") and "call on" in reason for reason in russia.reasons)


def test_a_dropped_commitment_weakens_its_topic():
    cyber = verdicts()["cyber"]
    assert (cyber.verdict, cyber.dropped) == ("weaker", 1)


def test_an_unchanged_commitment_moves_no_topic():
    assert "sanctions" not in verdicts()


def test_verdicts_are_in_the_json_and_the_markdown_report():
    comparison = compare_texts(A, B)
    topics = json.loads(format_json(comparison))["topics"]
    keys = {"topic", "verdict", "stronger", "weaker", "added", "dropped", "reasons"}
    assert keys == set(topics[0])
    assert "DPRK-Russia cooperation: stronger" in format_markdown(comparison).replace("\\", "")
