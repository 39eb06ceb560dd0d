"""What the terminal shows a reader at a glance (issue 13): change marks that
survive colour, a legend, names instead of slugs, the digest notice, a
"did you mean" for a typo, and a word when ``tracker add`` starts a new
database. Run as users run it: the real ``tracker`` process where stdout
and stderr must be told apart."""

import re

from tests.conftest import run_tracker
from tests.test_cli_compare import pair  # noqa: F401 (a fixture)

ANSI = re.compile(r"\x1b\[[0-9;]*m")
RED, GREEN = "\x1b[31m", "\x1b[32m"


def test_colour_keeps_the_marks_so_changes_never_run_together(cli, pair):  # noqa: F811
    coloured = cli("diff", *pair, "--color").output
    assert f"{RED}[-Seoul-]" in coloured and "{+Washington+}" in coloured
    assert GREEN in coloured
    plain = ANSI.sub("", coloured)
    assert "[-Seoul-] {+Washington+}" in plain  # a space between: "SeoulWashington" never
    assert plain == cli("diff", *pair, "--no-color").output


def test_no_markers_leaves_colour_alone_with_a_space_between(cli, pair):  # noqa: F811
    coloured = cli("diff", *pair, "--color", "--no-markers").output
    plain = ANSI.sub("", coloured)
    assert "[-" not in plain.split("\n", 2)[2] and "{+" not in plain.split("\n", 2)[2]
    assert "Seoul Washington" in plain
    assert f"{RED}Seoul" in coloured and f"{GREEN}Washington" in coloured


def test_a_sentence_added_whole_is_not_bracketed(cli, pair):  # noqa: F811
    out = cli("diff", *pair, "--no-color").output
    assert "+  The two sides welcomed the Nuclear Consultative Group." in out
    assert "{+The two sides welcomed" not in out


def test_the_legend_is_in_the_help_and_the_output(cli, pair):  # noqa: F811
    for command in ("diff", "compare"):
        help_text = cli(command, "--help").output
        assert "Legend" in help_text
        for mark, meaning in (("*", "reworded"), ("+", "added"), ("-", "dropped"),
                              ("~", "moved")):
            assert re.search(rf"{re.escape(mark)}\s+{meaning}", help_text), (command, mark)
        assert "[-deleted words-]" in help_text and "{+inserted words+}" in help_text
    out = cli("diff", *pair, "--no-color").output.splitlines()
    assert out[1].startswith("Legend: * reworded, + added, - dropped, ~ moved")


def test_one_word_for_a_dropped_sentence(cli, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The allies met. The meeting was productive.")
    b.write_text("The allies met.")
    out = cli("diff", str(a), str(b), "--no-color").output
    assert "1 dropped" in out and "removed" not in out
    report = cli("compare", str(a), str(b), "--no-color").output
    assert "removed" not in report and "Commitments weakened (0)\n   none" in report


def test_names_and_the_digest_notice_instead_of_slugs(cli, initialised):
    out = cli("diff", "edscg-4", "edscg-5", "--no-color").output
    notices, summary = out.split("\n\n", 1)
    assert notices.startswith("Not the official wording: Fourth EDSCG meeting (2023-09-15)")
    assert "Official text: https://www.pacom.mil/" in notices
    assert summary.startswith("Fourth EDSCG meeting (2023-09-15) · joint press release -> "
                              "Fifth EDSCG meeting (2024-09-04) · joint statement: "
                              "16 sentences added (14 commitments), 3 dropped (no commitment)")
    html = cli("diff", "edscg-4", "edscg-5", "--format", "html").output
    assert '<p class="notice" role="note">Not the official wording' in html
    assert '"label": "edscg-4-joint-press-release@1"' in \
        cli("diff", "edscg-4", "edscg-5", "--format", "json").output.replace('":"', '": "')


def test_did_you_mean_for_a_mistyped_name(initialised):
    done = run_tracker("--db", str(initialised), "diff", "edscg-4", "edcsg-5")
    err = done.stderr.decode()
    assert done.returncode == 1 and "Traceback" not in err
    assert err.strip() == ("tracker: error: no document or meeting named 'edcsg-5' "
                           "(did you mean 'edscg-5'?)")
    shown = run_tracker("--db", str(initialised), "show", "edscg-5-joint-statment")
    assert "did you mean 'edscg-5-joint-statement'?" in shown.stderr.decode()
    far = run_tracker("--db", str(initialised), "diff", "edscg-4", "nothing-like-it")
    assert "did you mean" not in far.stderr.decode()


def test_add_to_a_new_database_says_it_is_empty_and_how_to_load_the_corpus(tmp_path):
    text = tmp_path / "s.txt"
    text.write_text("The two sides met.")
    db = tmp_path / "new.db"
    first = run_tracker("--db", str(db), "add", str(text), "--meeting", "edscg-6")
    assert first.returncode == 0 and first.stdout.decode() == "edscg-6-joint-statement v1\n"
    note = first.stderr.decode()
    assert f"no database at {db}; creating an empty one" in note
    assert f"tracker --db {db} init" in note
    again = run_tracker("--db", str(db), "add", str(text), "--meeting", "edscg-6")
    assert again.returncode == 0 and again.stderr.decode() == ""
