"""Commitment detection and strength: table-driven, one real-style sentence per row."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.compare.commitments import (
    LEXICON_PATH,
    Commitment,
    CommitmentChange,
    commitment_change,
    default_lexicon,
    find_commitment,
    load_lexicon,
    read_wording,
)
from tracker.errors import InputError

# (sentence, actors that must be found, a verb that must be found)
COMMITMENTS = [
    ("The United States reaffirmed its ironclad commitment to the defense of the ROK.",
     {"United States", "ROK"}, "reaffirm"),
    ("Both sides condemned the DPRK's ballistic missile launches.", {"Alliance", "DPRK"},
     "condemn"),
    ("The two sides expressed serious concern about the DPRK's new nuclear forces policy law.",
     {"Alliance", "DPRK"}, "express concern"),
    ("The U.S. and the ROK agreed to hold the high-level EDSCG every year.", {"Alliance"},
     "agree"),
    ("Any nuclear attack by North Korea will be met with a swift, overwhelming and decisive "
     "response.", {"DPRK"}, "will"),
    ("The allies urged the DPRK to return to dialogue without preconditions.",
     {"Alliance", "DPRK"}, "urge"),
    ("The delegations called on Russia to abide by UN Security Council resolutions.",
     {"Alliance", "Russia", "UN"}, "call on"),
    ("The ROK stressed the importance of trilateral cooperation with Japan.", {"ROK", "Japan"},
     "stress"),
    ("The United States strongly supports the goals of the Audacious Initiative.",
     {"United States"}, "support"),
    ("South Korea welcomed the progress of the Nuclear Consultative Group.", {"ROK"}, "welcome"),
    ("The Republic of Korea pledged to strengthen its conventional capabilities.", {"ROK"},
     "pledge"),
    ("Both governments oppose any attempt to change the status quo by force.", {"Alliance"},
     "oppose"),
    ("The officials decided to establish the EDSCG as a standing body.", {"Alliance"}, "decide"),
    ("The allies resolved to counter DPRK malicious cyber activity.", {"Alliance", "DPRK"},
     "resolve"),
    ("We remain open to dialogue with the DPRK without preconditions.", {"Alliance", "DPRK"},
     "open to"),
    ("The two sides identified steps to counter DPRK-Russia military cooperation.",
     {"Alliance", "DPRK", "Russia"}, "take steps"),
    ("The allies stand ready to respond to any provocation.", {"Alliance"}, "stand ready"),
    ("The ROK recognized its reliance on the U.S. nuclear deterrent.",
     {"ROK", "United States"}, "recognize"),
    ("The two sides noted that Indo-Pacific and Euro-Atlantic security are linked.",
     {"Alliance"}, "note"),
    ("The ministers welcomed the conclusion of the cost-sharing talks.", {"Alliance"},
     "welcome"),
]

NOT_COMMITMENTS = [
    "The DPRK launched two short-range ballistic missiles on 18 March.",  # actor, no verb
    "The U.S. delegation was led by the Under Secretary of State.",
    "Joint Statement on the Extended Deterrence Strategy and Consultation Group",  # heading
    "September 4, 2024",  # date line
    "Washington, D.C.",
    "Reaffirmed the importance of regular consultations.",  # verb, no actor
    "The ROK delegation was led by the First Vice Minister of Foreign Affairs.",
    "Both sides noted recent combined activities.",  # "note" counts only as "noted that"
    "",
]

# (sentence, topic that must be found)
TOPICS = [
    ("Both sides will enhance the visibility of U.S. strategic assets around the peninsula.",
     "strategic assets"),
    ("The allies condemned DPRK-Russia military cooperation, including arms transfers.",
     "DPRK-Russia cooperation"),
    ("The United States and the ROK pledged to counter sanctions evasion.", "sanctions"),
    ("Both sides agreed to counter malicious cyber activity.", "cyber"),
    ("The ROK welcomed the second meeting of the NCG.", "Nuclear Consultative Group"),
    ("The allies committed to more combined exercises and tabletop simulations.", "exercises"),
    ("Both sides reaffirmed the goal of the complete denuclearization of the DPRK.",
     "denuclearization"),
    ("The U.S. reiterated that extended deterrence is backed by the full range of its "
     "capabilities.", "extended deterrence"),
    ("Both sides stressed that DPRK non-nuclear WMD attacks are strategic-level threats.",
     "non-nuclear WMD"),
    ("The allies agreed to counter misinformation about the alliance.", "misinformation"),
    ("The two sides agreed to cooperate on emerging technologies.", "emerging technology"),
    ("The allies stressed that Indo-Pacific and Euro-Atlantic security are linked.",
     "Indo-Pacific and Euro-Atlantic"),
    ("Both sides welcomed trilateral cooperation with Japan.", "trilateral cooperation"),
    ("The allies urged the DPRK to stop missile launches.", "missiles"),
    ("The United States reaffirmed its commitment to use nuclear weapons if needed.", "nuclear"),
]

# (weaker wording, stronger wording, a signal that must explain the difference)
STRONGER_PAIRS = [
    ("Both sides expressed concern about DPRK launches.",
     "Both sides expressed serious concern about DPRK launches.", "concern → serious concern"),
    ("Both sides expressed deep concern about DPRK launches.",
     "Both sides expressed grave concern about DPRK launches.",
     "serious concern → grave concern"),
    ("The allies expressed their strongest concern about DPRK-Russia cooperation.",
     "The allies condemned DPRK-Russia cooperation.", "strongest concern → condemn"),
    ("Both sides expressed concern about DPRK-Russia arms transfers.",
     "Both sides condemned DPRK-Russia arms transfers.", "concern → condemn"),
    ("The United States may deploy strategic assets to the region.",
     "The United States will deploy strategic assets to the region.", "may → will"),
    ("The ROK could increase its contribution.", "The ROK should increase its contribution.",
     "could → should"),
    ("The ROK should increase its contribution.", "The ROK shall increase its contribution.",
     "should → shall"),
    ("The United States supports the Audacious Initiative.",
     "The United States strongly supports the Audacious Initiative.",
     "support → strong support"),
    ("The United States reaffirmed its commitment to the ROK.",
     "The United States reaffirmed its ironclad commitment to the ROK.", '+"ironclad"'),
    ("The United States reaffirmed its ironclad commitment to the ROK.",
     "The United States reaffirmed its ironclad and unwavering commitment to the ROK.",
     '+"unwavering"'),
    ("The U.S. will use the full range of its capabilities to defend the ROK.",
     "The U.S. will use the full range of its capabilities, including nuclear, to defend the ROK.",
     '+"including nuclear"'),
    ("Any DPRK nuclear attack will be met with an overwhelming and decisive response.",
     "Any DPRK nuclear attack will be met with a swift, overwhelming and decisive response.",
     '+"swift"'),
    ("The allies condemned DPRK-Russia military cooperation.",
     "The allies condemned DPRK-Russia military cooperation in the strongest terms.",
     '+"in the strongest terms"'),
    ("Both sides will share information as appropriate.", "Both sides will share information.",
     '-"as appropriate"'),
    ("Both sides will seek to expand exercises where possible.",
     "Both sides will expand exercises.", '-"seek to"'),
    ("The allies will consider additional steps.", "The allies will take additional steps.",
     '-"consider"'),
    ("The U.S. commitment to the ROK is firm.", "The U.S. commitment to the ROK is steadfast.",
     '+"steadfast"'),
]


@pytest.mark.parametrize(("sentence", "actors", "verb"), COMMITMENTS)
def test_commitment_sentences_are_found(sentence: str, actors: set[str], verb: str) -> None:
    found = find_commitment(sentence)
    assert found is not None
    assert actors <= set(found.actors)
    assert verb in found.verbs


@pytest.mark.parametrize("sentence", NOT_COMMITMENTS)
def test_non_commitments_are_not_found(sentence: str) -> None:
    assert find_commitment(sentence) is None


@pytest.mark.parametrize(("sentence", "topic"), TOPICS)
def test_topics(sentence: str, topic: str) -> None:
    found = find_commitment(sentence)
    assert found is not None
    assert topic in found.topics


@pytest.mark.parametrize(("weaker", "stronger", "signal"), STRONGER_PAIRS)
def test_stronger_wording_scores_higher(weaker: str, stronger: str, signal: str) -> None:
    assert read_wording(stronger).level > read_wording(weaker).level
    change = commitment_change(weaker, stronger)
    assert change is not None
    assert change.strength == "stronger"
    assert signal in change.signals


@pytest.mark.parametrize(("weaker", "stronger", "signal"), STRONGER_PAIRS)
def test_reverse_of_stronger_is_weaker(weaker: str, stronger: str, signal: str) -> None:
    change = commitment_change(stronger, weaker)
    assert change is not None
    assert change.strength == "weaker"
    assert _reverse_signal(signal) in change.signals


def _reverse_signal(signal: str) -> str:
    """The signal the opposite direction of ``signal`` must produce."""
    if " → " in signal:
        before, after = signal.split(" → ")
        return f"{after} → {before}"
    return ("-" if signal[0] == "+" else "+") + signal[1:]


def test_actors_are_canonical_and_the_pair_form_is_the_alliance() -> None:
    found = find_commitment("The United States and the Republic of Korea reaffirmed the alliance.")
    assert found is not None
    assert found.actors == ("Alliance",)


def test_pronoun_us_is_not_the_united_states() -> None:
    found = find_commitment("The DPRK must not threaten us.")
    assert found is not None
    assert "United States" not in found.actors
    capital = find_commitment("The US will defend the ROK.")
    assert capital is not None
    assert "United States" in capital.actors


def test_words_inside_longer_words_do_not_count() -> None:
    # "will" inside "goodwill", "ROK" inside "broken": neither is a commitment.
    assert find_commitment("A gesture of goodwill was not broken.") is None


def test_same_wording_is_same_with_no_signals() -> None:
    text = "The United States reaffirmed its ironclad commitment to the ROK."
    change = commitment_change(text, text)
    assert change == CommitmentChange(("United States", "ROK"), (), "same", ())


def test_equal_rungs_report_the_change_but_not_a_direction() -> None:
    change = commitment_change(
        "The allies expressed grave concern about DPRK-Russia cooperation.",
        "The allies expressed their strongest concern about DPRK-Russia cooperation.",
    )
    assert change is not None
    assert change.strength == "same"
    assert change.signals == ("grave concern → strongest concern",)


@pytest.mark.parametrize("side", ["a", "b"])
def test_added_or_removed_commitment_is_same_with_no_signals(side: str) -> None:
    text = "Both sides condemned DPRK-Russia arms transfers."
    change = commitment_change(text, None) if side == "a" else commitment_change(None, text)
    assert change is not None
    assert change.strength == "same"
    assert change.signals == ()
    assert change.actors == ("Alliance", "DPRK", "Russia")
    assert "DPRK-Russia cooperation" in change.topics


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (None, None),
        ("Key Leaders at the Meeting", None),
        (None, "September 4, 2024"),
        ("The meeting was held in Seoul.", "The meeting was held in Washington."),
    ],
)
def test_no_commitment_on_either_side_gives_none(a: str | None, b: str | None) -> None:
    assert commitment_change(a, b) is None


def test_a_side_that_becomes_a_commitment_is_compared_word_by_word() -> None:
    change = commitment_change("Regional security", "Both sides will condemn any DPRK launch.")
    assert change is not None
    assert change.strength == "stronger"
    assert '+"condemn"' in change.signals
    assert '+"will"' in change.signals


def test_to_dict_shape() -> None:
    change = commitment_change(
        "Both sides expressed concern about DPRK launches.",
        "Both sides condemned DPRK launches.",
    )
    assert change is not None
    assert change.to_dict() == {
        "actors": ["Alliance", "DPRK"],
        "topics": ["missiles"],
        "strength": "stronger",
        "signals": ["concern → condemn"],
    }
    found = find_commitment("Both sides condemned DPRK launches.")
    assert isinstance(found, Commitment)
    assert found.to_dict()["verbs"] == ["condemn"]


def test_level_adds_intensifiers_and_subtracts_hedges() -> None:
    weights = default_lexicon().weight
    plain = read_wording("Both sides will respond.").level
    strong = read_wording("Both sides will respond swiftly and decisively.").level
    hedged = read_wording("Both sides will respond as appropriate.").level
    assert strong == pytest.approx(plain + weights["swift"] + weights["decisive"])
    assert hedged == pytest.approx(plain + weights["as appropriate"])  # a hedge's weight is < 0
    assert weights["as appropriate"] < 0


def test_a_new_topic_needs_only_the_lexicon_file(tmp_path: Path) -> None:
    sentence = "Both sides pledged to deepen cooperation on outer-space situational awareness."
    assert "space" not in find_commitment(sentence).topics
    text = LEXICON_PATH.read_text(encoding="utf-8")
    text = text.replace("[topics]\n", "[topics]\n\"space\" = ['outer-space', 'space']\n", 1)
    variant = tmp_path / "lexicon.toml"
    variant.write_text(text, encoding="utf-8")
    found = find_commitment(sentence, load_lexicon(variant))
    assert found is not None
    assert "space" in found.topics


def test_a_new_actor_and_verb_need_only_the_lexicon_file(tmp_path: Path) -> None:
    lexicon = tmp_path / "small.toml"
    lexicon.write_text(
        "[actors]\n\"NATO\" = ['NATO', 'the North Atlantic Alliance']\n"
        "[verbs]\n\"endorse\" = ['endors\\w*']\n"
        "[topics]\n\"space\" = []\n",
        encoding="utf-8",
    )
    found = find_commitment("NATO endorsed a new space policy.", load_lexicon(lexicon))
    assert found == Commitment(("NATO",), ("space",), ("endorse",), (), 0.0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[actors\n", "not valid TOML"),
        ("[actors]\n\"X\" = ['(unclosed']\n", "bad pattern"),
        ("[actors]\n\"X\" = 'not a list'\n", "list of strings"),
        ("[colours]\n", "unknown sections"),
        ("[intensifiers]\n\"very\" = { patterns = [] }\n", "numeric weight"),
        ("[intensifiers]\n\"x\" = { weight = 1 }\n[hedges]\n\"x\" = { weight = 1 }\n",
         "defined twice"),
    ],
)
def test_bad_lexicon_is_an_input_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_lexicon(path)


def test_missing_lexicon_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_lexicon(tmp_path / "absent.toml")


def test_default_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is default_lexicon() is load_lexicon(None)


def test_a_sentence_check_costs_microseconds() -> None:
    sentences = [row[0] for row in COMMITMENTS] + NOT_COMMITMENTS
    find_commitment(sentences[0])  # load the lexicon outside the timing
    rounds = 50
    started = time.perf_counter()
    for _ in range(rounds):
        for sentence in sentences:
            find_commitment(sentence)
    per_sentence = (time.perf_counter() - started) / (rounds * len(sentences))
    assert per_sentence < 0.001  # generous bound for slow CI; typically ~30 µs


# Sentences assembled from the statements' vocabulary, so that properties are
# exercised on commitments and not only on noise.
_WORDS = [
    "Both sides", "The United States", "the ROK", "the DPRK", "Russia", "will", "may", "should",
    "reaffirmed", "condemned", "expressed", "serious", "grave", "concern", "strongly",
    "support", "ironclad", "unwavering", "including nuclear", "as appropriate", "seek to",
    "swift", "decisive", "response", "sanctions", "missile launches", "exercises", "the", "and",
]
vocabulary_text = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)
OPPOSITE = {"stronger": "weaker", "weaker": "stronger", "same": "same"}


@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    found = find_commitment(text)
    assert found is None or (found.actors and found.verbs)


@given(vocabulary_text, vocabulary_text)
def test_swapping_the_sides_reverses_the_change(a: str, b: str) -> None:
    forward, backward = commitment_change(a, b), commitment_change(b, a)
    assert (forward is None) == (backward is None)
    if forward is not None:
        assert backward.strength == OPPOSITE[forward.strength]
        assert sorted(backward.signals) == sorted(map(_reverse_signal, forward.signals))


@given(vocabulary_text)
def test_a_text_against_itself_is_unchanged(text: str) -> None:
    change = commitment_change(text, text)
    assert change is None or (change.strength == "same" and change.signals == ())


def _full_unchanged_reading(text: str) -> CommitmentChange | None:
    """What an unchanged sentence read as before the shortcut: the whole
    commitment reader (strength markers included), its actors and topics."""
    from tracker.compare.commitments import states_position

    found = find_commitment(text)
    if found is not None:
        return CommitmentChange(found.actors, found.topics, "same", ())
    if not states_position(text):
        return None
    wording = read_wording(text)
    return CommitmentChange(wording.actors, wording.topics, "same", ())


@given(vocabulary_text)
def test_an_unchanged_text_reads_as_the_full_reader_reads_it(text: str) -> None:
    """The unchanged sentence's call skips only the strength markers."""
    assert commitment_change(text, text) == _full_unchanged_reading(text)


