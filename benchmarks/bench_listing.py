"""Listing checks: a list of N links where one is new, end to end.

Usage: python benchmarks/bench_listing.py [--sizes 200,2000,20000] [--repeat 5]

Each row is one listing check for real: a local HTTP server serves the list
(HTML, or an RSS feed) and the new statement, a real SQLite file holds the
N - 1 links seen before, and ``check_source`` reads the list, finds the new
link, fetches it and stores the statement with its report. Beside it, a
peer on the same input: the same list diffed against the seen links with
one SELECT per link (what a naive "have I seen this?" loop costs). Columns:
median milliseconds over ``--repeat`` runs, pages fetched by the check,
and the peak Python memory of the check (tracemalloc).
"""

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pytest_httpserver import HTTPServer  # noqa: E402
from werkzeug import Response  # noqa: E402

from tests.watch.conftest import page  # noqa: E402
from tests.watch.listings import SERIES_NAME, SIXTH, html_list, listing_settings, rss  # noqa: E402
from tracker.ingest.links import links_on_page, matching_links  # noqa: E402
from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store  # noqa: E402
from tracker.watch.check import check_source  # noqa: E402
from tracker.watch.jobfile import listing_spec  # noqa: E402
from tracker.watch.sources import register_sources  # noqa: E402


def one_run(server: HTTPServer, fmt: str, size: int,
            traced: bool = False) -> tuple[float, int, int, float]:
    """(check ms, pages fetched, peak bytes, naive diff ms) for one fresh
    database; memory is traced only when ``traced`` (tracemalloc slows every
    allocation, so traced runs are not timed)."""
    links = [(f"/press/old-{n}", f"{SERIES_NAME} item {n}") for n in range(size - 1)]
    base = server.url_for("/").rstrip("/")
    body = {"list": html_list(links) if fmt == "html" else rss(links, base)}
    server.clear_all_handlers()
    server.expect_request("/press").respond_with_handler(
        lambda _r: Response(body["list"], content_type="text/html" if fmt == "html"
                            else "application/rss+xml"))
    server.expect_request("/press/edscg-6").respond_with_data(page(title=SIXTH),
                                                              content_type="text/html")
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "t.db") as store:
        store.add(DocumentSpec("edscg-5-joint-statement", MeetingSpec("edscg-5", "edscg",
                                                                      number=5)),
                  Capture(page(title="Fifth")))
        settings = listing_settings(max_bytes=50_000_000, total_timeout=600)
        spec = listing_spec(server.url_for("/press"), "edscg", link_text=SERIES_NAME)
        source = register_sources(store, [spec], update=False)[0].source
        check_source(store, source, settings)  # the baseline
        links.insert(0, ("/press/edscg-6", SIXTH))
        body["list"] = html_list(links) if fmt == "html" else rss(links, base)
        naive = _naive_diff(store, source.id, body["list"].encode(), server.url_for("/press"))
        before = len(server.log)
        if traced:
            tracemalloc.start()
        started = time.perf_counter()
        result = check_source(store, store.source(source.id), settings)
        elapsed = (time.perf_counter() - started) * 1000
        peak = tracemalloc.get_traced_memory()[1] if traced else 0
        tracemalloc.stop()
        assert result.outcome == "new-statement", result.message
        return elapsed, len(server.log) - before, peak, naive


def _naive_diff(store, source_id: int, body: bytes, url: str) -> float:
    """The peer: read the same list, then ask the database about each link."""
    started = time.perf_counter()
    found = matching_links(links_on_page(body, url), store.source(source_id).listing)
    new = [link for link in found if store.conn.execute(
        "SELECT 1 FROM listing_links WHERE source_id = ? AND url = ?",
        [source_id, link.url]).fetchone() is None]
    assert len(new) == 1
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,2000,20000")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    print(f"{'format':7} {'links':>7} {'check ms':>9} {'fetched':>8} {'peak MB':>8} "
          f"{'naive diff ms':>14}")
    with HTTPServer(host="127.0.0.1") as server:
        for fmt in ("html", "rss"):
            for size in (int(s) for s in options.sizes.split(",")):
                runs = [one_run(server, fmt, size) for _ in range(options.repeat)]
                peak = one_run(server, fmt, size, traced=True)[2]
                print(f"{fmt:7} {size:7,} {statistics.median(r[0] for r in runs):9.1f} "
                      f"{max(r[1] for r in runs):8} {peak / 1e6:8.1f} "
                      f"{statistics.median(r[3] for r in runs):14.1f}")


if __name__ == "__main__":
    main()
