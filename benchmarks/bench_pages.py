"""Page weight and the cost of the pickers on a large tracker.

Builds the corpus plus ``--documents`` generated documents, each the text
of its own meeting (so the pickers have a meeting per document), and asks
the app in process (Flask's test client, no server) for:

- a compare page: its bytes, and the share of them in ``<option>`` lists;
- an empty search page and a search, each with a new query string every
  time so the page cache never answers (the time is the render's);
- ``/api/search`` for the same search.

    python benchmarks/bench_pages.py [--documents 2000]
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import SENTENCES  # noqa: E402
from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store  # noqa: E402
from tracker.web import create_app  # noqa: E402


def build(folder: Path, documents: int) -> Path:
    db = folder / "pages.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    with open_store(db) as store:
        store.add_many([
            (DocumentSpec(f"page-{n}-statement",
                          MeetingSpec(f"page-{n}", "page", number=n + 1,
                                      date=f"{2000 + n % 25}-{n % 12 + 1:02d}-01",
                                      title=f"Meeting {n}"), publisher=f"Office {n % 7}"),
             Capture(" ".join(SENTENCES[(n + i) % len(SENTENCES)] for i in range(30))))
            for n in range(documents)])
    return db


def timed(client, paths: list[str]) -> tuple[float, int]:
    """Median milliseconds of asking each path once, and the last status."""
    times, status = [], 0
    for path in paths:
        started = time.perf_counter()
        answer = client.get(path)
        times.append(time.perf_counter() - started)
        status = answer.status_code
    return statistics.median(times) * 1000, status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.documents)
        client = create_app({"DATABASE": str(db), "SEARCH_RATE_LIMIT": (10**6, 1),
                             "API_RATE_LIMIT": (10**6, 1)}).test_client()
        html = client.get("/compare/edscg-4...edscg-5").get_data(as_text=True)
        options = sum(map(len, re.findall(r"<option\b[^>]*>[^<]*</option>", html)))
        print(f"corpus + {args.documents} documents, one meeting each; in process; medians of "
              f"{args.repeat} requests, each new to the page cache")
        print(f"compare page: {len(html) / 1e3:.0f} kB, of which <option> lists "
              f"{options / len(html):.0%}")
        for name, path in (("empty search page", "/search?n={n}"),
                           ("search page, q=deterrence", "/search?q=deterrence&n={n}"),
                           ("/api/search?q=deterrence", "/api/search?q=deterrence&n={n}")):
            ms, status = timed(client, [path.format(n=n) for n in range(args.repeat)])
            print(f"{name:28} {ms:7.2f} ms  (status {status})")


if __name__ == "__main__":
    main()
