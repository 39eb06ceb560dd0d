"""Two `tracker deliver` processes overlapping behind a slow receiver.

The first round claims every due report, then spends longer than its lease
on the slow receiver; a second round, started after that lease ran out,
takes over the reports the first has not reached. Each report must arrive
exactly once. Real processes, a real threaded HTTP server and a real
aiosmtpd server, all on 127.0.0.1; the lease is 3 s so the test is quick.
"""

import asyncio
import email
import json
import subprocess
import threading
import time
from collections import Counter
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from werkzeug import Response

from tests.conftest import free_port
from tests.reliability.conftest import TRACKER, bad_lines, child_env, connect, wait_for
from tracker.compare import compare_texts
from tracker.reports.build import build_report
from tracker.store import open_store

pytestmark = pytest.mark.slow  # waits on slow SMTP and webhook peers

REPORTS = 20
RECEIVER_SECONDS = 0.4  # per report: 8 s for all twenty, far longer than the lease
LEASE_SECONDS = 3  # claims are kept to the second, so it runs out 2 to 3 s after the claim
SECOND_ROUND_AFTER = 8  # reports received: well past the first round's lease


class Received:
    """The report keys a receiver got, in order, from any thread."""

    def __init__(self):
        self.keys: list[str] = []
        self._lock = threading.Lock()

    def add(self, key: str) -> None:
        with self._lock:
            self.keys.append(key)

    def count(self) -> int:
        with self._lock:
            return len(self.keys)


@pytest.fixture
def slow_webhook(local_server):
    received = Received()

    def handle(request):
        time.sleep(RECEIVER_SECONDS)
        received.add(json.loads(request.get_data())["key"])
        return Response("ok")

    local_server.expect_request("/hook", method="POST").respond_with_handler(handle)
    table = f'[report.webhook]\nurl = "{local_server.url_for("/hook")}"\ntimeout = 10\n'
    return table, received


class SlowMailbox:
    def __init__(self, received: Received):
        self.received = received

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        await asyncio.sleep(RECEIVER_SECONDS)
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.add(message["X-Tracker-Report-Key"])
        return "250 OK"


@pytest.fixture
def slow_smtp():
    received = Received()
    controller = Controller(SlowMailbox(received), hostname="127.0.0.1", port=free_port())
    controller.start()
    table = (f'[report.email]\nhost = "127.0.0.1"\nport = {controller.port}\n'
             'security = "none"\ntimeout = 10\nfrom = "tracker@tracker.example"\n'
             'to = ["desk@example.org"]\n')
    yield table, received
    controller.stop()


def queue_reports(db: Path, channel: str) -> list[str]:
    comparison = compare_texts("The allies met.", "The allies met and agreed.", "x@1", "x@2")
    payload = build_report(comparison, kind="version", title="A change", document=None,
                           meeting=None, link="http://tracker.test/compare/x@1...x@2")
    keys = [f"slow-{n:02d}" for n in range(REPORTS)]
    with open_store(db) as store, store.write():
        for key in keys:
            store.insert_report(key, "version", None, None, key, payload, [channel],
                                "2026-03-01T09:00:00Z")
    return keys


def deliver(db: Path, config: Path) -> subprocess.Popen:
    return subprocess.Popen([*TRACKER, "--db", str(db), "deliver", "--config", str(config),
                             "--json"], env=child_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen) -> dict:
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert not bad_lines(out + err), err
    return json.loads(out)


@pytest.mark.parametrize("receiver", ["slow_webhook", "slow_smtp"])
def test_overlapping_rounds_send_each_report_once(request, receiver, tmp_path, initialised):
    table, received = request.getfixturevalue(receiver)
    channel = "webhook" if receiver == "slow_webhook" else "email"
    config = tmp_path / "tracker.toml"
    config.write_text(f"[watch]\ndelivery_lease_seconds = {LEASE_SECONDS}\n{table}")
    keys = queue_reports(initialised, channel)

    first = deliver(initialised, config)
    wait_for(lambda: received.count() >= SECOND_ROUND_AFTER, 30, "the first round's sends")
    second = deliver(initialised, config)
    done = [finish(first), finish(second)]

    counts = Counter(received.keys)
    assert sorted(counts) == keys, "some report never arrived"
    assert [key for key, n in counts.items() if n > 1] == [], "sent twice"
    assert all(round_["sent"] > 0 for round_ in done), done  # the rounds really overlapped
    assert sum(round_["sent"] for round_ in done) == REPORTS
    with connect(initialised) as conn:
        rows = conn.execute("SELECT status, attempts FROM deliveries").fetchall()
    conn.close()
    assert {(row["status"], row["attempts"]) for row in rows} == {("sent", 1)}
