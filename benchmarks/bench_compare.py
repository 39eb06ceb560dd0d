"""Time and memory of tracker's comparison against common diff tools.

Usage: python benchmarks/bench_compare.py [--quick] [--sizes 10000,100000]

Inputs: a real-sized pair of statements (the labelled pairs in
tests/data/alignment joined, about 1,000 words), and generated documents of
10k, 100k and 300k words with rewordings, moves, splits, merges, additions
and removals (seeded; see gen_docs.py). Tools, on the same files:

- tracker engine in process (compare_texts), with and without commitment
  reading; time is the best of several runs for small inputs, peak memory
  from tracemalloc;
- ``tracker diff A B --format json`` as a whole process;
- ``git diff --no-index --word-diff=porcelain``; GNU ``wdiff``;
- ``difflib.ndiff`` on lines and diff-match-patch (``diff_main``, no time
  limit), each in a child Python process, timing only the diff itself.

Process peak memory is the child's maximum resident set (``/usr/bin/time
-f %M``). ``python3 -c pass`` is printed as the floor for a whole process.
Last, the aligner's worst cases (:func:`worst_cases`), in process.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gen_docs import generate_pair  # noqa: E402

from tracker.compare import compare_texts  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "tests" / "data" / "alignment"
TIMEOUT = 300
CHILD_NDIFF = """
import difflib, sys, time
a = open(sys.argv[1], encoding="utf-8").read().splitlines(True)
b = open(sys.argv[2], encoding="utf-8").read().splitlines(True)
start = time.perf_counter(); n = sum(1 for _ in difflib.ndiff(a, b))
print(time.perf_counter() - start)
"""
CHILD_DMP = """
import sys, time
from diff_match_patch import diff_match_patch
a = open(sys.argv[1], encoding="utf-8").read(); b = open(sys.argv[2], encoding="utf-8").read()
dmp = diff_match_patch(); dmp.Diff_Timeout = 0
start = time.perf_counter(); dmp.diff_main(a, b)
print(time.perf_counter() - start)
"""


def statement_pair() -> tuple[str, str]:
    """The labelled statements joined: about 1,000 words of real-style prose each side."""
    names = sorted(path.name[: -len(".a.txt")] for path in LABELLED.glob("*.a.txt"))
    a = "\n\n".join((LABELLED / f"{name}.a.txt").read_text(encoding="utf-8") for name in names)
    b = "\n\n".join((LABELLED / f"{name}.b.txt").read_text(encoding="utf-8") for name in names)
    return a, b


def engine_in_process(a: str, b: str, **options) -> tuple[float, float]:
    """Best time (s) over a few runs and tracemalloc peak (MB) of compare_texts."""
    compare_texts(a, b, **options)  # warm: lexicon, regex caches
    # Best of several runs: on a shared machine the minimum is the figure
    # least disturbed by other work.
    repeats = 30 if len(a) < 100_000 else 7 if len(a) < 1_000_000 else 3
    best = min(_timed(lambda: compare_texts(a, b, **options)) for _ in range(repeats))
    tracemalloc.start()
    compare_texts(a, b, **options)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return best, peak


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def run_process(command: list[str], inner_time: bool = False) -> tuple[float, float] | None:
    """Best time of up to three runs (one if slow) and peak RSS (MB) of a process."""
    results = []
    for _ in range(3):
        result = _run_once(command, inner_time)
        if result is None:
            return None
        results.append(result)
        if result[0] > 2:
            break
    return min(seconds for seconds, _peak in results), max(peak for _s, peak in results)


def _run_once(command: list[str], inner_time: bool) -> tuple[float, float] | None:
    """Wall time (or the time the child prints) and peak RSS (MB) of one process."""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    # A session of its own, so a timeout kills the tool and not only /usr/bin/time.
    with subprocess.Popen(timer + command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, start_new_session=True) as process:
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None
    done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # diff tools exit 1 when files differ
        print(f"  ! {' '.join(command[:3])}: exit {done.returncode}: {done.stderr[-300:]}")
        return None
    peak = float(done.stderr.strip().splitlines()[-1]) / 1024 if timer else float("nan")
    if inner_time:
        elapsed = float(done.stdout.strip().splitlines()[-1])
    return elapsed, peak


def tracker_command() -> list[str]:
    """The console script next to this interpreter (not a version manager's shim)."""
    script = Path(sys.executable).parent / "tracker"
    if script.exists():
        return [str(script)]
    found = shutil.which("tracker")
    return [found] if found else [sys.executable, "-m", "tracker"]


def has_module(name: str) -> bool:
    check = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True)
    return check.returncode == 0


def measure_size(label: str, a: str, b: str, directory: Path) -> list[tuple[str, tuple | None]]:
    """Rows (tool, (seconds, MB) or None) for one input pair."""
    file_a, file_b = directory / f"{label}.a.txt", directory / f"{label}.b.txt"
    file_a.write_text(a, encoding="utf-8")
    file_b.write_text(b, encoding="utf-8")
    paths = [str(file_a), str(file_b)]
    rows = [("tracker engine (in process)", engine_in_process(a, b)),
            ("  same, no commitment reading", engine_in_process(a, b, read_commitment=None)),
            ("tracker diff --format json (process)",
             run_process([*tracker_command(), "diff", *paths, "--format", "json"]))]
    rows.append(("git diff --word-diff=porcelain",
                 run_process(["git", "diff", "--no-index", "--word-diff=porcelain", *paths])))
    rows.append(("GNU wdiff", run_process(["wdiff", *paths]) if shutil.which("wdiff") else None))
    rows.append(("difflib.ndiff on lines (child, diff only)",
                 run_process([sys.executable, "-c", CHILD_NDIFF, *paths], inner_time=True)))
    dmp = has_module("diff_match_patch")
    rows.append(("diff-match-patch (child, diff only)",
                 run_process([sys.executable, "-c", CHILD_DMP, *paths], inner_time=True)
                 if dmp else None))
    return rows


