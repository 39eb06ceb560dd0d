"""Print precision, recall and F1 of the aligner on the labelled pairs.

Usage: python benchmarks/alignment_quality.py [DIRECTORY]
"""

import sys
from pathlib import Path

from tracker.compare.evaluate import evaluate_pair, load_labelled, overall

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "alignment"


def main(directory: Path = DEFAULT) -> None:
    scores = []
    print(f"{'pair':28} {'prec':>6} {'recall':>6} {'F1':>6}  moves")
    for name, a_text, b_text, label in load_labelled(directory):
        score = evaluate_pair(a_text, b_text, label)
        scores.append(score)
        print(f"{name:28} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
              f"{'ok' if score.moves_right else 'WRONG'}")
    total = overall(scores)
    moves = sum(s.moves_right for s in scores)
    print(f"{'overall (micro)':28} {total.precision:6.3f} {total.recall:6.3f} {total.f1:6.3f}  "
          f"{moves}/{len(scores)} ok")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
