"""canonical_text's shortcuts change its speed, never its result.

The reference below applies every pass to every text. ``canonical_text``
skips the passes a text cannot need, and answers at once for a text it
returned before and proved to be its own canonical form: both must give
the reference's result on any text, and a text called a fixed point must be one.
"""

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVAL_DATA, ROOT
from tracker import text as text_module
from tracker.text import _INVISIBLE, _SPACES, _canonical, canonical_text


def reference(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = re.sub(_INVISIBLE, "", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = re.sub(_SPACES, " ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip(" \n")


# Letters that compose (e + combining acute, Hangul jamo, the Angstrom sign),
# invisible characters between them, every kind of space and line break,
# control characters, Korean, curly quotes.
_PIECES = st.sampled_from([
    "a", "B", "e", "\u0301", "\u00e9", "A\u030a", "\u212b", "\u1100", "\u1161", "\u11a8",
    "\ud55c", " ", "  ", "\t", "\u00a0", "\u3000", "\u2009", "\f", "\v",
    "\n", "\n\n", "\n\n\n", "\r", "\r\n", "\u2028", "\u2029", "\x85",
    "\u200b", "\u200d", "\u00ad", "\ufeff", "\u2060", "\x1b", "\x00", "\x7f",
    "\u201c", "\u2019", ".", "-",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_same_as_every_pass(raw):
    assert canonical_text(raw) == reference(raw)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_a_fixed_point_is_one(raw):
    result, fixed = _canonical(raw)
    if fixed:
        assert reference(result) == result
    once = canonical_text(raw)
    assert canonical_text(once) == reference(reference(raw))


def test_a_remembered_text_comes_back_as_it_is():
    once = canonical_text("First line.  Second\r\n\r\n\r\nthird")
    assert canonical_text(once) is once
    equal_copy = "".join(list(once))
    assert canonical_text(equal_copy) == once
    for number in range(10):
        canonical_text(f"text {number}")
    assert len(text_module._FIXED_POINTS) <= text_module._FIXED_POINTS_KEPT


def test_a_text_with_invisible_characters_is_not_remembered():
    result, fixed = _canonical("e\u200b\u0301")
    assert (result, fixed) == ("e\u0301", False)
    assert canonical_text(result) == "\u00e9"


def _texts() -> list[Path]:
    folders = (ROOT / "snapshots", EVAL_DATA / "alignment" / "statements",
               EVAL_DATA / "translation" / "statements")
    return sorted(path for folder in folders if folder.is_dir() for path in folder.rglob("*.txt"))


@pytest.mark.parametrize("path", _texts(), ids=lambda path: path.name)
def test_every_bundled_and_shared_text(path):
    raw = path.read_text(encoding="utf-8")
    assert canonical_text(raw) == reference(raw)
    crlf = raw.replace("\n", "\r\n  ")
    assert canonical_text(crlf) == reference(crlf)
