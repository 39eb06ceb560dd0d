"""`tracker sources …` and `tracker check`, as users type them."""

import json

from tests.conftest import ROOT, file_digest
from tests.watch.conftest import page


def test_add_list_pause_resume_remove(cli, initialised, httpserver):
    url = httpserver.url_for("/statement")
    added = cli("sources", "add", url, "--document", "edscg-6-joint-statement", "--meeting",
                "edscg-6", "--every", "12h", "--ignore", "Last updated:.*", "--json")
    assert added.exit_code == 0, added.output
    source = json.loads(added.output)
    assert (source["interval_seconds"], source["ignore"]) == (43200, ["Last updated:.*"])
    listed = cli("sources", "list").output
    assert "every 12h" in listed and "edscg-6-joint-statement" in listed
    assert "paused" in cli("sources", "pause", str(source["id"])).output
    assert json.loads(cli("sources", "list", "--json").output)[0]["enabled"] is False
    cli("sources", "resume", str(source["id"]))
    assert json.loads(cli("sources", "list", "--json").output)[0]["enabled"] is True
    assert "removed" in cli("sources", "remove", str(source["id"])).output
    assert json.loads(cli("sources", "list", "--json").output) == []


def test_short_interval_warns(cli, initialised):
    done = cli("sources", "add", "http://127.0.0.1:9/s", "--document", "edscg-5-joint-statement",
               "--every", "5s")
    assert done.exit_code == 0 and "warning" in done.stderr


def test_bad_sources_change_nothing(cli, initialised):
    before = file_digest(initialised)
    for args in (
        ["ftp://example.org/x", "--document", "edscg-5-joint-statement"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--every", "often"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--cron", "every day"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--every", "1h", "--cron",
         "0 * * * *"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--ignore", "(unclosed"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--selector", "div[["],
        ["http://x/s", "--document", "no-such-document"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--every", "367d"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--every", "٢h"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--every",
         "99999999999999999999d"],
        ["http://x/s", "--document", "edscg-5-joint-statement", "--ignore", r"\p{NoSuchScript}"],
    ):
        done = cli("sources", "add", *args)
        assert done.exit_code == 1 and done.stderr.startswith("tracker: error:"), (args, done)
    assert cli("sources", "pause", "99").exit_code == 1
    assert file_digest(initialised) == before


def test_job_file_import_is_idempotent_and_exports_back(cli, initialised, tmp_path):
    job = ROOT / "jobs" / "edscg.toml"
    first = cli("sources", "import", str(job))
    assert "12 sources added, 0 updated" in first.output
    assert "0 sources added, 12 updated" in cli("sources", "import", str(job)).output
    listed = json.loads(cli("sources", "list", "--json").output)
    pages = [s for s in listed if s["kind"] == "page"]
    listings = [s for s in listed if s["kind"] == "listing"]
    assert len(pages) == 8 and all(s["enabled"] for s in pages)
    assert len(listings) == 4 and not any(s["enabled"] for s in listings)  # paused
    assert {s["listing"]["publisher"] for s in listings} == {
        "U.S. Department of State", "U.S. Department of Defense",
        "ROK Ministry of Foreign Affairs", "ROK Ministry of National Defense"}
    assert all(s["interval_seconds"] >= 86400 and s["ignore"] for s in listed)
    exported = tmp_path / "mine.toml"
    cli("sources", "export", str(exported))
    copy = tmp_path / "copy.db"
    cli("init", db=copy)
    cli("sources", "import", str(exported), db=copy)
    again = json.loads(cli("sources", "list", "--json", db=copy).output)
    keep = ("url", "document", "interval_seconds", "cron", "ignore", "selector", "note",
            "enabled", "kind", "series", "listing")
    assert [{k: s[k] for k in keep} for s in again] == [{k: s[k] for k in keep} for s in listed]


def test_bad_job_files(cli, initialised, tmp_path):
    cases = {
        "broken.toml": "[[source]\nurl = ",
        "empty.toml": "[defaults]\nevery = '1h'\n",
        "unknown.toml": "[[source]]\nurl = 'http://x/s'\ndocument = 'd'\ncolour = 'red'\n",
        "nourl.toml": "[[source]]\ndocument = 'd'\n",
        "number-pattern.toml": "[[source]]\nurl = 'http://x/s'\n"
                               "document = 'edscg-5-joint-statement'\nignore = [1]\n",
        "year.toml": "[[source]]\nurl = 'http://x/s'\n"
                     "document = 'edscg-5-joint-statement'\nevery = '400d'\n",
    }
    before = file_digest(initialised)
    for name, content in cases.items():
        path = tmp_path / name
        path.write_text(content)
        done = cli("sources", "import", str(path))
        assert done.exit_code == 1 and name in done.stderr, done.stderr
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert file_digest(initialised) == before


def test_check_once_with_a_summary(cli, initialised, httpserver, tmp_path):
    httpserver.expect_request("/statement").respond_with_data(page(), content_type="text/html")
    cli("sources", "add", httpserver.url_for("/statement"), "--document",
        "edscg-6-joint-statement", "--meeting", "edscg-6")
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\n[report.outbox]\nfolder = "
                      f"'{tmp_path / 'outbox'}'\n")
    done = cli("check", "--config", str(config))
    assert done.exit_code == 0, done.output
    assert "edscg-6-joint-statement: new version v1" in done.output
    assert "1 checked: 1 new-version" in done.output
    assert len(list((tmp_path / "outbox").glob("*.md"))) == 1
    again = json.loads(cli("check", "--config", str(config), "--json").output)
    assert again["checks"][0]["outcome"] == "unchanged"


def test_check_reports_errors_with_exit_1(cli, initialised, tmp_path):
    cli("sources", "add", "http://127.0.0.1:9/statement", "--document",
        "edscg-5-joint-statement")
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\n")
    done = cli("check", "--config", str(config))
    assert done.exit_code == 1 and "cannot connect" in done.output
    # The README's "exit status is 1 if any check failed" holds with --json too.
    as_json = cli("check", "--config", str(config), "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.output)["checks"][0]["outcome"] == "error"


def test_check_with_nothing_to_check(cli, initialised):
    done = cli("check")
    assert done.exit_code == 1 and "no sources" in done.stderr
