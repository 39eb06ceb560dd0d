"""Sentence alignment: each case the aligner must recognise."""

import pytest

from tracker.compare.align import Link, align_sentences, similarity

S1 = "The United States reaffirmed its ironclad commitment to extended deterrence."
S2 = "The delegations reviewed progress on the Washington Declaration."
S3 = "Both sides condemned the DPRK's ballistic missile launches."
S4 = "The next meeting will be held in Seoul."
S5 = "Officials discussed cooperation in the space and cyber domains."


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.a, link.b) for link in links]


def test_identical_documents_align_one_to_one_in_place():
    links = align_sentences([S1, S2, S3], [S1, S2, S3])
    assert pairs(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert not any(link.moved for link in links)
    assert all(link.similarity == 1.0 for link in links)


def test_reworded_sentence_pairs_with_its_original():
    reworded = S1.replace("its ironclad", "its ironclad and unwavering")
    links = align_sentences([S1, S2], [reworded, S2])
    assert pairs(links) == [((0,), (0,)), ((1,), (1,))]
    assert 0.5 <= links[0].similarity < 1.0


def test_moved_sentence_is_reported_as_moved_not_removed_and_added():
    links = align_sentences([S1, S2, S3, S4], [S3, S1, S2, S4])
    assert ((2,), (0,)) in pairs(links)
    assert [link.a for link in links if link.moved] == [(2,)]


def test_moved_and_reworded_sentence():
    moved = S3.replace("condemned", "strongly condemned")
    links = align_sentences([S1, S2, S3, S4], [moved, S1, S2, S4])
    assert ((2,), (0,)) in pairs(links)
    assert [link.a for link in links if link.moved] == [(2,)]


def test_moved_paragraph_moves_as_a_block():
    a = [S1, S2, S3, S4, S5, "One more sentence about exercises in spring.",
         "And another on combined field training."]
    b = [a[5], a[6], *a[:5]]
    links = align_sentences(a, b)
    assert sorted(link.a for link in links if link.moved) == [(5,), (6,)]


def test_split_one_sentence_into_two():
    a = [S2, "The United States reaffirmed its commitment to the ROK, and both sides "
             "agreed to expand joint planning for nuclear contingencies.", S4]
    b = [S2, "The United States reaffirmed its commitment to the ROK.",
         "Both sides agreed to expand joint planning for nuclear contingencies.", S4]
    assert ((1,), (1, 2)) in pairs(align_sentences(a, b))


def test_merge_two_sentences_into_one():
    a = [S2, "The United States stressed the full range of its capabilities.",
         "This includes nuclear, conventional and missile defense capabilities.", S4]
    b = [S2, "The United States stressed the full range of its capabilities, including "
             "nuclear, conventional and missile defense capabilities.", S4]
    assert ((1, 2), (1,)) in pairs(align_sentences(a, b))


def test_added_and_removed_sentences():
    links = align_sentences([S1, S2, S4], [S1, S5, S4])
    assert pairs(links) == [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]


def test_removed_sentence_stays_where_it_was_in_reading_order():
    links = align_sentences([S1, S2, S3, S4], [S1, S3, S4])
    assert pairs(links) == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def test_unrelated_rewrite_is_removed_plus_added():
    a = [S1, "The two sides exchanged views on China's growing nuclear arsenal.", S4]
    b = [S1, "Participants assessed how Beijing's expanding warhead stockpile shapes crises.", S4]
    assert pairs(align_sentences(a, b)) == [((0,), (0,)), ((1,), ()), ((), (1,)), ((2,), (2,))]


def test_cosmetic_difference_aligns_as_identical():
    links = align_sentences(['It is "ironclad."'], ["It is \u201cironclad.\u201d"])
    assert pairs(links) == [((0,), (0,))] and links[0].similarity == 1.0


def test_repeated_sentences_pair_in_order():
    a = ["Thank you.", S1, "Thank you.", S2]
    b = ["Thank you.", S1, "Thank you.", S2]
    assert pairs(align_sentences(a, b)) == [((k,), (k,)) for k in range(4)]


@pytest.mark.parametrize(("a", "b"), [([], []), ([S1], []), ([], [S1])])
def test_empty_sides(a, b):
    links = align_sentences(a, b)
    assert len(links) == len(a) + len(b)


def test_far_apart_reworded_sentence_is_found():
    filler = [f"Filler sentence number {k} about item{k} and topic{k}." for k in range(300)]
    a = [S1, *filler]
    b = [*filler, S1.replace("reaffirmed", "strongly reaffirmed")]
    links = align_sentences(a, b)
    assert ((0,), (300,)) in pairs(links)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [({"x", "y"}, {"x", "y"}, 1.0), ({"x"}, {"y"}, 0.0), ({"x", "y"}, {"x"}, 2 / 3),
     (set(), set(), 1.0)],
)
def test_similarity_is_dice(a, b, expected):
    assert similarity(frozenset(a), frozenset(b)) == pytest.approx(expected)


