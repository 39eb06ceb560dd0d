"""`tracker sources add URL --listing …`, `sources list` and `check` with a
listing, as users type them; bad options are one line and change nothing."""

import json

from tests.conftest import file_digest
from tests.watch.listings import SERIES_NAME, SIXTH, Site


def _config(tmp_path):
    path = tmp_path / "tracker.toml"
    path.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\n"
                    '[fetch]\nallowed_networks = ["127.0.0.1/32"]\n'
                    f"[report.outbox]\nfolder = '{tmp_path / 'outbox'}'\n")
    return str(path)


def test_add_list_check_and_remove_a_listing(cli, initialised, httpserver, tmp_path):
    site = Site(httpserver)
    added = cli("sources", "add", site.url, "--listing", "--series", "edscg", "--link-text",
                SERIES_NAME, "--every", "1d", "--publisher", "U.S. Department of State")
    assert added.exit_code == 0, added.output
    assert added.output.startswith(f"source 1: {site.url} -> new edscg statements (text '")

    first = cli("check", "--config", _config(tmp_path))
    assert first.exit_code == 0 and "kept as the baseline" in first.output, first.output
    listed = cli("sources", "list").output
    assert "listing → edscg (1 links: 1 baseline)" in listed, listed
    site.links.insert(0, ("/press/edscg-6", SIXTH))

    done = cli("check", "--config", _config(tmp_path))

    assert done.exit_code == 0, done.output
    assert "[1] new edscg statements: new statement: 2 links listed, 1 new; stored " \
           "edscg-6-joint-statement v1, 1 report(s)" in done.output
    assert "1 checked: 1 new-statement" in done.output
    assert len(list((tmp_path / "outbox").glob("*.md"))) == 1
    shown = json.loads(cli("sources", "list", "--json").output)[0]
    assert shown["links"] == {"baseline": 1, "stored": 1} and shown["document"] is None
    links = cli("sources", "links", "1").output.splitlines()
    assert links[0].split() == ["STATE", "TRIES", "DOCUMENT", "URL", "TEXT", "OR", "ERROR"]
    assert links[2].split()[:3] == ["stored", "1", "edscg-6-joint-statement"]
    baseline = json.loads(cli("sources", "links", "1", "--state", "baseline", "--json").output)
    assert [link["url"] for link in baseline] == [httpserver.url_for("/press/edscg-5")]
    history = cli("history", "edscg-6-joint-statement")
    assert history.exit_code == 0 and "scheduler" in history.output, history.output
    assert cli("sources", "remove", "1").exit_code == 0
    assert cli("sources", "list", "--json").output.strip() == "[]"


def test_bad_listing_options_change_nothing(cli, initialised):
    url = "https://www.example.gov/press/"
    cases = [
        ([url, "--listing"], "--listing needs --series"),
        ([url, "--listing", "--series", "edscg", "--document", "x"], "leave out --document"),
        ([url, "--document", "edscg-5-joint-statement", "--link-text", "x"],
         "--link-text applies to --listing sources only"),
        ([url], "give --document SLUG"),
        ([url, "--listing", "--series", "Bad Slug"], "invalid series slug"),
        ([url, "--listing", "--series", "edscg", "--link-url", "(unclosed"],
         "invalid link URL pattern"),
        ([url, "--listing", "--series", "edscg", "--link-selector", "ul[["],
         "invalid CSS selector"),
        ([url, "--listing", "--series", "edscg", "--meeting-pattern", "(x"],
         "invalid meeting pattern"),
    ]
    before = file_digest(initialised)
    for args, message in cases:
        done = cli("sources", "add", *args)
        assert done.exit_code == 1, (args, done.output)
        assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert file_digest(initialised) == before


def test_links_of_a_page_source_are_refused(cli, initialised):
    cli("sources", "add", "https://www.example.gov/s", "--document", "edscg-5-joint-statement")
    done = cli("sources", "links", "1")
    assert done.exit_code == 1 and "source 1 is a page, not a listing" in done.stderr
    assert cli("sources", "links", "7").exit_code == 1


def test_the_same_listing_twice_is_refused(cli, initialised):
    args = ("sources", "add", "https://www.example.gov/press/", "--listing", "--series", "edscg")
    assert cli(*args).exit_code == 0
    again = cli(*args)
    assert again.exit_code == 1 and "already watched as a listing for edscg" in again.stderr


def test_a_listing_job_file_round_trips(cli, initialised, tmp_path):
    job = tmp_path / "list.toml"
    job.write_text("[[source]]\nurl = 'https://www.example.gov/press/'\nlisting = true\n"
                   "series = 'edscg'\nlink_text = 'Consultation Group'\nlink_url = '/press/'\n"
                   "meeting_pattern = '(\\w+) Meeting'\nfollow_existing = true\n"
                   "enabled = false\n")
    assert "1 sources added" in cli("sources", "import", str(job)).output
    exported = tmp_path / "out.toml"
    cli("sources", "export", str(exported))
    copy = tmp_path / "copy.db"
    cli("init", db=copy)
    assert "1 sources added" in cli("sources", "import", str(exported), db=copy).output
    mine, theirs = (json.loads(cli("sources", "list", "--json", db=db).output)[0]
                    for db in (initialised, copy))
    assert theirs["listing"] == mine["listing"] and theirs["listing"]["follow_existing"]
    bad = tmp_path / "bad.toml"
    bad.write_text("[[source]]\nurl = 'https://x.test/'\nlisting = true\ndocument = 'd'\n")
    done = cli("sources", "import", str(bad))
    assert done.exit_code == 1 and "unknown key(s) document" in done.stderr


def test_a_listing_is_added_from_the_form_and_the_api(make_app):
    from tests.conftest import SignIn

    app = make_app(ADMIN_TOKEN="s3cret", ALLOW_PRIVATE_SOURCES=True)
    client, auth = app.test_client(), {"Authorization": "Bearer s3cret"}
    api = client.post("/api/sources", headers=auth, json={
        "url": "http://127.0.0.1:9/press", "listing": True, "series": "edscg",
        "link_text": SERIES_NAME, "publisher": "U.S. Department of State"})
    assert api.status_code == 201, api.get_json()
    assert api.get_json()["kind"] == "listing" and api.get_json()["origin"] == "web"
    assert api.get_json()["listing"]["publisher"] == "U.S. Department of State"
    signed = SignIn(client)
    assert signed.sign_in().status_code == 302
    csrf = signed.form_token("/sources")
    bad = client.post("/sources", data={"listing": "1", "url": "http://127.0.0.1:9/feed",
                                        "series": "edscg", "link_url": "(x",
                                        "csrf_token": csrf})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400 and 'id="listing-error"' in page
    assert "invalid link URL pattern" in page and 'value="http://127.0.0.1:9/feed"' in page
    form = client.post("/sources", data={"listing": "1", "url": "http://127.0.0.1:9/feed",
                                         "series": "edscg", "link_url": "/press/",
                                         "csrf_token": csrf}, follow_redirects=True)
    assert form.status_code == 200 and "<strong>Listing</strong>" in form.get_data(True)
    refused = client.post("/api/sources", headers=auth, json={
        "url": "http://127.0.0.1:9/x", "listing": True, "series": "edscg", "document": "d"})
    assert refused.status_code == 400 and "unknown field 'document'" in refused.get_json()["error"]
