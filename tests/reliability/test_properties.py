"""Arbitrary Unicode and bytes into every parser: the only exceptions that
may come out are the project's own clear errors."""

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.compare import compare_texts
from tracker.compare.segment import segment
from tracker.errors import TrackerError
from tracker.ingest.decode import decode_text
from tracker.ingest.extract import html_to_text
from tracker.store.snapshot_file import parse_snapshot_file
from tracker.store.store import fts_query
from tracker.text import canonical_text

TEXT = st.text(st.characters(codec="utf-8"), max_size=400)
PROSE = st.lists(st.sampled_from([
    "The two sides met.", "U.S. officials said so.", "Dr. Cho spoke.", "“Ironclad.”", "\n\n",
    "1. First item", "• bullet", "No. 5 was cited.", "e.g. this", "!", "?", " ", "—", "한국.",
]), max_size=30).map("".join)
FAST = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _only_clear_errors(call, *args):
    try:
        return call(*args)
    except TrackerError as error:
        assert str(error) and "\n" not in str(error)
        return None


@FAST
@given(TEXT)
def test_canonical_text_is_idempotent(text):
    once = canonical_text(text)
    assert canonical_text(once) == once


@FAST
@given(st.one_of(TEXT, st.builds(lambda meta, body: f"---\n{meta}\n---\n{body}", TEXT, TEXT)))
def test_importer_never_crashes(content):
    _only_clear_errors(parse_snapshot_file, content, "x.txt")


@FAST
@given(st.binary(max_size=600))
def test_decoder_never_crashes(data):
    result = _only_clear_errors(decode_text, data, "x")
    assert result is None or isinstance(result, str)


@FAST
@given(st.one_of(TEXT, st.binary(max_size=600),
                 st.builds(lambda t: f"<div><p>{t}</p><script>{t}</script></div>", TEXT)))
def test_extractor_never_crashes(html):
    result = _only_clear_errors(html_to_text, html)
    assert result is None or result == canonical_text(result)


@FAST
@given(st.one_of(TEXT, PROSE))
def test_segmenter_gives_non_empty_sentences_in_paragraph_order(text):
    sentences = segment(text)
    assert all(s.text.strip() for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    paragraphs = [s.paragraph for s in sentences]
    assert paragraphs == sorted(paragraphs)


@FAST
@given(st.one_of(TEXT, PROSE), st.one_of(TEXT, PROSE))
def test_aligner_never_crashes_and_rebuilds_both_sides(a, b):
    comparison = compare_texts(a, b)
    for unit in comparison.units:
        a_side = "".join(t.text for t in unit.tokens if t.op != "insert")
        b_side = "".join(t.text for t in unit.tokens if t.op != "delete")
        assert a_side == (unit.a.text if unit.a else "")
        assert b_side == (unit.b.text if unit.b else "")


@FAST
@given(TEXT)
def test_any_search_input_is_a_valid_fts_query(text):
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    conn.execute("INSERT INTO t VALUES ('The allies reaffirmed the ironclad commitment.')")
    query = _only_clear_errors(fts_query, text)
    if query is not None:
        conn.execute("SELECT * FROM t WHERE t MATCH ?", [query]).fetchall()
