"""Every formatter on one small golden pair (tests/data/compare_golden).

Set UPDATE_GOLDEN=1 to rewrite the golden files after an intended change,
then read the diff before committing it.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tracker.compare import compare_texts
from tracker.compare.formats import (
    format_html,
    format_json,
    format_report,
    format_text,
    format_unified,
)

GOLDEN = Path(__file__).resolve().parent.parent / "data" / "compare_golden"


@dataclass(frozen=True)
class StubChange:
    """A stand-in for CommitmentChange, so lexicon edits do not move these goldens."""

    strength: str

    def to_dict(self) -> dict:
        return {"actors": [], "topics": [], "strength": self.strength, "signals": []}


def stub_reader(a: str | None, b: str | None) -> StubChange | None:
    """Commitments are sentences with "commit" or "will"; "may" and "unwavering" move them."""
    texts = [text for text in (a, b) if text]
    if not any("commit" in text or "will" in text for text in texts):
        return None
    if a and b and "will" in a and "may" in b:
        return StubChange("weaker")
    if a and b and "unwavering" in b and "unwavering" not in a:
        return StubChange("stronger")
    return StubChange("same")


@pytest.fixture(scope="module")
def comparison():
    a = (GOLDEN / "a.txt").read_text(encoding="utf-8")
    b = (GOLDEN / "b.txt").read_text(encoding="utf-8")
    return compare_texts(a, b, "2024.txt", "2025.txt", read_commitment=stub_reader)


OUTPUTS = {
    "text.txt": lambda c: format_text(c),
    "text-color.txt": lambda c: format_text(c, color=True),
    "text-side-by-side.txt": lambda c: format_text(c, side_by_side=True, width=100),
    "unified.diff": lambda c: format_unified(c),
    "unified-context1.diff": lambda c: format_unified(c, context=1),
    "page.html": lambda c: format_html(c),
    "page-side-by-side.html": lambda c: format_html(c, side_by_side=True),
    "report.txt": lambda c: format_report(c),
    "comparison.json": lambda c: format_json(c, indent=2),
}


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_golden(comparison, name):
    output = OUTPUTS[name](comparison)
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8")


def test_json_shape(comparison):
    data = json.loads(format_json(comparison))
    assert set(data) == {"engine", "a", "b", "summary", "sentences", "lists", "units", "topics",
                         "sections"}
    assert set(data["summary"]) == {"unchanged", "reworded", "added", "removed", "moved",
                                    "stronger", "weaker"}
    assert set(data["a"]) == {"label", "sha256"}
    for unit in data["units"]:
        assert set(unit) == {"kind", "moved", "a", "b", "similarity", "tokens", "commitment",
                             "how", "shared"}
        assert 0.0 <= unit["similarity"] <= 1.0
        paired = unit["a"] is not None and unit["b"] is not None
        assert (unit["how"] in ("anchor", "in-place", "role", "moved", "split", "merge")
                if paired else unit["how"] is None)
        for side in ("a", "b"):
            if unit[side] is not None:
                texts = [data["sentences"][side][i] for i in unit[side]["index"]]
                assert unit[side]["text"] == " ".join(texts)
    assert data["summary"]["stronger"] == 1 and data["summary"]["weaker"] == 1


def test_sha256_is_of_canonical_text(comparison):
    from tracker.text import canonical_text, text_sha256

    a = (GOLDEN / "a.txt").read_text(encoding="utf-8")
    assert comparison.a.sha256 == text_sha256(canonical_text(a))


@pytest.mark.parametrize("side_by_side", [False, True])
def test_html_escapes_every_text_piece(comparison, side_by_side):
    page = format_html(comparison, side_by_side=side_by_side)
    assert "<script" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; other" in page
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_html_escapes_labels():
    page = format_html(compare_texts("x.", "y.", "<b>a</b>", "b&c"))
    assert "<b>a</b>" not in page and "&lt;b&gt;a&lt;/b&gt;" in page and "b&amp;c" in page


def test_unified_diff_is_empty_for_equal_texts():
    assert format_unified(compare_texts("Same. Text.", "Same.  Text.")) == ""


def test_text_without_changes_is_one_folded_run():
    output = format_text(compare_texts("One. Two. Three.", "One. Two. Three."))
    assert "... 3 unchanged sentences ..." in output


def test_line_filling_matches_textwrap_on_single_spaced_text():
    """The formatter's own line filling gives textwrap's lines, long words and
    runs of spaces (the note after a unit) included, at every width."""
    import random
    import textwrap

    from tracker.compare.formats import _fill

    rng = random.Random(4)
    words = ["a", "the", "allies", "reaffirmed", "[-commitment-]{+pledge+}", "  (moved)",
             "x" * 45, "U.S.-ROK", "  ", "(commitment", "stronger)"]
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 40)))
        width = rng.randint(20, 120)
        assert _fill(text, width) == textwrap.wrap(text, width, break_long_words=False,
                                                   break_on_hyphens=False), (text, width)
