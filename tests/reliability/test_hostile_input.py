"""Hostile input, end to end through `tracker add`, `import` and `export`:
each case gets one clear line, exit status 1, and the database unchanged."""

import sqlite3

import pytest

from tests.conftest import file_digest, run_tracker

NEST = 20_000


def _cases(tmp_path):
    """(name, args) pairs; every file is made here, nothing is downloaded."""
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return str(path)

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:  # a sparse 200 MB file: cheap to make
        handle.truncate(200 * 1024 * 1024)
    bad_meta = tmp_path / "bad-front-matter"
    bad_meta.mkdir()
    (bad_meta / "a.txt").write_text("---\nseries: edscg\nmeeting: edscg-7\n---\nno document")
    (bad_meta / "b.txt").write_text("---\nseries: edscg\nmeeting edscg-7\n---\ntext")
    traversal = tmp_path / "traversal"
    traversal.mkdir()
    (traversal / "t.txt").write_text(
        "---\nseries: ../../etc\nmeeting: edscg-7\ndocument: ../../x\n---\ntext")
    return [
        ("empty", ["add", write("empty.txt", b""), "--meeting", "edscg-7"]),
        ("blank", ["add", write("blank.txt", b" \n\t\n"), "--meeting", "edscg-7"]),
        ("binary", ["add", write("bin.txt", bytes(range(256)) * 50), "--meeting", "edscg-7"]),
        ("png as html", ["add", write("img.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"),
                         "--meeting", "edscg-7"]),
        ("invalid utf-8", ["add", write("latin.txt", "Déclaration".encode("latin-1")),
                           "--meeting", "edscg-7"]),
        ("broken utf-16", ["add", write("u16.txt", b"\xff\xfe" + b"\x00\xd8" * 3),
                           "--meeting", "edscg-7"]),
        ("200 MB", ["add", str(huge), "--meeting", "edscg-7"]),
        ("only script", ["add", write("s.html", b"<html><script>alert(1)</script></html>"),
                         "--meeting", "edscg-7"]),
        ("only style and nav", ["add", write("n.html", b"<style>p{}</style><nav>Home</nav>"),
                                "--meeting", "edscg-7"]),
        ("unsupported type", ["add", write("s.docx", b"PK\x03\x04"), "--meeting", "edscg-7"]),
        ("slug with spaces", ["add", write("ok1.txt", b"Text."), "--meeting", "edscg 7"]),
        ("slug with dots", ["add", write("ok2.txt", b"Text."), "--document", "../../x"]),
        ("unicode slug", ["add", write("ok3.txt", b"Text."), "--meeting", "회의-7"]),
        ("uppercase slug", ["add", write("ok4.txt", b"Text."), "--meeting", "EDSCG-7"]),
        ("long slug", ["add", write("ok5.txt", b"Text."), "--meeting", "a" * 200]),
        ("bad front matter", ["import", str(bad_meta)]),
        ("traversal in front matter", ["import", str(traversal)]),
        ("import a file", ["import", write("one.txt", b"x")]),
    ]


def test_hostile_files_leave_the_database_as_it_was(tmp_path, initialised):
    before = file_digest(initialised)
    cases = _cases(tmp_path)
    for name, args in cases:
        done = run_tracker("--db", str(initialised), *args)
        err = done.stderr.decode()
        assert done.returncode == 1, (name, err)
        assert err.startswith("tracker: error: ") and err.count("\n") == 1, (name, err)
        assert "Traceback" not in err, name
        assert file_digest(initialised) == before, name
    assert len(cases) == 18


def test_utf16_with_and_without_bom_is_read(tmp_path, initialised):
    text = "The allies’ “ironclad” commitment — 한미동맹."
    for name, data in (("bom.txt", text.encode("utf-16")),
                       ("le.txt", text.encode("utf-16-le")),
                       ("be.txt", text.encode("utf-16-be"))):
        path = tmp_path / name
        path.write_bytes(data)
        done = run_tracker("--db", str(initialised), "add", str(path), "--document",
                           "edscg-5-joint-statement")
        assert done.returncode == 0, done.stderr
    shown = run_tracker("--db", str(initialised), "show", "edscg-5-joint-statement")
    assert text in shown.stdout.decode()
    history = run_tracker("--db", str(initialised), "history", "edscg-5-joint-statement")
    assert history.stdout.decode().count("\nv") == 2  # one new version; the rest unchanged


def test_deeply_nested_html_is_read(tmp_path, initialised):
    path = tmp_path / "deep.html"
    path.write_text("<div>" * NEST + "<p>Deep statement.</p>" + "</div>" * NEST)
    done = run_tracker("--db", str(initialised), "add", str(path), "--meeting", "edscg-7")
    assert done.returncode == 0, done.stderr
    assert "Deep statement." in run_tracker("--db", str(initialised), "show",
                                            "edscg-7-joint-statement").stdout.decode()


def test_export_never_writes_outside_its_folder(tmp_path, initialised):
    conn = sqlite3.connect(initialised)
    conn.execute("UPDATE documents SET slug = '../../escaped' WHERE slug = 'ncg-1-joint-readout'")
    conn.commit()
    conn.close()
    out = tmp_path / "export"
    done = run_tracker("--db", str(initialised), "export", str(out))
    assert done.returncode == 1 and "invalid file name" in done.stderr.decode()
    assert not (tmp_path / "escaped.v1.txt").exists()
    assert not any(p.name.startswith("escaped") for p in tmp_path.rglob("*"))


def test_size_limit_is_configurable(tmp_path, initialised):
    path = tmp_path / "s.txt"
    path.write_text("A statement of moderate length." * 10)
    done = run_tracker("--db", str(initialised), "add", str(path), "--meeting", "edscg-7",
                       env={"TRACKER_MAX_INPUT_BYTES": "100"})
    assert done.returncode == 1 and "limit of 100 bytes" in done.stderr.decode()


@pytest.mark.parametrize("junk", [b"", b"not a database at all" * 100, bytes(range(256)) * 64])
def test_a_file_that_is_not_a_database(tmp_path, junk):
    db = tmp_path / "junk.db"
    db.write_bytes(junk)
    done = run_tracker("--db", str(db), "list")
    if junk:
        assert done.returncode == 1 and "cannot open" in done.stderr.decode()
        assert db.read_bytes() == junk
    else:  # an empty file is a new, empty SQLite database
        assert done.returncode == 0


def test_sentence_limit_for_comparisons(tmp_path, initialised, monkeypatch):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("One. Two. Three. Four.")
    b.write_text("One. Two. Three. Five.")
    env = {"TRACKER_MAX_SENTENCES": "6"}
    done = run_tracker("diff", str(a), str(b), env=env)
    assert done.returncode == 1
    assert "too many sentences to compare: 4 + 4 > the limit of 6" in done.stderr.decode()
    assert run_tracker("diff", str(a), str(b), env={"TRACKER_MAX_SENTENCES": "8"}
                       ).returncode == 0
    from tracker.web import create_app

    monkeypatch.setenv("TRACKER_MAX_SENTENCES", "10")
    client = create_app({"DATABASE": str(initialised), "TESTING": True}).test_client()
    assert client.get("/compare/edscg-4...edscg-5").status_code == 400
    assert client.get("/api/compare?a=edscg-4&b=edscg-5").status_code == 400
