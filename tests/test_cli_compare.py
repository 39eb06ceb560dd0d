"""`tracker diff`, `compare`, `lineage` and `terms`, as users run them."""

import json

import pytest

from tests.conftest import run_tracker, text_files

OLD = """The two sides met in Seoul.

The two sides expressed concern about the DPRK's missile launches. They agreed to meet again.

The United States reaffirmed its commitment to the ROK."""
NEW = """The two sides met in Washington.

The United States reaffirmed its ironclad commitment to the ROK.

The two sides condemned the DPRK's missile launches. They agreed to meet again.

The two sides welcomed the Nuclear Consultative Group."""


@pytest.fixture
def pair(tmp_path):
    return text_files(tmp_path, {"old.txt": OLD, "new.txt": NEW})


def test_diff_two_files_needs_no_database(pair, tmp_path):
    done = run_tracker("diff", *pair, "--no-color", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode()
    assert out.splitlines()[0].startswith(f"{pair[0]} -> {pair[1]}:")
    assert "[-Seoul-] {+Washington+}" in out
    assert "\x1b[" not in out
    assert not (tmp_path / "tracker.db").exists()


def test_diff_formats(cli, pair):
    data = json.loads(cli("diff", *pair, "--format", "json").output)
    assert set(data) >= {"a", "b", "summary", "sentences", "units"}
    assert data["summary"]["added"] == 1 and data["summary"]["moved"] >= 1
    assert data["summary"]["stronger"] >= 1
    for unit in data["units"]:
        a_text = "".join(t["text"] for t in unit["tokens"] if t["op"] != "insert")
        assert a_text == (unit["a"]["text"] if unit["a"] else "")
    unified = cli("diff", *pair, "--format", "unified").output
    assert unified.startswith(f"--- {pair[0]}\n+++ {pair[1]}\n@@")
    html = cli("diff", *pair, "--format", "html", "--side-by-side").output
    assert '<del><span class="mark">[-</span>Seoul<span class="mark">-]</span></del>' in html
    assert '<ins><span class="mark">{+</span>Washington<span class="mark">+}</span></ins>' in html
    assert "<script" not in html
    side = cli("diff", *pair, "--side-by-side", "--no-color", "--width", "120").output
    assert "Seoul" in side and "Washington" in side


def test_diff_colour_and_exit_code(cli, pair):
    assert "\x1b[32m" in cli("diff", *pair, "--color").output
    assert cli("diff", *pair, "--exit-code").exit_code == 1
    assert cli("diff", pair[0], pair[0], "--exit-code").exit_code == 0


def test_diff_html_escapes_hostile_text(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Safe text.")
    b.write_text('Safe text. <script>alert(1)</script><img src=x onerror="alert(2)">')
    html = cli("diff", str(a), str(b), "--format", "html").output
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_diff_names_in_the_database(cli, initialised, tmp_path):
    meetings = json.loads(cli("diff", "edscg-4", "edscg-5", "--format", "json").output)
    assert meetings["a"]["label"] == "edscg-4-joint-press-release@1"
    assert meetings["b"]["label"] == "edscg-5-joint-statement@1"
    publishers = json.loads(cli("diff", "edscg-5-joint-statement@1",
                                "edscg-5-joint-statement-rok", "--format", "json").output)
    assert publishers["summary"]["unchanged"] > 10
    assert publishers["summary"]["added"] + publishers["summary"]["reworded"] >= 1
    mixed = tmp_path / "draft.txt"
    mixed.write_text("A draft of the next statement.")
    assert cli("diff", "edscg-5", str(mixed)).exit_code == 0


def test_diff_errors(tmp_path, initialised):
    for args, message in (
        (["diff", "nope.txt", "edscg-5"], "nope.txt: no such file, and not a document"),
        (["diff", "edscg-5", "edscg-5-joint-statement@4"], "no version 4"),
        (["diff", "edscg-7", "edscg-5"], "no document or meeting named 'edscg-7'"),
    ):
        done = run_tracker("--db", str(initialised), *args)
        err = done.stderr.decode()
        assert done.returncode == 1 and message in err and "Traceback" not in err, err
    missing_db = run_tracker("--db", str(tmp_path / "none.db"), "diff", "edscg-4", "edscg-5")
    assert missing_db.returncode == 1 and "tracker init" in missing_db.stderr.decode()


def test_compare_report(cli, initialised):
    report = cli("compare", "edscg-4", "edscg-5", "--no-color").output
    lines = report.splitlines()
    assert lines[0].startswith("Not the official wording: Fourth EDSCG meeting (2023-09-15)")
    assert lines[1].startswith("Not the official wording: Fifth EDSCG meeting (2024-09-04)")
    assert lines[3].startswith("Fourth EDSCG meeting (2023-09-15) · joint press release -> "
                               "Fifth EDSCG meeting (2024-09-04) · joint statement: ")
    assert "Commitments added" in report
    assert report.index("Commitments added") < report.index("Other changes")
    assert "end of that regime" in report.split("Commitments added")[1]
    as_json = json.loads(cli("compare", "edscg-4", "edscg-5", "--json").output)
    assert as_json == json.loads(cli("diff", "edscg-4", "edscg-5", "--format", "json").output)


def test_lineage(cli, initialised):
    text = cli("lineage", "edscg").output
    assert "commitments across 5 meetings" in text
    # People read meeting names; the slugs stay in --json.
    assert "  Fifth EDSCG meeting (2024-09-04)  " in text and "edscg-" not in text
    data = json.loads(cli("lineage", "--json").output)
    assert data["meetings"] == [f"edscg-{n}" for n in range(1, 6)]
    regime = [t for t in data["threads"]
              if any("end of that regime" in a["text"] for a in t["appearances"])]
    assert regime and regime[0]["first_seen"] == "edscg-5"
    assert any(t["dropped"] for t in data["threads"])
    ncg = json.loads(cli("lineage", "ncg", "--json").output)
    assert ncg["meetings"] == [f"ncg-{n}" for n in range(1, 6)]
    assert cli("lineage", "nope").exit_code == 1


def test_terms(cli, initialised):
    table = cli("terms", "edscg").output
    heading, years = table.splitlines()[:2]
    assert heading.split("  ")[-1] == "EDSCG 5" and heading.count("EDSCG") == 5
    assert years.split() == ["2016", "2018", "2022", "2023", "2024"]
    assert "edscg-" not in table
    alliance = cli("terms", "alliance").output.splitlines()
    assert "Biden–Yoon summit, April…" in alliance[0] and "2016" in alliance[1]
    assert "two-plus-two" not in "\n".join(alliance)
    data = json.loads(cli("terms", "--json").output)
    swift = next(row for row in data["rows"] if row["term"] == "swift")
    assert swift["first_seen"] == "edscg-4"
    assert swift["counts"][:3] == [0, 0, 0]
    for column, indexes in enumerate(swift["sentences"]):
        for i in indexes:
            assert "swift" in data["sentences"][column][i].lower()


HOSTILE = "The allies met.\x1b]0;owned\x07 They agreed.\x1b[2J"


def _store_as_an_old_version_would(db, text: str) -> None:
    """Insert a version holding control characters, as versions before this
    check stored them (the store no longer accepts such text)."""
    import sqlite3

    from tracker.text import text_sha256

    conn = sqlite3.connect(db)
    document_id = conn.execute("SELECT id FROM documents WHERE slug = "
                               "'edscg-5-joint-statement'").fetchone()[0]
    conn.execute("INSERT INTO snapshots (document_id, version, captured_at, text, sha256, "
                 "raw_type, origin) VALUES (?, 2, '2026-01-01T00:00:00Z', ?, ?, 'text', 'cli')",
                 [document_id, text, text_sha256(text)])
    conn.commit()
    conn.close()


def test_control_characters_never_reach_the_terminal(initialised):
    _store_as_an_old_version_would(initialised, HOSTILE)
    db = ["--db", str(initialised)]
    outputs = [run_tracker(*db, *args).stdout.decode() for args in (
        ["show", "edscg-5-joint-statement"],
        ["diff", "edscg-5-joint-statement@1", "edscg-5-joint-statement@2", "--no-color"],
        ["diff", "edscg-5-joint-statement@1", "edscg-5-joint-statement@2", "--color"],
        ["diff", "edscg-5-joint-statement@1", "edscg-5-joint-statement@2", "--side-by-side"],
        ["diff", "edscg-5-joint-statement@1", "edscg-5-joint-statement@2",
         "--format", "unified"],
        ["compare", "edscg-4", "edscg-5", "--color"],
    )]
    for output in outputs:
        assert "\\x1b]0;owned\\x07" in output or "\\x1b[2J" in output, output
        assert "\x07" not in output and "\x1b]" not in output and "\x1b[2J" not in output
    assert "\x1b[32m" in outputs[2]  # the diff's own colours are still there
    as_json = run_tracker(*db, "show", "edscg-5-joint-statement", "--json").stdout
    assert json.loads(as_json)["text"] == HOSTILE  # JSON keeps the text exactly


def test_control_characters_are_stripped_at_intake(cli, initialised, tmp_path):
    path = tmp_path / "s.txt"
    path.write_text(HOSTILE)
    assert cli("add", str(path), "--meeting", "edscg-9").exit_code == 0
    assert cli("add", "-", "--document", "edscg-9-joint-statement",
               input=HOSTILE + " Later.").exit_code == 0
    folder = tmp_path / "history"
    folder.mkdir()
    (folder / "a.txt").write_text("---\nseries: edscg\nmeeting: edscg-8\n"
                                  f"document: edscg-8-joint-statement\n---\n{HOSTILE}\n")
    assert cli("import", str(folder)).exit_code == 0
    for ref in ("edscg-9-joint-statement@1", "edscg-9-joint-statement@2",
                "edscg-8-joint-statement"):
        text = json.loads(cli("show", ref, "--json").output)["text"]
        assert text.startswith("The allies met.]0;owned They agreed.[2J"), text
