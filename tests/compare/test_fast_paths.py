"""The alignment's fast paths give exactly what their plain forms give.

Each plain form below is the code the fast path replaced, kept here as the
specification; each test runs both on every bundled sentence (snapshots and
the evaluation statements) and on generated text.
"""

import math
import os
import re
from collections import Counter
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.compare.align import _Alignment
from tracker.compare.blocks import matching_blocks
from tracker.compare.clauses import main_clause
from tracker.compare.normalise import (
    _CONTROL,
    _TABLE,
    STOP_WORDS,
    match_key,
    match_keys,
    normalise_text,
    stem,
)
from tracker.compare.segment import segment
from tracker.compare.similarity import _MARKER, BIGRAM_WEIGHT, Weights, _exact, features
from tracker.compare.thesaurus import _compile, default_thesaurus, words_of

ROOT = Path(__file__).resolve().parents[2]
EVAL = Path(os.environ.get("TRACKER_EVAL_DATA") or ROOT.parent / "shared" / "eval")
SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "150")),
                    deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def documents() -> tuple[tuple[str, ...], ...]:
    """The sentences of every bundled statement, one tuple a document."""
    paths = sorted(ROOT.glob("snapshots/**/*.txt")) + sorted(EVAL.glob("*/statements/*"))
    return tuple(tuple(s.text for s in segment(path.read_text(encoding="utf-8")))
                 for path in paths if path.is_file())


def every_sentence() -> list[str]:
    sentences = [text for document in documents() for text in document]
    assert len(sentences) > 500
    return sentences


# Text that exercises spacing, control characters, quotes, markers and phrases.
PIECES = ["North Korea", "north  korea", "United\nStates", "U.S.", "co-chair", "the", "a",
          "ballistic missiles", "in violation of", "2.", "(iii)", "-", "\u2022", "\u201cfirm\u201d",
          "\u2014", "\u00a0", "\t", "\x07", "  ", " ", "Seoul", "commitments", "ROK", "extended",
          "deterrence", "\uff21", "\u00ad", "1", "x", "dprk's", "rules-based order", "\u3000"]
texts = st.one_of(st.lists(st.sampled_from(PIECES), max_size=14).map("".join),
                  st.lists(st.sampled_from(PIECES), max_size=14).map(" ".join),
                  st.text(max_size=80))


def plain_normalise(text: str) -> str:
    import unicodedata

    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    text = " ".join(text.split())
    return text if text.isprintable() else _CONTROL.sub("", text)


def plain_stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def plain_features(text: str, thesaurus=None) -> frozenset[str]:
    thesaurus = thesaurus or default_thesaurus()
    lowered = normalise_text(_MARKER.sub("", text, count=1)).casefold()
    if thesaurus.phrases is not None:
        plain = r"(?<!\w)(?:{})(?!\w)".format("|".join(
            r"\s+".join(map(re.escape, phrase.split()))
            for phrase in sorted(thesaurus.phrase_group, key=len, reverse=True)))
        lowered = re.sub(plain, lambda m: thesaurus.phrase_group[" ".join(m.group().split())],
                         lowered)
    concepts = [thesaurus.words.get(plain_stem(w), plain_stem(w))
                for w in re.findall(r"\w+", lowered)
                if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]
    bigrams = {f"{x} {y}" for x, y in zip(concepts, concepts[1:], strict=False) if x != y}
    return frozenset(concepts).union(bigrams)


def plain_fit(bags) -> Weights:
    counts: Counter[str] = Counter()
    for bag in bags:
        counts.update(bag)
    total = max(len(bags), 1)
    idf = {}
    for feature, count in counts.items():
        value = math.log(1 + total / count)
        idf[feature] = _exact(value * BIGRAM_WEIGHT if " " in feature else value)
    return Weights(idf, _exact(math.log(1 + total)))


def difflib_blocks(a, b, autojunk=False):
    return [tuple(block) for block in
            SequenceMatcher(None, a, b, autojunk=autojunk).get_matching_blocks()]


def test_normalising_matches_the_plain_form_on_every_bundled_sentence():
    sentences = every_sentence()
    assert [normalise_text(s) for s in sentences] == [plain_normalise(s) for s in sentences]
    for document in documents():
        assert match_keys(list(document)) == [match_key(s) for s in document]


@SETTINGS
@given(st.lists(texts, max_size=6))
def test_normalising_matches_the_plain_form_on_generated_text(batch):
    assert [normalise_text(s) for s in batch] == [plain_normalise(s) for s in batch]
    assert match_keys(batch) == [plain_normalise(s) for s in batch]


def test_a_clean_document_is_its_own_keys_and_a_stray_space_is_not():
    clean = ["We met.", "They agreed."]
    assert match_keys(clean) == clean
    assert match_keys(["We met. ", "They agreed."]) == ["We met.", "They agreed."]
    assert match_keys(["We met.", " They agreed."]) == ["We met.", "They agreed."]
    assert match_keys(["We met.", "", "Bye."]) == ["We met.", "", "Bye."]
    assert match_keys(["We\x07 met."]) == ["We met."]


def test_stems_match_the_plain_form():
    words = {w for s in every_sentence() for w in re.findall(r"\w+", s.casefold())}
    assert all(stem(w) == plain_stem(w) for w in words)


def test_features_match_the_plain_form_on_every_bundled_sentence():
    for sentence in every_sentence():
        expected = plain_features(sentence)
        assert features(sentence) == expected, sentence
        assert features(sentence, key=match_key(sentence)) == expected, sentence


