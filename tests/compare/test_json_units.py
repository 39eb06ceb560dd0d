"""The JSON writer gives the very text json.dumps gives for ``to_dict``.

``format_json`` writes the units itself (:mod:`tracker.compare.json_units`);
the reference is the plain form: ``json.dumps`` of the comparison's
``to_dict`` with its sections. Checked on every pair of bundled statements
that follow each other, on texts made to need escapes, and with a custom
commitment reader whose results are not the engine's.
"""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.compare import compare_texts
from tracker.compare.formats import format_json
from tracker.compare.json_units import units_json
from tracker.compare.sections import section_indexes

ROOT = Path(__file__).resolve().parents[2]


def _plain_json(comparison) -> str:
    document = {**comparison.to_dict(), "sections": section_indexes(comparison.units)}
    return json.dumps(document, ensure_ascii=False)


def _statements() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(ROOT.glob("snapshots/*/*.txt"))]


def test_every_bundled_pair_is_written_as_json_dumps_writes_it() -> None:
    texts = _statements()
    assert len(texts) > 10
    for a, b in zip(texts, texts[1:], strict=False):
        comparison = compare_texts(a, b, "a", "b", mode="words")
        assert format_json(comparison) == _plain_json(comparison)


def test_escapes_moves_splits_and_one_sided_units() -> None:
    a = ('The "Allies" met in Seoul.\tThey\\agreed\x07 to train.\n\n'
         "The ROK and the U.S. will deter threats 🙂.\nThey may consult. Bye.")
    b = ("They\\agreed\x07 to train.\n\nThe \"Allies\" met in Seoul and Tokyo.\n"
         "The ROK and the U.S. shall always deter threats 🙂. They will consult. Hello.")
    comparison = compare_texts(a, b)
    assert {unit.kind for unit in comparison.units} >= {"reworded", "added", "removed"}
    assert format_json(comparison) == _plain_json(comparison)


def test_a_custom_readers_results_go_through_json() -> None:
    class Reading:
        strength = "same"

        def to_dict(self) -> dict:
            return {"strength": "same", "note": 'a "quoted" ✓', "level": 1.5}

    comparison = compare_texts("We commit to peace.", "We commit to lasting peace.",
                               read_commitment=lambda a, b: Reading())
    assert format_json(comparison) == _plain_json(comparison)
    assert units_json(()) == "[]"


def test_indented_json_is_json_dumps_indented() -> None:
    comparison = compare_texts("One. Two.", "One. Three.")
    document = {**comparison.to_dict(), "sections": section_indexes(comparison.units)}
    assert format_json(comparison, indent=2) == json.dumps(document, ensure_ascii=False,
                                                           indent=2)


_SENTENCE = st.text(alphabet='ab "\\\x00\x1f\u2028é한🙂.\n', min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(st.lists(_SENTENCE, max_size=5), st.lists(_SENTENCE, max_size=5))
def test_any_text_is_written_as_json_dumps_writes_it(a, b) -> None:
    comparison = compare_texts(". ".join(a), ". ".join(b), mode="words")
    assert format_json(comparison) == _plain_json(comparison)
