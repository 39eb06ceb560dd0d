"""Shared fixtures: a fresh database file per test, and the CLI as users run it."""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

ROOT = Path(__file__).resolve().parent.parent
# The workplace's public evaluation data: beside the checkout (as CI lays it
# out), else where a session finds it.
SHARED = next((p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.is_dir()),
              ROOT.parent / "shared")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def cli(db_path: Path):
    """Run ``tracker --db <db_path> ARGS`` in process; returns the click Result."""
    runner = CliRunner()

    def run(*args: str, input: str | bytes | None = None, db: Path | None = None):
        return runner.invoke(main, ["--db", str(db or db_path), *args], input=input)

    return run


@pytest.fixture
def initialised(cli, db_path: Path) -> Path:
    result = cli("init")
    assert result.exit_code == 0, result.output
    return db_path


def run_tracker(*args: str, cwd: Path | None = None, env: dict | None = None,
                input: bytes | None = None) -> subprocess.CompletedProcess:
    """Run the real ``tracker`` process, as a user's shell would."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], cwd=cwd, input=input,
        capture_output=True, env={**os.environ, **(env or {})}, timeout=120,
    )


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def file_digest(path: Path) -> str | None:
    """The database file's bytes, for "nothing changed" checks."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
