"""Phrase starts: the scans tried at some word starts only find what the plain scans find.

The reference is the plain form the phrase sets used before: the scan's
``finditer`` over the whole lowered text, and the cased scan always run.
Checked on every bundled sentence, every statement of the shared evaluation
sets (English and Korean), generated text and arbitrary text.
"""

import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import EVAL_DATA
from tracker.compare import phrase_starts
from tracker.compare.commitments import LEXICON_PATH, PhraseSet, default_lexicon, load_lexicon
from tracker.compare.hangul import segment_as
from tracker.compare.languages import detect_language
from tracker.compare.phrase_starts import (
    PhraseStarts,
    WordStarts,
    is_word,
    may_match,
    needs_of,
    required_characters,
    starts,
)

ROOT = Path(__file__).resolve().parents[2]


def _sets() -> tuple[PhraseSet, ...]:
    lex = default_lexicon()
    return (lex.actors, lex.topics, lex.verbs, lex.markers, lex.terms)


def _plain_spans(phrases: PhraseSet, lowered: str) -> list[tuple[int, int]]:
    return [m.span() for m in phrases._scan.finditer(lowered)]


def _plain_labels(phrases: PhraseSet, text: str) -> tuple[str, ...]:
    """The labels as the plain form found them (no starts, cased scan always run)."""
    lowered = text.lower()
    found = {phrases._trace(lowered, m) for m in phrases._scan.finditer(lowered)}
    if phrases._cased is not None:
        found.update(phrases._cased_labels[int(m.lastgroup[1:])]
                     for m in phrases._cased.finditer(text))
    return tuple(sorted(found, key=phrases._rank.__getitem__))


def _assert_same(text: str, sets: tuple[PhraseSet, ...]) -> None:
    lowered = text.lower()
    for phrases in sets:
        assert phrases._starts is not None
        fast = [m.span() for m in phrases._starts.matches(phrases._scan, lowered,
                                                          phrases._words)]
        assert fast == _plain_spans(phrases, lowered), (phrases._section, text)
        assert phrases._scan_text(text, lowered) == _plain_labels(phrases, text)


def _texts(root: Path) -> list[str]:
    texts = []
    for path in sorted(root.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [sentence.text for sentence in segment_as(text, detect_language(text))]
    return texts


def test_the_bundled_lexicon_knows_where_its_phrases_start() -> None:
    """Every set of the bundled lexicon has its starts (from the store or read now)."""
    for phrases in _sets():
        assert phrases._starts is not None and phrases._starts.keys
        assert phrases._starts == phrases.read_starts()


def test_every_bundled_sentence_scans_as_the_plain_scan() -> None:
    sentences = _texts(ROOT / "snapshots")
    assert len(sentences) > 300
    sets = _sets()
    for sentence in sentences:
        _assert_same(sentence, sets)


@pytest.mark.skipif(not EVAL_DATA.is_dir(), reason="shared evaluation data absent")
def test_every_shared_statement_scans_as_the_plain_scan() -> None:
    sentences = _texts(EVAL_DATA / "alignment" / "statements")
    sentences += _texts(EVAL_DATA / "translation" / "statements")
    assert any(not s.isascii() for s in sentences)  # Korean ones too
    sets = _sets()
    for sentence in sentences:
        _assert_same(sentence, sets)


def test_generated_statements_scan_as_the_plain_scan() -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_docs import generate_pair
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    first, second = generate_pair(5_000, seed=7)
    sets = _sets()
    for sentence in segment_as(first + "\n\n" + second, "en"):
        _assert_same(sentence.text, sets)


_VOCABULARY = ["The", "the", "U.S.", "US", "USA", "ROK", "DPRK's", "North Korea's", "allies",
               "co-chairs", "cochairs", "will", "is", "open to", "nuclear", "non-nuclear",
               "Nuclear Consultative Group", "AI", "UN", "Security Council", "cyberattacks",
               "de-nuclearization", "denuclearisation", "reaffirmed", "noted that", "concern",
               "deeply", "concerned", "in the strongest terms", "B-52s", "F-35As", "–", "-",
               ",", ".", "’s", "(", "한미", "동맹", "안보리", "북한의", "재확인", "_", "1", "²"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), max_size=16),
       st.lists(st.sampled_from(["", " ", "  ", "-", "\n"]), min_size=16, max_size=16))
def test_vocabulary_text_scans_as_the_plain_scan(words: list[str], gaps: list[str]) -> None:
    _assert_same("".join(w + g for w, g in zip(words, gaps, strict=False)), _sets())


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_any_text_scans_as_the_plain_scan(text: str) -> None:
    _assert_same(text, _sets())


def test_a_trial_lexicon_reads_its_starts_after_some_scans(monkeypatch) -> None:
    import tracker.compare.commitments as module

    monkeypatch.setattr(module, "_ANALYSE_AFTER", 3)
    verbs = load_lexicon(LEXICON_PATH).verbs
    for number in range(5):
        assert verbs.find(f"They reaffirmed it {number} times.") == ("reaffirm",)
    assert verbs._starts is not None
    _assert_same("They will not reaffirm what was noted that day.", (verbs,))


def test_starts_of_another_lexicon_are_not_used() -> None:
    verbs = load_lexicon(LEXICON_PATH).verbs
    other = PhraseStarts.of(("reaffirm",))
    assert not verbs.use_starts(other)
    assert verbs._starts is None


