"""Corrections from the command line, on real database files: metadata
edits with their history, and retracted versions hidden everywhere a
reader looks without one byte of the snapshot changing."""

import getpass
import json
import sqlite3

import pytest

from tests.conftest import file_digest, run_tracker
from tracker.store import open_store

DOC = "edscg-5-joint-statement"
MARK = "The two sides agreed to paint the moon orange."


def _add_wrong_version(cli, tmp_path) -> None:
    original = json.loads(cli("show", DOC, "--json").output)["text"]
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(f"{original}\n\n{MARK}\n")
    assert cli("add", str(wrong), "--document", DOC).output.strip() == f"{DOC} v2"


@pytest.fixture
def two_versions(cli, tmp_path, initialised):
    """edscg-5's primary text with a second (wrong) version holding MARK."""
    _add_wrong_version(cli, tmp_path)
    return initialised


def _views(cli, *extra: str) -> dict:
    """What readers see of the series: list, lineage and terms."""
    listed = {d["slug"]: d["versions"] for d in json.loads(cli("list", "--json", *extra).output)}
    return {"versions": listed[DOC], "lineage": cli("lineage", "--json", *extra).output,
            "terms": cli("terms", "--json", *extra).output}


def _snapshot_rows(path) -> list:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM snapshots ORDER BY id").fetchall()


def test_retract_hides_a_version_and_unretract_brings_it_back(cli, tmp_path, initialised):
    before_wrong = _views(cli)
    _add_wrong_version(cli, tmp_path)
    with_wrong = _views(cli)
    assert with_wrong["versions"] == 2 and MARK in with_wrong["lineage"]
    rows = _snapshot_rows(initialised)
    done = cli("retract", f"{DOC}@2", "--reason", "raw bytes, not the statement")
    assert done.exit_code == 0, done.output
    assert _views(cli) == before_wrong
    assert MARK not in cli("show", DOC).output
    assert _views(cli, "--include-retracted") == with_wrong
    assert _snapshot_rows(initialised) == rows
    assert cli("unretract", f"{DOC}@2").exit_code == 0
    assert _views(cli) == with_wrong
    assert _snapshot_rows(initialised) == rows


def test_naming_a_retracted_version_is_refused_unless_asked_for(cli, two_versions):
    cli("retract", f"{DOC}@2", "--reason", "wrong file")
    refused = cli("show", f"{DOC}@2")
    assert refused.exit_code == 1
    assert "is retracted (wrong file); add --include-retracted" in refused.output
    assert cli("diff", f"{DOC}@1", f"{DOC}@2").exit_code == 1
    shown = cli("show", f"{DOC}@2", "--include-retracted")
    assert shown.exit_code == 0 and MARK in shown.output
    assert MARK in cli("diff", f"{DOC}@1", f"{DOC}@2", "--include-retracted").output
    assert cli("--include-retracted", "show", f"{DOC}@2").exit_code == 0


def test_history_lists_versions_and_every_correction(cli, two_versions):
    cli("retract", f"{DOC}@2", "--reason", "wrong file", "--by", "kim")
    assert "v2" not in cli("history", DOC).output.split("WHEN")[0]
    assert "v2 (retracted)" in cli("history", DOC, "--include-retracted").output
    cli("unretract", f"{DOC}@2", "--by", "lee")
    log = json.loads(cli("history", DOC, "--edits", "--json").output)
    assert [(c["action"], c["by"], c["version"]) for c in log] == [
        ("retract", "kim", 2), ("unretract", "lee", 2)]
    assert log[0]["reason"] == "wrong file" and log[0]["at"].endswith("Z")


def test_meta_edits_show_in_listings_and_history(cli, initialised):
    edited = cli("meta", DOC, "--title", "Fifth EDSCG statement", "--publisher", "State",
                 "--by", "park")
    assert edited.exit_code == 0, edited.output
    assert cli("meta", "edscg-5", "--date", "2024-01-10", "--location", "Seoul").exit_code == 0
    listed = {d["slug"]: d for d in json.loads(cli("list", "--json").output)}
    assert (listed[DOC]["title"], listed[DOC]["publisher"]) == ("Fifth EDSCG statement", "State")
    shown = json.loads(cli("show", DOC, "--json").output)["document_info"]
    assert shown["title"] == "Fifth EDSCG statement"
    meeting = next(m for m in json.loads(cli("meetings", "--json").output)
                   if m["slug"] == "edscg-5")
    assert (meeting["date"], meeting["location"]) == ("2024-01-10", "Seoul")
    log = json.loads(cli("history", DOC, "--edits", "--json").output)
    assert [(c["target"], c["field"], c["by"]) for c in log] == [
        ("document", "title", "park"), ("document", "publisher", "park"),
        ("meeting", "date", getpass.getuser()), ("meeting", "location", getpass.getuser())]
    assert log[1]["old"] == "U.S. Department of State" and log[1]["new"] == "State"
    text = cli("history", DOC).output
    assert "park" in text and "'U.S. Department of State' → 'State'" in text


