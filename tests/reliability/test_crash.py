"""Crash safety: writers killed with SIGKILL at random points.

Each round starts a small writer that adds pairs of versions in one
transaction as fast as it can, plus one tracker command (``add``, ``check``,
``schedule`` or ``deliver``) against a page that changes every second, and
kills both after a random delay (random.Random with a fixed seed). After
every kill the database must pass ``check_database``: SQLite's integrity, no
partial snapshot, an FTS index that matches, gapless versions, every report
with its deliveries, every scheduler version with its check record. At the
end, ``tracker check`` and ``tracker add`` carry on from the next version.
"""

import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.reliability.conftest import (
    MARKER,
    TRACKER,
    ChangingPage,
    bad_lines,
    check_database,
    child_env,
    tracker,
    versions,
    wait_for,
)

pytestmark = pytest.mark.slow  # kills tracker processes for up to a minute

SEED = 20261128
ROUNDS = 40
TIME_BUDGET = 50.0  # seconds for all the rounds; at least MIN_ROUNDS run anyway
MIN_ROUNDS = 15
KILL_WINDOW = 0.3  # the pair writer is killed 0 to 300 ms into its loop
KILL_SPAN = (0.3, 0.95)  # a command is killed between 30% and 95% of its usual run:
                         # in its work more than in Python's start-up
COMMANDS = ("add", "check", "schedule", "deliver")
WATCHED = "edscg-6-joint-statement"

# Adds the same text to two documents in one transaction, in a loop: after
# any kill both must hold the same versions.
PAIR_WRITER = """
import sys
import time
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store

db, tag = sys.argv[1], sys.argv[2]
meeting = MeetingSpec("crash-1", "crash", number=1)
stop_at = time.monotonic() + 60  # bounded even if nobody kills it
with open_store(db) as store:
    print("ready", flush=True)
    for n in range(100000):
        if time.monotonic() > stop_at:
            break
        text = (f"Pair statement {tag}-{n}.\\n\\nThe {MARKER} clause {tag}-{n} holds. "
                + "Padding sentence for a text of some length. " * 20)
        store.add_many([(DocumentSpec(slug, meeting), Capture(text))
                        for slug in ("crash-pair-a", "crash-pair-b")])
""".replace("{MARKER}", MARKER)


def start_pair_writer(db: Path, tag: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", PAIR_WRITER, str(db), tag],
                            env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True)


