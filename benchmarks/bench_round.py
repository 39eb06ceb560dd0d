"""One ``tracker check`` round of many sources against slow local servers.

Each "host" is its own loopback address (127.0.0.2, 127.0.0.3, …), served
by a threaded HTTP server that waits ``--latency`` seconds before answering
a statement-like page. Sources are added host by host (all of one site,
then the next), as people add them. The round runs as a whole process
(``python -m tracker check --json``), twice: the first stores every page
as a new version, the second finds every page unchanged.

    python benchmarks/bench_round.py                      # 500 sources, 50 hosts
    python benchmarks/bench_round.py --politeness 0.25 --workers 1

Every request goes to 127.0.0.x only; every loop is bounded in count.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import SENTENCES as WEB_SENTENCES  # noqa: E402
from tracker.model import DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store, utc_now  # noqa: E402

# The first four of the web benchmark's sentences, one kind of page text for all.
SENTENCES = WEB_SENTENCES[:4]


def page_for(path: str) -> bytes:
    """A press-release page whose text names the path, so every source differs."""
    body = "".join(f"<p>{SENTENCES[i % 4]} Item {path} {i}.</p>" for i in range(12))
    return (f"<html><head><title>Statement {path}</title></head><body><main><h1>Joint "
            f"statement {path}</h1>{body}</main></body></html>").encode()


class Hosts:
    """``count`` loopback servers; remembers when each request arrived, per host."""

    def __init__(self, count: int, latency: float):
        self.arrivals: dict[str, list[float]] = defaultdict(list)
        self.lock = threading.Lock()
        self.servers = [self._serve(f"127.0.0.{n + 2}", latency) for n in range(count)]

    def _serve(self, address: str, latency: float) -> ThreadingHTTPServer:
        hosts = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # else delayed ACKs add 40 ms a request

            def do_GET(self) -> None:  # noqa: N802 (the http.server name)
                with hosts.lock:
                    hosts.arrivals[address].append(time.monotonic())
                time.sleep(latency)
                body = page_for(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        server = ThreadingHTTPServer((address, 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return server

    def urls(self, per_host: int) -> list[str]:
        return [f"http://{s.server_address[0]}:{s.server_address[1]}/statement-{n}"
                for s in self.servers for n in range(per_host)]

    def closest_spacing(self) -> float:
        """The shortest gap between two requests to one host, in seconds."""
        gaps = [b - a for times in map(sorted, self.arrivals.values())
                for a, b in zip(times, times[1:], strict=False)]
        return min(gaps) if gaps else float("inf")

    def stop(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def build_database(folder: Path, urls: list[str]) -> Path:
    db = folder / "round.db"
    with open_store(db) as store, store.write():
        for n, url in enumerate(urls):
            spec = DocumentSpec(f"round-doc-{n}", MeetingSpec(f"round-{n % 50 + 1}", "round",
                                                              number=n % 50 + 1))
            store.ensure_document(spec)
            store.add_source(url, spec.slug, now=utc_now())
    return db


def run_round(db: Path, config: Path) -> tuple[float, dict[str, int]]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "check",
                           "--config", str(config), "--json"], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    checks = json.loads(done.stdout)["checks"] if done.stdout.strip() else []
    outcomes: dict[str, int] = defaultdict(int)
    for check in checks:
        outcomes[check["outcome"]] += 1
    if not checks:
        outcomes[f"failed: {done.stderr.strip()[-200:]}"] += 1
    return seconds, dict(outcomes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--politeness", type=float, default=0.0)
    parser.add_argument("--workers", type=int, default=None, help="[watch] workers")
    args = parser.parse_args()
    hosts = Hosts(args.hosts, args.latency)
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = build_database(Path(folder), hosts.urls(args.sources // args.hosts))
            config = Path(folder) / "tracker.toml"
            workers = f"workers = {args.workers}\n" if args.workers else ""
            config.write_text(f"[watch]\npoliteness_seconds = {args.politeness}\nretries = 0\n"
                              f"{workers}")
            print(f"{args.sources} sources on {args.hosts} loopback hosts, "
                  f"{args.latency * 1000:.0f} ms latency, politeness {args.politeness} s, "
                  f"workers {args.workers or 'default'}")
            print(f"{'round':28} {'seconds':>8} {'sources/s':>10}  outcomes")
            for name in ("first (all new versions)", "second (all unchanged)"):
                seconds, outcomes = run_round(db, config)
                print(f"{name:28} {seconds:8.2f} {args.sources / seconds:10.1f}  {outcomes}")
            print(f"closest spacing of two requests to one host: "
                  f"{hosts.closest_spacing() * 1000:.0f} ms")
    finally:
        hosts.stop()


if __name__ == "__main__":
    main()
