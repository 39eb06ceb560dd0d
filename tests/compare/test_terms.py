"""Term timeline: counts per meeting, first and last use, evidence, the terminal table."""

from pathlib import Path

import pytest

from tracker.compare.commitments import load_lexicon
from tracker.compare.terms import TermTimeline, format_terms_table, term_timeline

# Three meetings written so that every count below is known by construction.
SERIES = [
    (
        "edscg-3",
        "The United States reaffirmed its ironclad and unwavering commitment to the ROK.\n\n"
        "Both sides agreed to counter sanctions evasion and illicit cyber activity.\n\n"
        "A nuclear attack would meet an overwhelming and decisive response.",
    ),
    (
        "edscg-4",
        "The United States reaffirmed its ironclad commitment to the ROK.\n\n"
        "A nuclear attack would meet a swift, overwhelming and decisive response.\n\n"
        "Both sides expressed their strongest concern about DPRK-Russia cooperation.",
    ),
    (
        "edscg-5",
        "The United States reaffirmed its ironclad and unwavering commitment, "
        "including nuclear, to the ROK.\n\n"
        "A nuclear attack would meet a swift, overwhelming and decisive response.\n\n"
        "The allies condemned Russia's support and Russian arms transfers to the DPRK.\n\n"
        "Both sides held a scenario-based discussion and agreed to fight cyber theft.",
    ),
]


@pytest.fixture(scope="module")
def timeline() -> TermTimeline:
    return term_timeline(SERIES)


@pytest.mark.parametrize(
    ("term", "counts", "first", "last"),
    [
        ("ironclad", (1, 1, 1), "edscg-3", "edscg-5"),
        ("unwavering", (1, 0, 1), "edscg-3", "edscg-5"),
        ("swift", (0, 1, 1), "edscg-4", "edscg-5"),
        ("overwhelming", (1, 1, 1), "edscg-3", "edscg-5"),
        ("including nuclear", (0, 0, 1), "edscg-5", "edscg-5"),
        ("strongest concern", (0, 1, 0), "edscg-4", "edscg-4"),
        ("condemn", (0, 0, 1), "edscg-5", "edscg-5"),
        ("Russia", (0, 1, 2), "edscg-4", "edscg-5"),
        ("cyber", (1, 0, 1), "edscg-3", "edscg-5"),
        ("sanctions evasion", (1, 0, 0), "edscg-3", "edscg-3"),
        ("scenario", (0, 0, 1), "edscg-5", "edscg-5"),
    ],
)
def test_term_counts(timeline: TermTimeline, term: str, counts, first: str, last: str) -> None:
    row = timeline.row(term, "term")
    assert row is not None
    assert row.counts == counts
    assert (row.first_seen, row.last_seen) == (first, last)


def test_overlapping_terms_both_count(timeline: TermTimeline) -> None:
    assert timeline.row("sanctions", "term").counts == (1, 0, 0)
    assert timeline.row("sanctions evasion", "term").counts == (1, 0, 0)


def test_topics_are_rows_of_their_own_kind(timeline: TermTimeline) -> None:
    row = timeline.row("DPRK-Russia cooperation", "topic")
    assert row is not None
    # edscg-4: "Russia"; edscg-5: "Russia's", "Russian", "arms transfers".
    assert row.counts == (0, 1, 3)
    assert timeline.row("nuclear", "topic").counts == (1, 1, 2)


def test_terms_absent_everywhere_are_left_out_unless_asked(timeline: TermTimeline) -> None:
    assert timeline.row("Audacious Initiative") is None
    full = term_timeline(SERIES, keep_empty=True)
    row = full.row("Audacious Initiative", "term")
    assert row is not None
    assert row.counts == (0, 0, 0)
    assert row.first_seen is None and row.last_seen is None


def test_rows_point_to_the_sentences_that_matched(timeline: TermTimeline) -> None:
    row = timeline.row("swift", "term")
    assert row.sentences == ((), (1,), (1,))
    for meeting, indexes in enumerate(row.sentences):
        for index in indexes:
            assert "swift" in timeline.sentences[meeting][index]
    assert timeline.row("ironclad").sentences == ((0,), (0,), (0,))


def test_meetings_keep_their_order(timeline: TermTimeline) -> None:
    assert timeline.meetings == ("edscg-3", "edscg-4", "edscg-5")
    assert all(len(row.counts) == 3 == len(row.sentences) for row in timeline.rows)


def test_terms_come_before_topics(timeline: TermTimeline) -> None:
    kinds = [row.kind for row in timeline.rows]
    assert kinds == sorted(kinds, key=["term", "topic"].index)


