"""Report filters where they run often: the filtered Atom feed, routing a
new report through subscriptions, and the "since" page.

Stores N copies of a real change report (edscg-4 → edscg-5 of the bundled
corpus, the biggest comparison it holds) and measures, side by side:

- ``/feed.atom`` (the newest 50, no filter),
  ``/feed.atom?series=edscg&topic=Russia&change=added`` (every copy
  matches: reads until it has 50) and ``?topic=Antarctica`` (nothing
  matches: looks through the newest 1,000 and stops), through Flask's test
  client;
- ``report_routes`` for one report with 0, 3 and 30 subscriptions;
- ``/since`` for a visitor with no mark (every version listed, at most 200).

    python benchmarks/bench_filters.py            # N = 100, 1000, 3000
    python benchmarks/bench_filters.py --quick    # N = 100, 1000

Medians of a few runs; every loop is bounded in count.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.compare import compare_texts  # noqa: E402
from tracker.reports.build import build_report  # noqa: E402
from tracker.reports.subscriptions import report_routes  # noqa: E402
from tracker.settings import Settings  # noqa: E402
from tracker.store import open_store  # noqa: E402
from tracker.store.corpus import load_bundled_corpus  # noqa: E402
from tracker.web import create_app  # noqa: E402

FILTERED = "/feed.atom?series=edscg&topic=Russia&change=added"
NO_MATCH = "/feed.atom?topic=Antarctica"  # the worst case: all 1,000 looked through
CHANNELS = {"outbox": {"folder": "unused"}}


def build(folder: Path, copies: int) -> tuple[Path, dict]:
    db = folder / f"bench-{copies}.db"
    with open_store(db) as store:
        load_bundled_corpus(store)
        a, b = store.snapshot("edscg-4-joint-press-release"), store.snapshot(
            "edscg-5-joint-statement")
        payload = build_report(compare_texts(a.text, b.text, a.label, b.label), kind="meeting",
                               title="EDSCG 5", document=b.document.slug, meeting="edscg-5",
                               link="http://tracker.test/compare/edscg-4...edscg-5")
        with store.write():
            for n in range(copies):
                store.insert_report(f"bench:{n}", "meeting", b.document.slug, None, "EDSCG 5",
                                    payload, [], f"2026-01-01T00:{n // 60 % 60:02d}:"
                                                 f"{n % 60:02d}Z")
    return db, payload


def median_ms(action, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def routing_ms(db: Path, payload: dict, subscriptions: int) -> float:
    tables = {f"s{n}": {"channel": "outbox", "topic": ["Russia", "missiles", "nuclear"][n % 3],
                        "change": "weaker"} for n in range(subscriptions)}
    settings = Settings(channels=CHANNELS, subscriptions=tables)
    draft = {"document": "edscg-5-joint-statement", "payload": payload}
    with open_store(db) as store:
        return median_ms(lambda: report_routes(store, settings, draft), runs=20)


def row(copies: int, folder: Path) -> list[str]:
    db, payload = build(folder, copies)
    client = create_app({"DATABASE": str(db), "TESTING": True}).test_client()
    assert client.get(FILTERED).status_code == 200
    return [str(copies), f"{median_ms(lambda: client.get('/feed.atom')):.0f}",
            f"{median_ms(lambda: client.get(FILTERED)):.0f}",
            f"{median_ms(lambda: client.get(NO_MATCH)):.0f}",
            *(f"{routing_ms(db, payload, k):.2f}" for k in (0, 3, 30)),
            f"{median_ms(lambda: client.get('/since')):.0f}"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    counts = (100, 1000) if parser.parse_args().quick else (100, 1000, 3000)
    headers = ["reports", "feed ms", "filtered feed ms", "no-match feed ms", "route 0 subs ms",
               "route 3 subs ms",
               "route 30 subs ms", "/since ms"]
    with tempfile.TemporaryDirectory() as folder:
        rows = [headers, *(row(n, Path(folder)) for n in counts)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(headers))]
    for r in rows:
        print("  ".join(cell.rjust(width) for cell, width in zip(r, widths, strict=True)))


if __name__ == "__main__":
    main()
