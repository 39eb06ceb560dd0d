"""Every writer at once, for real: ``tracker schedule`` checking a page that
changes every second, several ``tracker add`` processes, the web app
(waitress) taking ``POST /api/snapshots`` from client threads, and a
``tracker deliver`` loop racing the scheduler's own deliveries.

Afterwards every text sent must be exactly one version (or "unchanged" when
it equalled the latest), versions must be gapless and in capture order, no
process may have printed "database is locked" or a traceback, and each
report must have reached the webhook and the outbox exactly once.
"""

import json
import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from werkzeug import Response

from tests.conftest import free_port
from tests.reliability.conftest import (
    MARKER,
    ChangingPage,
    Hooks,
    Process,
    bad_lines,
    check_database,
    child_env,
    connect,
    revision_sentence,
    tracker,
    versions,
    wait_for,
    watch_page,
    write_config,
)
from tests.watch.conftest import PARAGRAPHS, page
from tracker.text import canonical_text, text_sha256

DURATION = 24.0  # seconds during which everything writes at once
CLI_WRITERS = 4
API_CLIENTS = 2
MAX_SENDS = 200  # per writer, whatever the machine's speed
REPEAT_SHARE = 0.25  # how often a writer sends its previous text again
SHARED = "stress-shared"
MEETING = "stress-1"
TOKEN = "reliability-admin-token"
WATCHED = "edscg-6-joint-statement"


@dataclass
class Sent:
    document: str
    sha256: str
    status: str
    version: int


@dataclass
class Writer:
    """One client adding texts in a loop until the deadline: to the shared
    document and to its own, and now and then its previous text again."""

    name: str
    send: object  # (document, text) -> dict, the JSON of `tracker add --json`
    sent: list[Sent] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def own(self) -> str:
        return f"stress-{self.name}"

    def run(self, deadline: float, rng: random.Random) -> None:
        last: dict[str, str] = {}
        for n in range(MAX_SENDS):
            if time.monotonic() >= deadline:
                return
            document = SHARED if n % 2 == 0 else self.own
            repeat = document in last and rng.random() < REPEAT_SHARE
            text = last[document] if repeat else _text(self.name, n)
            last[document] = text
            try:
                result = self.send(document, text)
            except Exception as error:  # recorded, and the test fails on it
                self.errors.append(f"{self.name}: {type(error).__name__}: {error}")
                continue
            self.sent.append(Sent(document, text_sha256(canonical_text(text)),
                                  result["status"], result["version"]))
            if result["sha256"] != self.sent[-1].sha256:
                self.errors.append(f"{self.name}: the store hashed {document} differently")


def _text(writer: str, n: int) -> str:
    return (f"Statement {n} of writer {writer}.\n\n"
            f"The {MARKER} clause {n} of {writer} stays in force until revised.")


def cli_sender(db: Path, errors: list[str]):
    def send(document: str, text: str) -> dict:
        done = tracker(db, "add", "-", "--document", document, "--meeting", MEETING, "--json",
                       input=text)
        if done.returncode != 0 or done.stderr.strip():
            errors.append(f"tracker add exited {done.returncode}: {done.stderr.strip()}")
        return json.loads(done.stdout)

    return send


def api_sender(port: int, errors: list[str]):
    session = requests.Session()
    session.trust_env = False  # straight to 127.0.0.1, never through a proxy

    def send(document: str, text: str) -> dict:
        response = session.post(f"http://127.0.0.1:{port}/api/snapshots", timeout=60,
                                headers={"Authorization": f"Bearer {TOKEN}"},
                                json={"text": text, "document": document, "meeting": MEETING})
        if response.status_code not in (200, 201):
            errors.append(f"POST /api/snapshots: {response.status_code} {response.text[:200]}")
        return response.json()

    return send


def deliver_loop(db: Path, config: Path, deadline: float, outputs: list[str]) -> None:
    """`tracker deliver` over and over, racing the scheduler's deliveries."""
    for _ in range(200):
        if time.monotonic() >= deadline:
            return
        done = tracker(db, "deliver", "--config", str(config), "--json")
        outputs.append(done.stderr)
        if done.returncode != 0:
            outputs.append(f"tracker deliver exited {done.returncode}")


@dataclass
class Run:
    writers: list[Writer]
    errors: list[str]
    deliver_stderr: list[str]
    seconds: float