def start_command(db: Path, command: str, config: Path, n: int) -> subprocess.Popen:
    args = {"add": ["add", "-", "--document", "crash-cli", "--meeting", "crash-1"],
            "check": ["check", "--config", str(config)],
            "schedule": ["schedule", "--config", str(config)],
            "deliver": ["deliver", "--config", str(config)]}[command]
    process = subprocess.Popen([*TRACKER, "--db", str(db), *args], env=child_env(),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    if command == "add":
        process.stdin.write(f"Crash-test statement {n}.\n\nThe {MARKER} clause {n} holds.\n")
    process.stdin.close()
    process.stdin = None  # so that communicate() does not flush it
    return process


def timed(db: Path, *args: str, input: str | None = None) -> float:
    started = time.monotonic()
    done = tracker(db, *args, input=input)
    assert done.returncode == 0, done.stdout + done.stderr
    return time.monotonic() - started


def command_seconds(db: Path, config: Path) -> dict[str, float]:
    """How long each command runs, unkilled, on this machine."""
    check = timed(db, "check", "--config", str(config))  # also makes v1 and its report
    add = timed(db, "add", "-", "--document", "crash-cli", "--meeting", "crash-1",
                input=f"The first statement.\n\nThe {MARKER} clause holds.\n")
    deliver = timed(db, "deliver", "--config", str(config))
    return {"add": add, "check": check, "deliver": deliver,
            "schedule": check + 0.5}  # it checks its page 0.5 s after it starts


class Killer:
    """Kills processes at random moments and counts how it went."""

    def __init__(self):
        self.killed_running: Counter[str] = Counter()
        self.finished_first: Counter[str] = Counter()
        self.stderr: list[str] = []
        self._lock = threading.Lock()

    def kill_after(self, process: subprocess.Popen, delay: float, name: str = "writer") -> None:
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed = True
        else:
            killed = False
        _, err = process.communicate(timeout=30)
        with self._lock:
            (self.killed_running if killed else self.finished_first)[name] += 1
            if process.returncode not in (0, 1, -signal.SIGKILL):
                self.stderr.append(f"exit {process.returncode}")
            self.stderr.append(err)


def kill_round(db: Path, killer: Killer, tag: str, delays: tuple[float, float],
               other: subprocess.Popen, command: str) -> None:
    """The pair writer and ``other`` at once, each killed after its delay."""
    writer = start_pair_writer(db, tag)
    try:
        assert writer.stdout.readline().strip() == "ready", writer.communicate(timeout=30)
        writer_kill = threading.Thread(target=killer.kill_after, args=(writer, delays[0]))
        writer_kill.start()
        killer.kill_after(other, delays[1], command)
        writer_kill.join(timeout=60)
    finally:
        for process in (writer, other):
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
        writer.stdout.close()


def test_random_kills_leave_a_whole_database(watched_page, record_property):
    db, config, changing = watched_page.db, watched_page.config, watched_page.changing
    seconds = command_seconds(db, config)
    rng, killer = random.Random(SEED), Killer()
    deadline = time.monotonic() + TIME_BUDGET
    rounds = 0
    while rounds < ROUNDS and (rounds < MIN_ROUNDS or time.monotonic() < deadline):
        command = COMMANDS[rounds % len(COMMANDS)]
        writer_delay = rng.uniform(0, KILL_WINDOW)
        command_delay = rng.uniform(*KILL_SPAN) * seconds[command]
        kill_round(db, killer, f"r{rounds}", (writer_delay, command_delay),
                   start_command(db, command, config, rounds), command)
        check_database(db, channels=2)
        assert _pair(db, "crash-pair-a") == _pair(db, "crash-pair-b"), "half a pair was kept"
        rounds += 1
    output = "\n".join(killer.stderr)
    assert bad_lines(output) == [], output[-3000:]

    _carries_on(db, config, changing)
    counts = check_database(db, channels=2)
    figures = {"rounds": rounds, "kills": 2 * rounds,
               "killed_while_running": dict(killer.killed_running),
               "finished_before_kill": dict(killer.finished_first),
               "pair_versions": len(versions(db, "crash-pair-a")), **counts}
    record_property("figures", figures)
    print("crash figures:", figures)
    # Every writer, and a good share of the commands, died in the middle of their work.
    assert killer.killed_running["writer"] == rounds
    assert killer.killed_running.total() - rounds >= rounds // 4
    assert counts["reports"] >= 2 and counts["checks"] >= 2


def _pair(db: Path, document: str) -> list[str]:
    return [row["sha256"] for row in versions(db, document)]


def _carries_on(db: Path, config: Path, changing: ChangingPage) -> None:
    """After the kills, a check and an add still work and take the next
    version numbers."""
    watched = len(versions(db, WATCHED))
    revision = changing.revision()
    wait_for(lambda: changing.revision() > revision, 5, "the page to change")
    checked = tracker(db, "check", "--config", str(config))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"new version v{watched + 1}" in checked.stdout, checked.stdout

    added_before = len(versions(db, "crash-cli"))
    added = tracker(db, "add", "-", "--document", "crash-cli", "--meeting", "crash-1",
                    input=f"After the crashes.\n\nThe {MARKER} clause survives.\n")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == f"crash-cli v{added_before + 1}"
    history = tracker(db, "history", "crash-cli")
    assert history.returncode == 0 and f"v{added_before + 1} " in history.stdout
