"""``tracker backup`` while the scheduler and two writers keep writing.

Each backup must finish, pass its integrity check, and hold a consistent
prefix of the live database: gapless versions that match the live ones,
both halves of every two-document transaction, every check's and every
report's version. A backup is restored by using it as the database.
"""

import random
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    MARKER,
    TRACKER,
    Process,
    bad_lines,
    check_database,
    child_env,
    connect,
    tracker,
    versions,
)
from tests.reliability.test_crash import start_pair_writer
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store

BACKUPS = 8
KILLED_BACKUPS = 12
SEED = 20261128
BACKUP_SECONDS = 90.0  # one backup may take this long before the test fails
PAUSE = 0.5  # between two backups
WARM_UP = 3.0  # seconds of writing before the first backup: the file is well
               # past the 256 pages one backup step copies


def add_loop(db: Path, stop: threading.Event, errors: list[str]) -> None:
    for n in range(500):
        if stop.is_set():
            return
        done = tracker(db, "add", "-", "--document", "backup-cli", "--meeting", "crash-1",
                       input=f"Backup-test statement {n}.\n\nThe {MARKER} clause {n} holds.\n")
        if done.returncode != 0 or done.stderr:
            errors.append(done.stderr or f"tracker add exited {done.returncode}")


@pytest.mark.slow
def test_backups_taken_during_writes_are_consistent(tmp_path, watched_page, record_property):
    db, config = watched_page.db, watched_page.config

    scheduler = Process(db, ["schedule", "--config", str(config)], tmp_path / "schedule.log")
    writer = start_pair_writer(db, "backup")
    stop, errors = threading.Event(), []
    adder = threading.Thread(target=add_loop, args=(db, stop, errors))
    adder.start()
    backups, durations = [], []
    try:
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(WARM_UP)
        for n in range(BACKUPS):
            target = tmp_path / f"backup-{n}.db"
            started = time.monotonic()
            done = tracker(db, "backup", str(target), timeout=BACKUP_SECONDS)
            durations.append(time.monotonic() - started)
            assert done.returncode == 0, done.stderr
            assert done.stdout.strip().endswith("integrity ok"), done.stdout
            backups.append(target)
            time.sleep(PAUSE)
    finally:
        stop.set()
        writer.terminate()
        writer.communicate(timeout=30)
        adder.join(timeout=90)
        scheduler_status = scheduler.terminate()
    assert scheduler_status == 0 and bad_lines(scheduler.output()) == [], scheduler.output()
    assert errors == []

    live = check_database(db, channels=2)
    for backup in backups:
        _check_backup(backup, db)
    figures = {"backups": len(backups), "live_snapshots": live["snapshots"],
               "largest_backup_pages": max(_pages(b) for b in backups),
               "slowest_backup_seconds": round(max(durations), 2),
               "snapshots_per_backup": [check_database(b)["snapshots"] for b in backups]}
    record_property("figures", figures)
    print("backup figures:", figures)
    assert figures["largest_backup_pages"] > 256  # more than one backup step


def _check_backup(backup: Path, live: Path) -> None:
    """A whole, consistent prefix of the live database, usable as one."""
    check_database(backup, channels=2)
    for document in ("crash-pair-a", "backup-cli", "edscg-6-joint-statement"):
        held = [row["sha256"] for row in versions(backup, document)]
        assert held == [row["sha256"] for row in versions(live, document)][:len(held)]
    pair = [row["sha256"] for row in versions(backup, "crash-pair-a")]
    assert pair == [row["sha256"] for row in versions(backup, "crash-pair-b")]
    listed = tracker(backup, "list")
    assert listed.returncode == 0 and "crash-pair-a" in listed.stdout, listed.stderr
    history = tracker(backup, "history", "crash-pair-a", "--json")
    assert history.returncode == 0 and history.stdout.count('"version"') == len(pair)


def _pages(db: Path) -> int:
    with connect(db) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    return pages


@pytest.mark.slow
def test_a_killed_backup_leaves_no_half_copy(tmp_path, initialised, record_property):
    """A backup killed while it copies leaves either nothing at its path or
    a whole backup, never a file that looks like one; the same path can then
    be used again."""
    db = initialised
    _fill(db, texts=300)
    live = check_database(db)["snapshots"]
    rng, outcomes = random.Random(SEED), Counter()
    window = _copy_window(db, tmp_path / "calibration")
    for n in range(KILLED_BACKUPS):
        folder = tmp_path / f"round-{n}"
        folder.mkdir()
        target = folder / "copy.db"
        process = subprocess.Popen([*TRACKER, "--db", str(db), "backup", str(target)],
                                   env=child_env(), stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        _kill_once_writing(process, folder, rng.uniform(0, window / 2))
        outcomes["finished" if process.returncode == 0 else "killed"] += 1
        if target.exists():
            assert check_database(target)["snapshots"] == live, f"{target} is partial"
            outcomes["left a whole backup"] += 1
        else:
            again = tracker(db, "backup", str(target))
            assert again.returncode == 0, again.stderr
            outcomes["left nothing"] += 1
    record_property("figures", dict(outcomes))
    print("killed backups:", dict(outcomes))
    assert outcomes["killed"] >= KILLED_BACKUPS // 2


def _copy_window(db: Path, folder: Path) -> float:
    """How long a backup runs after its first file appears, on this machine
    now: kills are timed inside that window, so most land mid-copy whatever
    the machine's speed."""
    folder.mkdir()
    process = subprocess.Popen([*TRACKER, "--db", str(db), "backup", str(folder / "copy.db")],
                               env=child_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    while process.poll() is None and not any(folder.iterdir()):
        time.sleep(0.001)
    appeared = time.monotonic()
    process.wait(timeout=60)
    return time.monotonic() - appeared


def _kill_once_writing(process: subprocess.Popen, folder: Path, delay: float) -> None:
    """SIGKILL ``delay`` seconds after the backup's first file appears."""
    deadline = time.monotonic() + 30
    while process.poll() is None and time.monotonic() < deadline:
        if any(folder.iterdir()):
            time.sleep(delay)
            break
        time.sleep(0.002)
    process.kill()
    process.wait(timeout=30)


def test_a_backup_into_a_missing_folder_is_a_one_line_error(tmp_path, initialised):
    done = tracker(initialised, "backup", str(tmp_path / "missing" / "copy.db"))
    assert done.returncode == 1
    assert done.stderr.startswith("tracker: error:") and len(done.stderr.splitlines()) == 1


def _fill(db: Path, texts: int) -> None:
    """A database of some megabytes, so that a backup takes a while."""
    meeting = MeetingSpec("fill-1", "fill", number=1)
    padding = "Padding words, here and there, to make the text long. " * 300
    with open_store(db) as store:
        for n in range(texts):
            store.add(DocumentSpec("fill-doc", meeting),
                      Capture(f"Text {n} of the {MARKER} series.\n\n{padding}{n}"))