def test_matching_ignores_case_and_word_parts() -> None:
    timeline = term_timeline([("m", "IRONCLAD. Ironclad. ironcladding is not a word here.")])
    assert timeline.row("ironclad").counts == (2,)


def test_to_dict_is_plain_data(timeline: TermTimeline) -> None:
    data = timeline.to_dict()
    assert data["meetings"] == ["edscg-3", "edscg-4", "edscg-5"]
    swift = next(row for row in data["rows"] if row["term"] == "swift")
    assert swift == {
        "term": "swift",
        "kind": "term",
        "counts": [0, 1, 1],
        "sentences": [[], [1], [1]],
        "first_seen": "edscg-4",
        "last_seen": "edscg-5",
    }
    assert len(data["sentences"]) == 3


def test_empty_series_and_empty_statements() -> None:
    assert term_timeline([]).rows == ()
    empty = term_timeline([("m", "")])
    assert empty.meetings == ("m",)
    assert empty.rows == ()
    assert format_terms_table(empty) == ""


def test_a_term_added_to_the_lexicon_file_is_tracked(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.toml"
    path.write_text("[terms]\n\"comprehensive deterrence\" = []\n", encoding="utf-8")
    timeline = term_timeline(
        [("edscg-2", "Seoul spoke of comprehensive deterrence."), ("edscg-3", "Nothing.")],
        lexicon=load_lexicon(path),
    )
    assert [row.term for row in timeline.rows] == ["comprehensive deterrence"]
    assert timeline.rows[0].counts == (1, 0)


def test_table_has_a_column_per_meeting_and_dots_for_zero(timeline: TermTimeline) -> None:
    table = format_terms_table(timeline)
    lines = table.splitlines()
    assert lines[0].split() == ["term", "edscg-3", "edscg-4", "edscg-5"]
    assert _cells(lines, "swift") == ["·", "1", "1"]
    assert _cells(lines, "including nuclear") == ["·", "·", "1"]
    assert "topic" in [line.split()[0] for line in lines if line]


def test_table_columns_line_up(timeline: TermTimeline) -> None:
    lines = [line for line in format_terms_table(timeline, kind="term").splitlines()]
    header = lines[0]
    end_of_last_column = len(header)
    for line in lines[1:]:
        assert len(line) == end_of_last_column  # every count is right-aligned under its header


def test_table_of_one_kind(timeline: TermTimeline) -> None:
    table = format_terms_table(timeline, kind="topic")
    assert table.splitlines()[0].split()[0] == "topic"
    assert "ironclad" not in table


def _cells(lines: list[str], term: str) -> list[str]:
    """The count cells of the table line for ``term``."""
    line = next(line for line in lines if line.startswith(term + "  "))
    return line[len(term) :].split()


def test_corpus_formulas_first_seen_where_the_facts_say() -> None:
    # edscg-facts.md: "swift" joins at the 4th meeting, "end of that regime" is
    # quoted from the 5th, the NCG (created 2023) is named at the 5th.
    corpus = Path(__file__).resolve().parents[2] / "snapshots" / "edscg"
    names = ["edscg-3-joint-statement", "edscg-4-joint-press-release", "edscg-5-joint-statement"]
    paths = [corpus / f"{name}.txt" for name in names]
    if not all(path.exists() for path in paths):
        pytest.skip("bundled EDSCG snapshots are not there")
    series = [(name[:7], path.read_text("utf-8").split("\n---\n", 1)[-1])
              for name, path in zip(names, paths, strict=True)]
    timeline = term_timeline(series)
    assert timeline.row("swift", "term").first_seen == "edscg-4"
    assert timeline.row("end of that regime", "term").first_seen == "edscg-5"
    assert timeline.row("Nuclear Consultative Group", "term").first_seen == "edscg-5"


def test_columns_headed_by_the_lines_given(timeline: TermTimeline) -> None:
    headings = {"edscg-3": ("EDSCG 3", "2022"), "edscg-5": ("EDSCG 5", "2024")}
    lines = format_terms_table(timeline, kind="term", headings=headings).splitlines()
    assert lines[0].split("  ")[0] == "term" and lines[0].endswith("EDSCG 3  edscg-4  EDSCG 5")
    assert lines[1].split() == ["2022", "2024"]  # a slug heading has no second line
    assert lines[1].index("2024") + 4 == len(lines[0])  # right-aligned in its column
    assert _cells(lines, "swift") == ["·", "1", "1"]


def test_a_skipped_meeting_is_named_when_told() -> None:
    capped = term_timeline([("m1", "Ironclad. Swift."), ("m2", "Ironclad.")], max_sentences=1)
    table = format_terms_table(capped, names={"m1": "First meeting"})
    assert "note: First meeting left out: 2 sentences" in table
