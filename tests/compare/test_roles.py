"""Sentence roles: the slots of a communiqué, and which never stand for each other."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.compare.align import align_sentences
from tracker.compare.roles import conflicting, same_slot, sentence_roles


@pytest.mark.parametrize(("text", "role"), [
    ("Washington Summit Declaration", "heading"),
    ("The following statement was released by the Committee.", "lead"),
    ("Begin Text:", "lead"),
    ("On April 19, 2019, the Committee convened in Washington, D.C.", "meeting"),
    ("The Secretaries held the Security Consultative Committee in Tokyo.", "meeting"),
    ("The U.S. side was co-chaired by Ms. Jane Roe and Mr. John Doe.", "delegation"),
    ("The ROK delegation was led by the Vice Minister.", "delegation"),
    ("The two sides established the dialogue in 2010 as an enduring venue.", "forum"),
    ("The next meeting will be held in Seoul.", "next-meeting"),
    ("They exchanged views on regional developments.", "exchange"),
    ("The allies condemned the DPRK's missile launches.", "threat"),
    ("The ministers welcomed the new exercise.", "welcome"),
    ("The United States reaffirmed its ironclad commitment.", "commitment"),
])
def test_primary_role(text, role):
    assert sentence_roles(text)[0] == role


def test_a_committee_is_not_a_commitment():
    assert "commitment" not in sentence_roles("The Security Consultative Committee met.")


def test_slot_lines_conflict_with_statements_of_substance():
    delegation = sentence_roles("The ROK delegation was led by the Vice Minister.")
    threat = sentence_roles("The allies condemned the DPRK's missile launches.")
    title = sentence_roles("Joint Statement of the Committee")
    lead = sentence_roles("The following statement was released by the Committee.")
    assert conflicting(delegation, threat)
    assert conflicting(title, lead)
    assert not conflicting(threat, sentence_roles("Both sides denounced North Korea's firing."))


def test_a_shared_role_lifts_a_conflict():
    meeting_and_commitment = sentence_roles(
        "We have gathered in Brussels to reaffirm our unity.")
    assert "meeting" in meeting_and_commitment and "commitment" in meeting_and_commitment
    assert not conflicting(meeting_and_commitment,
                           sentence_roles("We reaffirm our unity and solidarity."))


def test_reworded_meeting_lines_fill_the_same_slot():
    assert same_slot(sentence_roles("On April 19 the Committee convened in Washington."),
                     sentence_roles("The Secretaries held the Committee in Tokyo."))


def test_roles_that_conflict_never_pair_however_alike():
    a = ["Joint Statement", "The ROK delegation was led by Vice Minister Kim of the "
         "Ministry of National Defense.", "The meeting ended."]
    b = ["Joint Statement", "The ROK Ministry of National Defense and Vice Minister Kim "
         "condemned the launches.", "The meeting ended."]
    links = align_sentences(a, b)
    assert ((1,), (1,)) not in [(link.a, link.b) for link in links]


def test_same_slot_pairs_even_when_reworded_from_scratch():
    a = ["Joint Statement of the Committee",
         "On April 19, 2019, the Committee convened in Washington, with Secretary Pompeo.",
         "The ministers reaffirmed the alliance."]
    b = ["Joint Press Statement",
         "Secretary Blinken and Minister Motegi held the Committee in Tokyo.",
         "The ministers reaffirmed the alliance."]
    found = {(link.a, link.b): link.how for link in align_sentences(a, b)}
    assert ((0,), (0,)) in found
    assert ((1,), (1,)) in found


@pytest.mark.parametrize("text", [
    "They welcomed the progress made since the defence ministers last met in California.",
    "They endorsed efforts to deliver technologies that will meet our militaries' requirements.",
    "The new systems meet the highest standards.",
    "Any nuclear attack would be met with an overwhelming and decisive response.",
    "A nuclear test will be met with a resolute response.",
])
def test_a_recalled_meeting_or_a_met_requirement_is_no_meeting_line(text):
    assert "meeting" not in sentence_roles(text)


def test_a_meeting_line_that_meets_someone_stays_one():
    assert sentence_roles("The Secretary will meet the Minister in Seoul today.")[0] == "meeting"
    assert sentence_roles("The ministers met in London.")[0] == "meeting"


@pytest.mark.parametrize("text", [
    "The two sides agreed to hold the next NCG meeting in Seoul.",
    "The two sides decided to hold a working-level session in the first half of 2023.",
    "The ministers will hold the fifth round of talks in Seoul.",
    "They agreed to meet again next year.",
])
def test_a_meeting_the_sides_plan_is_the_next_meeting(text):
    assert "next-meeting" in sentence_roles(text)


def test_this_meeting_and_the_next_never_stand_for_each_other():
    this = sentence_roles("The meeting was the first held since the adoption of the plan.")
    following = sentence_roles("The two sides decided to hold a working-level session in 2023.")
    assert this == ("meeting",) and following == ("next-meeting",)
    assert conflicting(this, following)
    links = align_sentences(
        ["The allies met in Seoul.", "The meeting was the first held since the 2023 summit.",
         "The allies condemned the launches."],
        ["The allies met in Tokyo.", "The allies condemned the launches.",
         "The allies decided to hold a working-level session after the 2023 summit."])
    pairs = {(link.a, link.b) for link in links if link.a and link.b}
    assert ((1,), (2,)) not in pairs


@pytest.mark.parametrize("text", [
    "The two sides reviewed the progress made in implementing the declaration.",
    "The ministers reviewed the significant progress to date on the submarine effort.",
    "The Secretaries also took stock of the achievements in bilateral relations since the "
    "third dialogue.",
    "They welcomed the progress made since the defence ministers last met in California.",
    "The Secretaries welcomed and built on commitments made at the tenth strategic dialogue.",
    "The meeting built on the outcomes of the last consultative meeting.",
])
def test_stock_taking_since_an_earlier_meeting_is_the_review_slot(text):
    assert sentence_roles(text)[0] == "review"


@pytest.mark.parametrize("text", [
    "They expressed confidence in continued progress on the consultations.",
    "The allies will build on their cooperation in space.",
])
def test_progress_ahead_or_cooperation_to_build_is_no_review(text):
    assert "review" not in sentence_roles(text)


def test_a_meeting_line_that_reviews_progress_stays_a_meeting_line():
    roles = sentence_roles("The defence ministers met in London to review progress.")
    assert roles[0] == "meeting" and "review" in roles


def test_a_review_line_never_pairs_with_a_heading():
    review = sentence_roles("The ministers reviewed the progress to date on the effort.")
    assert conflicting(review, sentence_roles("Pillar One: Submarines"))


def test_the_one_review_line_on_each_side_pairs_wherever_it_stands():
    # The stock-taking line moves to the end and is rewritten from scratch:
    # it shares one word with its counterpart, yet it is the only line of
    # its slot on each side, so the two pair, and the swap is a move.
    a = ["The ministers met in Canberra.",
         "The ministers reviewed the significant progress to date on the submarine effort.",
         "The partnership makes a positive contribution to peace in the region.",
         "They reiterated their commitment to the highest nonproliferation standards."]
    b = ["The ministers met in Lisbon.",
         "The partnership reflects a continued commitment to a peaceful region.",
         "They reiterated their commitment to the highest nonproliferation standards.",
         "They welcomed the progress made since the ministers last met in Canberra."]
    links = {(link.a, link.b): link for link in align_sentences(a, b)}
    assert ((1,), (3,)) in links
    assert links[(1,), (3,)].how in ("role", "moved")
    assert any(link.moved for link in links.values())


def test_two_review_lines_on_one_side_are_no_one_off_slot():
    a = ["The ministers met in Canberra.",
         "The ministers reviewed the progress to date on the submarine effort.",
         "They welcomed the progress made since the summit on cyber defence.",
         "The allies condemned the launches."]
    b = ["The ministers met in Lisbon.",
         "The allies condemned the launches.",
         "The ministers took stock of achievements since the last meeting."]
    pairs = {(link.a, link.b) for link in align_sentences(a, b) if link.a and link.b}
    assert not any(b_side == (2,) for _a_side, b_side in pairs)


def test_remembered_roles_are_the_roles_read_afresh(monkeypatch) -> None:
    """Roles are remembered per sentence (bounded): every bundled sentence,
    asked twice with a small limit, gets the roles a fresh reading gives."""
    from pathlib import Path

    import tracker.compare.roles as module
    from tracker.compare.roles import read_roles
    from tracker.compare.segment import segment

    monkeypatch.setattr(module, "_KNOWN", {})
    monkeypatch.setattr(module, "_KNOWN_LIMIT", 50)
    root = Path(__file__).resolve().parents[2] / "snapshots"
    sentences = [s.text for path in sorted(root.rglob("*.txt"))
                 for s in segment(path.read_text(encoding="utf-8"))]
    assert len(sentences) > 300
    for sentence in sentences * 2:
        assert sentence_roles(sentence) == read_roles(sentence)
        assert len(module._KNOWN) <= 50


_SEARCHED_END = re.compile(r"[.!?;:][\"'\u201d\u2019)\]]*\s*$")


def _heading_by_search(text: str) -> bool:
    """The plain form: a search for a sentence end through the whole line."""
    return (not _SEARCHED_END.search(text) and len(text.split()) <= 14
            and not text.endswith(","))


@given(st.lists(st.sampled_from(list(".!?;:\"'\u201d\u2019)] ]a,\n\t\u00a0") + ["Title", "U.S."]),
                max_size=20).map("".join))
def test_a_heading_is_told_from_its_end_as_a_search_tells_it(text: str) -> None:
    from tracker.compare.roles import _is_heading

    assert _is_heading(text.strip()) == _heading_by_search(text.strip())


def test_every_bundled_line_is_a_heading_as_a_search_tells_it() -> None:
    from pathlib import Path

    from tracker.compare.roles import _is_heading
    from tracker.compare.segment import segment

    root = Path(__file__).resolve().parents[2] / "snapshots"
    for path in sorted(root.rglob("*.txt")):
        for sentence in segment(path.read_text(encoding="utf-8")):
            stripped = sentence.text.strip()
            assert _is_heading(stripped) == _heading_by_search(stripped)


@given(st.lists(st.sampled_from(list("ab-Z -.,'\u00e9\n1_\u2019\u2014한\ud800\U0001f600")
                                + ["co-chaired", "--", "met"]),
                max_size=24).map("".join))
def test_words_are_the_runs_the_word_pattern_finds(text: str) -> None:
    from tracker.compare.roles import _WORD_SPLIT, _words

    for form in (text, text.lower()):
        assert _words(form) == _WORD_SPLIT.findall(form)


def test_every_bundled_sentence_has_the_words_the_word_pattern_finds() -> None:
    from pathlib import Path

    from tracker.compare.roles import _WORD_SPLIT, _words
    from tracker.compare.segment import segment

    root = Path(__file__).resolve().parents[2] / "snapshots"
    for path in sorted(root.rglob("*.txt")):
        for sentence in segment(path.read_text(encoding="utf-8")):
            lowered = sentence.text.strip().lower()
            assert _words(lowered) == _WORD_SPLIT.findall(lowered)


def _cue_roles_by_scan(lowered: str) -> set[str]:
    """The word cues' roles as the whole-sentence scan finds them (the old form)."""
    from tracker.compare.roles import _ROLE_OF_CUE, _WORD_SCAN

    return set(map(_ROLE_OF_CUE.__getitem__, _WORD_SCAN.findall(lowered)))