@SETTINGS
@given(texts)
def test_features_match_the_plain_form_on_generated_text(text):
    assert features(text) == plain_features(text)
    assert features(text, key=normalise_text(text)) == plain_features(text)


def test_a_phrase_with_no_word_turns_the_clue_test_off():
    odd = _compile({"Dash": ["--", "long dash"], "Ally": ["alliance"]})
    assert odd.clues is None
    for text in ("A -- b long  dash, alliances.", "no phrase here", "--"):
        assert features(text, odd) == plain_features(text, odd)


def test_words_of_match_the_word_pattern():
    for text in [*every_sentence(), "caf\u00e9 na\u00efve \u2014 x_y 3.5", "\u00e9t\u00e9"]:
        lowered = text.casefold()
        assert words_of(lowered) == re.findall(r"\w+", lowered)


def test_weights_match_the_plain_fit():
    bags = [features(s) for s in every_sentence()]
    # Weights are never compared in the engine (no __eq__ is made): compare their fields.
    assert vars(Weights.fit(bags)) == vars(plain_fit(bags))
    assert vars(Weights.fit(iter(bags[:3]))) == vars(plain_fit(bags[:3]))
    assert vars(Weights.fit([])) == vars(plain_fit([]))


keys = st.lists(st.sampled_from("abcdefghij"), max_size=30)


@SETTINGS
@given(keys, keys)
def test_matching_blocks_are_difflibs(a, b):
    assert matching_blocks(a, b) == difflib_blocks(a, b)


def test_a_document_of_repeats_is_matched_with_difflibs_junk_rule():
    a = ["We met."] + ["Yes."] * 300
    b = ["Yes."] * 300 + ["We met."]
    assert matching_blocks(a, b, 10**9) == difflib_blocks(a, b)
    assert matching_blocks(a, b, 1000) == difflib_blocks(a, b, autojunk=True)
    assert difflib_blocks(a, b) != difflib_blocks(a, b, autojunk=True)


@SETTINGS
@given(st.permutations(range(60)), st.sets(st.integers(0, 59)), st.sets(st.integers(0, 59)))
def test_matching_blocks_of_unique_keys_are_difflibs(order, dropped_a, dropped_b):
    """Reordered, cut and extended documents with no repeated sentence (the fast case)."""
    a = [f"s{n}" for n in range(60) if n not in dropped_a]
    b = [f"s{n}" for n in order if n not in dropped_b] + ["new"]
    assert matching_blocks(a, b) == difflib_blocks(a, b)
    moved = a[20:40] + a[:20] + a[40:]
    assert matching_blocks(a, moved) == difflib_blocks(a, moved)


def test_matching_blocks_of_bundled_statements_are_difflibs():
    docs = [match_keys(list(document)) for document in documents()]
    for a, b in zip(docs, docs[1:], strict=False):
        assert matching_blocks(a, b) == difflib_blocks(a, b)
        assert matching_blocks(a, a[::2] + a[1::2]) == difflib_blocks(a, a[::2] + a[1::2])


def plain_main_bag(text: str) -> frozenset[str] | None:
    main = main_clause(text)
    return features(main) if main else None


def plain_clause_dice(state: _Alignment, i: int, j: int) -> float:
    best = state._whole_dice((i,), (j,))
    main_a, main_b = plain_main_bag(state.a[i]), plain_main_bag(state.b[j])
    if main_a is None and main_b is None:
        return best
    for bag_a in (state.bag("a", i), main_a):
        for bag_b in (state.bag("b", j), main_b):
            if bag_a is not None and bag_b is not None:
                best = max(best, state.weights.dice(bag_a, bag_b))
    return best


def anchored(a, b) -> _Alignment:
    state = _Alignment(a, b)
    state.match_anchors()
    return state


def test_sentence_pair_dice_matches_the_plain_form():
    docs = [document for document in documents() if len(document) > 5]
    for a, b in zip(docs, docs[1:], strict=False):
        state, plain = anchored(a, b), anchored(a, b)
        for i in range(len(a)):
            for j in range(i % 7, len(b), 7):
                assert state._clause_dice(i, j) == plain_clause_dice(plain, i, j)


def test_anchors_are_the_pairs_add_pair_makes_from_difflibs_blocks():
    docs = [list(document) for document in documents()]
    docs.append(["We met.", "It rained.", "We agreed.", "Bye.", "Bye."])
    docs.append(["We met.", "We agreed.", "It rained.", "Bye."])
    for a, b in zip(docs, docs[1:], strict=False):
        for b_side in (b, a[::2] + a[1::2]):
            state, plain = anchored(a, b_side), _Alignment(a, b_side)
            for i, j, size in difflib_blocks(plain.keys_a, plain.keys_b):
                for k in range(size):
                    plain.add_pair((i + k,), (j + k,), 1.0, "anchor")
            assert (state.pairs, state.pair_of_a, state.pair_of_b) == (
                plain.pairs, plain.pair_of_a, plain.pair_of_b)


def test_the_kept_bundled_thesaurus_is_the_file_compiled_now():
    from tracker.compare.thesaurus import THESAURUS_PATH, _read

    kept, fresh = default_thesaurus(), _compile(_read(THESAURUS_PATH))
    assert (kept.words, kept.phrase_group, kept.phrases.pattern) == (
        fresh.words, fresh.phrase_group, fresh.phrases.pattern)
    assert kept.clues == fresh.clues