def test_heavily_repeated_sentences_stay_fast():
    import time

    a = ["Yes."] * 5000 + ["The allies met in Seoul."] + ["No."] * 3000
    b = ["Yes."] * 4000 + ["The allies met in Seoul today."] + ["No."] * 3500 + ["Yes."] * 500
    start = time.perf_counter()
    links = align_sentences(a, b)
    assert time.perf_counter() - start < 5
    assert sum(1 for link in links if not link.b) == 500  # the Yes. lost
    assert sum(1 for link in links if not link.a) == 500  # the No. gained


# --- position-aware alignment --------------------------------------------------------

OPEN = "Joint Statement of the Fifth Meeting"
CLOSE = "The two sides will meet again next year."
WEAK_A = "The delegations reviewed progress on deterrence planning and the regional outlook."
WEAK_B = "Participants assessed deterrence readiness and the outlook for crisis management."


def test_a_weakly_similar_sentence_pairs_in_its_own_slot():
    # Between two aligned neighbours, a loose rewording is still the same point.
    links = align_sentences([OPEN, S1, WEAK_A, CLOSE], [OPEN, S1, WEAK_B, CLOSE])
    assert ((2,), (2,)) in pairs(links)
    link = next(link for link in links if link.a == (2,))
    assert link.how == "in-place" and not link.moved
    assert 0 < link.similarity < 0.5


RIVAL_B = "Participants assessed deterrence readiness and the outlook for crisis response."


def test_the_same_weak_pair_far_away_is_not_a_move_when_another_competes():
    # Found anywhere, a pair needs the strict bar, or to be a clear best
    # match both ways; with a rival about as close, it is neither.
    a = [OPEN, WEAK_A, S1, S2, S3, S4, S5, CLOSE]
    b = [OPEN, S1, S2, S3, RIVAL_B, S4, S5, WEAK_B, CLOSE]
    found = pairs(align_sentences(a, b))
    assert ((1,), (7,)) not in found and ((1,), (4,)) not in found


def test_a_clear_best_match_both_ways_is_a_move_below_the_strict_bar():
    a = [OPEN, WEAK_A, S1, S2, S3, S4, S5, CLOSE]
    b = [OPEN, S1, S2, S3, S4, S5, WEAK_B, CLOSE]
    link = next(link for link in align_sentences(a, b) if link.a == (1,))
    assert link.b == (6,) and link.moved and link.how == "moved"


def test_a_sentence_split_in_place_is_one_unit():
    a = [OPEN, "The allies condemned the launches and pledged to expand combined exercises.",
         CLOSE]
    b = [OPEN, "The allies condemned the launches.", "They pledged to expand combined exercises.",
         CLOSE]
    link = next(link for link in align_sentences(a, b) if link.a == (1,))
    assert link.b == (1, 2) and link.how == "split"


def test_two_sentences_merged_in_place_are_one_unit():
    a = [OPEN, "The allies condemned the launches.", "They pledged to expand combined exercises.",
         CLOSE]
    b = [OPEN, "The allies condemned the launches and pledged to expand combined exercises.",
         CLOSE]
    link = next(link for link in align_sentences(a, b) if link.b == (1,))
    assert link.a == (1, 2) and link.how == "merge"


def test_how_each_pair_was_found():
    moved = S3.replace("condemned", "strongly condemned")
    links = align_sentences([OPEN, S1, S2, S3, S4, CLOSE], [OPEN, moved, S1, S2, S4, CLOSE])
    how = {(link.a, link.b): link.how for link in links}
    assert how[(0,), (0,)] == "anchor"
    assert how[(3,), (1,)] == "moved"
    assert all(link.how == "" for link in links if not (link.a and link.b))


def test_shared_terms_say_why_a_reworded_pair_was_made():
    reworded = "Both sides denounced North Korea's ballistic missile firing."
    link = next(link for link in align_sentences([S2, S3], [S2, reworded]) if link.a == (1,))
    assert {"condemn", "dprk", "launch"} <= set(link.shared)


def test_the_sentence_that_jumped_farther_is_the_mover():
    a = [OPEN, S1, S2, S3, S4, CLOSE]
    b = [OPEN, S1, S4.replace("held", "convened"), S2, S3.replace("condemned", "denounced"),
         CLOSE]
    moved = [link.a for link in align_sentences(a, b) if link.moved]
    assert moved == [(4,)]


