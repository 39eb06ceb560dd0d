"""Alignment quality: the project's labelled pairs, and the shared real set beside them.

Usage: python benchmarks/alignment_quality.py [--own-only] [--per-pair]

1. The project's own pairs (tests/data/alignment): precision, recall and
   F1 of the aligner over links, and whether the moves are right.
2. The shared set of real alliance statements (``alignment/`` in the shared
   evaluation data: ``$TRACKER_EVAL_DATA``, else ``../shared/eval`` beside the
   checkout), scored by its own ``score.py``, which runs ``tracker diff A B
   --format json`` from this checkout, with its three baselines (exact,
   ndiff-style, greedy) on the same rows: precision, recall, F1, moved links
   found and false, strength calls right.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.compare.evaluate import evaluate_pair, load_labelled, overall  # noqa: E402

OWN = ROOT / "tests" / "data" / "alignment"


def shared_set() -> Path | None:
    """The shared set's folder (holding score.py), or None when it is absent."""
    base = Path(os.environ.get("TRACKER_EVAL_DATA") or ROOT.parent / "shared" / "eval")
    for folder in (base / "alignment", base):
        if (folder / "score.py").is_file():
            return folder
    return None


def own_set(per_pair: bool) -> None:
    scores = []
    print("Project's own labelled pairs (tests/data/alignment)")
    print(f"{'pair':28} {'prec':>6} {'recall':>6} {'F1':>6}  moves")
    for name, a_text, b_text, label in load_labelled(OWN):
        score = evaluate_pair(a_text, b_text, label)
        scores.append(score)
        if per_pair:
            print(f"{name:28} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
                  f"{'ok' if score.moves_right else 'WRONG'}")
    total = overall(scores)
    moves = sum(s.moves_right for s in scores)
    print(f"{'overall (micro)':28} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}  "
          f"{moves}/{len(scores)} ok")


def run_score(folder: Path, *options: str) -> dict:
    """score.py's JSON for the given options, with this checkout's tracker."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, str(folder / "score.py"), "--json",
               "--tracker", f"{sys.executable} -m tracker", *options]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if not result.stdout.strip():
        raise SystemExit(f"score.py failed: {result.stderr.strip()[-500:]}")
    return json.loads(result.stdout)


def row(name: str, r: dict) -> str:
    return (f"{name:30} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
            f"{r['moved_found']:>3}/{r['moved_gold']:<3} {r['moved_false']:>5} "
            f"{r['strength_right']:>4}/{r['strength_gold']:<3}")


def real_set(per_pair: bool) -> None:
    folder = shared_set()
    if folder is None:
        print("\nShared real set: not found (set TRACKER_EVAL_DATA or lay out ../shared/eval)")
        return
    tracker = run_score(folder)["tracker"]
    baselines = run_score(folder, "--baselines")
    print(f"\nShared real set ({folder.name}/, {len(tracker['pairs'])} pairs, "
          f"{tracker['gold_links']} links)")
    print(f"{'system':30} {'prec':>6} {'recall':>6} {'F1':>6} {'moved':>7} {'false':>5} "
          f"{'strength':>8}")
    print(row("tracker", tracker))
    if per_pair:
        for name, pair in tracker["pairs"].items():
            print(row(f"  {name}", pair))
    for name, result in baselines.items():
        print(row(f"{name} baseline", result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--own-only", action="store_true", help="skip the shared real set")
    parser.add_argument("--per-pair", action="store_true", help="one row per pair")
    options = parser.parse_args()
    own_set(options.per_pair)
    if not options.own_only:
        real_set(options.per_pair)


if __name__ == "__main__":
    main()
