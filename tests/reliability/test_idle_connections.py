"""Idle sockets cannot lock the web server out: a real `tracker serve` with
a connection limit below the number of idle clients still answers a normal
request, because connections that send nothing are closed after the
channel timeout. (With waitress's defaults, 99 idle sockets were enough to
stall every request for up to two and a half minutes.)"""

import socket
import time
import urllib.request

from tests.conftest import free_port
from tests.reliability.conftest import Process, bad_lines, wait_for

IDLE_SOCKETS = 200
CONNECTION_LIMIT = 100
CHANNEL_TIMEOUT = 2
CLEANUP_INTERVAL = 1


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True


def test_idle_sockets_do_not_lock_out_a_normal_request(tmp_path, initialised):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Process(initialised, ["serve", "--port", str(port),
                                   "--connection-limit", str(CONNECTION_LIMIT),
                                   "--channel-timeout", str(CHANNEL_TIMEOUT),
                                   "--cleanup-interval", str(CLEANUP_INTERVAL)],
                     tmp_path / "serve.log")
    idle: list[socket.socket] = []
    try:
        wait_for(lambda: _answers(base + "/api/meetings"), 30, "tracker serve to answer")
        idle = [socket.create_connection(("127.0.0.1", port), timeout=5)
                for _ in range(IDLE_SOCKETS)]
        started = time.monotonic()
        with urllib.request.urlopen(base + "/api/meetings", timeout=30) as response:
            assert response.status == 200
            assert b"edscg-5" in response.read()
        waited = time.monotonic() - started
        # Beyond the limit, a request waits for the idle ones to be swept: at
        # most two rounds of (timeout + sweep interval) here, plus slack.
        assert waited < 3 * (CHANNEL_TIMEOUT + CLEANUP_INTERVAL), waited
        assert _closed_by_server(idle[0]), "the first idle socket was never closed"
    finally:
        for sock in idle:
            sock.close()
        server.terminate()
    assert not bad_lines(server.output())
