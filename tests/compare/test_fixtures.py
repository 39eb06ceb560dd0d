"""The shared evaluation fixtures: nothing raises, every unit rebuilds exactly."""

from pathlib import Path

import pytest

from tests.conftest import EVAL_DATA
from tracker.compare import compare_texts
from tracker.compare.formats import format_html, format_json, format_text, format_unified
from tracker.compare.inline import rebuild

EVAL = EVAL_DATA / "diff"
WMD = EVAL / "web-monitoring-diff"
pytestmark = pytest.mark.skipif(not EVAL.exists(), reason="shared evaluation fixtures absent")


def read(path: Path) -> str:
    """Fixture text as bytes decoded leniently: some fixtures are not valid UTF-8."""
    return path.read_bytes().decode("utf-8", errors="replace")


def fixture_pairs() -> list[tuple[str, Path, Path]]:
    if not EVAL.exists():
        return []
    pairs = [("dmp-speedtest", EVAL / "diff-match-patch/speedtest1.txt",
              EVAL / "diff-match-patch/speedtest2.txt")]
    for before in sorted((WMD / "contrived").glob("*.before")):
        pairs.append((before.stem, before, before.with_suffix(".after")))
    real = WMD / "real-versions"
    pairs.append(("fema", real / "f2d5d701-707a-42e0-8881-653346d01e0a.html",
                  real / "fc74d750-c651-46b7-bf74-434ad8c62e04.html"))
    pairs.append(("energy", real / "9d4de183-a186-456c-bffb-55d82989877d.html",
                  real / "775a8b04-9bac-4d0d-8db0-a8e133c4a964.html"))
    return pairs


def assert_exact(comparison):
    for unit in comparison.units:
        assert rebuild(list(unit.tokens), "a") == (unit.a.text if unit.a else "")
        assert rebuild(list(unit.tokens), "b") == (unit.b.text if unit.b else "")


@pytest.mark.parametrize(("name", "before", "after"), fixture_pairs(),
                         ids=[name for name, _b, _a in fixture_pairs()])
def test_fixture_pair_rebuilds_exactly(name, before, after):
    comparison = compare_texts(read(before), read(after), before.name, after.name)
    assert_exact(comparison)
    joined_a = [s for unit in comparison.units if unit.a for s in unit.a.index]
    assert sorted(joined_a) == list(range(len(comparison.a.sentences)))


def test_markup_only_changes_make_no_text_change_in_word_paragraph():
    before = read(WMD / "contrived/change-word-in-paragraph.before")
    after = read(WMD / "contrived/change-word-in-paragraph.after")
    changed = [unit for unit in compare_texts(before, after).units if unit.kind != "unchanged"]
    assert len(changed) == 1
    assert [t.text for t in changed[0].tokens if t.op != "equal"] == ["bite", "byte"]


@pytest.mark.parametrize("name", ["empty.txt", "has_null_byte.txt", "poorly_encoded_utf8.txt",
                                  "unknown_encoding.html"])
def test_edge_cases_do_not_raise(name):
    text = read(WMD / "edge-cases" / name)
    for a, b in ((text, ""), ("", text), (text, text), (text, text[::-1])):
        comparison = compare_texts(a, b)
        assert_exact(comparison)
        for output in (format_json(comparison), format_text(comparison),
                       format_unified(comparison), format_html(comparison)):
            assert isinstance(output, str)
