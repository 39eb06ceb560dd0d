"""Every CLI command, as a user types it, on real database files."""

import json
import subprocess
import sys
import time
import urllib.request

from tests.conftest import ROOT, file_digest, free_port, run_tracker
from tracker.cli import main
from tracker.settings import bundled_dir

BUNDLED = sorted(bundled_dir("snapshots").rglob("*.txt"))


def test_init_loads_the_corpus_once(cli, db_path):
    first = cli("init")
    assert first.exit_code == 0
    assert f"{len(BUNDLED)} new versions" in first.output
    before = file_digest(db_path)
    second = cli("init", "--json")
    assert json.loads(second.output)["created"] == 0
    assert json.loads(second.output)["unchanged"] == len(BUNDLED)
    assert file_digest(db_path) == before


def test_add_a_file_then_the_same_text_again(cli, tmp_path, initialised):
    path = tmp_path / "edscg-6.txt"
    path.write_text("The two sides met in Seoul.\n\nThey reaffirmed the alliance.\n")
    args = (str(path), "--meeting", "edscg-6", "--date", "2025-10-01",
            "--location", "Seoul", "--publisher", "ROK Ministry of Foreign Affairs")
    created = cli("add", *args)
    assert created.exit_code == 0
    assert created.output.strip() == "edscg-6-joint-statement v1"
    again = cli("add", *args)
    assert again.output.strip() == "unchanged (v1)"
    meetings = json.loads(cli("meetings", "edscg", "--json").output)
    newest = meetings[-1]
    assert (newest["slug"], newest["number"], newest["date"]) == ("edscg-6", 6, "2025-10-01")


def test_add_html_from_a_file_and_a_url_and_stdin(cli, tmp_path, initialised, httpserver):
    html = tmp_path / "page.html"
    html.write_text("<html><body><nav>Home</nav><main><p>Version from HTML.</p></main>"
                    "<footer>Contact</footer></body></html>")
    doc = ["--document", "edscg-5-joint-statement"]
    assert cli("add", str(html), *doc).output.strip() == "edscg-5-joint-statement v2"
    httpserver.expect_request("/s").respond_with_data(
        "<main><p>Version from the web.</p></main>", content_type="text/html")
    result = json.loads(cli("add", httpserver.url_for("/s"), *doc, "--json").output)
    assert (result["version"], result["status"]) == (3, "created")
    stdin = cli("add", "-", *doc, "--note", "pasted", input="Version from stdin.\n")
    assert stdin.output.strip() == "edscg-5-joint-statement v4"
    history = json.loads(cli("history", "edscg-5-joint-statement", "--json").output)
    assert [h["raw_type"] for h in history] == ["text", "html", "html", "text"]
    assert history[2]["source_url"] == httpserver.url_for("/s")
    assert history[3]["note"] == "pasted"
    shown = json.loads(cli("show", "edscg-5-joint-statement@2", "--json").output)
    assert shown["text"] == "Version from HTML."
    raw = cli("show", "edscg-5-joint-statement@2", "--raw")
    assert "<nav>Home</nav>" in raw.output


def test_list_meetings_history_show(cli, initialised):
    listing = cli("list").output
    assert listing.splitlines()[0].split() == ["DOCUMENT", "MEETING", "PUBLISHER", "VERSIONS",
                                               "LATEST"]
    assert "edscg-5-joint-statement-rok" in listing
    documents = json.loads(cli("list", "--json").output)
    assert len(documents) == len(BUNDLED)
    assert all(d["versions"] == 1 for d in documents)
    edscg = json.loads(cli("meetings", "edscg", "--json").output)
    assert [m["slug"] for m in edscg] == [f"edscg-{n}" for n in range(1, 6)]
    assert [m["date"] for m in edscg] == sorted(m["date"] for m in edscg)
    assert "edscg-4" in cli("meetings").output
    assert cli("history", "edscg-3-joint-statement").output.splitlines()[1].startswith("v1")
    shown = cli("show", "edscg-5-joint-statement").output
    assert shown.startswith("edscg-5-joint-statement@1")
    assert "end of that regime" in shown
    assert "not the official wording" in shown


