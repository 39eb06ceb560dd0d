"""``/search`` over one huge document: the bundled corpus plus one statement
of 40,000 sentences (about 1.9 MB) that each hold the searched word.

FTS5's ``snippet()`` reads every match of the document it summarises, so a
search's cost grows with the matches in its largest hit. Measures one
``/search?q=reaffirm`` (a fresh query each time, so the page cache does not
answer), and eight at once on a real waitress server (``tracker serve``)
with the home page asked meanwhile.

    python benchmarks/bench_search.py                 # 40,000 sentences
    python benchmarks/bench_search.py --sentences 80000

Every request goes to 127.0.0.1 only; every loop is bounded in count.
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_web import Server  # noqa: E402
from tracker.model import Capture, DocumentSpec, MeetingSpec  # noqa: E402
from tracker.store import open_store  # noqa: E402

WORDS = ("alliance", "deterrence", "coordination", "consultation", "readiness", "exercises")


def huge_text(sentences: int) -> str:
    """``sentences`` sentences of about 47 characters, each with "reaffirm"."""
    return " ".join(f"The allies reaffirm their {WORDS[n % len(WORDS)]} pledge {n}."
                    for n in range(sentences))


def build_database(folder: Path, sentences: int) -> Path:
    db = folder / "search.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    with open_store(db) as store:
        spec = DocumentSpec("huge-statement", MeetingSpec("huge-1", "huge", number=1),
                            publisher="Bench")
        store.add(spec, Capture(huge_text(sentences)))
    return db


def fetch(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=300) as answer:
            answer.read()
            status = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def one_search(port: int, n: int) -> tuple[int, float]:
    # An unused parameter makes each URL new, so the page cache never answers.
    return fetch(port, f"/search?q=reaffirm&meeting=&publisher=&n={n}")


def eight_at_once(port: int, first: int) -> dict:
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        result = one_search(port, n)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=client, args=(first + n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    home = fetch(port, "/")
    for thread in threads:
        thread.join()
    return {"statuses": sorted(s for s, _ in results),
            "seconds": [round(t, 2) for _, t in sorted(results, key=lambda r: r[1])],
            "home": (home[0], round(home[1], 2))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sentences", type=int, default=40_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = build_database(Path(folder), args.sentences)
        size = db.stat().st_size / 1e6
        server = Server(db, threads=8)
        try:
            times = [one_search(server.port, n) for n in range(args.repeat)]
            print(f"{args.sentences} sentences ({size:.1f} MB database): one /search?q=reaffirm: "
                  f"statuses {[s for s, _ in times]}, median "
                  f"{statistics.median(t for _, t in times):.2f} s")
            print("eight at once, home page meanwhile:", eight_at_once(server.port, 100))
        finally:
            server.stop()


if __name__ == "__main__":
    main()
