"""Names and files to the statements they mean, opening the database only
when a name is not a file."""

import pytest

from tracker.errors import InputError
from tracker.refs.resolve import resolve_statements, series_texts
from tracker.store import open_store


def no_database():
    raise AssertionError("the database was opened for two files")


def test_two_files_need_no_database(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The allies met.")
    b.write_text("The allies met again.")
    found = resolve_statements([str(a), str(b)], 1000, no_database)
    assert [(s.label, s.text, s.snapshot) for s in found] == [
        (str(a), "The allies met.", None), (str(b), "The allies met again.", None)]


def test_a_mistyped_path_is_refused_before_the_database_is_opened(tmp_path):
    with pytest.raises(InputError, match="no such file, and not a document"):
        resolve_statements([str(tmp_path / "Missing.txt"), "edscg-4"], 1000, no_database)


def test_a_file_and_a_meeting_side_by_side(tmp_path, initialised):
    a = tmp_path / "a.txt"
    a.write_text("The allies met.")
    found = resolve_statements([str(a), "edscg-4"], 1000, lambda: open_store(initialised))
    assert found[0].snapshot is None
    assert found[1].snapshot.document.meeting == "edscg-4"
    assert found[1].label == found[1].snapshot.label


def test_series_texts_are_the_meetings_in_order(initialised):
    with open_store(initialised) as store:
        texts = series_texts(store, "edscg")
    meetings = [meeting for meeting, _text in texts]
    assert meetings[:2] == ["edscg-1", "edscg-2"] and all(text for _m, text in texts)
