"""The lexicon's phrase scans: tried at every word start, or only where a phrase can start.

Usage: python benchmarks/bench_phrase_scans.py [--quick]

Every sentence of a generated statement (gen_docs.py) and of the bundled
snapshots is read by the four phrase sets a commitment reading uses
(verbs, actors, strength markers, topics), as ``find_commitment`` and
``read_wording`` read a changed sentence. Each set scans once per sentence
(their memories are cleared before each run); the plain form runs the
set's alternation with ``finditer`` over the whole sentence, the indexed
form tries it only at the word starts whose first letters a phrase can
have (``tracker.compare.phrase_starts``). Median CPU milliseconds of
several runs, side by side, and the labels found, which must be the same.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_linear import median_seconds  # noqa: E402
from gen_docs import generate_pair  # noqa: E402

from tracker.compare.commitments import default_lexicon  # noqa: E402
from tracker.compare.hangul import segment_as  # noqa: E402
from tracker.compare.languages import detect_language  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def sentences_of(text: str) -> list[str]:
    return [sentence.text for sentence in segment_as(text, detect_language(text))]


def read_all(sentences: list[str], sets, indexed: bool) -> list[tuple[str, ...]]:
    """Every set's labels of every sentence, each scanned afresh."""
    saved = [phrases._starts for phrases in sets]
    for phrases in sets:
        phrases._found.clear()
        phrases._words._known.clear()
        if not indexed:
            phrases._starts, phrases._scans = None, -(10 ** 9)  # never read starts
    try:
        return [phrases.find(sentence) for sentence in sentences for phrases in sets]
    finally:
        for phrases, starts in zip(sets, saved, strict=True):
            phrases._starts = starts


def median_ms(call, runs: int) -> float:
    """Median CPU milliseconds of ``call()`` over ``runs`` runs."""
    return median_seconds(call, runs, time.process_time) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    runs = 3 if args.quick else 9
    lex = default_lexicon()
    sets = (lex.verbs, lex.actors, lex.markers, lex.topics)
    inputs = {
        "generated, 20k words": sentences_of(generate_pair(20_000, seed=3)[0]),
        "bundled snapshots": [s for path in sorted((ROOT / "snapshots").rglob("*.txt"))
                              for s in sentences_of(path.read_text(encoding="utf-8"))],
    }
    print(f"Phrase scans, 4 sets a sentence (median CPU ms of {runs} runs)")
    print(f"  {'input':24} {'sentences':>9} {'plain ms':>9} {'indexed ms':>11} "
          f"{'ratio':>6} {'same':>5}")
    for name, sentences in inputs.items():
        same = read_all(sentences, sets, False) == read_all(sentences, sets, True)
        plain = median_ms(lambda s=sentences: read_all(s, sets, False), runs)
        indexed = median_ms(lambda s=sentences: read_all(s, sets, True), runs)
        print(f"  {name:24} {len(sentences):>9} {plain:>9.1f} {indexed:>11.1f} "
              f"{indexed / plain:>6.2f} {'yes' if same else 'NO':>5}")


if __name__ == "__main__":
    main()
