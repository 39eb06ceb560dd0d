"""Measure ``tracker.ingest.extract.html_to_text`` on public extraction benchmarks.

Usage: python benchmarks/bench_extraction.py [--quick] [--data DIRECTORY]

Three sets from ``extraction/`` in the evaluation data (``$TRACKER_EVAL_DATA``,
else ``../shared/eval`` beside the checkout; each folder's README says
where it comes from and how it is scored); each metric below follows its
README, so our figures sit beside the published ones:

- ``article-extraction-benchmark``: 181 news pages; word 4-gram F1 with the
  per-page (tp, fp, fn) normalised, precision and recall averaged over pages.
- ``trafilatura-eval-official-subset``: 33 press-release and agency pages;
  ``with`` snippets that must appear and ``without`` snippets that must not,
  counts pooled over pages.
- ``wcxb-test``: 511 pages of seven types; bag-of-words F1 per page, averaged
  over pages, overall and per page type.

The baseline is BeautifulSoup's whole-page ``get_text(" ")`` on the same pages:
the floor any extractor must beat. ``--quick`` scores every fifth page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from tracker.errors import InputError
from tracker.ingest.extract import html_to_text

EVAL_DATA = Path(os.environ.get("TRACKER_EVAL_DATA")
                 or Path(__file__).resolve().parents[2] / "shared" / "eval")
DATA = EVAL_DATA / "extraction"
WORD = re.compile(r"\w+")

# Published F1 from each README, for the comparison column.
PUBLISHED = {
    "article": "readability-lxml 0.922 · trafilatura 0.958 · get_text 0.665",
    "official": "this subset: readability 0.838 · trafilatura 0.890 (full set: 0.924)",
    "wcxb": "Readability 0.726 · Trafilatura 0.833 · rs-trafilatura 0.893",
    "wcxb:article": "trafilatura 0.937 (reproduced)",
    "wcxb:documentation": "trafilatura 0.933 (reproduced)",
    "wcxb:service": "trafilatura 0.817 (reproduced)",
    "wcxb:forum": "trafilatura 0.791 (reproduced)",
    "wcxb:listing": "trafilatura 0.748 (reproduced)",
    "wcxb:product": "trafilatura 0.721 (reproduced)",
    "wcxb:collection": "trafilatura 0.633 (reproduced)",
}

Extractor = Callable[[bytes], str]


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of one extractor on one set."""

    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Row:
    """One line of the report: our scores beside the baseline's."""

    dataset: str
    pages: int
    ours: Scores
    baseline: Scores
    ms_per_page: float


def ours(html: bytes) -> str:
    """The extractor under test; a page it finds no text in scores as empty."""
    try:
        return html_to_text(html)
    except InputError:
        return ""


def whole_page(html: bytes) -> str:
    """The baseline of the READMEs: every text node of the page."""
    return BeautifulSoup(html, "lxml").get_text(" ")


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# -- article-extraction-benchmark: word 4-grams -------------------------------------------

def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of word n-grams, words being the README's ``\\w+`` tokens."""
    tokens = WORD.findall(text)
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def shingle_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1 so every page weighs the same."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_precision_recall(tp: float, fp: float, fn: float) -> tuple[float, float]:
    """Per-page precision and recall; a page with neither fp nor fn is perfect."""
    if fp == fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    return tp / (tp + fp), tp / (tp + fn)


def shingle_scores(pairs: list[tuple[str, str]]) -> Scores:
    """Mean per-page precision and recall over (gold, predicted) pairs; F1 of the means."""
    per_page = [page_precision_recall(*shingle_counts(g, p)) for g, p in pairs]
    precision = sum(p for p, _ in per_page) / len(per_page)
    recall = sum(r for _, r in per_page) / len(per_page)
    return Scores(precision, recall, f1(precision, recall))


def article_pages(root: Path) -> Iterator[tuple[str, bytes, str]]:
    """(name, html, gold text) of the article benchmark, in key order."""
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        html = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        yield key, html, truth[key]["articleBody"]


# -- trafilatura subset: must / must-not snippets --------------------------------------------

def normalise_space(text: str) -> str:
    return " ".join(text.split())


def snippet_counts(text: str, with_: list[str], without: list[str]) -> Counter:
    """TP/FN over the ``with`` snippets, FP/TN over the ``without`` ones."""
    text = normalise_space(text)
    counts: Counter = Counter()
    for snippet in with_:
        counts["tp" if normalise_space(snippet) in text else "fn"] += 1
    for snippet in without:
        counts["fp" if normalise_space(snippet) in text else "tn"] += 1
    return counts


def snippet_scores(counts: Counter) -> Scores:
    """Pooled precision, recall and F1, as trafilatura's evaluation computes them."""
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Scores(precision, recall, f1(precision, recall))


