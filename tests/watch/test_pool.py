"""A round checks many sources at once, and stays polite to each host.

Real threaded HTTP servers (pytest-httpserver), one per loopback address,
record when each request arrived and how many were in flight. The
assertions are about order, not speed: a request to a host begins only after
the previous answer from that host plus the politeness delay, so the gaps
measured at the server are never shorter than the delay, however loaded the
machine.
"""

import os
import pty
import re
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.reliability.conftest import child_env
from tracker.watch.check import check_round
from tracker.watch.jobfile import source_spec
from tracker.watch.sources import register_sources

from .conftest import page, quick_settings

POLITENESS = 0.3
LATENCY = 0.1


class Recorder:
    """Arrival times and the most requests in flight at once, per host."""

    def __init__(self):
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.in_flight: dict[str, int] = defaultdict(int)
        self.most_in_flight: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

    def handler(self, host: str):
        def serve(request):
            with self.lock:
                self.arrivals[host].append(time.monotonic())
                self.in_flight[host] += 1
                self.most_in_flight[host] = max(self.most_in_flight[host],
                                                self.in_flight[host])
            time.sleep(LATENCY)
            with self.lock:
                self.in_flight[host] -= 1
            return Response(page([f"The allies met about {request.path} at {host}."]),
                            content_type="text/html")
        return serve


@pytest.fixture
def hosts():
    servers = [HTTPServer(host=f"127.0.0.{n}", port=0, threaded=True) for n in (2, 3, 4)]
    for server in servers:
        server.start()
    yield servers
    for server in servers:
        server.clear()
        server.stop()


def watch_all(store, servers, recorder, per_host: int) -> list:
    """``per_host`` sources on each server, added host by host."""
    specs = []
    for n, server in enumerate(servers):
        server.expect_request(re.compile(r"^/s\d+$")).respond_with_handler(
            recorder.handler(server.host))
        specs += [source_spec(server.url_for(f"/s{i}"), f"edscg-6-doc-{n}-{i}", "edscg-6",
                              every="6h") for i in range(per_host)]
    return [r.source for r in register_sources(store, specs, update=False)]


def test_requests_to_one_host_are_spaced_and_hosts_are_asked_at_once(store, hosts):
    recorder = Recorder()
    sources = watch_all(store, hosts, recorder, per_host=3)

    results = check_round(store, sources, quick_settings(retries=0, workers=4,
                                                         politeness_seconds=POLITENESS))

    assert [r.source_id for r in results] == [s.id for s in sources]  # the order given
    assert {r.outcome for r in results} == {"new-version"}
    for host, times in recorder.arrivals.items():
        assert len(times) == 3
        gaps = [later - earlier for earlier, later in zip(times, times[1:], strict=False)]
        assert min(gaps) >= POLITENESS + LATENCY, (host, gaps)
    assert set(recorder.most_in_flight.values()) == {1}  # one request at a time per host
    first_asked = sorted(times[0] for times in recorder.arrivals.values())
    second_asked = min(times[1] for times in recorder.arrivals.values())
    assert first_asked[-1] < second_asked  # every host was asked before any was asked twice


def test_one_worker_checks_in_the_callers_thread_in_order(store, hosts):
    recorder = Recorder()
    sources = watch_all(store, hosts[:1], recorder, per_host=3)
    seen = []

    results = check_round(store, sources, quick_settings(retries=0, workers=1), seen.append)

    assert [r.source_id for r in seen] == [r.source_id for r in results] == \
        [s.id for s in sources]
    assert [store.document(f"edscg-6-doc-0-{i}").versions for i in range(3)] == [1, 1, 1]


def test_each_check_is_stored_once_when_many_write_at_once(store, hosts):
    recorder = Recorder()
    sources = watch_all(store, hosts, recorder, per_host=4)

    results = check_round(store, sources, quick_settings(retries=0, workers=8))

    assert [r.outcome for r in results] == ["new-version"] * 12
    for source in sources:
        [check] = store.checks(source.id)
        assert check.outcome == "new-version" and check.version == 1


def test_a_terminal_shows_a_progress_bar(initialised, store, hosts, tmp_path):
    recorder = Recorder()
    watch_all(store, hosts, recorder, per_host=2)
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\n")
    controller, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(initialised), "check", "--config",
             str(config)], stdout=subprocess.PIPE, stderr=terminal, text=True,
            env=child_env(), timeout=120)
        os.close(terminal)
        shown = _read_all(controller)
    finally:
        os.close(controller)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("6 checked: 6 new-version")  # no line per check
    assert "checking" in shown and "6/6" in shown


def _read_all(fd: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode(errors="replace")


def test_a_stopped_round_cancels_the_fetches_in_flight(store, hosts):
    """The round stops (here: ``on_done`` raises, as Ctrl-C would) while a
    page on another host hangs: its fetch is cancelled, not waited for."""
    fast, slow = hosts[:2]
    release = threading.Event()
    fast.expect_request("/quick").respond_with_data(page(), content_type="text/html")

    def hang(_request):
        release.wait(60)
        return Response(page(), content_type="text/html")

    slow.expect_request("/hang").respond_with_handler(hang)
    specs = [source_spec(slow.url_for("/hang"), "edscg-6-hanging", "edscg-6", every="6h"),
             source_spec(fast.url_for("/quick"), "edscg-6-quick", "edscg-6", every="6h")]
    sources = [r.source for r in register_sources(store, specs, update=False)]

    def stop(_result):
        raise KeyboardInterrupt

    started = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            check_round(store, sources, quick_settings(retries=0, workers=4, read_timeout=60,
                                                       total_timeout=60), stop)
        assert time.monotonic() - started < 30  # cancelled, not the 60 s deadline
    finally:
        release.set()
    assert [c.outcome for c in store.checks(sources[0].id)] == ["error"]


def test_the_scheduler_puts_off_a_check_whose_host_was_just_asked(initialised, store,
                                                                   hosts):
    """Two sources on one host and one on another, politeness one minute:
    the second check of the first host is put off to the host's turn (a
    job of its own) instead of holding a worker for a minute, and the other
    host is checked at once."""
    from tracker.watch.schedule import Watcher

    recorder = Recorder()
    first, second = watch_all(store, hosts[:1], recorder, per_host=2)
    [elsewhere] = watch_all(store, hosts[1:2], recorder, per_host=1)
    watcher = Watcher(initialised, quick_settings(retries=0, politeness_seconds=60),
                      log=lambda _line: None)

    assert watcher.run_check(first.id).outcome == "new-version"
    assert watcher.run_check(second.id) is None  # put off, nothing fetched
    assert watcher.run_check(elsewhere.id).outcome == "new-version"

    assert [len(recorder.arrivals[h.host]) for h in hosts[:2]] == [1, 1]
    turn = watcher.scheduler.get_job(f"source-{second.id}-turn")
    assert turn is not None and turn.args == (second.id,)
    assert turn.trigger.run_date > datetime.now(UTC) + timedelta(seconds=50)  # the host's turn
    assert store.checks(second.id) == []