def test_every_bundled_sentence_unchanged_reads_as_the_full_reader_reads_it() -> None:
    sentences = _bundled_sentences()
    assert len(sentences) > 300
    for sentence in sentences:
        assert commitment_change(sentence, sentence) == _full_unchanged_reading(sentence)


def test_lexicon_ships_inside_the_package() -> None:
    import tracker.compare.commitments as module

    assert LEXICON_PATH.parent == Path(module.__file__).parent
    assert LEXICON_PATH.is_file()


def test_importing_the_module_does_not_read_the_lexicon() -> None:
    code = (
        "import tracker.compare.commitments as c, tracker.compare.terms, "
        "tracker.compare.lineage; print(c.default_lexicon.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "0"


# --- strength in context ---------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "strength"), [
    # An intensifier added or dropped is a drafting choice about force.
    ("We remain firmly committed to the Washington Treaty.",
     "Our commitment to the Washington Treaty is iron-clad.", "stronger"),
    ("The Alliance will continue to play an indispensable role in upholding the order.",
     "The allies renewed their commitment to promoting the order.", "weaker"),
    ("The ministers affirmed their strong commitment to a free and open region.",
     "The ministers renewed their commitment to a free and open region.", "weaker"),
    # A wish that becomes a reaffirmation, a vision that becomes a discussion.
    ("The Japanese side stated that they would like to continue to enhance deterrence.",
     "The leaders reaffirmed the critical importance of enhancing deterrence.", "stronger"),
    ("The Secretaries put forth a shared vision for the alliance.",
     "The Secretaries discussed opportunities to enhance the alliance.", "weaker"),
])
def test_force_added_or_dropped(old, new, strength):
    change = commitment_change(old, new)
    assert change is not None and change.strength == strength


