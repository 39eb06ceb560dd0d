"""Idle sockets cannot lock the web server out. With waitress's defaults
(100 connections, idle ones kept 120 s and swept every 30 s), 99 sockets
that sent nothing stalled every other request for minutes. A real
`tracker serve` must answer a normal request while 200 idle sockets are
open: at once with its defaults, and within a few channel timeouts when
its connection limit is set below the number of idle sockets."""

import socket
import time
import urllib.request

import pytest

from tests.conftest import free_port
from tests.reliability.conftest import Process, bad_lines, wait_for

pytestmark = pytest.mark.slow  # holds hundreds of idle sockets open

IDLE_SOCKETS = 200
CHANNEL_TIMEOUT = 2
CLEANUP_INTERVAL = 1
BELOW_THE_IDLE_COUNT = ["--connection-limit", "100", "--channel-timeout", str(CHANNEL_TIMEOUT),
                        "--cleanup-interval", str(CLEANUP_INTERVAL)]


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


@pytest.mark.parametrize(("options", "within"), [
    ([], 2.0),
    # Beyond the limit, a request waits while idle sockets are swept: at most
    # two rounds of (timeout + sweep interval), with room for a slow machine.
    (BELOW_THE_IDLE_COUNT, 3.0 * (CHANNEL_TIMEOUT + CLEANUP_INTERVAL)),
], ids=["defaults", "limit-below-the-idle-count"])
def test_idle_sockets_do_not_lock_out_a_normal_request(tmp_path, initialised, options, within):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Process(initialised, ["serve", "--port", str(port), *options],
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
        assert waited < within, f"answered after {waited:.1f} s"
        if options:
            assert _closed_by_server(idle[0]), "the first idle socket was never closed"
    finally:
        for sock in idle:
            sock.close()
        server.terminate()
    assert not bad_lines(server.output())
