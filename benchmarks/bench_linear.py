"""Work that must grow with its input, not faster: segmentation of one long
paragraph, the refusal of an oversized input, the compare page's layout.

Usage: python benchmarks/bench_linear.py [--quick]

- Segmentation: generated statement-like text (gen_docs.py) of 200k and
  800k words, once with its paragraph breaks and once as one paragraph;
  median seconds of ``segment()`` over several runs, the ratio of one
  paragraph to the same text with breaks, and the growth exponent from
  200k to 800k words (1.0 is linear).
- Refusal: ``tracker diff`` (a whole process) of a 19 MB one-paragraph file
  (under the 20 MiB input cap, far over the 60,000-sentence cap) against a
  small one; the time until it exits with its one-line refusal.
- Layout: a generated 300k-word document against the same sentences
  shuffled (every sentence moved); ``compare_texts`` and the web page's
  ``layout()`` of the result, median seconds, and their ratio.
"""

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_compare import tracker_command  # noqa: E402
from gen_docs import generate_pair  # noqa: E402

from tracker.compare import compare_texts  # noqa: E402
from tracker.compare.segment import segment  # noqa: E402

REFUSAL_TIMEOUT = 300


def median_seconds(call, runs: int, clock=time.perf_counter) -> float:
    """Median time of ``runs`` calls: the machine is shared, medians are
    steadier. ``time.process_time`` as the clock counts this process's CPU
    only, which other work on the machine disturbs far less than wall time."""
    times = []
    for _ in range(runs):
        start = clock()
        call()
        times.append(clock() - start)
    return statistics.median(times)


def one_paragraph(text: str) -> str:
    return text.replace("\n\n", " ")


def segmentation(sizes: list[int], runs: int) -> None:
    print(f"\nSegmentation (median of {runs} runs; the CPU ratio is from process time)")
    print(f"  {'words':>9} {'with breaks s':>14} {'one paragraph s':>16} {'ratio':>7} "
          f"{'CPU ratio':>10}")
    timings = {}
    for words in sizes:
        text, _ = generate_pair(words, seed=words)
        flat = one_paragraph(text)
        broken = median_seconds(lambda text=text: segment(text), runs)
        single = median_seconds(lambda flat=flat: segment(flat), runs)
        cpu = [median_seconds(lambda t=t: segment(t), runs, time.process_time)
               for t in (text, flat)]
        timings[words] = (broken, single)
        print(f"  {words:9,} {broken:14.3f} {single:16.3f} {single / broken:7.2f} "
              f"{cpu[1] / cpu[0]:10.2f}")
    if len(sizes) >= 2:
        low, high = sizes[0], sizes[-1]
        for column, name in ((0, "with breaks"), (1, "one paragraph")):
            exponent = math.log(timings[high][column] / timings[low][column]) / math.log(high / low)
            print(f"  growth exponent {low:,} -> {high:,} words, {name}: {exponent:.2f}")


def refusal(megabytes: float) -> None:
    """Time ``tracker diff`` takes to refuse a one-paragraph file of ``megabytes``."""
    writer_text, _ = generate_pair(200_000, seed=5)
    piece = one_paragraph(writer_text)
    size = int(megabytes * 1_000_000)
    big = (piece + " ") * (size // (len(piece) + 1) + 1)
    with tempfile.TemporaryDirectory() as folder:
        path_big, path_small = Path(folder, "big.txt"), Path(folder, "small.txt")
        path_big.write_text(big[:size].rsplit(" ", 1)[0], encoding="utf-8")
        path_small.write_text("We met. We agreed.", encoding="utf-8")
        command = [*tracker_command(), "diff", str(path_big), str(path_small)]
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True,
                                  timeout=REFUSAL_TIMEOUT)
            outcome = done.stderr.strip().splitlines()[-1] if done.stderr else "(no message)"
        except subprocess.TimeoutExpired:
            outcome = f"still running after {REFUSAL_TIMEOUT} s"
        elapsed = time.perf_counter() - start
    print(f"\nRefusal of a {path_big.name} of {megabytes:g} MB in one paragraph "
          f"(tracker diff, whole process)")
    print(f"  {elapsed:.2f} s: {outcome[:120]}")


def layout_of_reordered(words: int, runs: int) -> None:
    from tracker.web.comparisons import layout

    text, _ = generate_pair(words, seed=words)
    sentences = [sentence.text for sentence in segment(text)]
    shuffled = sentences[:]
    random.Random(7).shuffle(shuffled)
    a, b = " ".join(sentences), " ".join(shuffled)
    comparison = compare_texts(a, b)
    engine = median_seconds(lambda: compare_texts(a, b), runs)
    laid = median_seconds(lambda: layout(comparison, False), runs)
    print(f"\nFully reordered document: {words:,} words, {len(sentences):,} sentences, "
          f"every one moved (median of {runs} runs)")
    print(f"  engine (compare_texts) {engine:8.3f} s")
    print(f"  layout() of the page   {laid:8.3f} s   ({laid / engine:.2f}x the engine)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    if options.quick:
        segmentation([50_000, 200_000], 3)
        refusal(10)  # past the 60,000-sentence cap (about 8.4 MB of this text), as 19 MB is
        layout_of_reordered(30_000, 3)
        return
    segmentation([200_000, 800_000], options.runs)
    refusal(19)
    layout_of_reordered(300_000, options.runs)


if __name__ == "__main__":
    main()
