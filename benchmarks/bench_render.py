"""CPU time of what ``tracker diff`` does after the alignment: the word diff of
each reworded unit, the line filling of the text report, and the formatters.

Usage: python benchmarks/bench_render.py [--runs 9]

Inputs: the real-sized pair of statements (about 1,000 words) and the
generated 100k-word pair (seed 100000, as the speed checks use). Each row is
the median CPU time (``time.process_time``) of ``--runs`` runs in this
process, beside a peer doing the same job on the same input:

- word diffs: ``inline_diff`` of every reworded unit, against difflib's
  ``SequenceMatcher`` over the same words (``autojunk=False``, opcodes only:
  no punctuation pass, no grouping, no tokens);
- line filling: the formatter's ``_fill`` of every unit's line against
  ``textwrap.wrap`` (``break_long_words=False, break_on_hyphens=False``),
  which gives the same lines;
- formatting with the word diffs and commitment readings already done:
  text, side by side, JSON.
"""

import argparse
import sys
import textwrap
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_compare import statement_pair  # noqa: E402
from bench_linear import median_seconds  # noqa: E402
from gen_docs import generate_pair  # noqa: E402

from tracker.compare import compare_texts, formats  # noqa: E402
from tracker.compare.inline import inline_diff  # noqa: E402
from tracker.compare.model import REWORDED  # noqa: E402


def cpu_ms(call, runs: int) -> float:
    """Median CPU milliseconds of ``call()`` over ``runs`` runs."""
    return median_seconds(call, runs, time.process_time) * 1000


def unit_lines(comparison) -> list[str]:
    """Each shown unit's line before filling, as the text report builds it."""
    shown = [unit for unit in comparison.units if unit.kind != "unchanged" or unit.moved]
    return [" ".join(formats.marked_text(formats._shown_tokens(unit)).split())
            + formats._note(unit, comparison) for unit in shown]


def rows_for(a: str, b: str, runs: int) -> list[tuple[str, float, str, float]]:
    comparison = compare_texts(a, b)
    pairs = [(unit.a.text, unit.b.text) for unit in comparison.units if unit.kind == REWORDED]
    words = [(x.split(), y.split()) for x, y in pairs]
    lines = unit_lines(comparison)
    for unit in comparison.units:  # formatting alone: every diff and reading done
        _ = unit.tokens, unit.commitment
    return [
        (f"word diffs ({len(pairs)} reworded units)",
         cpu_ms(lambda: [inline_diff(x, y) for x, y in pairs], runs),
         "difflib SequenceMatcher on words",
         cpu_ms(lambda: [SequenceMatcher(None, x, y, autojunk=False).get_opcodes()
                         for x, y in words], runs)),
        (f"line filling ({len(lines)} units, 97 columns)",
         cpu_ms(lambda: [formats._fill(line, 97) for line in lines], runs),
         "textwrap.wrap",
         cpu_ms(lambda: [textwrap.wrap(line, 97, break_long_words=False,
                                       break_on_hyphens=False) for line in lines], runs)),
        ("text report", cpu_ms(lambda: formats.format_text(comparison), runs), "", 0.0),
        ("side by side", cpu_ms(lambda: formats.format_text(comparison, side_by_side=True),
                                runs), "", 0.0),
        ("JSON", cpu_ms(lambda: formats.format_json(comparison), runs), "", 0.0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    inputs = {"1k words": statement_pair(), "100k words": generate_pair(100_000, seed=100_000)}
    print(f"{'input':11} {'job':38} {'tracker ms':>10}   {'peer':34} {'peer ms':>8}")
    for label, (a, b) in inputs.items():
        for job, ours, peer, theirs in rows_for(a, b, args.runs):
            peer_time = f"{theirs:8.2f}" if peer else ""
            print(f"{label:11} {job:38} {ours:10.2f}   {peer:34} {peer_time}")


if __name__ == "__main__":
    main()
