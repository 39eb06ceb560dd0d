"""CPU time of each pass of the sentence aligner, for generated pairs.

Usage: python benchmarks/bench_align_passes.py [--sizes 1000,100000] [--runs 9]

Each run is a fresh child process (first-run costs included: the word and
role memories start empty), which segments a generated pair (gen_docs.py)
and aligns it with every pass of ``_Alignment`` timed (CPU, process time).
The table gives the median per pass and for ``align_sentences`` as a whole;
``match_anchors`` includes ``fit_weights``, which it calls. Where the time of
an alignment goes, pass by pass, so that work on one pass is measured on its own.
"""

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

PASSES = ("__init__", "match_anchors", "fit_weights", "match_in_order", "match_moved_identical",
          "match_similar", "match_mutual_best", "match_unique_slots", "grow_splits_and_merges",
          "attach_distant_pieces", "attach_clear_pieces", "attach_conjunct_pieces", "mirror",
          "links")


def child(words: int) -> dict[str, float]:
    """One alignment of a generated pair, CPU ms per pass."""
    from gen_docs import generate_pair

    import tracker.compare.align as align
    from tracker.compare.segment import segment

    spent: dict[str, float] = {}

    def timed(name, method):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + (time.process_time() - start) * 1000
        return run

    for name in PASSES:
        setattr(align._Alignment, name, timed(name, getattr(align._Alignment, name)))
    a, b = ([s.text for s in segment(text)] for text in generate_pair(words))
    timed("align_sentences", align.align_sentences)(a, b)
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000", help="comma-separated word counts")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    runs = {size: [json.loads(subprocess.run(
        [sys.executable, __file__, "--child", str(size)], capture_output=True, text=True,
        check=True).stdout) for _ in range(args.runs)] for size in sizes}
    print(f"{'pass (median CPU ms)':28}" + "".join(f"{f'{size:,} words':>16}" for size in sizes))
    for name in (*PASSES, "align_sentences"):
        print(f"{name:28}" + "".join(
            f"{statistics.median(run.get(name, 0.0) for run in runs[size]):16.1f}"
            for size in sizes))


if __name__ == "__main__":
    main()