def run_writers(db: Path, port: int, config: Path) -> Run:
    """The CLI writers, the API clients and the deliver loop, all at once
    until the deadline."""
    errors: list[str] = []
    writers = ([Writer(f"cli{i}", cli_sender(db, errors)) for i in range(CLI_WRITERS)]
               + [Writer(f"api{i}", api_sender(port, errors)) for i in range(API_CLIENTS)])
    deliver_stderr: list[str] = []
    started = time.monotonic()
    deadline = started + DURATION
    threads = [threading.Thread(target=w.run, args=(deadline, random.Random(i)))
               for i, w in enumerate(writers)]
    threads.append(threading.Thread(target=deliver_loop,
                                    args=(db, config, deadline, deliver_stderr)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DURATION + 90)
    assert not any(t.is_alive() for t in threads), "a writer did not finish in time"
    errors.extend(e for w in writers for e in w.errors)
    return Run(writers, errors, deliver_stderr, time.monotonic() - started)


@pytest.mark.slow
def test_everything_writes_at_once(tmp_path, initialised, local_server, record_property):
    db = initialised
    changing, hooks = ChangingPage(period=1.0), Hooks()
    local_server.expect_request("/statement").respond_with_handler(changing.handle)
    local_server.expect_request("/hook", method="POST").respond_with_handler(hooks.handle)
    config = write_config(tmp_path, local_server.url_for("/hook"))
    watch_page(db, local_server.url_for("/statement"))

    port = free_port()
    web = Process(db, ["serve", "--port", str(port), "--threads", "4"], tmp_path / "web.log",
                  env=child_env(TRACKER_ADMIN_TOKEN=TOKEN,
                                TRACKER_API_RATE_LIMIT="100000/1"))
    try:
        scheduler = Process(db, ["schedule", "--config", str(config)],
                            tmp_path / "schedule.log")
        try:
            wait_for(lambda: _web_up(port), 30, "the web app")
            run = run_writers(db, port, config)
        finally:
            scheduler_status = scheduler.terminate()
    finally:
        web.terminate()
    final = tracker(db, "deliver", "--config", str(config), "--json")

    assert scheduler_status == 0, scheduler.output()
    assert run.errors == []
    for name, output in [("schedule", scheduler.output()), ("serve", web.output()),
                         ("deliver", "\n".join(run.deliver_stderr + [final.stderr]))]:
        assert bad_lines(output) == [], f"tracker {name} printed:\n{output[-3000:]}"
    assert final.returncode == 0

    writers, elapsed = run.writers, run.seconds
    texts = _check_writers(db, writers)
    watched = _check_watched(db, changing)
    reports = _check_reports_delivered(db, hooks, tmp_path / "outbox")
    counts = check_database(db, channels=2)
    figures = {"writers": len(writers) + 1, "cli_writers": CLI_WRITERS,
               "api_clients": API_CLIENTS, "seconds": round(elapsed, 1),
               "texts_sent": texts["sent"], "versions_written": texts["created"] + watched,
               "unchanged": texts["unchanged"], "scheduler_versions": watched,
               "reports_delivered": reports, "snapshots": counts["snapshots"]}
    record_property("figures", figures)
    print("concurrency figures:", figures)
    assert texts["created"] > 20 and watched >= 3 and reports >= 2


def _web_up(port: int) -> bool:
    try:
        return requests.get(f"http://127.0.0.1:{port}/api/documents", timeout=2,
                            proxies={"http": "", "https": ""}).status_code == 200
    except requests.RequestException:
        return False


def _check_writers(db: Path, writers: list[Writer]) -> dict:
    """Each accepted text is one version, numbered in the order the store
    accepted them; a text equal to the latest version is "unchanged"."""
    sent = [s for w in writers for s in w.sent]
    for document in {s.document for s in sent}:
        _check_document(db, document, [s for s in sent if s.document == document])
    for writer in writers:
        own = [s.sha256 for s in writer.sent if s.document == writer.own]
        stored = [row["sha256"] for row in versions(db, writer.own)]
        assert stored == _without_repeats(own), f"{writer.own}: versions differ from the sends"
    statuses = Counter(s.status for s in sent)
    return {"sent": len(sent), "created": statuses["created"],
            "unchanged": statuses["unchanged"]}


def _check_document(db: Path, document: str, sent: list[Sent]) -> None:
    stored = {row["version"]: row["sha256"] for row in versions(db, document)}
    created = [s for s in sent if s.status == "created"]
    numbers = sorted(s.version for s in created)
    assert numbers == list(range(1, len(stored) + 1)), f"{document}: {numbers} created"
    for s in created:
        assert stored[s.version] == s.sha256, f"{document}@{s.version}: another text"
        assert s.version == 1 or stored[s.version - 1] != s.sha256, \
            f"{document}@{s.version}: equal to the version before, yet created"
    for s in sent:
        if s.status == "unchanged":
            assert stored[s.version] == s.sha256, f"{document}: unchanged, yet different"
    distinct = Counter(s.sha256 for s in sent)
    for sha, times in distinct.items():
        made = sum(1 for s in created if s.sha256 == sha)
        assert 1 <= made <= times, f"{document}: a text made {made} versions in {times} sends"


def page_response(*paragraphs: str) -> Response:
    return Response(page(PARAGRAPHS + list(paragraphs)), content_type="text/html")


def _without_repeats(items: list) -> list:
    return [item for i, item in enumerate(items) if i == 0 or items[i - 1] != item]


def _check_watched(db: Path, changing: ChangingPage) -> int:
    """The scheduler stored each revision it saw once, in order, and
    recorded one check per fetch."""
    stored = [_revision(row["text"]) for row in versions(db, WATCHED)]
    assert stored == _without_repeats(changing.served)
    with connect(db) as conn:
        outcomes = Counter(row[0] for row in conn.execute("SELECT outcome FROM checks"))
    conn.close()
    assert outcomes["error"] == 0, outcomes
    assert sum(outcomes.values()) == len(changing.served)
    return len(stored)


def _revision(text: str) -> int:
    last = text.splitlines()[-1]
    revision = int(last.split("revision ")[1].split()[0])
    assert last == revision_sentence(revision)
    return revision


def _check_reports_delivered(db: Path, hooks: Hooks, outbox: Path) -> int:
    """Every report went out once on each channel: the webhook saw each key
    once, the outbox holds each report, each delivery was attempted once."""
    with connect(db) as conn:
        keys = [row[0] for row in conn.execute("SELECT key FROM reports")]
        deliveries = conn.execute("SELECT status, attempts FROM deliveries").fetchall()
    conn.close()
    assert len(keys) == len(set(keys))
    assert Counter(hooks.keys) == Counter(keys), "the webhook saw a report twice, or never"
    assert {(d["status"], d["attempts"]) for d in deliveries} == {("sent", 1)}
    written = [json.loads(p.read_text())["key"] for p in outbox.glob("*.json")]
    assert sorted(written) == sorted(keys)
    assert len(list(outbox.glob("*.md"))) == len(keys)
    return len(keys)


def test_a_version_added_during_a_check_keeps_capture_order(tmp_path, initialised,
                                                            local_server):
    """A check that is still fetching its page while `tracker add` stores a
    version of the same document stores the next version after it, with a
    capture time that does not go back."""
    db, fetching = initialised, threading.Event()

    def slow_page(_request):
        fetching.set()
        time.sleep(2.5)
        return page_response(revision_sentence(1))

    local_server.expect_request("/slow").respond_with_handler(slow_page)
    config = write_config(tmp_path, local_server.url_for("/hook"))
    watch_page(db, local_server.url_for("/slow"))
    check = Process(db, ["check", "--config", str(config)], tmp_path / "check.log")
    assert fetching.wait(timeout=30), "the check never fetched its page"
    time.sleep(1.1)  # into the next second: capture times have a resolution of 1 s
    added = tracker(db, "add", "-", "--document", WATCHED,
                    input=f"Added by hand while the page loads.\n\nThe {MARKER} text.\n")
    assert added.returncode == 0 and added.stdout.strip() == f"{WATCHED} v1", added.stderr
    assert check.popen.wait(timeout=60) == 0, check.output()
    check.terminate()
    assert "new version v2" in check.output()
    with connect(db) as conn:
        times = [row[0] for row in conn.execute(
            "SELECT captured_at FROM snapshots WHERE document_id = (SELECT id FROM documents "
            "WHERE slug = ?) ORDER BY version", [WATCHED])]
    conn.close()
    assert times == sorted(times), f"v2 was captured before v1: {times}"
    check_database(db)
