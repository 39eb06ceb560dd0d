"""The page cache while the database is being written to.

Serves the corpus plus 2,000 generated documents with ``tracker serve``
(waitress, 8 threads) and measures, with Debian's ``wrk`` (20 connections,
its 2-second timeout), the home page and a cached compare page:

- with nothing writing;
- while a writer records 4 checks a second (what a running scheduler does:
  each check updates its source and inserts a ``checks`` row), which must
  not empty the cache of pages that do not show checks;
- while a writer adds a new version every 2 seconds (the content changes,
  so cached pages must be rendered again: concurrent misses of one page
  should share one render).

    python benchmarks/bench_cache.py [--seconds 10] [--clients 20] [--repeat 3]

Every request goes to 127.0.0.1 only; every loop is bounded in count.
"""

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import Server, build_database, run_wrk  # noqa: E402
from tracker.model import Capture, CheckRecord, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store, utc_now  # noqa: E402

COMPARE = "/compare/edscg-4...edscg-5"


class Writer:
    """A thread writing to the served database at a steady rate until stopped."""

    def __init__(self, db: Path, kind: str):
        self.db, self.kind, self.writes = db, kind, 0
        self.stopped = threading.Event()
        with open_store(db) as store, store.write():
            store.ensure_document(DocumentSpec("bench-watched", MeetingSpec("bench-1", "bench")))
            found = store.find_source("http://127.0.0.1:9/watched", "bench-watched")
            self.source_id = (found or store.add_source(
                "http://127.0.0.1:9/watched", "bench-watched", now=utc_now())).id
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "Writer":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _run(self) -> None:
        period = 0.25 if self.kind == "checks" else 2.0
        with open_store(self.db) as store:
            while not self.stopped.wait(period) and self.writes < 10_000:
                self._write_once(store)
                self.writes += 1

    def _write_once(self, store) -> None:
        if self.kind == "checks":
            with store.write():
                store.update_source_state(self.source_id, etag=f'"{self.writes}"')
                store.insert_check(CheckRecord(self.source_id, utc_now(), 50, "unchanged",
                                               http_status=200, bytes=1000))
        else:
            store.add(DocumentSpec("bench-watched"),
                      Capture(f"The allies met again. This is version {self.writes}."))


def measure(port: int, db: Path, path: str, writer: str | None, clients: int,
            seconds: int) -> dict:
    if writer is None:
        return run_wrk(port, path, clients, seconds)
    with Writer(db, writer) as running:
        row = run_wrk(port, path, clients, seconds)
    return {**row, "writes": running.writes}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of every scenario")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("this benchmark needs wrk (apt-get install wrk)")
    scenarios = [(path, writer) for path in ("/", COMPARE) for writer in (None, "checks",
                                                                          "versions")]
    runs: dict[tuple, list[dict]] = {scenario: [] for scenario in scenarios}
    with tempfile.TemporaryDirectory() as folder:
        db = build_database(Path(folder), args.documents)
        server = Server(db, threads=8)
        try:
            for _ in range(args.repeat):  # interleaved, so load elsewhere hits all alike
                for path, writer in scenarios:
                    runs[path, writer].append(measure(server.port, db, path, writer,
                                                      args.clients, args.seconds))
        finally:
            server.stop()
    report(runs, args)


def report(runs: dict[tuple, list[dict]], args) -> None:
    print(f"tracker serve (waitress, 8 threads); wrk, {args.clients} connections, "
          f"{args.seconds} s a run; {args.documents} generated documents + bundled corpus; "
          f"medians of {args.repeat} runs, timeouts and non-2xx summed")
    print(f"{'page':28} {'writer':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'timeouts':>8} {'non-2xx':>7}")
    for (path, writer), rows in runs.items():
        med = {key: statistics.median(row[key] for row in rows) for key in ("rps", "p50", "p99")}
        print(f"{path:28} {writer or 'none':9} {med['rps']:8.1f} {med['p50']:8.2f} "
              f"{med['p99']:8.2f} {sum(r['timeouts'] for r in rows):8d} "
              f"{sum(r['errors'] for r in rows):7d}")


if __name__ == "__main__":
    main()
