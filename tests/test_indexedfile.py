"""The per-install stores' file: what is written is read back, one value at a
time, and a damaged file reads as none."""

import pytest

from tracker import indexedfile

VALUES = {("x+", 0): (1, b"\x00\x01", {"g": 1}), "lexicon.toml": ((10, 20), {"a": [1, 2]}),
          "empty": b""}


def test_values_come_back_as_written_each_when_asked(tmp_path):
    path = tmp_path / "store.marshal"
    indexedfile.write(path, ("format", 3), VALUES)
    head, values = indexedfile.read(path)
    assert head == ("format", 3)
    assert values.loaded == {}  # nothing read yet but the index
    assert values.get("lexicon.toml") == VALUES["lexicon.toml"]
    assert list(values.loaded) == ["lexicon.toml"]
    assert values.keys() == set(VALUES) and len(values) == 3 and ("x+", 0) in values
    assert values.get("missing", "default") == "default"
    assert values.everything() == VALUES


def test_values_added_are_kept_with_the_files(tmp_path):
    path = tmp_path / "store.marshal"
    indexedfile.write(path, None, {"a": 1})
    _, values = indexedfile.read(path)
    values["b"] = 2
    indexedfile.write(path, None, values.everything())
    assert indexedfile.read(path)[1].everything() == {"a": 1, "b": 2}


def test_a_file_replaced_after_opening_is_read_as_it_was(tmp_path):
    """Another process writing the store replaces the file; a reader that
    opened the old one goes on reading the old one, whole."""
    path = tmp_path / "store.marshal"
    indexedfile.write(path, 1, {"key": "old " * 1000})
    _, values = indexedfile.read(path)
    indexedfile.write(path, 2, {"key": "new", "other": 1})
    assert values.get("key") == "old " * 1000


@pytest.mark.parametrize("content", [b"", b"\x05", b"not an indexed file at all",
                                     (10**12).to_bytes(8, "little") + b"xx",
                                     (3).to_bytes(8, "little") + b"\x00\x00\x00"])
def test_a_damaged_file_reads_as_none(tmp_path, content):
    path = tmp_path / "store.marshal"
    path.write_bytes(content)
    assert indexedfile.read(path) is None


def test_a_value_cut_short_reads_as_missing(tmp_path):
    path = tmp_path / "store.marshal"
    indexedfile.write(path, None, {"a": "x" * 100})
    path.write_bytes(path.read_bytes()[:-50])
    _, values = indexedfile.read(path)
    assert values.get("a", "missing") == "missing"


def test_a_value_marshal_cannot_keep_is_refused_and_nothing_written(tmp_path):
    path = tmp_path / "store.marshal"
    with pytest.raises(ValueError):
        indexedfile.write(path, None, {"a": object()})
    assert list(tmp_path.iterdir()) == []


def test_a_store_that_cannot_be_written_is_left_as_it_was(tmp_path):
    """Saving at exit: False, and nothing written, for a folder that cannot
    be made or a value marshal cannot keep; True and the file otherwise."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    values = indexedfile.Values()
    values["a"] = 1
    assert not indexedfile.write_if_possible(blocker / "store.marshal", None, values)
    values["b"] = object()
    assert not indexedfile.write_if_possible(tmp_path / "store.marshal", None, values)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file"]
    del values.loaded["b"]
    assert indexedfile.write_if_possible(tmp_path / "store.marshal", None, values)
    assert indexedfile.read(tmp_path / "store.marshal")[1].everything() == {"a": 1}
