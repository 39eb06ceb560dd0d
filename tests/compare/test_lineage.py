"""Commitment lineage: threads across a series, built from small series with known answers."""

import json
from pathlib import Path

import pytest

import tracker.compare
from tracker.compare.lineage import Lineage, Thread, build_lineage, format_lineage_text

if not hasattr(tracker.compare, "compare_texts"):
    pytest.skip("the comparison engine (compare_texts) is not there yet", allow_module_level=True)

IRONCLAD = "The United States reaffirmed its ironclad commitment to the defense of the ROK."
IRONCLAD_2 = (
    "The United States reaffirmed its ironclad and unwavering commitment to the defense of the ROK."
)
CONCERN = "Both sides expressed concern about the DPRK's ballistic missile launches."
CONDEMN = "Both sides condemned the DPRK's ballistic missile launches."
EXERCISES = "The allies agreed to expand combined exercises on the Korean Peninsula."
EXERCISES_BACK = (
    "The allies agreed to expand large-scale combined exercises on the Korean Peninsula."
)
MISINFORMATION = "Both sides will counter misinformation about extended deterrence."
FILLER = "The meeting took place at the Department of State."
SANCTIONS = "The two sides pledged to tighten enforcement against sanctions evasion by the DPRK."


def statement(*sentences: str) -> str:
    """A statement with one sentence per paragraph."""
    return "\n\n".join(sentences)


SERIES = [
    ("m1", statement(IRONCLAD, CONCERN, EXERCISES, FILLER)),
    ("m2", statement(IRONCLAD_2, CONDEMN, FILLER)),
    ("m3", statement(IRONCLAD_2, EXERCISES_BACK, FILLER, MISINFORMATION)),
]


@pytest.fixture(scope="module")
def lineage() -> Lineage:
    return build_lineage(SERIES)


def thread_with(lineage: Lineage, text: str) -> Thread:
    """The one thread that ever had ``text`` as its wording."""
    found = [t for t in lineage.threads if any(a.text == text for a in t.appearances)]
    assert len(found) == 1, found
    return found[0]


def test_only_commitments_make_threads(lineage: Lineage) -> None:
    assert len(lineage.threads) == 4
    assert not any(FILLER in a.text for t in lineage.threads for a in t.appearances)


def test_a_commitment_kept_and_strengthened(lineage: Lineage) -> None:
    thread = thread_with(lineage, IRONCLAD)
    assert [a.meeting for a in thread.appearances] == ["m1", "m2", "m3"]
    assert [a.kind for a in thread.appearances] == ["new", "reworded", "unchanged"]
    assert thread.appearances[1].strength == "stronger"
    assert '+"unwavering"' in thread.appearances[1].signals
    assert (thread.first_seen, thread.last_seen) == ("m1", "m3")
    assert thread.dropped == () and thread.dropped_at is None and thread.returned_at == ()
    assert set(thread.actors) >= {"United States", "ROK"}


def test_a_commitment_strengthened_then_dropped(lineage: Lineage) -> None:
    thread = thread_with(lineage, CONCERN)
    assert [a.text for a in thread.appearances] == [CONCERN, CONDEMN]
    assert thread.appearances[1].strength == "stronger"
    assert "concern → condemn" in thread.appearances[1].signals
    assert thread.last_seen == "m2"
    assert thread.dropped_at == "m3"
    assert thread.returned_at == ()


def test_a_dropped_commitment_that_comes_back(lineage: Lineage) -> None:
    thread = thread_with(lineage, EXERCISES)
    assert [(a.meeting, a.kind) for a in thread.appearances] == [("m1", "new"), ("m3", "returned")]
    assert thread.appearances[1].text == EXERCISES_BACK
    assert thread.dropped == ("m2",)
    assert thread.returned_at == ("m3",)
    assert thread.dropped_at is None  # present again at the end of the series


def test_a_commitment_first_made_later(lineage: Lineage) -> None:
    thread = thread_with(lineage, MISINFORMATION)
    assert thread.first_seen == thread.last_seen == "m3"
    assert [a.kind for a in thread.appearances] == ["new"]
    assert "misinformation" in thread.topics


def test_threads_are_numbered_in_order_of_first_appearance(lineage: Lineage) -> None:
    assert [t.id for t in lineage.threads] == ["c1", "c2", "c3", "c4"]
    order = [lineage.meetings.index(t.first_seen) for t in lineage.threads]
    assert order == sorted(order)


def test_an_unrelated_new_commitment_is_not_a_return() -> None:
    lineage = build_lineage([("m1", statement(CONCERN)), ("m2", FILLER), ("m3", SANCTIONS)])
    assert len(lineage.threads) == 2
    old, new = lineage.threads
    assert old.dropped_at == "m2" and old.returned_at == ()
    assert new.first_seen == "m3" and new.appearances[0].kind == "new"


def test_dropped_again_after_coming_back() -> None:
    series = [("m1", IRONCLAD), ("m2", FILLER), ("m3", IRONCLAD), ("m4", FILLER)]
    (thread,) = build_lineage(series).threads
    assert thread.dropped == ("m2", "m4")
    assert thread.returned_at == ("m3",)
    assert thread.dropped_at == "m4"
    assert [a.kind for a in thread.appearances] == ["new", "returned"]
    assert thread.appearances[1].strength == "same"


def test_weakened_wording_is_weaker_with_its_reason() -> None:
    lineage = build_lineage([
        ("m1", "The United States will deploy strategic assets to the region."),
        ("m2", "The United States may deploy strategic assets to the region as appropriate."),
    ])
    (thread,) = lineage.threads
    change = thread.appearances[1]
    assert change.kind == "reworded" and change.strength == "weaker"
    assert "will → may" in change.signals
    assert '+"as appropriate"' in change.signals