def test_same_texts_align_the_same_under_any_hash_seed():
    import os
    import subprocess
    import sys

    code = ("from tracker.compare.align import align_sentences as f; "
            f"print(f({[OPEN, S1, WEAK_A, S3, CLOSE]!r}, {[OPEN, WEAK_B, S1, S3, CLOSE]!r}))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1


# Two points folded into one sentence, the second from further down, with a
# sentence between them that stays on its own.
FOLD_A = ["The ministers met in Oslo on Monday.",
          "They reaffirmed that the partnership remains the cornerstone of peace and "
          "prosperity in the northern region.",
          "Norway resolved to enhance its capabilities for national defense.",
          "Both governments renewed their commitment to promoting a free and open Arctic "
          "and a rules-based order."]
FOLD_B = ["The ministers met in Oslo on Tuesday.",
          "The ministers firmly reiterated their commitment to champion a free and open "
          "Arctic, heralding the partnership as the cornerstone of regional peace and prosperity.",
          "They welcomed new fisheries quotas.",
          "They launched a joint study of shipping lanes.",
          "They praised the coast guards.",
          "Norway reiterated its resolve to fundamentally reinforce its defense capabilities "
          "through a larger budget."]


def test_a_piece_whose_clear_best_match_is_paired_joins_that_pair():
    links = {(link.a, link.b): link for link in align_sentences(FOLD_A, FOLD_B)}
    assert ((1, 3), (1,)) in links
    assert links[(1, 3), (1,)].how == "merge"


def test_a_piece_that_explains_nothing_new_stays_removed():
    """The left-over sentence repeats what the pair's own side already says
    of its partner: it adds no coverage, so it is not folded in."""
    a = [*FOLD_A[:3], "Both governments said the partnership keeps the northern region peaceful."]
    links = align_sentences(a, FOLD_B)
    assert ((3,), ()) in {(link.a, link.b) for link in links}
    assert ((1,), (1,)) in {(link.a, link.b) for link in links}


def test_moves_are_judged_link_by_link():
    """The pair lying between the two pieces of a merge crosses one of its
    links; it jumped further than the folded-in piece, so it is the move,
    and the merge stays in place."""
    links = {(link.a, link.b): link for link in align_sentences(FOLD_A, FOLD_B)}
    assert links[(2,), (5,)].moved
    assert not links[(1, 3), (1,)].moved


def test_a_piece_of_another_kind_of_statement_never_joins():
    """A threat assessment sharing a few words with a 'next meeting' line is
    not a piece of it, however clear its best match."""
    a = ["The two sides met in Seoul.",
         "The two sides agreed to hold the next meeting in the United States at the end "
         "of the year."]
    b = ["The two sides met in Seoul.",
         "The two sides said that any attack against the United States would mean the end "
         "of the regime.",
         "The two sides agreed to hold the next meeting in Washington."]
    found = {(link.a, link.b) for link in align_sentences(a, b)}
    assert ((1,), (2,)) in found and ((), (1,)) in found


def test_a_piece_never_joins_a_pair_that_is_itself_a_guess():
    """The pair was made by position on little shared wording; a new
    sentence nearly as like its partner is a rival, not a piece of it."""
    a = ["The allies met in Seoul.",
         "The United States reiterated its commitment to deploy strategic assets to the "
         "Korean Peninsula on a regular basis.",
         "The next meeting will be held in Washington."]
    b = ["The allies met in Seoul.",
         "The two sides agreed to coordinate so that strategic assets are deployed in a timely "
         "and effective manner with regular exercises and visible demonstrations.",
         "The two sides reaffirmed their goal of the complete denuclearization of the "
         "Korean Peninsula.",
         "The next meeting will be held in Washington."]
    assert all(len(link.b) < 2 for link in align_sentences(a, b))
def test_a_new_scene_setting_opening_does_not_hide_a_moved_point():
    a = ["The ministers met in Tokyo on Monday.",
         "During the meeting, the ministers affirmed their strong commitment to realize a "
         "free and open Indo-Pacific, a shared vision of sovereign nations.",
         "The alliance remains the cornerstone of peace and security in the region.",
         "They condemned the missile launches."]
    b = ["The ministers met in Washington on Friday.",
         "They reaffirmed that the alliance remains the cornerstone of peace and security.",
         "They condemned the missile launches.",
         "Amid growing geopolitical competition and challenges such as the pandemic, climate "
         "change, cyber attacks, supply chains and revitalizing democracy, the two countries "
         "renewed their commitment to promoting a free and open Indo-Pacific."]
    pairs = {(link.a, link.b): link for link in align_sentences(a, b) if link.a and link.b}
    assert ((1,), (3,)) in pairs
    assert pairs[(1,), (3,)].moved