@pytest.mark.parametrize("pattern, expected", [
    (r"(?:the )?co-?chairs", {"the", "co", "coc"}),
    (r"u\.s\.", {"u"}),
    (r"we", {"we"}),
    (r"recogni[sz](?:e|es)", {"rec"}),
    (r"(?:express|voic)\w* (?:[\w-]+ ){0,3}concerns?", {"exp", "voi"}),
    (r"(?<!non-)nuclear(?! consultative group)", {"nuc"}),
    (r"not(?:e|es)(?= that)", {"not"}),
    (r"a{0,5}b", {"b", "ab", "aab", "aaa"}),
    (r"x(?:-|\s)y", {"x"}),
    (r"a{1000000}", {"aaa"}),
])
def test_starts_are_the_first_letters_of_the_first_word(pattern: str, expected: set) -> None:
    assert starts(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\w*안보리", r"cy\w*", r"a.b", r"[^a]bc", r"(a)\1", r"x?", r"-x", r"(?i)abc", r"a(",
    r"(?i:abc)", r"(?s:a.)",
])
def test_starts_that_cannot_be_listed(pattern: str) -> None:
    assert starts(pattern) is None


def test_every_listed_start_is_where_a_match_begins() -> None:
    """Soundness on sample matches: the key of a match's first word is listed."""
    samples = {r"(?:the )?co-?chairs": ["co-chairs", "cochairs", "the co-chairs"],
               r"south korea(?:n|.s)?": ["south korea", "south korea's", "south korean"],
               r"b-52s?": ["b-52", "b-52s"], r"de-?nucleari[sz]\w*": ["de-nuclearize",
                                                                     "denuclearisation"]}
    for pattern, texts in samples.items():
        keys = starts(pattern)
        for text in texts:
            assert re.fullmatch(pattern, text)
            assert phrase_starts._WORD_START.match(text).group() in keys


def test_required_characters() -> None:
    assert required_characters(r"(?:\w*안보리)\w*") == {"안", "보", "리"}
    assert required_characters(r"(?-i:US|USA)", re.IGNORECASE) == {"U", "S"}
    assert required_characters(r"abc", re.IGNORECASE) == set()
    assert required_characters(r"a(?:b|c)d?") == {"a"}
    assert needs_of([r"(?-i:UN)", r"x?"]) is None
    needs = needs_of([r"(?-i:US|USA)", r"(?-i:UN)"], re.IGNORECASE)
    assert may_match("the UN said", needs) and not may_match("the us and un", needs)


def test_word_characters_are_the_regex_engines() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert is_word(char) == bool(word.match(char)), hex(code)


def test_word_starts_are_remembered_and_bounded(monkeypatch) -> None:
    monkeypatch.setattr(WordStarts, "limit", 3)
    words = WordStarts(frozenset({"the", "met", "tim", "3"}))
    for number in range(10):
        text = f"the allies met {number} times"
        expected = [(0, "the"), (11, "met")] + [(15, "3")] * (number == 3) + [(17, "tim")]
        assert words.of(text) == (expected, False)
        assert words.of(text) is words.of(text)
    assert len(words._known) <= 3


def test_the_bundled_lexicon_lists_words_once_for_all_its_sets() -> None:
    sets = _sets()
    assert len({id(phrases._words) for phrases in sets}) == 1
    assert all(phrases._words.serves(phrases._starts) for phrases in sets)
    words = sets[0]._words
    assert words.of("한미 양국은")[1] and not words.of("the allies’ talks")[1]


def test_words_tell_texts_with_a_trigger() -> None:
    words = WordStarts(frozenset({"abc"}), frozenset({"안", "x"}))
    assert words.of("abc x")[1] and words.of("안녕")[1]
    assert not words.of("abc ’ d")[1] and not words.of("abc")[1]
    assert WordStarts(frozenset(), frozenset({"안"})).of("abc x") == ([], False)


_PIECES = ["a", "b", "ab", "-", " ", "x?", "[ab]", "[-b]", "(?:a|bc)", "(?:ab)*", "a{0,2}",
           r"\w*", r"\s", r"b+", ".", "(?<!b)", "(?!a)", "é", "_", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5).map("".join),
                min_size=1, max_size=6),
       st.lists(st.text(alphabet="ab- xé_1", max_size=30), min_size=1, max_size=5))
def test_any_small_phrase_set_scans_as_the_plain_scan(patterns: list[str],
                                                      texts: list[str]) -> None:
    """Made-up phrase sets (a user's lexicon may hold anything): the scan at
    listed word starts finds what the plain scan finds, or falls back to it."""
    scan = re.compile(r"(?<!\w)(?:{})(?!\w)".format("|".join(patterns)))
    found = PhraseStarts.of(tuple(patterns))
    words = WordStarts(found.keys or frozenset(), found.triggers)
    for text in texts:
        fast = [m.span() for m in found.matches(scan, text, words)]
        assert fast == [m.span() for m in scan.finditer(text)], (patterns, text)


def _listed_word_by_word(words: WordStarts, lowered: str) -> list[tuple[int, str]]:
    """The old, simple listing: every word start, kept when its key is a key."""
    return [(match.start(), match.group()) for match in phrase_starts._WORD_START.finditer(lowered)
            if match.group() in words.keys]


def test_the_keyed_scan_lists_what_the_word_scan_lists_on_every_bundled_sentence() -> None:
    words = _sets()[0]._words
    for text in _texts(ROOT / "snapshots"):
        lowered = text.lower()
        assert words.of(lowered)[0] == _listed_word_by_word(words, lowered), text


_KEY_TEXT = st.text(alphabet="abcte_1 -.'’é\n", max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.frozensets(st.text(alphabet="abct_1é", min_size=1, max_size=3), max_size=12), _KEY_TEXT)
def test_the_keyed_scan_lists_what_the_word_scan_lists(keys, text) -> None:
    """Keys of every length (a short key is a whole word), ASCII or not."""
    words = WordStarts(keys)
    assert words.of(text)[0] == _listed_word_by_word(words, text)
