"""Clauses of a long sentence: the main clause after a scene-setting opening,
and two points joined as objects of one verb (a merge by "and")."""

import pytest

from tracker.compare.align import align_sentences
from tracker.compare.clauses import conjuncts, main_clause

MEETING_A = "The ministers met in Tokyo on Monday."
MEETING_B = "The ministers met in Washington on Friday."
INDO_PACIFIC = ("The ministers affirmed their strong commitment to realize a free and open "
                "Indo-Pacific, a shared vision of sovereign nations.")
CORNERSTONE_A = "The alliance remains the cornerstone of peace and security in the region."
CORNERSTONE_B = "They reaffirmed that the alliance remains the cornerstone of peace and security."
LAUNCHES = "They condemned the missile launches."
ORDER = ("The alliance will continue its indispensable role in upholding a rules-based "
         "international order.")
MERGED = ("The two countries renewed their commitment to promoting a free and open "
          "Indo-Pacific and a rules-based international order.")


def test_a_scene_setting_opening_is_not_the_main_clause():
    assert main_clause("Amid growing competition and challenges such as the pandemic, "
                       "climate change, and democracy, the two countries renewed their "
                       "commitment.") == "the two countries renewed their commitment."
    assert main_clause("The Ministers affirmed their commitment to peace, the bedrock of "
                       "the alliance.") is None
    assert main_clause("In Seoul, the two sides met.") is None  # too short to be a point


def test_two_objects_of_one_verb_are_two_points_with_the_shared_head():
    assert conjuncts(MERGED) == [
        "The two countries renewed their commitment to promoting a free and open Indo-Pacific",
        "The two countries renewed their commitment to promoting a rules-based international "
        "order."]


@pytest.mark.parametrize("text", [
    "The United States and Japan reaffirmed a free and open Indo-Pacific.",  # no article after
    "We are committed to democracy, human rights, and the rule of law.",  # a list's last item
    "They met and talked.",
])
def test_words_joined_inside_one_point_are_no_conjuncts(text):
    assert conjuncts(text) is None


def test_the_source_of_each_conjunct_joins_the_merge():
    # B folds last year's Indo-Pacific point and its rules-based-order point
    # into one sentence; the second source is too little of the whole B
    # sentence to join as a piece, but it is clearly the second conjunct's.
    a = [MEETING_A, INDO_PACIFIC, CORNERSTONE_A, ORDER, LAUNCHES]
    b = [MEETING_B, CORNERSTONE_B, LAUNCHES, MERGED]
    pairs = {(link.a, link.b): link.how for link in align_sentences(a, b) if link.a and link.b}
    assert pairs.get(((1, 3), (3,))) == "merge"


def test_a_sentence_that_answers_no_conjunct_clearly_stays_removed():
    unrelated = "The alliance will continue to invest in new submarines for the navy."
    a = [MEETING_A, INDO_PACIFIC, CORNERSTONE_A, unrelated, LAUNCHES]
    b = [MEETING_B, CORNERSTONE_B, LAUNCHES, MERGED]
    removed = [link.a for link in align_sentences(a, b) if not link.b]
    assert (3,) in removed


def test_the_merge_is_found_both_ways():
    a = [MEETING_A, INDO_PACIFIC, CORNERSTONE_A, ORDER, LAUNCHES]
    b = [MEETING_B, CORNERSTONE_B, LAUNCHES, MERGED]
    forward = {(link.a, link.b) for link in align_sentences(a, b)}
    backward = {(link.b, link.a) for link in align_sentences(b, a)}
    assert forward == backward


def test_the_point_that_jumps_past_a_merge_is_the_move():
    # Last year: Indo-Pacific, cornerstone, rules-based order. This year the
    # cornerstone comes first and the other two are merged after it. The
    # merge stays in place with one of its links; the other crosses the
    # cornerstone pair, which is the sentence that jumped ahead.
    a = [MEETING_A, INDO_PACIFIC, CORNERSTONE_A, ORDER]
    b = [MEETING_B, CORNERSTONE_B, LAUNCHES, MERGED]
    moved = {(link.a, link.b): link.moved for link in align_sentences(a, b) if link.a and link.b}
    assert moved == {((0,), (0,)): False, ((2,), (1,)): True, ((1, 3), (3,)): False}