def test_meta_with_the_values_held_changes_nothing(cli, initialised):
    before = file_digest(initialised)
    title = json.loads(cli("show", DOC, "--json").output)["document_info"]["title"]
    assert "unchanged" in cli("meta", DOC, "--title", title).output
    assert file_digest(initialised) == before


BAD_INPUTS = [
    ["meta", "no-such-thing", "--title", "x"],
    ["meta", "edscg-5", "--date", "2024-13-01"],
    ["meta", "edscg-5", "--publisher", "State"],
    ["meta", DOC, "--date", "2024-01-01"],
    ["meta", DOC, "--url", "ftp://example.org/x"],
    ["meta", DOC, "--url-status", "maybe"],
    ["meta", DOC, "--language", "english!"],
    ["meta", DOC],
    ["meta", DOC, "--title", "x", "--by", ""],
    ["retract", f"{DOC}@9", "--reason", "x"],
    ["retract", "no-such-document@1", "--reason", "x"],
    ["retract", DOC, "--reason", "x"],
    ["retract", f"{DOC}@1", "--reason", "  "],
    ["unretract", f"{DOC}@1"],
    ["history", "no-such-document"],
]


def test_bad_input_is_one_line_and_leaves_the_database_byte_identical(initialised):
    before = file_digest(initialised)
    for args in BAD_INPUTS:
        done = run_tracker("--db", str(initialised), *args)
        lines = done.stderr.decode().strip().splitlines()
        assert done.returncode == 1, (args, lines)
        assert len(lines) == 1 and lines[0].startswith("tracker: error: "), (args, lines)
        assert file_digest(initialised) == before, args


def test_retracting_twice_is_refused(cli, two_versions):
    cli("retract", f"{DOC}@2", "--reason", "wrong")
    again = cli("retract", f"{DOC}@2", "--reason", "wrong")
    assert again.exit_code == 1 and "already retracted" in again.output


def test_corrections_move_the_page_revision_and_hide_from_search(two_versions):
    with open_store(two_versions) as store:
        start = store.revision()
        assert store.search("orange moon").hits
        store.retract(DOC, 2, "wrong", "kim")
        assert store.revision() > start and not store.search("orange moon").hits
        moved = store.revision()
        store.unretract(DOC, 2, "kim")
        assert store.revision() > moved
        store.edit_metadata(DOC, {"title": "New"}, "kim")
        assert store.revision() > moved + 1


def test_export_keeps_retracted_versions(cli, two_versions, tmp_path):
    cli("retract", f"{DOC}@2", "--reason", "wrong")
    assert cli("export", str(tmp_path / "out")).exit_code == 0
    copy = tmp_path / "copy.db"
    assert cli("import", str(tmp_path / "out"), db=copy).exit_code == 0
    assert len(_snapshot_rows(copy)) == len(_snapshot_rows(two_versions))


def test_a_new_version_is_reported_against_the_last_one_not_retracted(two_versions):
    from tracker.model import Capture, DocumentSpec
    from tracker.settings import Settings
    from tracker.watch.reporting import reports_for

    with open_store(two_versions) as store:
        store.retract(DOC, 2, "wrong file", "kim")
        text = store.snapshot(DOC).text
        result = store.add(DocumentSpec(DOC), Capture(f"{text}\n\nThey met again in Seoul.\n"))
        drafts = reports_for(store, result, Settings.from_environment())
    assert result.version == 3
    assert [d["key"] for d in drafts] == [f"version:{DOC}:1:3"]


def test_recent_changes_never_link_from_a_retracted_version(two_versions):
    from tracker.model import Capture, DocumentSpec

    with open_store(two_versions) as store:
        text = store.snapshot(DOC, 1).text
        store.add(DocumentSpec(DOC), Capture(f"{text}\n\nThey met again in Seoul.\n"))
        assert [c.version for c in store.recent_changes() if c.document == DOC] == [3, 2]
        store.retract(DOC, 2, "wrong file", "kim")
        assert [c.version for c in store.recent_changes() if c.document == DOC] == []
