"""Since you last looked: ``tracker since`` and the ``/since`` page list
exactly the versions stored after a reader's mark, with the comparison of
each, and nothing once everything is marked read."""

import json
import re

import pytest

from tests.conftest import SignIn, csrf_of, file_digest
from tracker.model import Capture, DocumentSpec, MeetingSpec
from tracker.store import open_store

DOC = "edscg-5-joint-statement"


def since_json(cli, *args) -> dict:
    result = cli("since", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def add_two(path):
    """A new version of edscg-5's statement and a new meeting's statement."""
    with open_store(path) as store:
        text = store.snapshot(DOC).text
        store.add(DocumentSpec(DOC), Capture(text=text + "\n\nThe two sides met again.\n"))
        store.add(DocumentSpec("edscg-6-joint-statement",
                               MeetingSpec("edscg-6", "edscg", number=6), primary=True),
                  Capture(text="The two sides held the sixth meeting in Seoul.\n"))


def live_versions(path) -> int:
    with open_store(path) as store:
        return sum(d.versions for d in store.documents())


def test_cli_lists_only_versions_after_the_mark(cli, initialised):
    first = since_json(cli, "--reader", "alice")
    assert first["mark"] == 0 and len(first["entries"]) == live_versions(initialised)
    assert since_json(cli, "--reader", "alice", "--mark-read")["marked_read"]
    assert since_json(cli, "--reader", "alice")["entries"] == []

    add_two(initialised)
    entries = since_json(cli, "--reader", "alice")["entries"]
    assert [(e["document"], e["version"], e["what"]) for e in entries] == [
        (DOC, 2, "new version"), ("edscg-6-joint-statement", 1, "new statement")]
    assert entries[0]["link"].endswith(f"/compare/{DOC}@1...{DOC}@2")
    assert entries[1]["link"].endswith("/compare/edscg-5...edscg-6")
    assert len(since_json(cli, "--reader", "bob")["entries"]) == live_versions(initialised)

    text = cli("since", "--reader", "alice", "--mark-read").output
    assert "2 new for alice" in text and "marked read" in text
    assert "nothing new for alice" in cli("since", "--reader", "alice").output


def test_a_long_list_is_marked_read_only_as_far_as_it_was_shown(cli, initialised):
    shown = since_json(cli, "--reader", "carol", "--limit", "3", "--mark-read")
    assert shown["more"] and len(shown["entries"]) == 3
    rest = since_json(cli, "--reader", "carol")["entries"]
    assert len(rest) == live_versions(initialised) - 3
    assert rest[0]["id"] > shown["entries"][-1]["id"]


def test_a_bad_reader_name_is_one_line_and_changes_nothing(cli, initialised):
    before = file_digest(initialised)
    result = cli("since", "--reader", " ", "--mark-read")
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "a reader's name is 1 to 100 printable characters" in result.output
    assert file_digest(initialised) == before


def _listed(page: str) -> list[str]:
    return re.findall(r'<tr id="since-(\d+)">', page)


def _upto(page: str) -> str:
    return re.search(r'name="upto" value="(\d+)"', page).group(1)


def test_page_for_a_visitor_keeps_the_mark_in_a_cookie(app, initialised):
    client = app.test_client()
    first = client.get("/since")
    assert first.headers["Cache-Control"] == "private, no-store"
    assert "tracker_reader=" in first.headers["Set-Cookie"]
    page = first.get_data(as_text=True)
    assert len(_listed(page)) == live_versions(initialised)
    done = client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": _upto(page)})
    assert done.status_code == 303
    page = client.get(done.headers["Location"]).get_data(as_text=True)
    assert _listed(page) == [] and "Marked all read." in page and "Nothing new" in page

    add_two(initialised)
    page = client.get("/since").get_data(as_text=True)
    assert len(_listed(page)) == 2
    assert f'href="/compare/{DOC}@1...{DOC}@2"' in page
    assert 'href="/compare/edscg-5...edscg-6"' in page
    other = app.test_client().get("/since").get_data(as_text=True)
    assert len(_listed(other)) == live_versions(initialised)  # another visitor, no mark


def test_marking_read_needs_the_csrf_token_and_the_cookie(app, initialised):
    client = app.test_client()
    page = client.get("/since").get_data(as_text=True)
    before = file_digest(initialised)
    assert client.post("/since/read", data={"upto": _upto(page)}).status_code == 400
    bad = client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": "x"})
    assert bad.status_code == 400
    client.delete_cookie("tracker_reader")  # the session's CSRF token, but no reader
    assert client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": "1"}
                       ).status_code == 400
    assert file_digest(initialised) == before


def test_a_version_stored_while_the_page_was_open_stays_unread(app, initialised):
    client = app.test_client()
    page = client.get("/since").get_data(as_text=True)
    add_two(initialised)
    client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": _upto(page)})
    assert len(_listed(client.get("/since").get_data(as_text=True))) == 2


@pytest.fixture
def admin_app(make_app):
    return make_app(ADMIN_TOKEN="s3cret")


def test_signed_in_admin_is_the_reader_admin_of_the_cli(admin_app, cli, initialised):
    client = admin_app.test_client()
    SignIn(client).sign_in("/since")
    page = client.get("/since").get_data(as_text=True)
    assert "Signed in" in page
    client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": _upto(page)})
    assert since_json(cli, "--reader", "admin")["entries"] == []


def test_visitors_whose_cookie_ran_out_are_forgotten(app, initialised):
    with open_store(initialised) as store:
        store.mark_read("visitor:old", 1, "2020-01-01T00:00:00Z")
        store.mark_read("alice", 1, "2020-01-01T00:00:00Z")
    client = app.test_client()
    page = client.get("/since").get_data(as_text=True)
    client.post("/since/read", data={"csrf_token": csrf_of(page), "upto": _upto(page)})
    with open_store(initialised) as store:
        assert store.reader_mark("visitor:old") is None
        assert store.reader_mark("alice").mark == 1  # a named reader stays
