"""CPU time of each pass of the sentence aligner, on a real-sized pair and a long one.

Usage: python benchmarks/bench_align_passes.py [--runs 9] [--words 100000]

The passes of :func:`tracker.compare.align.align_sentences` (anchors, in
order, moved identical, similar, mutual best, one-off slots, splits and
merges, distant, clear and conjunct pieces, and the final links with the
in-place chain) each timed in a fresh process, as ``tracker diff`` runs
them: the per-text memories (sentence roles) start empty, the cycle
collector is off. Inputs: the real-sized statement pair of
bench_compare.py (about 1,000 words) and a generated pair (gen_docs.py,
seed = words). Medians of CPU milliseconds over the runs; ``match_anchors``
includes ``fit_weights``, which it calls.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_compare import statement_pair  # noqa: E402
from gen_docs import generate_pair  # noqa: E402

PASSES = ("__init__", "match_anchors", "fit_weights", "match_in_order",
          "match_moved_identical", "match_similar", "match_mutual_best", "match_unique_slots",
          "grow_splits_and_merges",
          "attach_distant_pieces", "attach_clear_pieces", "attach_conjunct_pieces", "links")

# One run: segment both texts, then align with every pass timed (CPU).
CHILD = r"""
import gc, json, sys, time
gc.disable()
from tracker.compare.segment import segment
from tracker.compare import align
a, b = ([s.text for s in segment(open(path, encoding="utf-8").read())] for path in sys.argv[1:3])
spent = {}
def timed(name, method):
    def run(self, *args):
        start = time.process_time()
        result = method(self, *args)
        spent[name] = spent.get(name, 0.0) + (time.process_time() - start) * 1000
        return result
    return run
for name in sys.argv[3].split(","):
    setattr(align._Alignment, name, timed(name, getattr(align._Alignment, name)))
start = time.process_time()
align.align_sentences(a, b)
spent["align_sentences"] = (time.process_time() - start) * 1000
print(json.dumps(spent))
"""


def pass_times(a_text: str, b_text: str, runs: int) -> dict[str, float]:
    """Median CPU ms per pass over ``runs`` fresh processes."""
    root = str(HERE.parent)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder, name) for name in ("a.txt", "b.txt")]
        for path, text in zip(paths, (a_text, b_text), strict=True):
            path.write_text(text, encoding="utf-8")
        rows = [json.loads(subprocess.run(
            [sys.executable, "-c", CHILD, *map(str, paths), ",".join(PASSES)], cwd=root,
            env={**os.environ, "PYTHONPATH": root}, capture_output=True, text=True,
            check=True).stdout) for _ in range(runs)]
    return {name: statistics.median(row.get(name, 0.0) for row in rows)
            for name in (*PASSES, "align_sentences")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--words", type=int, default=100_000)
    options = parser.parse_args()
    columns = {"1k statements": pass_times(*statement_pair(), options.runs),
               f"{options.words:,} words": pass_times(
                   *generate_pair(options.words, seed=options.words), options.runs)}
    print(f"{'pass (median CPU ms)':28}" + "".join(f"{title:>18}" for title in columns))
    for name in (*PASSES, "align_sentences"):
        print(f"{name:28}" + "".join(f"{times[name]:18.1f}" for times in columns.values()))


if __name__ == "__main__":
    main()
