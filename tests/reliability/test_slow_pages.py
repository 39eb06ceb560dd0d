"""A page that trickles its body one byte at a time cannot hold a check, the
scheduler or its shutdown: the fetch has a deadline for the whole request,
checks have their own thread pool, and SIGTERM cancels fetches still
running after the grace period. Real servers, real processes."""

import threading
import time

import pytest

from tests.reliability.conftest import Process, bad_lines, connect, tracker, wait_for
from tests.reliability.servers import LocalServer, Route, trickling
from tests.watch.conftest import page
from tracker.ingest.fetch import FetchError, fetch

pytestmark = pytest.mark.slow  # waits on pages that trickle in

SLOW_BODY = page().encode()  # ~1.5 kB: some five minutes at 5 bytes a second


@pytest.fixture
def slow():
    with LocalServer("127.0.0.1") as server:
        server.routes["/slow"] = trickling(SLOW_BODY, every=0.2)
        server.routes["/fast"] = Route(body=page(title="Fast page").encode())
        yield server


def test_a_trickling_page_ends_at_the_deadline(slow):
    """Each read gets a byte within the 1 s read timeout, so only the 2 s
    deadline for the whole request can stop it."""
    started = time.monotonic()
    with pytest.raises(FetchError, match="no complete answer within 2 s"):
        fetch(slow.url("/slow"), 1_000_000, timeout=(1, 1), total_timeout=2, retries=2,
              backoff=0.01)
    assert time.monotonic() - started < 5


def test_a_cancel_event_ends_a_fetch_at_once(slow):
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(FetchError, match="cancelled"):
        fetch(slow.url("/slow"), 1_000_000, timeout=(1, 1), total_timeout=60, cancel=cancel)
    assert time.monotonic() - started < 2


def test_a_slow_check_is_a_recorded_error(tmp_path, initialised, slow):
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\nread_timeout = 1\n"
                      "total_timeout = 2\n")
    add(initialised, slow.url("/slow"), "edscg-6-joint-statement")
    started = time.monotonic()
    done = tracker(initialised, "check", "--config", str(config))
    assert time.monotonic() - started < 8  # a process start, and the 2 s deadline
    assert done.returncode == 1 and "no complete answer within 2 s" in done.stdout
    with connect(initialised) as conn:
        assert conn.execute("SELECT COUNT(*) FROM snapshots s JOIN documents d ON "
                            "d.id = s.document_id WHERE d.slug = 'edscg-6-joint-statement'"
                            ).fetchone()[0] == 0


def add(db, url: str, document: str, every: str = "10s") -> None:
    meeting = document.removesuffix("-joint-statement")
    done = tracker(db, "sources", "add", url, "--document", document, "--meeting", meeting,
                   "--every", every)
    assert done.returncode == 0, done.stderr


def test_slow_pages_starve_neither_sync_nor_shutdown(tmp_path, initialised, slow):
    """Six trickling sources fill the two check workers (and, before the
    pools were split, would have filled the shared pool): the sync job still
    picks up a new source at once, and SIGTERM stops the scheduler after the
    1 s grace instead of waiting out the 30 s fetches."""
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\nread_timeout = 5\n"
                      "total_timeout = 30\nworkers = 2\nstop_grace = 1\n")
    for number in range(6):
        add(initialised, slow.url(f"/slow?{number}"), f"edscg-{number + 1}-joint-statement")
        slow.routes[f"/slow?{number}"] = slow.routes["/slow"]
    process = Process(initialised, ["schedule", "--config", str(config)],
                      tmp_path / "schedule.log")
    try:
        wait_for(lambda: len(slow.requests) >= 2, 20, "two slow checks in flight")
        add(initialised, slow.url("/fast"), "ccd-1-joint-statement")
        added_at = time.monotonic()
        wait_for(lambda: "/fast" in process.output(), 15, "the sync job to see the new source")
        assert time.monotonic() - added_at < 8  # sync runs every 3 s
        assert "/fast" not in slow.requests  # the check pool is still busy, as it should be
    finally:
        stopped_at = time.monotonic()
        code = process.terminate(timeout=20)
    stopping = time.monotonic() - stopped_at
    output = process.output()
    assert code == 0, output
    assert stopping < 6, f"SIGTERM took {stopping:.1f} s"
    assert "cancelling the checks still running after 1 s" in output
    assert not bad_lines(output) and "Traceback" not in output
    with connect(initialised) as conn:
        messages = [row[0] for row in conn.execute("SELECT message FROM checks")]
    assert messages and all("cancelled" in m for m in messages)
