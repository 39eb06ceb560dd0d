"""Translation alignment: quality on labelled Korean–English pairs, and time
as statements grow.

Quality, side by side on the same pairs: tracker (lengths plus shared
anchors) and the same program with the anchors switched off (lengths only,
in the manner of Gale and Church), on the project's pairs
(``tests/data/translation``) and, when present, the shared set
(``$TRACKER_EVAL_DATA/translation``). Robustness: each sentence of one side
dropped in turn, an omission nobody planned. Time: one statement repeated to N
sentences a side, aligned with its translation; the program keeps to a band
around the diagonal, so time should grow about linearly.

    python benchmarks/bench_translation.py
    python benchmarks/bench_translation.py --sizes 100 400 1600
"""

import argparse
import os
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.compare import translation  # noqa: E402
from tracker.compare.crosslingual import compare_translation  # noqa: E402
from tracker.compare.translation_eval import (  # noqa: E402
    LabelledPair,
    LinkScore,
    load_translation_pairs,
    pooled,
    produced_links,
    score_translation_pair,
)

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "data" / "translation"
SHARED = Path(os.environ.get("TRACKER_EVAL_DATA") or ROOT.parent / "shared" / "eval")


@contextmanager
def anchors_on(enabled: bool):
    """Within the block, the aligner uses its anchors, or lengths only."""
    saved = translation.SHARED_BONUS, translation.ALONE_PENALTY, translation.STRAY_PENALTY
    if not enabled:
        translation.SHARED_BONUS = translation.ALONE_PENALTY = translation.STRAY_PENALTY = 0
    try:
        yield
    finally:
        translation.SHARED_BONUS, translation.ALONE_PENALTY, translation.STRAY_PENALTY = saved


def quality(directory: Path, anchors: bool) -> tuple:
    with anchors_on(anchors):
        results = [score_translation_pair(pair) for pair in load_translation_pairs(directory)]
    total = pooled(r.score for r in results)
    terms = sum(len(r.terms_found) for r in results)
    wanted = terms + sum(len(r.terms_missed) for r in results)
    extra = sum(r.terms_extra for r in results)
    return total, f"{terms}/{wanted}", extra


def print_quality() -> None:
    print(f"{'set':<26}{'system':<22}{'P':>7}{'R':>7}{'F1':>7}  {'terms':>6} {'extra':>6}")
    for name, directory in (("project pairs", PROJECT), ("shared set", SHARED / "translation")):
        if not (directory / "pairs").is_dir():
            print(f"{name:<26}(absent)")
            continue
        for system, anchors in (("tracker", True), ("lengths only", False)):
            total, terms, extra = quality(directory, anchors)
            print(f"{name:<26}{system:<22}{total.precision:7.3f}{total.recall:7.3f}"
                  f"{total.f1:7.3f}  {terms:>6} {extra:>6}")


def without_sentence(pair: LabelledPair, side: str, k: int) -> LabelledPair | None:
    """``pair`` with sentence ``k`` of ``side`` cut from the text and the labels."""
    label, key = pair.label, f"{side}_sentences"
    text = pair.a_text if side == "a" else pair.b_text
    if k in label.get(f"ignore_{side}", []) or label[key][k] not in text:
        return None
    shift = lambda i: i - (i > k)  # noqa: E731
    keep = 0 if side == "a" else 1

    def relinked(links):
        return [[shift(x) if n == keep else x for n, x in enumerate(link)]
                for link in links if link[keep] != k]

    new = {**label, key: label[key][:k] + label[key][k + 1:],
           "links": relinked(label["links"]), "acceptable": relinked(label.get("acceptable", [])),
           f"ignore_{side}": [shift(i) for i in label.get(f"ignore_{side}", [])]}
    cut = text.replace(label[key][k], "", 1)
    a_text, b_text = (cut, pair.b_text) if side == "a" else (pair.a_text, cut)
    return LabelledPair(pair.name, a_text, b_text, new)


def robustness() -> None:
    """Each sentence of one side dropped in turn: an omission the labels did not plan."""
    print(f"\n{'one sentence dropped':<30}{'system':<14}{'cases':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for name, directory in (("project pairs", PROJECT), ("shared set", SHARED / "translation")):
        if not (directory / "pairs").is_dir():
            continue
        for side, language in (("a", "English"), ("b", "Korean")):
            cuts = [cut for pair in load_translation_pairs(directory)
                    for k in range(len(pair.label[f"{side}_sentences"]))
                    if (cut := without_sentence(pair, side, k)) is not None]
            for system, enabled in (("tracker", True), ("lengths only", False)):
                with anchors_on(enabled):
                    total = pooled(_link_score(cut) for cut in cuts)
                print(f"{name + ', ' + language:<30}{system:<14}{len(cuts):>6}"
                      f"{total.precision:7.3f}{total.recall:7.3f}{total.f1:7.3f}")


def _link_score(pair: LabelledPair) -> LinkScore:
    comparison = compare_translation(pair.a_text, pair.b_text, languages=("en", "ko"))
    found = produced_links(comparison, pair.label)
    required = {tuple(link) for link in pair.label["links"]}
    allowed = required | {tuple(link) for link in pair.label["acceptable"]}
    return LinkScore(len(found & allowed), len(found), len(found & required), len(required))


def timing(sizes: list[int], repeats: int = 3) -> None:
    pair = load_translation_pairs(PROJECT)[0]
    english, korean = pair.a_text, pair.b_text
    per = len(pair.label["a_sentences"])
    print(f"\n{'sentences a side':>18}{'median s':>10}{'s per 100':>11}")
    for size in sizes:
        copies = max(1, size // per)
        a, b = "\n\n".join([english] * copies), "\n\n".join([korean] * copies)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            compare_translation(a, b, languages=("en", "ko"))
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(f"{copies * per:>18}{median:>10.3f}{median / (copies * per) * 100:>11.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 400, 1600])
    args = parser.parse_args()
    print_quality()
    robustness()
    timing(args.sizes)


if __name__ == "__main__":
    main()