def test_a_ladder_only_one_side_stands_on_is_not_weighed():
    # "will" gone and "support" come are rewording, not a move along a scale.
    change = commitment_change(
        "They emphasised that the partnership will make a positive contribution to peace.",
        "The partnership reflects the continued commitment to support a peaceful region.")
    assert change is not None and change.strength == "same"


def test_a_position_without_a_commitment_verb_still_gets_a_call():
    change = commitment_change("NATO is a defensive Alliance and poses no threat.",
                               "NATO is a defensive Alliance.")
    assert change is not None and change.strength == "same"


def test_slot_lines_get_no_call():
    assert commitment_change("The ROK delegation was led by the Vice Minister.",
                             "The ROK delegation was led by the First Vice Minister.") is None


def test_an_unchanged_commitment_is_called_same():
    from tracker.compare import compare_texts

    text = "The United States reaffirmed its ironclad commitment to the ROK."
    unit = compare_texts(text, text).units[0]
    assert unit.kind == "unchanged" and unit.strength == "same"


def _bundled_sentences() -> list[str]:
    from tracker.compare.hangul import segment_as
    from tracker.compare.languages import detect_language

    root = Path(__file__).resolve().parents[2] / "snapshots"
    return sorted({sentence.text for path in root.rglob("*.txt")
                   for text in [path.read_text(encoding="utf-8")]
                   for sentence in segment_as(text, detect_language(text))})


