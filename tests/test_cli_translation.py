"""`tracker diff` and `compare` across languages, as users run them."""

import json

import pytest

from tests.conftest import run_tracker, text_files

ENGLISH = (
    "The fourth meeting of the Nuclear Consultative Group (NCG) was held in Washington, D.C., "
    "on January 10, 2025.\n\nThe two sides stated that any DPRK nuclear attack would be met "
    "with a swift, overwhelming and decisive response.\nThe two sides noted that the NCG, the "
    "EDSCG and the Security Consultative Meeting (SCM) continue their work.")
KOREAN = """제4차 핵협의그룹(NCG) 회의가 2025년 1월 10일 워싱턴 D.C.에서 개최되었다.

양측은 북한의 핵 공격은 압도적이며 결정적인 대응에 직면할 것이라고 밝혔다.
양측은 NCG와 EDSCG가 계속 기능하고 있다는 점에 주목하였다."""


@pytest.fixture
def pair(tmp_path):
    return text_files(tmp_path, {"ko.txt": KOREAN, "en.txt": ENGLISH})


def test_diff_json_across_languages_gives_pairs_and_missing_terms(pair, tmp_path):
    done = run_tracker("diff", *pair, "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["mode"] == "translation"
    assert (result["a"]["language"], result["b"]["language"]) == ("ko", "en")
    assert all(unit["a"] and unit["b"] for unit in result["units"])
    missing = {(m["term"], m["side"], m["missing_from"])
               for unit in result["units"] for m in unit["missing_terms"]}
    assert missing == {("swift", "b", "a"), ("Security Consultative Meeting", "b", "a")}
    assert result["summary"]["missing_terms"] == 2
    assert not done.stderr


def test_diff_text_marks_missing_terms_without_colour(pair, tmp_path):
    done = run_tracker("diff", *pair, "--no-color", cwd=tmp_path)
    out = done.stdout.decode()
    assert out.startswith("translation:")
    assert "«swift»" in out and "missing in A: swift" in out
    side = run_tracker("diff", *pair, "--side-by-side", "--width", "120", cwd=tmp_path)
    assert " | " in side.stdout.decode()


def test_forced_word_diff_warns_on_stderr(pair, tmp_path):
    done = run_tracker("diff", *pair, "--word-diff", "--no-color", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr.decode().startswith("tracker: warning: A is in Korean and B in English")
    assert "added" in done.stdout.decode()


def test_unified_across_languages_is_one_line_error(pair, tmp_path):
    done = run_tracker("diff", *pair, "--format", "unified", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.decode().count("\n") == 1 and "unified diff" in done.stderr.decode()
    both = run_tracker("diff", *pair, "--word-diff", "--translation", cwd=tmp_path)
    assert both.returncode == 2


def test_exit_code_reports_missing_terms(pair, tmp_path):
    assert run_tracker("diff", *pair, "--exit-code", cwd=tmp_path).returncode == 1


def test_a_users_glossary_file(pair, tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text("[terms]\n\"Washington\" = { ko = ['워싱턴'] }\n", encoding="utf-8")
    english_only = tmp_path / "en2.txt"
    english_only.write_text(ENGLISH.replace("Washington, D.C.", "the capital"), encoding="utf-8")
    done = run_tracker("diff", pair[0], str(english_only), "--format", "json",
                       "--glossary", str(mine), cwd=tmp_path)
    terms = [m["term"] for u in json.loads(done.stdout)["units"] for m in u["missing_terms"]]
    assert "Washington" in terms
    bad = run_tracker("diff", *pair, "--glossary", str(tmp_path / "none.toml"), cwd=tmp_path)
    assert bad.returncode == 1 and bad.stderr.decode().startswith("tracker: error: cannot read")


def test_stored_documents_are_compared_by_their_recorded_languages(tmp_path):
    db = str(tmp_path / "t.db")
    assert run_tracker("--db", db, "init").returncode == 0
    done = run_tracker("--db", db, "diff", "ncg-4-joint-statement", "ncg-4-joint-statement-ko",
                       "--format", "json")
    result = json.loads(done.stdout)
    assert result["mode"] == "translation" and result["summary"]["only-a"] == 0
    report = run_tracker("--db", db, "compare", "ncg-4-joint-statement",
                         "ncg-4-joint-statement-ko", "--no-color").stdout.decode()
    assert report.startswith("Not the official wording: Fourth NCG meeting (2025-01-10)")
    assert "\ntranslation: Fourth NCG meeting (2025-01-10) · joint statement (English) ↔ " \
        in report


def test_add_a_translation_and_see_it_side_by_side(tmp_path):
    db = str(tmp_path / "t.db")
    assert run_tracker("--db", db, "init").returncode == 0
    korean = tmp_path / "ko.txt"
    korean.write_text(KOREAN, encoding="utf-8")
    added = run_tracker("--db", db, "add", str(korean), "--document", "ncg-4-mine-ko",
                        "--meeting", "ncg-4", "--language", "ko",
                        "--translation-of", "ncg-4-joint-statement")
    assert added.returncode == 0, added.stderr
    gaps = json.loads(run_tracker("--db", db, "terms", "ncg", "--gaps", "--json").stdout)
    mine = next(g for g in gaps if g["second"] == "ncg-4-mine-ko@1")
    assert mine["first"] == "ncg-4-joint-statement@1"
    assert "end of that regime" in mine["only_first"]  # this short Korean text lacks it
    listed = run_tracker("--db", db, "terms", "ncg", "--gaps").stdout.decode()
    assert "Fourth NCG meeting (2025-01-10) (" in listed and "ncg-4" not in listed
    bad = run_tracker("--db", db, "add", str(korean), "--document", "x-ko", "--meeting",
                      "ncg-4", "--translation-of", "Not A Slug")
    assert bad.returncode == 1 and bad.stderr.decode().count("\n") == 1