def print_table(label: str, words: int, rows: list[tuple[str, tuple | None]]) -> None:
    git = dict(rows).get("git diff --word-diff=porcelain")
    print(f"\n{label}: {words:,} words per side")
    print(f"  {'tool':44} {'time s':>9} {'peak MB':>9} {'x git':>7}")
    for tool, result in rows:
        if result is None:
            print(f"  {tool:44} {'skipped (absent or over ' + str(TIMEOUT) + ' s)':>27}")
            continue
        seconds, peak = result
        ratio = f"{seconds / git[0]:7.2f}" if git else "      -"
        print(f"  {tool:44} {seconds:9.4f} {peak:9.1f} {ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 10k and 30k only")
    parser.add_argument("--sizes", help="comma-separated word counts of generated pairs")
    options = parser.parse_args()
    sizes = [10_000, 30_000] if options.quick else [10_000, 100_000, 300_000]
    if options.sizes:
        sizes = [int(size) for size in options.sizes.split(",")]
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs "
          "(figures are noisy when it nears the CPU count)")
    baseline = run_process([sys.executable, "-c", "pass"])
    print(f"python3 -c pass (whole-process floor): {baseline[0]:.4f} s, {baseline[1]:.1f} MB")
    results: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as temporary:
        directory = Path(temporary)
        a, b = statement_pair()
        words = len(a.split())
        rows = measure_size("statements", a, b, directory)
        print_table("Real-sized statements", words, rows)
        results[words] = dict(rows)
        for size in sizes:
            a, b = generate_pair(size, seed=size)
            rows = measure_size(f"gen{size}", a, b, directory)
            print_table(f"Generated {size:,}", len(a.split()), rows)
            results[len(a.split())] = dict(rows)
    print_targets(results)
    print("\nWorst cases (in process, target < 5 s)")
    for label, seconds in worst_cases():
        _verdict(label, seconds, 5, "s")


def worst_cases() -> list[tuple[str, float]]:
    """Seconds in process for the inputs that stress the aligner most.

    - 2,000 near-duplicate sentences: every sentence shares most of its words
      with every other, so candidate search and the in-order program see the
      densest possible similarity;
    - a fully reordered document (a generated text's sentences shuffled),
      identical and with every sentence reworded: no anchors, one gap the size
      of the document, every pair a move.
    """
    import random

    from tracker.compare.segment import segment

    rng = random.Random(7)
    near_a = " ".join(f"The allies reaffirmed their commitment number {k % 7} to the alliance."
                      for k in range(2000))
    near_b = " ".join(f"The allies reaffirmed their firm commitment number {rng.randrange(50)} "
                      "to the alliance today." for _ in range(2000))
    text, _ = generate_pair(30_000, seed=30_000)
    sentences = [sentence.text for sentence in segment(text)]
    shuffled = sentences[:]
    rng.shuffle(shuffled)
    cases = [("2,000 near-duplicate sentences", near_a, near_b),
             (f"fully reordered, identical ({len(sentences):,} sentences)",
              " ".join(sentences), " ".join(shuffled)),
             (f"fully reordered, every sentence reworded ({len(sentences):,} sentences)",
              " ".join(sentences), " ".join("Indeed, " + s for s in shuffled))]
    return [(label, _timed(lambda a=a, b=b: compare_texts(a, b))) for label, a, b in cases]


def print_targets(results: dict[int, dict]) -> None:
    """The targets from the brief, each with the measured figure and a verdict."""
    engine = {words: rows["tracker engine (in process)"] for words, rows in results.items()}
    sizes = sorted(engine)
    small = sizes[0]
    print("\nTargets")
    _verdict(f"{small:,}-word pair in process < 10 ms", engine[small][0] * 1000, 10, "ms")
    near_100k = [w for w in sizes if 90_000 <= w <= 110_000]
    for words in near_100k:
        _verdict(f"{words:,} words in process < 0.5 s", engine[words][0], 0.5, "s")
    big = [w for w in sizes if w >= 250_000]
    for words in big:
        _verdict(f"{words:,} words peak memory < 300 MB", engine[words][1], 300, "MB")
    generated = [w for w in sizes if w >= 10_000]
    if len(generated) >= 2:
        first, last = generated[0], generated[-1]
        per_word = [engine[w][0] / w * 1e6 for w in (first, last)]
        print(f"  linearity: {per_word[0]:.2f} us/word at {first:,}, {per_word[1]:.2f} us/word "
              f"at {last:,} (ratio {per_word[1] / per_word[0]:.2f}; 1.0 is linear)")


def _verdict(what: str, value: float, limit: float, unit: str) -> None:
    print(f"  {what}: {value:.3f} {unit}  {'OK' if value < limit else 'MISSED'}")


if __name__ == "__main__":
    main()
