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
import os
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
        packed = [pack(t) for t in texts]
        # The best of five: other work on the machine only ever adds time.
        packing = min(_timed(lambda pack=pack: [pack(t) for t in texts]) for _ in range(5))
        unpacking = min(_timed(lambda unpack=unpack, packed=packed: [unpack(b) for b in packed])
                        for _ in range(5))
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
            series = [[row[0].encode() for row in store.db.execute(
                "SELECT text FROM snapshots WHERE document_id = (SELECT id FROM documents "
                "WHERE slug = ?) ORDER BY version", [f"store-{n}"])] for n in range(20)]
    texts += [path.read_bytes() for path in sorted(statements_folder().glob("*.txt"))]
    print(f"\n{len(texts)} real statements (the bundled corpus and the evaluation set's), "
          f"{sum(map(len, texts)) / 1e3:.0f} kB, each compressed alone")
    print(f"  {'codec':14} {'size':>6} {'pack MB/s':>10} {'unpack MB/s':>12} "
          f"{'read one µs':>12}")
    for name, ratio, pack, unpack, one in codec_rows(texts):
        print(f"  {name:14} {ratio:6.1%} {pack:10.1f} {unpack:12.1f} {one:12.1f}")
    print(f"\nversions 2-{args.versions} of 20 generated documents, zlib level 6: alone "
          f"{delta_ratio(series, False):.1%} of their size, against the version before "
          f"(as a preset dictionary) {delta_ratio(series, True):.1%}")


def statements_folder() -> Path:
    """The evaluation set's real statements (``$TRACKER_EVAL_DATA``, else
    ``../shared/eval`` beside the checkout)."""
    root = os.environ.get("TRACKER_EVAL_DATA") or Path(__file__).resolve().parents[2] / \
        "shared" / "eval"
    return Path(root) / "alignment" / "statements"


def delta_ratio(series: list[list[bytes]], against_previous: bool) -> float:
    raw = packed = 0
    for versions in series:
        for before, text in zip(versions, versions[1:], strict=False):
            packer = zlib.compressobj(6, zdict=before) if against_previous else \
                zlib.compressobj(6)
            packed += len(packer.compress(text) + packer.flush())
            raw += len(text)
    return packed / raw


if __name__ == "__main__":
    main()
