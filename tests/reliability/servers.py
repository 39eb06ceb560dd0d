"""Small real HTTP servers on loopback addresses for the fetch tests.

pytest-httpserver answers whole responses; these also trickle a body one
byte at a time (a slow page) and listen on any loopback address, so one
server on 127.0.0.2 can stand for "a public host" while 127.0.0.1 stays
internal. Only loopback addresses are ever used.
"""

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    trickle: float | None = None  # seconds between body bytes, for a slow page


class LocalServer:
    """A threaded HTTP server on ``host`` (a loopback address) with routes."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, tls=None):
        self.routes: dict[str, Route] = {}
        self.requests: list[str] = []
        self.stopping = threading.Event()
        self.httpd = ThreadingHTTPServer((host, port), _handler(self))
        self.httpd.daemon_threads = True
        if tls is not None:  # an ssl.SSLContext: serve HTTPS
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.host, self.port = host, self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def __enter__(self) -> "LocalServer":
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


def _handler(server: LocalServer):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_args) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            server.requests.append(self.path)
            route = server.routes.get(self.path, Route(404, b"not here"))
            self.send_response(route.status)
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.trickle is None:
                self.wfile.write(route.body)
                return
            for byte in route.body:
                if server.stopping.wait(route.trickle):
                    return
                try:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                except OSError:  # the client gave up, as it should
                    return

    return Handler


def trickling(body: bytes, every: float = 0.2) -> Route:
    return Route(body=body, trickle=every)


def redirect(location: str) -> Route:
    return Route(302, b"", {"Location": location})