def test_remembered_labels_are_the_labels_a_fresh_scan_finds() -> None:
    """Each phrase set answers a repeated sentence from memory: twice over
    every bundled sentence, the answers equal a scan made afresh."""
    lex = default_lexicon()
    sets = (lex.actors, lex.topics, lex.verbs, lex.markers, lex.terms)
    for sentence in _bundled_sentences() * 2:
        for phrases in sets:
            fresh = phrases._scan_text(sentence, sentence.lower())
            assert phrases.find(sentence) == fresh
            assert phrases.find(sentence, sentence.lower()) == fresh


def test_remembered_labels_stay_bounded(monkeypatch) -> None:
    import tracker.compare.commitments as module

    monkeypatch.setattr(module, "_FOUND_LIMIT", 5)
    phrases = load_lexicon(LEXICON_PATH).verbs
    for number in range(12):
        assert phrases.find(f"The allies reaffirmed it {number} times.") == ("reaffirm",)
    assert len(phrases._found) <= 5


def _lower_token_by_token(pattern: str) -> str:
    """The plain form: every escape kept, every other character lowered alone."""
    import re

    tokens = re.findall(r"\\N\{[^}]*\}|\\.|.", pattern, re.DOTALL)
    return "".join(t if t.startswith("\\") else t.lower() for t in tokens)