def official_pages(root: Path) -> Iterator[tuple[str, bytes, dict]]:
    cases = json.loads((root / "evaldata-subset.json").read_text(encoding="utf-8"))
    for url in sorted(cases):
        case = cases[url]
        yield case["file"], (root / "html" / case["file"]).read_bytes(), case


# -- WCXB: bag of words ----------------------------------------------------------------------

def bag_of_words(text: str) -> Counter:
    return Counter(WORD.findall(text.lower()))


def word_precision_recall(gold: str, predicted: str) -> tuple[float, float]:
    """Per-page bag-of-words precision and recall (both 1 when both texts are empty)."""
    true, pred = bag_of_words(gold), bag_of_words(predicted)
    overlap = sum((true & pred).values())
    if not true and not pred:
        return 1.0, 1.0
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    return precision, recall


def word_scores(pairs: list[tuple[str, str]]) -> Scores:
    """Mean over pages of per-page precision, recall and F1."""
    per_page = [word_precision_recall(g, p) for g, p in pairs]
    n = len(per_page)
    return Scores(sum(p for p, _ in per_page) / n, sum(r for _, r in per_page) / n,
                  sum(f1(p, r) for p, r in per_page) / n)


def wcxb_pages(root: Path) -> Iterator[tuple[str, bytes, str, str]]:
    """(id, html, gold main content, page type); pages without gold text are skipped."""
    types = json.loads((root / "metadata.json").read_text(encoding="utf-8"))["files"]
    for path in sorted((root / "test" / "ground-truth").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]
        if not (gold.get("main_content") or "").strip():
            continue
        html = gzip.decompress((root / "test" / "html" / f"{path.stem}.html.gz").read_bytes())
        yield path.stem, html, gold["main_content"], types[path.stem]["page_type"]


# -- running -----------------------------------------------------------------------------------

class Timer:
    """Total seconds spent in the extractor under test."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.pages = 0

    def run(self, html: bytes) -> str:
        start = time.perf_counter()
        text = ours(html)
        self.seconds += time.perf_counter() - start
        self.pages += 1
        return text

    @property
    def ms_per_page(self) -> float:
        return 1000 * self.seconds / max(self.pages, 1)


def every(items: Iterator, step: int) -> Iterator:
    """Every ``step``-th item: the ``--quick`` sample."""
    return (item for i, item in enumerate(items) if i % step == 0)


def bench_article(root: Path, step: int) -> list[Row]:
    timer, mine, base = Timer(), [], []
    for _, html, gold in every(article_pages(root), step):
        mine.append((gold, timer.run(html)))
        base.append((gold, whole_page(html)))
    return [Row("article", len(mine), shingle_scores(mine), shingle_scores(base),
                timer.ms_per_page)]


def bench_official(root: Path, step: int) -> list[Row]:
    timer, mine, base, n = Timer(), Counter(), Counter(), 0
    for _, html, case in every(official_pages(root), step):
        mine += snippet_counts(timer.run(html), case["with"], case["without"])
        base += snippet_counts(whole_page(html), case["with"], case["without"])
        n += 1
    return [Row("official", n, snippet_scores(mine), snippet_scores(base), timer.ms_per_page)]


def bench_wcxb(root: Path, step: int) -> list[Row]:
    """One row for the whole split, then one per page type."""
    timer = Timer()
    pages = [(page_type, gold, timer.run(html), whole_page(html))
             for _, html, gold, page_type in every(wcxb_pages(root), step)]
    groups = {"wcxb": pages}
    for page in pages:
        groups.setdefault(f"wcxb:{page[0]}", []).append(page)
    return [Row(key, len(group), word_scores([(g, m) for _, g, m, _ in group]),
                word_scores([(g, b) for _, g, _, b in group]), timer.ms_per_page)
            for key, group in groups.items()]


def print_table(rows: list[Row]) -> None:
    print(f"{'dataset':20} {'n':>4}  {'P':>5} {'R':>5} {'F1':>5}  | get_text {'P':>5} {'R':>5} "
          f"{'F1':>5}  | {'ms/page':>7}  published F1")
    for row in rows:
        o, b = row.ours, row.baseline
        print(f"{row.dataset:20} {row.pages:4}  {o.precision:.3f} {o.recall:.3f} {o.f1:.3f}  "
              f"|          {b.precision:.3f} {b.recall:.3f} {b.f1:.3f}  | {row.ms_per_page:7.1f}  "
              f"{PUBLISHED.get(row.dataset, '')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="score every fifth page only")
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding the three sets")
    args = parser.parse_args()
    step = 5 if args.quick else 1
    rows = bench_article(args.data / "article-extraction-benchmark", step)
    rows += bench_official(args.data / "trafilatura-eval-official-subset", step)
    rows += bench_wcxb(args.data / "wcxb-test", step)
    print_table(rows)


if __name__ == "__main__":
    main()
