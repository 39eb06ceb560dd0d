"""Lists: a lead-in and its items form one commitment group."""

from tracker.compare import compare_texts
from tracker.compare.lists import list_groups, reading_text

LEAD = "The co-chairs agreed on the following steps:"
ITEMS = ["1. Hold a tabletop exercise.", "2. Expand information sharing.",
         "3. Increase port visits by U.S. submarines."]


def test_items_belong_to_the_lead_in_before_them():
    sentences = ["Outcomes of the Meeting", LEAD, *ITEMS, "The next meeting will be in Seoul."]
    assert list_groups(sentences) == {2: 1, 3: 1, 4: 1}


def test_numbered_paragraphs_without_a_lead_in_are_not_a_list():
    assert list_groups(["1. We met in Seoul.", "2. We agreed to meet again."]) == {}


def test_an_item_is_read_with_its_lead_in_and_keeps_its_number():
    sentences = [LEAD, *ITEMS]
    assert reading_text([2], sentences, list_groups(sentences)) == f"{LEAD} {ITEMS[1]}"


def test_list_items_are_commitments_of_the_lead_in_actor():
    a = "\n".join([LEAD, *ITEMS])
    b = "\n".join([LEAD, ITEMS[0], "2. Expand information sharing as appropriate.",
                   "3. Increase port visits by U.S. strategic submarines."])
    units = {unit.b.index: unit for unit in compare_texts(a, b).units if unit.b}
    hedged = units[(2,)]
    assert hedged.b.text.startswith("2. ")
    assert hedged.commitment is not None and "Alliance" in hedged.commitment.actors
    assert hedged.strength == "weaker"
    assert units[(1,)].strength == "same"  # unchanged, and still a commitment


def test_the_json_gives_each_list_as_a_group_of_lead_in_and_items():
    from tracker.compare import compare_texts

    c = compare_texts("We met.\nThey agreed on the following steps:\n1. Hold a tabletop exercise.\n"
                      "2. Share information.\nBye.",
                      "We met.\nThey agreed on the following steps:\n1. Share information.\nBye.")
    assert c.to_dict()["lists"] == {"a": [{"lead": 1, "items": [2, 3]}],
                                    "b": [{"lead": 1, "items": [2]}]}


def test_a_colon_line_without_marked_items_is_no_group():
    from tracker.compare.lists import group_list

    assert group_list(["Begin text:", "The allies met.", "Bye."]) == []