@given(st.lists(st.sampled_from(list("AbΣσİKẞ\\N{}x.-() ") + ["\\N{DASH}", "\\W"]),
                max_size=30).map("".join))
def test_patterns_are_lowered_as_token_by_token(pattern: str) -> None:
    from tracker.compare.commitments import _lower_pattern

    assert _lower_pattern(pattern) == _lower_token_by_token(pattern)


def test_every_bundled_pattern_is_lowered_as_token_by_token() -> None:
    from tracker.compare.commitments import _lower_pattern

    lex = default_lexicon()
    for phrases in (lex.actors, lex.topics, lex.verbs, lex.markers, lex.terms):
        for patterns in phrases._entries.values():
            for pattern in patterns:
                assert _lower_pattern(pattern) == _lower_token_by_token(pattern)


def _full_one_sided_reading(text: str | None) -> CommitmentChange | None:
    """What an added or dropped sentence read as before the shortcut: the
    whole commitment reader (strength markers included), its actors and topics."""
    found = find_commitment(text) if text else None
    return None if found is None else CommitmentChange(found.actors, found.topics, "same", ())


@given(vocabulary_text)
def test_an_added_or_dropped_text_reads_as_the_full_reader_reads_it(text: str) -> None:
    expected = _full_one_sided_reading(text)
    assert commitment_change(None, text) == expected
    assert commitment_change(text, None) == expected