def test_a_moved_commitment_keeps_its_thread() -> None:
    lineage = build_lineage([
        ("m1", statement(IRONCLAD, FILLER, SANCTIONS)),
        ("m2", statement(SANCTIONS, FILLER, IRONCLAD)),
    ])
    assert len(lineage.threads) == 2
    for thread in lineage.threads:
        assert [a.kind for a in thread.appearances] == ["new", "unchanged"]
        assert thread.dropped == ()
    assert any(a.moved for t in lineage.threads for a in t.appearances)


def test_a_single_statement_opens_its_threads() -> None:
    lineage = build_lineage([("only", statement(IRONCLAD, FILLER, CONDEMN))])
    assert lineage.meetings == ("only",)
    assert [t.appearances[0].text for t in lineage.threads] == [IRONCLAD, CONDEMN]
    assert all(t.first_seen == t.last_seen == "only" for t in lineage.threads)


def test_empty_series() -> None:
    assert build_lineage([]) == Lineage((), ())
    assert build_lineage([("m1", FILLER), ("m2", FILLER)]).threads == ()
    text = format_lineage_text(build_lineage([("m1", FILLER)]))
    assert text == "0 commitments across 1 meeting: 0 dropped, 0 came back"


def test_to_dict_is_json_ready(lineage: Lineage) -> None:
    data = json.loads(json.dumps(lineage.to_dict()))
    assert data["meetings"] == ["m1", "m2", "m3"]
    thread = next(t for t in data["threads"] if t["returned_at"])
    assert set(thread) == {
        "id", "key", "actors", "topics", "first_seen", "last_seen", "dropped", "dropped_at",
        "returned_at", "appearances",
    }
    assert set(thread["appearances"][0]) == {
        "meeting", "text", "kind", "strength", "signals", "moved",
    }


def test_text_format_shows_each_meeting_and_the_drops(lineage: Lineage) -> None:
    text = format_lineage_text(lineage)
    assert text.splitlines()[0] == "4 commitments across 3 meetings: 1 dropped, 1 came back"
    block = next(b for b in text.split("\n\n") if CONCERN in b)
    lines = [line.split() for line in block.splitlines()]
    assert [words[:2] for words in lines if words[0] in ("m1", "m2", "m3")] == [
        ["m1", "new"], ["m2", "reworded,"], ["m3", "dropped"],
    ]
    assert "concern → condemn" in block
    returned = next(b for b in text.split("\n\n") if EXERCISES in b)
    meetings = [line.split()[0] for line in returned.splitlines()[1:] if line.split()[0][0] == "m"]
    assert meetings == ["m1", "m2", "m3"]  # drop and return in meeting order


# The bundled EDSCG corpus, checked against edscg-facts.md: "swift" joined the
# response formula at the 4th meeting; the 5th condemned DPRK-Russia arms dealings.
CORPUS = Path(__file__).resolve().parents[2] / "snapshots" / "edscg"
EDSCG = ["edscg-3-joint-statement", "edscg-4-joint-press-release", "edscg-5-joint-statement"]


def corpus_series() -> list[tuple[str, str]]:
    """EDSCG 3 to 5 as ``(meeting, text)``, front matter removed; skip if absent."""
    paths = [CORPUS / f"{name}.txt" for name in EDSCG]
    if not all(path.exists() for path in paths):
        pytest.skip("bundled EDSCG snapshots are not there")
    return [(name.split("-joint")[0], _body(path.read_text("utf-8"))) for name, path in
            zip(EDSCG, paths, strict=True)]


def _body(text: str) -> str:
    """A snapshot file's text without its ``---`` front matter."""
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def test_corpus_swift_joins_the_response_formula_at_the_fourth_meeting() -> None:
    lineage = build_lineage(corpus_series())
    swift = [
        (thread, appearance)
        for thread in lineage.threads
        for appearance in thread.appearances
        if '+"swift"' in appearance.signals
    ]
    assert swift, format_lineage_text(lineage)
    thread, appearance = swift[0]
    assert appearance.meeting == "edscg-4"
    assert appearance.strength == "stronger"
    assert thread.first_seen == "edscg-3"


def test_corpus_condemnation_is_a_new_commitment_at_the_fifth_meeting() -> None:
    lineage = build_lineage(corpus_series())
    condemned = [
        thread for thread in lineage.threads
        if "condemn" in thread.appearances[-1].text.lower() and "Russia" in thread.actors
    ]
    assert condemned
    assert all(thread.last_seen == "edscg-5" for thread in condemned)


def test_text_format_names_meetings_when_told(lineage: Lineage) -> None:
    names = {"m1": "First meeting (2020-01-01)", "m3": "Third meeting (2022-01-01)"}
    text = format_lineage_text(lineage, names)
    block = next(b for b in text.split("\n\n") if CONCERN in b).splitlines()
    assert block[1].startswith("  First meeting (2020-01-01)  new")
    assert block[-1] == "  Third meeting (2022-01-01)  dropped"
    width = len(names["m1"])
    assert any(line.startswith(f"  {'m2'.ljust(width)}  reworded") for line in block)


def test_a_skipped_meeting_is_named_when_told() -> None:
    capped = build_lineage([("m1", f"{IRONCLAD} {CONDEMN}"), ("m2", IRONCLAD)], max_sentences=1)
    text = format_lineage_text(capped, {"m1": "First meeting"})
    assert "note: First meeting left out: 2 sentences" in text