def _cue_roles_by_runs(lowered: str) -> set[str]:
    from tracker.compare.roles import _CUE_ROLES, _spaced

    runs = _spaced(lowered).replace("-", " ").split()
    return set(filter(None, map(_CUE_ROLES.__getitem__, runs)))


@given(st.lists(st.sampled_from(list("ab-Z -.,'\u00e9\n1_\u2019\u2014한\ud800\u0130")
                                + ["commit", "committee", "tee", "will", "willing", "stood",
                                   "condemn", "re", "affirm", "co-", "pledg"]),
                max_size=24).map("".join))
def test_word_cues_read_by_runs_are_the_cues_the_scan_finds(text: str) -> None:
    for form in (text, text.lower()):
        assert _cue_roles_by_runs(form) == _cue_roles_by_scan(form)


def test_every_bundled_sentence_has_the_word_cues_the_scan_finds() -> None:
    from pathlib import Path

    from tracker.compare.segment import segment

    root = Path(__file__).resolve().parents[2] / "snapshots"
    for path in sorted(root.rglob("*.txt")):
        for sentence in segment(path.read_text(encoding="utf-8")):
            lowered = sentence.text.strip().lower()
            assert _cue_roles_by_runs(lowered) == _cue_roles_by_scan(lowered)


def test_no_word_cue_is_shorter_than_the_starts_that_gate_it() -> None:
    from tracker.compare.roles import _ROLE_OF_CUE

    assert min(map(len, _ROLE_OF_CUE)) >= 3
