"""What the reliability tests share: real tracker processes with their
output kept in files, a local page whose statement changes every second, a
webhook receiver, and the invariants every tracker database must keep,
however its writers were interrupted.

All traffic stays on 127.0.0.1, and every process and loop is bounded.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.watch.conftest import PARAGRAPHS, page
from tracker.text import text_sha256

TRACKER = [sys.executable, "-m", "tracker"]
MARKER = "quokka"  # a word only the tests' texts hold, for the FTS checks
BAD_OUTPUT = ("Traceback", "database is locked", "OperationalError", "IntegrityError")
PROCESS_TIMEOUT = 60.0


def child_env(**extra: str) -> dict:
    """The environment of a tracker process: unbuffered, never through a proxy."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TRACKER_CONFIG", "TRACKER_DB", "TRACKER_ADMIN_TOKEN")}
    env.update(PYTHONUNBUFFERED="1", NO_PROXY="127.0.0.1,localhost",
               no_proxy="127.0.0.1,localhost", **extra)
    return env


def tracker(db: Path, *args: str, input: str | None = None, env: dict | None = None,
            timeout: float = PROCESS_TIMEOUT) -> subprocess.CompletedProcess:
    """Run one tracker command to its end; text output."""
    return subprocess.run([*TRACKER, "--db", str(db), *args], input=input, text=True,
                          capture_output=True, env=env or child_env(), timeout=timeout)


def bad_lines(output: str) -> list[str]:
    """Lines that no tracker process may print, whatever else runs."""
    return [line for line in output.splitlines() if any(bad in line for bad in BAD_OUTPUT)]


