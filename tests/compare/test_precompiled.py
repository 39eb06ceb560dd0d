"""The store of compiled patterns and parsed data files kept between runs:
it changes speed, never a result."""

import re

from tracker.compare import precompiled
from tracker.compare.commitments import LEXICON_PATH, default_lexicon, load_lexicon
from tracker.compare.precompiled import Store

PATTERNS = [(r"(?<!\w)(?:ironclad|extended deterrence|the u\.s\.)(?!\w)", 0),
            (r"(?P<g0>swift(?:ly)?)|(?P<g1>(?-i:US))", re.IGNORECASE),
            (r"[\w'.-]+", 0)]
SECTIONS = ("actors", "topics", "verbs", "markers", "terms")


def test_a_stored_pattern_is_rebuilt_equal_to_re_compile(tmp_path):
    path = tmp_path / "store.marshal"
    first = Store(path)
    for pattern, flags in PATTERNS:
        assert first.compile(pattern, flags) == re.compile(pattern, flags)
    first.save()
    second = Store(path)
    assert len(second.regexes) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        rebuilt = second.compile(pattern, flags)
        assert rebuilt == re.compile(pattern, flags)
        assert rebuilt.groupindex == re.compile(pattern, flags).groupindex
    assert not second.changed  # every one came from the file


def test_patterns_not_kept_are_compiled_but_not_stored(tmp_path):
    store = Store(tmp_path / "store.marshal")
    assert store.compile("a+b", keep=False).fullmatch("aab")
    assert not store.regexes and not store.changed


def test_a_damaged_file_is_ignored_and_replaced(tmp_path):
    path = tmp_path / "store.marshal"
    path.write_bytes(b"\x00not marshal at all")
    store = Store(path)
    assert store.compile("x|y").match("y")
    store.save()
    assert Store(path).regexes


def test_parsed_data_is_read_again_when_the_file_changes(tmp_path):
    data_file, calls = tmp_path / "data.toml", []
    store = Store(tmp_path / "store.marshal")

    def parse(path):
        calls.append(path)
        return {"text": path.read_text()}

    data_file.write_text("one")
    assert store.read(data_file, parse) == {"text": "one"}
    assert store.read(data_file, parse) == {"text": "one"}
    data_file.write_text("three")
    assert store.read(data_file, parse) == {"text": "three"}
    assert len(calls) == 2


def test_the_bundled_lexicon_reads_the_same_from_the_store(tmp_path, monkeypatch):
    """A lexicon built from stored patterns finds what a freshly compiled one finds."""
    monkeypatch.setattr(precompiled, "_STORE", Store(tmp_path / "empty.marshal"))
    fresh = load_lexicon(LEXICON_PATH)  # an explicit path: compiled, nothing kept
    assert not precompiled.store().regexes
    filling = Store(tmp_path / "store.marshal")
    monkeypatch.setattr(precompiled, "_STORE", filling)
    default_lexicon.cache_clear()
    try:
        for section in SECTIONS:
            getattr(default_lexicon(), section).compile_all()
        filling.save()
        monkeypatch.setattr(precompiled, "_STORE", Store(tmp_path / "store.marshal"))
        default_lexicon.cache_clear()
        stored = default_lexicon()
        assert not precompiled.store().changed  # every pattern came from the file
    finally:
        default_lexicon.cache_clear()
    text = ("The United States reaffirmed its ironclad and unwavering commitment to "
            "swiftly strengthen extended deterrence with the ROK against DPRK missiles.")
    for section in SECTIONS:
        assert getattr(stored, section).find(text) == getattr(fresh, section).find(text)
        assert [label for label, _ in getattr(stored, section).each] == \
            [label for label, _ in getattr(fresh, section).each]


def test_a_value_made_of_several_files_is_read_again_when_any_changes(tmp_path):
    """The lexicon with the glossary's Korean forms is kept under both files."""
    main_file, other, calls = tmp_path / "main.toml", tmp_path / "other.toml", []
    store = Store(tmp_path / "store.marshal")

    def parse(path):
        calls.append(path)
        return path.read_text() + other.read_text()

    main_file.write_text("a")
    other.write_text("b")
    assert store.read(main_file, parse, (other,)) == "ab"
    assert store.read(main_file, parse, (other,)) == "ab"
    other.write_text("bb")
    assert store.read(main_file, parse, (other,)) == "abb"
    assert len(calls) == 2


def test_the_stored_korean_forms_are_the_glossarys(monkeypatch, tmp_path):
    """What ``default_lexicon`` keeps between runs is what the glossary
    module makes of the bundled files; with a user's glossary file it reads
    that file's forms too."""
    from tracker.compare import commitments, glossary
    from tracker.compare.datafile import read_bundled_toml

    monkeypatch.setattr(precompiled, "_STORE", Store(tmp_path / "store.marshal"))
    expected = glossary.with_korean_forms(read_bundled_toml(LEXICON_PATH, "lexicon"))
    kept = precompiled.read_bundled(LEXICON_PATH, commitments._bundled_with_korean_forms,
                                    (commitments.GLOSSARY_PATH,))
    assert kept == expected
    extra = tmp_path / "mine.toml"
    extra.write_text('[korean.verbs]\n"reaffirm" = ["다시다짐"]\n', encoding="utf-8")
    try:
        glossary.use_glossary_files([extra])
        assert default_lexicon().verbs.find("양측은 다시다짐하였다.") == ("reaffirm",)
    finally:
        glossary.use_glossary_files(())
    assert default_lexicon().verbs.find("양측은 다시다짐하였다.") == ()
