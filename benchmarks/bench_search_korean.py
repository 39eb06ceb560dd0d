"""Korean search: the word index against the trigram index and the scan.

Builds a database of the bundled corpus plus N Korean statements (the
corpus's Korean digests, numbered), then times each query five times
(median) by three routes, side by side:

- ``word index``: FTS5 ``unicode61`` as before m012 (whole words; ``*`` for a prefix);
- ``substrings``: what a Korean query does now (trigram index for three
  characters or more, a scan for shorter terms);

and counts the statements each route finds. It also reports the size the
trigram index adds to the file.

    python benchmarks/bench_search_korean.py               # 2,000 statements
    python benchmarks/bench_search_korean.py --statements 10000
"""

import argparse
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store, substring_search  # noqa: E402
from tracker.store.search import SearchFilter, search_snapshots  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ["규탄", "규탄*", "제재", "확장억제", "탄도미사일", "핵협의그룹 승인", "condemned"]


def korean_texts() -> list[str]:
    return [path.read_text(encoding="utf-8").split("---\n", 2)[2]
            for path in sorted((ROOT / "snapshots").rglob("*-ko.txt"))]


def build(folder: Path, count: int) -> Path:
    db = folder / "korean.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    texts = korean_texts()
    with open_store(db) as store:
        batch = [(DocumentSpec(f"bench-{n}-ko", MeetingSpec(f"bench-{n}", "bench", number=n),
                               language="ko"),
                  Capture(f"제{n}차 회의. " + texts[n % len(texts)]))
                 for n in range(1, count + 1)]
        store.add_many(batch)
    return db


def timed(conn: sqlite3.Connection, query: str, words_only: bool) -> tuple[float, int]:
    chosen = SearchFilter()
    if words_only:
        run = lambda: _word_index(conn, query, chosen)  # noqa: E731
    else:
        run = lambda: search_snapshots(conn, query, chosen, limit=50)  # noqa: E731
    times, found = [], 0
    for _ in range(5):
        start = time.perf_counter()
        found = len(run().hits)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, found


def _word_index(conn, query, chosen):
    """The pre-m012 route: the unicode61 word index, whatever the script."""
    original = substring_search.has_hangul
    substring_search.has_hangul = lambda text: False
    try:
        return search_snapshots(conn, query, chosen, limit=50)
    finally:
        substring_search.has_hangul = original


def index_size(db: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db)
    conn.execute("VACUUM")
    with_index = db.stat().st_size
    conn.execute("DROP TABLE snapshots_trigram")
    conn.execute("VACUUM")
    conn.close()
    return with_index, db.stat().st_size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.statements)
        with open_store(db) as store:
            print(f"{args.statements:,} Korean statements; up to 50 hits a query (median of 5)")
            print(f"{'query':<18}{'word index ms':>14}{'found':>7}"
                  f"{'substrings ms':>15}{'found':>7}")
            for query in QUERIES:
                before, found_before = timed(store.conn, query, True)
                after, found_after = timed(store.conn, query, False)
                print(f"{query:<18}{before:>14.1f}{found_before:>7}{after:>15.1f}{found_after:>7}")
        size, without = index_size(db)
        print(f"\nfile size: {size / 1e6:.1f} MB with the trigram index, "
              f"{without / 1e6:.1f} MB without (+{(size - without) / without:.0%})")


if __name__ == "__main__":
    main()
