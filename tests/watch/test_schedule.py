"""`tracker schedule` for real: a page on a local server changes, and within
one interval there is a new version, an email (aiosmtpd on loopback), a
signed webhook call, outbox files and a feed entry, each exactly once, also
after a restart. SIGTERM stops it cleanly."""

import hashlib
import hmac
import json
import os
import signal
import subprocess
import sys
import time

import feedparser
import pytest
from aiosmtpd.controller import Controller
from werkzeug import Response

from tests.conftest import free_port, run_tracker
from tests.watch.conftest import PARAGRAPHS, page
from tracker.store import open_store
from tracker.web import create_app

SECRET = "webhook-test-secret"


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, _server, _session, envelope):
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"


@pytest.fixture
def smtp():
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _config(tmp_path, smtp_port, hook_url):
    path = tmp_path / "tracker.toml"
    path.write_text(f"""
[web]
base_url = "http://tracker.test"
[watch]
politeness_seconds = 0
retries = 0
[report.email]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
from = "tracker@example.test"
to = ["analyst@example.test"]
[report.webhook]
url = "{hook_url}"
secret_env = "TRACKER_TEST_WEBHOOK_SECRET"
[report.outbox]
folder = "{tmp_path / 'outbox'}"
""")
    return path


def _wait(condition, seconds=30.0, what="condition"):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _start(db, config):
    env = {**os.environ, "TRACKER_TEST_WEBHOOK_SECRET": SECRET, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "schedule",
                             "--config", str(config)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)


def _stop(process) -> str:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=30)
    assert process.returncode == 0, output
    return output.decode()


def _versions(db) -> int:
    with open_store(db) as store:
        return store.document("edscg-6-joint-statement").versions


def _sent(db) -> list:
    with open_store(db) as store:
        return [d for d in store.deliveries() if d.status == "sent"]


@pytest.mark.slow
def test_a_page_edit_reaches_every_channel_once(tmp_path, initialised, httpserver, smtp):
    inbox, smtp_port = smtp
    state = {"html": page()}
    httpserver.expect_request("/statement").respond_with_handler(
        lambda _r: Response(state["html"], content_type="text/html"))
    hooks = []

    def hook(request):
        signed = (f"{request.headers['X-Tracker-Timestamp']}."
                  f"{request.headers['X-Tracker-Report-Key']}.").encode() + request.get_data()
        signature = "sha256=" + hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
        assert request.headers["X-Tracker-Signature"] == signature
        hooks.append(json.loads(request.get_data()))
        return Response("ok")

    httpserver.expect_request("/hook", method="POST").respond_with_handler(hook)
    config = _config(tmp_path, smtp_port, httpserver.url_for("/hook"))
    process = _start(initialised, config)
    try:
        time.sleep(1)  # the scheduler runs with no sources; it must pick up a new one
        added = run_tracker("--db", str(initialised), "sources", "add",
                            httpserver.url_for("/statement"), "--document",
                            "edscg-6-joint-statement", "--meeting", "edscg-6", "--every", "2s",
                            "--ignore", "(?i)^last updated:.*$")
        assert added.returncode == 0 and b"warning" in added.stderr
        _wait(lambda: _versions(initialised) == 1, what="the first version")
        _wait(lambda: len(_sent(initialised)) == 3, what="the meeting report on 3 channels")
        state["html"] = page(PARAGRAPHS[:1] + ["The two sides condemned the DPRK's missile "
                                               "launches."] + PARAGRAPHS[2:])
        edited_at = time.monotonic()
        _wait(lambda: _versions(initialised) == 2, what="the edit")
        assert time.monotonic() - edited_at < 2 * 2 + 3  # one interval (+ jitter, sync)
        _wait(lambda: len(_sent(initialised)) == 6, what="the version report on 3 channels")
        # Now only the ignored "Last updated" line changes: no version, no report.
        state["html"] = page(PARAGRAPHS[:1] + ["The two sides condemned the DPRK's missile "
                                               "launches."] + PARAGRAPHS[2:],
                             updated="2030-01-01")
        time.sleep(3)
    finally:
        output = _stop(process)
    assert "stopped" in output and "SIGTERM" in output
    assert _versions(initialised) == 2  # the "last updated" change made no version

    restarted = _start(initialised, config)
    time.sleep(4)
    _stop(restarted)

    with open_store(initialised) as store:
        reports = store.reports()
    assert sorted(r.kind for r in reports) == ["meeting", "version"]
    assert len(inbox.messages) == 2 and len(hooks) == 2
    assert sorted(h["key"] for h in hooks) == sorted(r.key for r in reports)
    version_mail = next(m for m in inbox.messages if "(v1 → v2)" in _subject(m))
    assert "condemned" in version_mail and "text/html" in version_mail
    assert len(list((tmp_path / "outbox").glob("*.md"))) == 2
    assert len(list((tmp_path / "outbox").glob("*.json"))) == 2
    feed = feedparser.parse(create_app({"DATABASE": str(initialised)}).test_client().get(
        "/feed.atom").get_data())
    assert len(feed.entries) == 2
    assert {e.link for e in feed.entries} == {r.payload["link"] for r in reports}


def _subject(raw: str) -> str:
    """A mail's subject, decoded (it may be MIME-encoded: it holds "→")."""
    import email
    from email import policy

    return str(email.message_from_string(raw, policy=policy.default)["subject"])