def test_every_bundled_sentence_added_or_dropped_reads_as_the_full_reader_reads_it() -> None:
    for sentence in _bundled_sentences():
        expected = _full_one_sided_reading(sentence)
        assert commitment_change(None, sentence) == expected == commitment_change(sentence, None)
    assert commitment_change(None, "") is None and commitment_change(None, None) is None


def test_split_patterns_puts_the_longest_first_and_flagged_ones_apart():
    from tracker.compare.commitments import split_patterns

    plain, cased = split_patterns({"US": ("(?-i:US)", "United States"), "ally": ("Ally",)})
    assert plain == [("US", "united states"), ("ally", "ally")]
    assert cased == [("US", "(?-i:US)")]


def test_the_bundled_lexicon_from_kept_parts_is_the_lexicon_made_afresh():
    # default_lexicon takes each phrase set's split patterns from the
    # per-install store; made from the files, they must come out the same.
    from tracker.compare import commitments

    data = commitments._bundled_with_korean_forms(commitments._LEXICON_FILE)
    fresh = commitments._compile_lexicon(data)
    kept = commitments.default_lexicon()
    for mine, theirs in zip(commitments._phrase_sets(kept), commitments._phrase_sets(fresh),
                            strict=True):
        assert mine._plain == theirs._plain
        assert mine._cased_labels == theirs._cased_labels
        assert mine._scan.pattern == theirs._scan.pattern
