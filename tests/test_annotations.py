"""Annotations from the command line, on real database files: attached by
stable keys, listed and removed, shown in `compare` and the JSON, and carried
by export and import."""

import json

import pytest

from tests.conftest import file_digest
from tracker.compare import compare_texts
from tracker.compare.keys import thread_key, unit_key
from tracker.compare.lineage import build_lineage
from tracker.refs.subjects import key_of, place_annotations

PAIR = ("edscg-4", "edscg-5")
A_REF, B_REF = "edscg-4-joint-press-release@1", "edscg-5-joint-statement@1"
RECKLESS = "reckless behavior"


def _add(cli, *args):
    result = cli("annotate", "add", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_unit_key_ignores_spacing_and_quote_style_but_not_words():
    same = unit_key("The allies’ “firm” resolve.", "They  met.")
    assert same == unit_key("The allies' \"firm\" resolve.", "They met.")
    assert same != unit_key("The allies' firm resolve.", "They met.")
    assert unit_key(None, "Added.") != unit_key("Added.", None)  # added vs dropped
    assert len(same) == 16


def test_a_unit_keeps_its_key_when_sentences_are_added_before_it():
    """The page numbers units by position; the key does not move with them."""
    a, b = "We met. The commitment is firm.", "We met. The commitment is ironclad."
    before = compare_texts(a, b)
    after = compare_texts("Opening words. " + a, "Opening words. Another line. " + b)
    [changed] = [u for u in before.units if u.kind == "reworded"]
    [moved_down] = [u for u in after.units if u.kind == "reworded"]
    assert after.units.index(moved_down) != before.units.index(changed)
    assert key_of(changed) == key_of(moved_down)


def test_a_thread_keeps_its_key_when_an_earlier_commitment_appears():
    later = [("m1", "The allies agreed to meet yearly."),
             ("m2", "The allies agreed to meet yearly. The allies committed to deter the DPRK.")]
    threads = build_lineage(later).threads
    deter = next(t for t in threads if "deter" in t.appearances[0].text)
    more = [("m1", "The United States pledged to deploy assets. " + later[0][1]), later[1]]
    again = next(t for t in build_lineage(more).threads if "deter" in t.appearances[0].text)
    assert again.id != deter.id and again.key == deter.key
    assert deter.key == thread_key("m2", "The allies committed to deter the DPRK.")


def test_add_by_text_list_and_remove(cli, initialised):
    made = _add(cli, *PAIR, "--match", RECKLESS, "--significance", "major", "--tag",
                "Deterrence", "--tag", "dmz, escalation", "--note", "softer", "--by", "alice")
    assert (made["a_ref"], made["b_ref"], made["target"]) == (A_REF, B_REF, "unit")
    assert made["tags"] == ["deterrence", "dmz", "escalation"]
    assert RECKLESS in made["excerpt"] and made["created_by"] == "alice"
    listed = json.loads(cli("annotate", "list", *PAIR, "--json").output)
    assert [a["id"] for a in listed] == [made["id"]]
    assert json.loads(cli("annotate", "list", "--tag", "dmz", "--json").output)[0]["id"] == 1
    assert json.loads(cli("annotate", "list", "--significance", "routine", "--json").output) == []
    for wildcard in ("%", "d_z", "dmz,escalation"):
        assert json.loads(cli("annotate", "list", "--tag", wildcard, "--json").output) == []
    table = cli("annotate", "list").output
    assert "major" in table and "deterrence, dmz, escalation" in table
    assert cli("annotate", "remove", "1", "--by", "bob").output.strip() == "annotation 1: removed"
    assert json.loads(cli("annotate", "list", "--json").output) == []
    again = cli("annotate", "remove", "1")
    assert again.exit_code == 1 and "already removed by bob" in again.output


def test_the_unit_number_is_the_page_anchor(cli, initialised):
    by_text = _add(cli, *PAIR, "--match", RECKLESS)
    comparison = json.loads(cli("compare", *PAIR, "--json").output)
    number = next(a["unit"] for a in comparison["annotations"] if a["id"] == by_text["id"])
    unit = comparison["units"][number - 1]
    assert RECKLESS in unit["b"]["text"]
    by_number = _add(cli, *PAIR, "--unit", f"u{number}", "--tag", "same-unit")
    by_key = _add(cli, *PAIR, "--unit", by_text["key"], "--tag", "by-key")
    assert by_text["key"] == by_number["key"] == by_key["key"]


def test_a_thread_is_annotated_by_id_and_listed_with_the_lineage(cli, initialised):
    lineage = json.loads(cli("lineage", "--json").output)
    returned = next(t for t in lineage["threads"] if t["returned_at"])
    made = _add(cli, "--thread", returned["id"], "--series", "edscg", "--tag", "returned")
    assert (made["target"], made["key"], made["series"]) == ("thread", returned["key"], "edscg")
    threads = json.loads(cli("lineage", "--json").output)["threads"]
    shown = {t["key"]: [a["id"] for a in t["annotations"]] for t in threads}
    assert shown[returned["key"]] == [made["id"]]
    assert sum(map(len, shown.values())) == 1
    assert f"[{returned['id']}] ✎ notable [returned]" in cli("lineage").output


def test_compare_shows_the_annotations_in_text_and_json(cli, initialised):
    made = _add(cli, *PAIR, "--match", RECKLESS, "--note", "concern, not serious concern")
    text = cli("compare", *PAIR).output
    assert "Annotations (1)" in text and "✎ notable: concern, not serious concern" in text
    for args in (("compare", *PAIR, "--json"), ("diff", *PAIR, "--format", "json")):
        listed = json.loads(cli(*args).output)["annotations"]
        assert [a["id"] for a in listed] == [made["id"]]
    other = json.loads(cli("compare", "edscg-3", "edscg-4", "--json").output)
    assert other["annotations"] == []


def test_files_compared_have_no_annotations(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The allies met.")
    b.write_text("The allies met again.")
    assert json.loads(cli("diff", str(a), str(b), "--format", "json").output)["annotations"] == []


@pytest.mark.parametrize("args, message", [
    ((*PAIR, "--unit", "999"), "give a number from 1 to"),
    ((*PAIR, "--match", "the"), "units hold 'the'"),
    ((*PAIR, "--unit", "0123456789abcdef"), "no unit with key"),
    ((*PAIR,), "name one unit"),
    (("edscg-4",), "give the two sides compared"),
    ((*PAIR, "--match", RECKLESS, "--tag", "no/slash"), "invalid tag"),
    ((*PAIR, "--match", RECKLESS, "--significance", "routine"), "say something"),
    ((*PAIR, "--match", RECKLESS, "--note", "x" * 4001), "too long"),
    (("--thread", "c999"), "no commitment thread"),
    (("--thread", "c1", "--series", "Bad Series"), "invalid series slug"),
    (("--thread", "c1", *PAIR), "not both"),
    (("edscg-4", "edscg-99", "--unit", "1"), "no document or meeting named 'edscg-99'"),
])
def test_bad_input_is_one_line_and_changes_nothing(cli, initialised, args, message):
    before = file_digest(initialised)
    result = cli("annotate", "add", *args)
    assert result.exit_code == 1, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert file_digest(initialised) == before


def test_export_and_import_carry_annotations_once(cli, initialised, tmp_path):
    kept = _add(cli, *PAIR, "--match", RECKLESS, "--significance", "major")
    gone = _add(cli, "--thread", "c5", "--tag", "returned")
    cli("annotate", "remove", str(gone["id"]))
    folder, copy = tmp_path / "history", tmp_path / "copy.db"
    assert "2 annotations in annotations.json" in cli("export", str(folder)).output
    first = json.loads(cli("import", str(folder), "--json", db=copy).output)
    assert first["annotations"] == 2
    second = json.loads(cli("import", str(folder), "--json", db=copy).output)
    assert second["annotations"] == 0
    listed = json.loads(cli("annotate", "list", "--json", db=copy).output)
    assert [(a["uid"], a["key"]) for a in listed] == [(kept["uid"], kept["key"])]
    assert json.loads(cli("compare", *PAIR, "--json", db=copy).output)["annotations"][0][
        "uid"] == kept["uid"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "not valid JSON"),
    ('{"a": 1}', "expected a list"),
    ('[{"uid": "x", "target": "unit", "key": "k", "significance": "major"}]', "a uid"),
    ('[{"uid": "' + "a" * 32 + '", "target": "unit", "key": "k", "significance": "huge",'
     ' "created_by": "x"}]', "invalid significance"),
    ('[{"evil": 1}]', "expected an object"),
])
def test_a_bad_annotations_file_refuses_the_whole_import(cli, initialised, tmp_path, content,
                                                         message):
    folder, copy = tmp_path / "history", tmp_path / "copy.db"
    cli("export", str(folder))
    (folder / "annotations.json").write_text(content)
    result = cli("import", str(folder), db=copy)
    assert result.exit_code == 1 and message in result.output
    assert not copy.exists()


def test_a_unit_no_longer_paired_is_kept_apart(initialised):
    from tracker.store import open_store

    comparison = compare_texts("We met. The commitment is firm.", "We met. It is ironclad.")
    with open_store(initialised) as store:
        from tracker.model import AnnotationSubject

        store.annotate(AnnotationSubject("unit", "f" * 16, "An old pairing", "x@1", "y@1"),
                       note="kept", significance="notable", by="t")
        placed, orphaned = place_annotations(comparison, store.annotations_for_pair("x@1",
                                                                                    "y@1"))
    assert placed == {} and [a.note for a in orphaned] == ["kept"]
