"""Weighted similarity: rare words weigh more, synonyms meet, phrases add, numbers stay."""

from tracker.compare.similarity import Weights, features

MET = "The ministers met in Seoul."
CORPUS = [
    "The ministers reaffirmed the alliance.",
    "The ministers welcomed the alliance exercises.",
    "The ministers discussed the alliance budget.",
    "The ministers condemned the DPRK's counterstrike drills.",
    MET,
]


def weights(texts=CORPUS) -> Weights:
    return Weights.fit([features(text) for text in texts])


def test_a_shared_rare_word_counts_more_than_a_shared_common_one():
    w = weights()
    rare = w.dice(features("Ministers condemned counterstrike."), features("Counterstrike drills."))
    common = w.dice(features("Ministers condemned counterstrike."), features("Ministers met."))
    assert rare > common


def test_synonyms_make_a_reworded_sentence_alike():
    w = weights([*CORPUS, "Both sides denounced North Korea's missile firing."])
    reworded = w.dice(features("Both sides condemned the DPRK's missile launches."),
                      features("Both sides denounced North Korea's missile firing."))
    assert reworded > 0.9


def test_a_shared_phrase_adds_to_its_words():
    phrase = features("extended deterrence commitment")
    assert "extend deterrence" in phrase
    w = weights([*CORPUS, "deterrence extended"])
    same_order = w.dice(phrase, features("extended deterrence"))
    other_order = w.dice(phrase, features("deterrence extended"))
    assert same_order > other_order


def test_numbers_count_but_paragraph_numbers_do_not():
    assert "2023" in features("They met in 2023.")
    assert features("2. They met.") == features("They met.")


def test_weights_are_exact_so_order_does_not_matter():
    bags = [features(text) for text in CORPUS]
    w = Weights.fit(bags)
    forward = w.weight(sorted(bags[3]))
    backward = w.weight(sorted(bags[3], reverse=True))
    assert forward == backward


def test_containment_and_shared_terms_explain_a_split_piece():
    w = weights()
    whole = features("The ministers condemned the DPRK's drills and welcomed the exercises.")
    piece = features("The ministers condemned the DPRK's drills.")
    assert w.containment(piece, whole) == 1.0
    assert "condemn" in w.shared_terms(piece, whole)
