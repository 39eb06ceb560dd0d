"""Shared fixtures: a fresh database file per test, the CLI as users run it,
and the web app over that database (``app``, ``client``, ``runner``, as in
Flask's tutorial)."""

import email
import hashlib
import os
import re
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest
from click.testing import CliRunner

from tracker.cli import main

ROOT = Path(__file__).resolve().parent.parent
# The public evaluation data: ``$TRACKER_EVAL_DATA``, else ``../shared/eval``
# beside the checkout (as CI lays it out). Tests that need it skip without it.
SHARED = ROOT.parent / "shared"
EVAL_DATA = Path(os.environ.get("TRACKER_EVAL_DATA") or SHARED / "eval")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "tracker.db"


@pytest.fixture
def runner() -> CliRunner:
    """Click's test runner: tracker's commands are click commands, not ``flask``
    ones, so this is what Flask's ``app.test_cli_runner()`` would wrap."""
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner, db_path: Path):
    """Run ``tracker --db <db_path> ARGS`` in process; returns the click Result."""

    def run(*args: str, input: str | bytes | None = None, db: Path | None = None):
        return runner.invoke(main, ["--db", str(db or db_path), *args], input=input)

    return run


@pytest.fixture
def initialised(cli, db_path: Path) -> Path:
    result = cli("init")
    assert result.exit_code == 0, result.output
    return db_path


@pytest.fixture
def make_app(initialised: Path):
    """``make_app(**config)``: the web app over the test's initialised database,
    with ``config`` on top (an admin token, a rate limit…)."""
    from tracker.web import create_app

    def make(**config):
        return create_app({"DATABASE": str(initialised), "TESTING": True, **config})

    return make


@pytest.fixture
def app(make_app):
    """The read-only web app over the bundled corpus."""
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_of(html: str) -> str:
    """The CSRF token a rendered form carries."""
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


class SignIn:
    """The steps a browser repeats before it may write (flaskr's
    ``AuthActions``): sign in with a token, then read a form's CSRF token,
    which is new after signing in, since signing in starts a new session."""

    def __init__(self, client, token: str = "s3cret"):
        self.client, self.token = client, token

    def sign_in(self, next_path: str = "/add", token: str | None = None, **kwargs):
        csrf = csrf_of(self.client.get("/login", **kwargs).get_data(as_text=True))
        return self.client.post(f"/login?next={next_path}",
                                data={"csrf_token": csrf, "token": token or self.token},
                                **kwargs)

    def form_token(self, path: str = "/add") -> str:
        return csrf_of(self.client.get(path).get_data(as_text=True))


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


class Mailbox:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.recipients: list[list[str]] = []
        self.port = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"


@pytest.fixture
def mailbox():
    """A real SMTP server on loopback (aiosmtpd); ``mailbox.port`` is its port."""
    from aiosmtpd.controller import Controller

    handler = Mailbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


def text_files(folder: Path, texts: dict[str, str]) -> tuple[str, ...]:
    """Write each ``{name: text}`` into ``folder`` (UTF-8); their paths, in order."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tuple(str(folder / name) for name in texts)


def file_digest(path: Path) -> str | None:
    """The database file's bytes, for "nothing changed" checks."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None
