"""Writes the file system refuses: a read-only database, a full disk, a
file-size limit. Each gives one `tracker: error:` line, exit status 1 and
the database as it was; export and backup leave no cut-off file behind.

The failures are real: SQLite's own SQLITE_READONLY and SQLITE_FULL, and the
kernel's refusal of writes past RLIMIT_FSIZE (what `ulimit -f` sets), in real
`tracker` processes on real database files. Nothing is mocked.
"""

import os
import resource
import shutil
import signal
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import file_digest, run_tracker
from tracker.store.snapshot_file import read_snapshot_file
from tracker.text import text_sha256

STATEMENT = "The two sides reaffirmed the alliance. " * 40


def one_error_line(done: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed command (asserts there is one)."""
    err = done.stderr.decode()
    assert done.returncode == 1, err
    assert err.startswith("tracker: error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


@contextmanager
def read_only(path: Path):
    """Make ``path`` unwritable for real: `chmod 444` stops other users, but
    tests run as root here, whom only the immutable attribute stops."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(0o644)
        return
    if shutil.which("chattr") is None or subprocess.run(
            ["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("cannot make a file read-only for root here (no chattr +i)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def with_file_size_limit(limit: int):
    """A preexec_fn: writes past ``limit`` bytes fail with EFBIG, as on a
    full disk (the signal that would kill the process is ignored, as a
    shell's `ulimit -f` leaves a process that handles it)."""
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def limited_tracker(limit: int, *args: str) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", "tracker", *args], capture_output=True,
                          timeout=120, preexec_fn=with_file_size_limit(limit))


def test_read_only_database(tmp_path, initialised):
    statement = tmp_path / "s.txt"
    statement.write_text(STATEMENT)
    history = tmp_path / "history"
    history.mkdir()
    (history / "a.txt").write_text("---\nseries: edscg\nmeeting: edscg-9\n"
                                   "document: edscg-9-joint-statement\n---\nText.\n")
    before = file_digest(initialised)
    with read_only(initialised):
        for args in (["add", str(statement), "--meeting", "edscg-9"],
                     ["import", str(history)],
                     ["sources", "add", "https://example.org/s", "--document",
                      "edscg-5-joint-statement"]):
            err = one_error_line(run_tracker("--db", str(initialised), *args))
            assert "read-only" in err, (args, err)
        listed = run_tracker("--db", str(initialised), "list")  # reading still works
        assert listed.returncode == 0, listed.stderr
    assert file_digest(initialised) == before


def test_full_database_on_add(cli, initialised, tmp_path, monkeypatch):
    """SQLite's max_page_count stops the file growing: a real SQLITE_FULL."""
    import sqlite3

    from tracker.store import store as store_module

    pages = sqlite3.connect(initialised).execute("PRAGMA page_count").fetchone()[0]
    prepare = store_module._prepare

    def prepare_full(conn):
        prepare(conn)
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(store_module, "_prepare", prepare_full)
    statement = tmp_path / "big.txt"
    statement.write_text("\n\n".join(f"Paragraph {n}. {STATEMENT}" for n in range(200)))
    before = file_digest(initialised)
    done = cli("add", str(statement), "--meeting", "edscg-9")
    assert done.exit_code == 1
    assert done.output.startswith("tracker: error: ") and done.output.count("\n") == 1
    assert "the disk is full" in done.output
    assert file_digest(initialised) == before
    monkeypatch.setattr(store_module, "_prepare", prepare)
    assert cli("history", "edscg-9-joint-statement").exit_code == 1  # nothing was created


def test_write_past_the_file_size_limit_on_add_and_backup(tmp_path, initialised):
    statement = tmp_path / "big.txt"
    statement.write_text("\n\n".join(f"Paragraph {n}. {STATEMENT}" for n in range(400)))
    before = file_digest(initialised)
    limit = 100 * 1024  # below both the new WAL frames and the database's size
    err = one_error_line(limited_tracker(limit, "--db", str(initialised), "add",
                                         str(statement), "--meeting", "edscg-9"))
    assert "cannot write" in err
    assert file_digest(initialised) == before
    target = tmp_path / "backups" / "copy.db"
    target.parent.mkdir()
    err = one_error_line(limited_tracker(limit, "--db", str(initialised), "backup",
                                         str(target)))
    assert str(target) in err and "cannot write" in err
    assert list(target.parent.iterdir()) == []  # no backup, no partial file
    assert file_digest(initialised) == before


def test_export_on_a_full_disk_leaves_only_whole_files(tmp_path, initialised):
    statement = tmp_path / "big.txt"
    statement.write_text("\n\n".join(f"Paragraph {n}. {STATEMENT}" for n in range(60)))
    added = run_tracker("--db", str(initialised), "add", str(statement),
                        "--meeting", "edscg-9", "--date", "2026-10-01")
    assert added.returncode == 0, added.stderr
    out = tmp_path / "history"
    limit = 64 * 1024  # larger than every bundled file, smaller than the new one
    assert statement.stat().st_size > limit
    err = one_error_line(limited_tracker(limit, "--db", str(initialised), "export", str(out)))
    assert "File too large" in err or "No space" in err, err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert files and all(p.suffix == ".txt" and not p.name.startswith(".") for p in files)
    for path in files:  # every file present is whole: its text matches its hash
        parsed = read_snapshot_file(path)
        assert text_sha256(parsed.capture.text) == parsed.capture.sha256, path
    assert not (out / "edscg" / "edscg-9-joint-statement.v1.txt").exists()
    again = run_tracker("--db", str(initialised), "export", str(out))
    assert again.returncode == 0, again.stderr
    imported = run_tracker("--db", str(tmp_path / "copy.db"), "import", str(out))
    assert imported.returncode == 0, imported.stderr