def test_export_then_import_reproduces_every_version(cli, initialised, tmp_path):
    extra = tmp_path / "v2.txt"
    extra.write_text("An edited statement.")
    cli("add", str(extra), "--document", "edscg-4-joint-press-release", "--note", "quiet edit")
    out = tmp_path / "history"
    exported = cli("export", str(out), "--json")
    assert json.loads(exported.output)["written"] == len(BUNDLED) + 1
    assert json.loads(cli("export", str(out), "--json").output)["unchanged"] == len(BUNDLED) + 1
    copy = tmp_path / "copy.db"
    imported = cli("import", str(out), "--json", db=copy)
    assert json.loads(imported.output)["created"] == len(BUNDLED) + 1

    def versions(db):
        rows = json.loads(cli("list", "--json", db=db).output)
        return {(d["slug"], h["version"], h["sha256"], h["captured_at"], h["origin"], h["note"])
                for d in rows
                for h in json.loads(cli("history", d["slug"], "--json", db=db).output)}

    assert versions(copy) == versions(initialised)
    assert len(versions(copy)) == len(BUNDLED) + 1
    again = json.loads(cli("import", str(out), "--json", db=copy).output)
    assert again["created"] == 0


def bad_inputs(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Déclaration".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text("A good statement.")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "a.txt").write_text("---\nseries: edscg\n---\nno meeting")
    return [
        ["add", str(tmp_path / "missing.txt"), "--meeting", "edscg-6"],
        ["add", str(tmp_path), "--meeting", "edscg-6"],
        ["add", str(binary), "--meeting", "edscg-6"],
        ["add", str(empty), "--meeting", "edscg-6"],
        ["add", str(latin), "--meeting", "edscg-6"],
        ["add", str(good)],
        ["add", str(good), "--document", "no-such-document"],
        ["add", str(good), "--meeting", "EDSCG 6"],
        ["add", str(good), "--meeting", "edscg-6", "--date", "6 Oct 2025"],
        ["add", str(good), "--date", "2025-10-06", "--document", "edscg-5-joint-statement"],
        ["add", str(good), "--meeting", "edscg-4", "--document", "edscg-5-joint-statement"],
        ["add", "http://127.0.0.1:9/statement", "--meeting", "edscg-6"],
        ["show", "no-such-document"],
        ["show", "edscg-5-joint-statement@7"],
        ["show", "edscg-5-joint-statement@x"],
        ["history", "no-such-document"],
        ["meetings", "no-such-series"],
        ["import", str(broken)],
        ["import", str(tmp_path / "no-such-folder")],
    ]


def test_bad_input_is_one_line_exit_1_and_leaves_the_database_as_it_was(
        tmp_path, initialised):
    before = file_digest(initialised)
    for args in bad_inputs(tmp_path):
        done = run_tracker("--db", str(initialised), *args)
        assert done.returncode == 1, (args, done.stderr)
        lines = done.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tracker: error: "), (args, lines)
        assert b"Traceback" not in done.stderr
        assert file_digest(initialised) == before, args


def test_read_commands_do_not_create_a_database(tmp_path):
    missing = tmp_path / "none.db"
    for args in (["list"], ["meetings"], ["history", "x"], ["show", "x"], ["export", "out"]):
        done = run_tracker("--db", str(missing), *args, cwd=tmp_path)
        assert done.returncode == 1
        assert "run `tracker init` first" in done.stderr.decode()
    assert not missing.exists()


def test_usage_errors_exit_2(tmp_path):
    assert run_tracker("add").returncode == 2
    assert run_tracker("add", "x.txt", "--format", "rtf").returncode == 2
    assert run_tracker("no-such-command").returncode == 2


def test_database_path_from_environment(tmp_path):
    env = {"TRACKER_DB": str(tmp_path / "env.db")}
    assert run_tracker("init", env=env, cwd=tmp_path).returncode == 0
    assert (tmp_path / "env.db").exists()
    assert not (tmp_path / "tracker.db").exists()
    assert run_tracker("init", cwd=tmp_path).returncode == 0
    assert (tmp_path / "tracker.db").exists()


def test_serve_loads_the_corpus_and_lists_every_meeting(tmp_path):
    port = free_port()
    db = tmp_path / "served.db"
    server = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        page = _get_when_ready(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        out, err = server.communicate(timeout=20)
    assert b"waitress" in err.lower() or b"serving" in out
    for path in BUNDLED:
        meeting = next(line for line in path.read_text().splitlines()
                       if line.startswith("meeting_title:")).split(":", 1)[1].strip()
        assert meeting.replace("'", "&#39;") in page


def _get_when_ready(url: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_every_command_has_help_and_is_in_the_readme():
    import click

    readme = (ROOT / "README.md").read_text()

    def walk(group, prefix):
        for name, command in group.commands.items():
            yield f"{prefix} {name}", command
            if isinstance(command, click.Group):
                yield from walk(command, f"{prefix} {name}")

    for name, command in walk(main, "tracker"):
        assert command.help and len(command.help) > 20, name
        assert name in readme, name


def _snapshot_folder(tmp_path, name: str, front: str, body: str = "Text.\n"):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "a.txt").write_text("---\nseries: edscg\nmeeting: edscg-9\n"
                                  f"document: edscg-9-joint-statement\n{front}---\n{body}")
    return folder


def test_import_refuses_numbers_and_url_status_it_cannot_keep(tmp_path, initialised):
    before = file_digest(initialised)
    cases = {
        "version: 99999999999999999999\n": "version must be a whole number",
        "version: ²\n": "version must be a whole number",
        "meeting_number: ٣\n": "meeting_number must be a whole number",
        "url_status: trust me\n": "invalid url_status 'trust me': use one of verified",
        "title: \x1b]0;owned\x07\n": "'title' holds a control character",
    }
    for number, (front, message) in enumerate(cases.items()):
        folder = _snapshot_folder(tmp_path, f"case{number}", front)
        done = run_tracker("--db", str(initialised), "import", str(folder))
        err = done.stderr.decode()
        assert done.returncode == 1 and message in err, (front, err)
        assert err.startswith("tracker: error: ") and err.count("\n") == 1, err
        assert file_digest(initialised) == before, front
    folder = _snapshot_folder(tmp_path, "good", "version: 1\nurl_status: verified\n")
    assert run_tracker("--db", str(initialised), "import", str(folder)).returncode == 0


def test_import_applies_the_input_limit(tmp_path, initialised):
    folder = _snapshot_folder(tmp_path, "big", "", "A long statement. " * 100)
    before = file_digest(initialised)
    done = run_tracker("--db", str(initialised), "import", str(folder),
                       env={"TRACKER_MAX_INPUT_BYTES": "1000"})
    err = done.stderr.decode()
    assert done.returncode == 1 and "larger than the limit of 1,000 bytes" in err, err
    assert err.count("\n") == 1 and file_digest(initialised) == before
    fresh = tmp_path / "fresh.db"
    done = run_tracker("--db", str(fresh), "import", str(folder),
                       env={"TRACKER_MAX_INPUT_BYTES": "1000"})
    assert done.returncode == 1 and not fresh.exists()  # refused before a database is made
    small = run_tracker("--db", str(fresh), "init", env={"TRACKER_MAX_INPUT_BYTES": "1000"})
    assert small.returncode == 0, small.stderr  # the bundled corpus is not held to it


def test_text_options_must_be_utf8_without_control_characters(tmp_path, initialised):
    import os

    statement = tmp_path / "s.txt"
    statement.write_text("A statement.")
    before = file_digest(initialised)
    not_utf8 = os.fsdecode(b"\xff")  # what Python makes of the shell's $'\xff'
    for option, value, message in (("--title", not_utf8, "--title: not UTF-8 text (byte 0xff)"),
                                   ("--note", "x" + not_utf8, "--note: not UTF-8 text"),
                                   ("--title", "\x1b]0;owned\x07", "--title: holds a control"),
                                   ("--publisher", "\x1b[2J", "--publisher: holds a control")):
        done = run_tracker("--db", str(initialised), "add", str(statement),
                           "--meeting", "edscg-9", option, value)
        err = done.stderr.decode()
        assert done.returncode == 1 and message in err, (option, err)
        assert err.startswith("tracker: error: ") and err.count("\n") == 1, err
        assert file_digest(initialised) == before
    odd_name = tmp_path / os.fsdecode(b"d\xe9claration.txt")  # a Latin-1 file name is fine
    odd_name.write_text("A statement with an odd file name.")
    done = run_tracker("--db", str(initialised), "add", str(odd_name), "--meeting", "edscg-9")
    assert done.returncode == 0, done.stderr
