"""Load on the web app as it is deployed: ``tracker serve`` (waitress) on
loopback, hit by concurrent keep-alive clients from this process.

Measures requests per second and p50/p99 latency for the compare page and
``/api/compare`` (cold: each pair asked for the first time; cached: the same
pair again), and for the home page over a database with 1,000 documents.

Repeated requests are measured with wrk (Debian's ``wrk``: a C client whose
own cost does not skew the figures) after a warm-up; cold requests, which
must each be new, with a Python client. Without wrk, the Python client does
everything.

    python benchmarks/bench_web.py            # full run (about a minute)
    python benchmarks/bench_web.py --quick    # fewer requests

Every request goes to 127.0.0.1 only; every loop is bounded in count.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store  # noqa: E402

SENTENCES = [
    "The two sides reaffirmed their commitment to the alliance.",
    "The United States reiterated its ironclad commitment to extended deterrence.",
    "Both delegations expressed concern about the DPRK's missile launches.",
    "The two sides agreed to strengthen coordination against sanctions evasion.",
    "They discussed trilateral cooperation with Japan.",
    "The allies condemned arms transfers between the DPRK and Russia.",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_database(folder: Path, documents: int) -> Path:
    """The bundled corpus plus ``documents`` generated ones of two versions."""
    db = folder / "bench.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    with open_store(db) as store:
        items = []
        for n in range(documents):
            meeting = MeetingSpec(f"bench-{n % 200 + 1}", "bench", number=n % 200 + 1,
                                  date=f"20{10 + n % 15:02d}-01-{n % 28 + 1:02d}")
            spec = DocumentSpec(f"bench-{n % 200 + 1}-doc-{n}", meeting, publisher="Bench")
            text = " ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(40))
            items.append((spec, Capture(text)))
            items.append((spec, Capture(text.replace("concern", "grave concern", 1 + n % 3))))
        store.add_many(items)
    return db


class Server:
    def __init__(self, db: Path, threads: int):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tracker", "--db", str(db), "serve", "--port",
             str(self.port), "--threads", str(threads)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "TRACKER_API_RATE_LIMIT": "1000000/1"})
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/api/meetings").close()
                return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def run_load(port: int, paths: list[str], clients: int) -> dict:
    """Each client takes paths from a shared list until it is empty."""
    queue = list(reversed(paths))
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    break
                path = queue.pop()
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                errors[0] += response.status != 200
        conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    latencies.sort()
    return {"requests": len(latencies), "rps": len(latencies) / wall,
            "p50": statistics.median(latencies) * 1000,
            "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000,
            "errors": errors[0]}


def run_wrk(port: int, path: str, clients: int, seconds: int) -> dict | None:
    """wrk's figures for one path, after a short warm-up; None without wrk."""
    if not shutil.which("wrk"):
        return None
    url = f"http://127.0.0.1:{port}{path}"  # '@' must come percent-encoded: wrk reads it
    # as the start of a host
    threads = f"-t{min(2, clients)}"
    subprocess.run(["wrk", threads, f"-c{clients}", "-d2s", url], capture_output=True)
    out = subprocess.run(["wrk", threads, f"-c{clients}", f"-d{seconds}s", "--latency", url],
                         capture_output=True, text=True).stdout
    return {"requests": int(re.search(r"(\d+) requests in", out)[1]),
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
            "p50": _wrk_ms(out, "50%"), "p99": _wrk_ms(out, "99%"),
            "errors": int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out))
            else 0,
            "timeouts": int(m[1]) if (m := re.search(r"timeout (\d+)", out)) else 0}


def _wrk_ms(out: str, label: str) -> float:
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def repeated(port: int, path: str, clients: int, count: int) -> dict:
    return run_wrk(port, path, clients, 10) or run_load(port, [path] * count, clients)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    repeat = 200 if args.quick else 1000
    with tempfile.TemporaryDirectory() as folder:
        db = build_database(Path(folder), args.documents)
        server = Server(db, threads=8)
        try:
            rows = scenarios(server.port, args.documents, repeat, args.clients)
        finally:
            server.stop()
    print(f"tracker serve (waitress, 8 threads) on loopback; {args.clients} concurrent "
          f"clients; {args.documents} generated documents + bundled corpus; repeated "
          f"requests by {'wrk' if shutil.which('wrk') else 'the Python client'}")
    print(f"{'scenario':44} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'errors':>6}")
    for name, row in rows:
        print(f"{name:44} {row['requests']:8d} {row['rps']:8.1f} {row['p50']:8.2f} "
              f"{row['p99']:8.2f} {row['errors']:6d}")


def scenarios(port: int, documents: int, repeat: int, clients: int) -> list[tuple[str, dict]]:
    pairs = [f"bench-{n % 200 + 1}-doc-{n}@1...bench-{n % 200 + 1}-doc-{n}@2"
             for n in range(min(documents, repeat))]
    api_pairs = [f"/api/compare?a={p.split('...')[0]}&b={p.split('...')[1]}".replace("@", "%40")
                 for p in pairs]
    page = "/compare/edscg-4...edscg-5"
    return [
        ("compare page, cold (new pair each request)", run_load(port, [
            f"/compare/{p}" for p in pairs], clients)),
        ("/api/compare, cold pairs (engine warm)", run_load(port, api_pairs, clients)),
        ("compare page, cached (edscg-4...edscg-5)", repeated(port, page, clients, repeat)),
        ("/api/compare, cached", repeated(port, api_pairs[0], clients, repeat)),
        ("home page, 1 client", repeated(port, "/", 1, repeat // 10)),
        (f"home page, {clients} clients", repeated(port, "/", clients, repeat // 5)),
    ]


if __name__ == "__main__":
    main()
