"""Would compressing stored texts pay? Sizes and speeds, measured.

1. Where a database's bytes go (SQLite's ``dbstat``): the snapshots table
   (texts and raw pages), the FTS5 index, the other indexes. The database
   is the bundled corpus plus ``--documents`` generated ones, each with
   ``--versions`` versions that differ by a sentence, as watched pages do.
2. What zlib and lzma make of the bundled statements (real prose), one text
   at a time as a column would hold them: ratio, compression and
   decompression speed, and the time to read back one median statement.

    python benchmarks/bench_storage.py [--documents 500] [--versions 10]
"""

import argparse
import lzma
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import SENTENCES  # noqa: E402
from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store  # noqa: E402

CODECS = {
    "zlib level 1": (lambda b: zlib.compress(b, 1), zlib.decompress),
    "zlib level 6": (lambda b: zlib.compress(b, 6), zlib.decompress),
    "zlib level 9": (lambda b: zlib.compress(b, 9), zlib.decompress),
    "lzma preset 6": (lambda b: lzma.compress(b, preset=6), lzma.decompress),
}


def build(folder: Path, documents: int, versions: int) -> Path:
    db = folder / "storage.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    with open_store(db) as store:
        for n in range(documents):
            spec = DocumentSpec(f"store-{n}", MeetingSpec(f"store-{n % 100}", "store",
                                                          number=n % 100 + 1))
            base = " ".join(SENTENCES[(n + i) % len(SENTENCES)] + f" Item {n}-{i}."
                            for i in range(60))
            store.add_many([(spec, Capture(f"{base} Revision {v} added this sentence."))
                            for v in range(versions)])
    return db


def where_bytes_go(db: Path) -> list[tuple[str, float]]:
    with open_store(db) as store:
        rows = store.db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name "
                                "ORDER BY 2 DESC").fetchall()
        text = store.db.execute("SELECT SUM(length(CAST(text AS BLOB))) FROM snapshots"
                                ).fetchone()[0]
    total = sum(size for _, size in rows)
    fts = sum(size for name, size in rows if name.startswith("snapshots_fts"))
    snapshots = dict(rows).get("snapshots", 0)
    return [("database file", total), ("texts (UTF-8 bytes)", text),
            ("snapshots table (texts, raw pages, columns)", snapshots),
            ("FTS5 index (snapshots_fts*)", fts),
            ("everything else (other tables and indexes)", total - snapshots - fts)]


def codec_rows(texts: list[bytes]) -> list[tuple]:
    median = sorted(texts, key=len)[len(texts) // 2]
    total = sum(map(len, texts))
    rows = []
    for name, (pack, unpack) in CODECS.items():
        started = time.perf_counter()
        packed = [pack(t) for t in texts]
        packing = time.perf_counter() - started
        started = time.perf_counter()
        for blob in packed:
            unpack(blob)
        unpacking = time.perf_counter() - started
        one = pack(median)
        reads = [_timed(lambda one=one, unpack=unpack: unpack(one)) for _ in range(200)]
        rows.append((name, sum(map(len, packed)) / total, total / packing / 1e6,
                     total / unpacking / 1e6, statistics.median(reads) * 1e6))
    return rows


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--versions", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build(Path(folder), args.documents, args.versions)
        print(f"corpus + {args.documents} documents x {args.versions} versions")
        for name, size in where_bytes_go(db):
            print(f"  {name:46} {size / 1e6:8.2f} MB")
        with open_store(db) as store:
            texts = [row[0].encode() for row in store.db.execute(
                "SELECT text FROM snapshots WHERE document_id IN (SELECT id FROM documents "
                "WHERE slug NOT LIKE 'store-%')")]
    print(f"\nthe {len(texts)} bundled statements, {sum(map(len, texts)) / 1e3:.0f} kB, "
          f"each compressed alone")
    print(f"  {'codec':14} {'size':>6} {'pack MB/s':>10} {'unpack MB/s':>12} "
          f"{'read one µs':>12}")
    for name, ratio, pack, unpack, one in codec_rows(texts):
        print(f"  {name:14} {ratio:6.1%} {pack:10.1f} {unpack:12.1f} {one:12.1f}")


if __name__ == "__main__":
    main()