class Process:
    """A long-running tracker process whose stdout and stderr go to a file."""

    def __init__(self, db: Path, args: list[str], log: Path, env: dict | None = None):
        self.log = log
        self._file = log.open("wb")
        self.popen = subprocess.Popen([*TRACKER, "--db", str(db), *args], env=env or child_env(),
                                      stdout=self._file, stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def terminate(self, timeout: float = 30.0) -> int:
        """SIGTERM, then wait (SIGKILL if it does not stop in time)."""
        if self.popen.poll() is None:
            self.popen.send_signal(signal.SIGTERM)
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.popen.kill()
            self.popen.wait(timeout=10)
            raise AssertionError(f"{self.popen.args} did not stop within {timeout} s") from None
        finally:
            self._file.close()


def wait_for(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {seconds} s waiting for {what}")


class ChangingPage:
    """A statement page whose last paragraph names a revision number that
    goes up every ``period`` seconds. Remembers the revision of every answer."""

    def __init__(self, period: float = 1.0):
        self.period, self.started = period, time.monotonic()
        self.served: list[int] = []
        self._lock = threading.Lock()

    def revision(self) -> int:
        return int((time.monotonic() - self.started) / self.period)

    def handle(self, _request) -> Response:
        with self._lock:
            revision = self.revision()
            self.served.append(revision)
        return Response(page(PARAGRAPHS + [revision_sentence(revision)]),
                        content_type="text/html; charset=utf-8")


def revision_sentence(revision: int) -> str:
    return f"The two sides noted that this is revision {revision} of the {MARKER} statement."


class Hooks:
    """A webhook receiver that keeps the key of every report it is sent."""

    def __init__(self):
        self.keys: list[str] = []
        self._lock = threading.Lock()

    def handle(self, request) -> Response:
        key = json.loads(request.get_data())["key"]
        with self._lock:
            self.keys.append(key)
        return Response("ok")


@pytest.fixture
def local_server():
    """A threaded HTTP server on 127.0.0.1: the scheduler's page and the
    webhook may be requested at the same time."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    server.stop()


def write_config(tmp_path: Path, hook_url: str) -> Path:
    """A tracker.toml with an outbox and a webhook (both local), and fast,
    impolite checks fit for a test."""
    path = tmp_path / "tracker.toml"
    path.write_text(f"""
[web]
base_url = "http://tracker.test"
[watch]
politeness_seconds = 0
retries = 0
connect_timeout = 5
read_timeout = 10
[report.webhook]
url = "{hook_url}"
timeout = 10
[report.outbox]
folder = "{tmp_path / 'outbox'}"
""")
    return path


def watch_page(db: Path, url: str, every: str = "2s") -> None:
    added = tracker(db, "sources", "add", url, "--document", "edscg-6-joint-statement",
                    "--meeting", "edscg-6", "--every", every,
                    "--ignore", "(?i)^last updated:.*$")
    assert added.returncode == 0, added.stderr


def connect(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(db), timeout=30)
    conn.row_factory = sqlite3.Row
    return conn


def check_database(db: Path, channels: int | None = None) -> dict:
    """Assert what must hold in any tracker database, even one whose writers
    were killed: SQLite's integrity, whole snapshots (each text matches its
    hash), an FTS index that matches the snapshots, gapless versions in
    capture order, every report with its deliveries, every stored check with
    its version. Returns the row counts."""
    with connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        _check_snapshots(conn)
        _check_fts(conn)
        _check_versions(conn)
        _check_reports(conn, channels)
        _check_checks(conn)
        counts = {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                  for table in ("snapshots", "reports", "deliveries", "checks")}
    conn.close()
    return counts


def _check_snapshots(conn: sqlite3.Connection) -> None:
    for row in conn.execute("SELECT id, text, sha256 FROM snapshots"):
        assert text_sha256(row["text"]) == row["sha256"], f"snapshot {row['id']} is partial"


def _check_fts(conn: sqlite3.Connection) -> None:
    snapshots = conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
    indexed = conn.execute("SELECT COUNT(*) FROM snapshots_fts_docsize").fetchone()[0]
    assert indexed == snapshots, f"the FTS index holds {indexed} rows for {snapshots} snapshots"
    found = conn.execute("SELECT COUNT(*) FROM snapshots_fts WHERE snapshots_fts MATCH ?",
                         [MARKER]).fetchone()[0]
    holding = conn.execute("SELECT COUNT(*) FROM snapshots WHERE text LIKE ?",
                           [f"%{MARKER}%"]).fetchone()[0]
    assert found == holding, f"FTS finds {MARKER!r} in {found} rows, the texts in {holding}"
    conn.execute("INSERT INTO snapshots_fts(snapshots_fts) VALUES ('integrity-check')")
    conn.rollback()


def _check_versions(conn: sqlite3.Connection) -> None:
    rows = conn.execute("SELECT document_id, version, captured_at FROM snapshots "
                        "ORDER BY document_id, version").fetchall()
    by_document: dict[int, list] = {}
    for row in rows:
        by_document.setdefault(row["document_id"], []).append(row)
    for document_id, versions in by_document.items():
        numbers = [row["version"] for row in versions]
        assert numbers == list(range(1, len(numbers) + 1)), f"document {document_id}: {numbers}"
        times = [row["captured_at"] for row in versions]
        assert times == sorted(times), f"document {document_id}: versions out of capture order"


def _check_reports(conn: sqlite3.Connection, channels: int | None) -> None:
    per_report = Counter(row[0] for row in conn.execute("SELECT report_id FROM deliveries"))
    for (report_id,) in conn.execute("SELECT id FROM reports"):
        assert per_report[report_id] >= 1, f"report {report_id} has no deliveries"
        if channels is not None:
            assert per_report[report_id] == channels, f"report {report_id}: deliveries"


def _check_checks(conn: sqlite3.Connection) -> None:
    """A version the scheduler stored and its check record were written
    together: one never exists without the other."""
    missing = conn.execute(
        "SELECT COUNT(*) FROM checks WHERE outcome = 'new-version' AND snapshot_id IS NULL"
    ).fetchone()[0]
    assert missing == 0, f"{missing} new-version checks without their snapshot"
    orphans = conn.execute(
        "SELECT COUNT(*) FROM snapshots n WHERE origin = 'scheduler' AND NOT EXISTS "
        "(SELECT 1 FROM checks c WHERE c.snapshot_id = n.id AND c.outcome = 'new-version')"
    ).fetchone()[0]
    assert orphans == 0, f"{orphans} scheduler versions without their check record"


def versions(db: Path, document: str) -> list[sqlite3.Row]:
    """(version, sha256, text) of a document, oldest first."""
    with connect(db) as conn:
        rows = conn.execute(
            "SELECT n.version, n.sha256, n.text FROM snapshots n JOIN documents d "
            "ON d.id = n.document_id WHERE d.slug = ? ORDER BY n.version", [document]).fetchall()
    conn.close()
    return rows


@dataclass(frozen=True)
class WatchedPage:
    """A database watching a page that changes every second, reporting to a
    local webhook receiver; ``config`` is the tracker.toml that says so."""

    db: Path
    config: Path
    changing: ChangingPage
    hooks: Hooks


@pytest.fixture
def watched_page(tmp_path, initialised, local_server) -> WatchedPage:
    changing, hooks = ChangingPage(period=1.0), Hooks()
    local_server.expect_request("/statement").respond_with_handler(changing.handle)
    local_server.expect_request("/hook", method="POST").respond_with_handler(hooks.handle)
    config = write_config(tmp_path, local_server.url_for("/hook"))
    watch_page(initialised, local_server.url_for("/statement"), every="1s")
    return WatchedPage(initialised, config, changing, hooks)
