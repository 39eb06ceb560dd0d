"""The same filter on the other surfaces: the Atom feed's query string, the
subscriptions page (signed in, CSRF) and the CLI's bad input."""

import feedparser
import pytest

from tests.conftest import SignIn, file_digest
from tracker.compare import compare_texts
from tracker.reports.build import build_report
from tracker.store import open_store

OLD = ("The allies met in Seoul. The two sides strongly condemned the growing military "
       "cooperation between the DPRK and Russia.")
WEAKER = "The allies met in Seoul. The two sides noted the military cooperation between " \
         "the DPRK and Russia."
ADDED = OLD + " The United States will deploy strategic assets to the Korean Peninsula."


def add_report(store, key: str, document: str, new: str, now: str) -> int:
    payload = build_report(compare_texts(OLD, new, "a@1", "a@2"), kind="version",
                           title=f"{document} changed", document=document, meeting=None,
                           link="http://tracker.test/compare/a@1...a@2")
    with store.write():
        return store.insert_report(key, "version", document, None, payload["title"], payload,
                                   [], now)


@pytest.fixture
def reports(initialised):
    with open_store(initialised) as store:
        return {"edscg-weaker": add_report(store, "k1", "edscg-5-joint-statement", WEAKER,
                                           "2026-03-01T09:00:00Z"),
                "ncg-weaker": add_report(store, "k2", "ncg-2-joint-statement", WEAKER,
                                         "2026-03-02T09:00:00Z"),
                "edscg-added": add_report(store, "k3", "edscg-5-joint-statement", ADDED,
                                          "2026-03-03T09:00:00Z")}


FILTERED = "/feed.atom?series=edscg&topic=Russia&change=weaker"


def test_a_filtered_feed_holds_only_the_matching_reports_cut_down(app, reports):
    client = app.test_client()
    whole = feedparser.parse(client.get("/feed.atom").get_data())
    assert len(whole.entries) == 3
    answer = client.get(FILTERED)
    assert answer.status_code == 200 and answer.mimetype == "application/atom+xml"
    feed = feedparser.parse(answer.get_data())
    assert not feed.bozo
    assert [e.link.split("/")[-1] for e in feed.entries] == ["a@1...a@2"]
    assert feed.entries[0].title == "edscg-5-joint-statement changed " \
                                    "(only series edscg; topic Russia; change weaker)"
    assert "Commitments weakened (1)" in feed.entries[0].summary
    assert feed.feed.title.endswith("(series edscg; topic Russia; change weaker)")
    assert feed.feed.id.endswith(FILTERED)
    again = feedparser.parse(client.get(FILTERED).get_data())
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]  # stable
    assert feed.entries[0].id not in {e.id for e in whole.entries}
    assert feed.entries[0].id.endswith("report/k1#series=edscg&topic=Russia&change=weaker")


def test_the_same_filter_spelled_otherwise_is_the_same_feed(app, reports):
    client = app.test_client()
    one = feedparser.parse(client.get(FILTERED).get_data())
    other = feedparser.parse(client.get(
        "/feed.atom?change=weaker&topic=Russia&series=edscg").get_data())
    assert [e.id for e in other.entries] == [e.id for e in one.entries]
    actor = feedparser.parse(client.get("/feed.atom?actor=United+States").get_data())
    assert len(actor.entries) == 1 and "strategic assets" in actor.entries[0].summary


@pytest.mark.parametrize("query, named", [
    ("change=sideways", "is not one of added"),
    ("colour=red", "unknown filter key(s) colour"),
    ("min_significance=huge", "is not one of routine"),
])
def test_a_bad_feed_filter_is_a_400_that_says_why(app, reports, query, named):
    answer = app.test_client().get(f"/feed.atom?{query}")
    assert answer.status_code == 400 and named in answer.get_data(as_text=True)


@pytest.fixture
def admin(make_app):
    return make_app(ADMIN_TOKEN="s3cret").test_client()


def test_subscriptions_page_adds_and_removes_signed_in(admin, cli, initialised):
    assert "No subscriptions" in admin.get("/subscriptions").get_data(as_text=True)
    SignIn(admin).sign_in("/subscriptions")
    csrf = SignIn(admin).form_token("/subscriptions")
    done = admin.post("/subscriptions", data={
        "csrf_token": csrf, "name": "russia", "channel": "email", "series": "edscg",
        "topic": "Russia", "change": ["weaker", "dropped"], "min_significance": "routine"})
    assert done.status_code == 303
    page = admin.get("/subscriptions").get_data(as_text=True)
    assert "series edscg; topic Russia; change weaker, dropped" in page
    assert 'href="/feed.atom?series=edscg&amp;topic=Russia&amp;change=weaker&amp;change=' \
           'dropped"' in page
    listed = cli("subscriptions", "list").output
    assert "russia" in listed and "database" in listed
    assert admin.post("/subscriptions/russia/remove",
                      data={"csrf_token": csrf}).status_code == 303
    assert "No subscriptions" in admin.get("/subscriptions").get_data(as_text=True)


def test_subscription_writes_need_sign_in_csrf_and_good_input(admin, make_app, initialised):
    before = file_digest(initialised)
    anonymous = make_app(ADMIN_TOKEN="s3cret").test_client()
    assert anonymous.post("/subscriptions", data={"name": "x", "channel": "email"}
                          ).status_code == 302  # to the sign-in page
    SignIn(admin).sign_in("/subscriptions")
    assert admin.post("/subscriptions", data={"name": "x", "channel": "email"}
                      ).status_code == 400  # no CSRF token
    csrf = SignIn(admin).form_token("/subscriptions")
    bad = admin.post("/subscriptions", data={"csrf_token": csrf, "name": "x",
                                             "channel": "email", "change": "sideways"})
    assert bad.status_code == 400 and "sideways" in bad.get_data(as_text=True)
    bad = admin.post("/subscriptions", data={"csrf_token": csrf, "name": "Bad Name",
                                             "channel": "email"})
    assert bad.status_code == 400 and "subscription name" in bad.get_data(as_text=True)
    gone = admin.post("/subscriptions/nothing/remove", data={"csrf_token": csrf})
    assert gone.status_code == 404
    assert file_digest(initialised) == before


def test_cli_refuses_bad_subscriptions_in_one_line(cli, initialised, tmp_path):
    before = file_digest(initialised)
    config = tmp_path / "tracker.toml"
    config.write_text('[subscription.weak]\nchannel = "email"\nchange = "sideways"\n')
    for args in (("--config", str(config), "subscriptions", "list"),
                 ("subscriptions", "test", "weak", "--topic", "Russia"),
                 ("subscriptions", "remove", "nothing")):
        result = cli(*args)
        assert result.exit_code == 1 and result.output.count("\n") == 1, result.output
        assert result.output.startswith("tracker: error: ")
    assert "[subscription.weak]: change: 'sideways'" in cli(
        "--config", str(config), "subscriptions", "list").output
    config.write_text('[subscription.weak]\nchannel = "email"\ntopic = "Russia"\n')
    taken = cli("--config", str(config), "subscriptions", "add", "weak", "--channel", "webhook")
    assert taken.exit_code == 1 and "is in tracker.toml already" in taken.output
    kept = cli("--config", str(config), "subscriptions", "remove", "weak")
    assert kept.exit_code == 1 and "remove its [subscription.weak] table" in kept.output
    assert file_digest(initialised) == before


def test_an_annotation_made_after_a_report_counts_for_min_significance(app, reports,
                                                                        initialised, cli):
    """A unit judged major later makes its stored report pass a
    ``min_significance = major`` filter, in the feed and in the replay."""
    from tracker.compare.keys import unit_key
    from tracker.model import AnnotationSubject

    client, major = app.test_client(), "/feed.atom?series=edscg&min_significance=major"
    assert feedparser.parse(client.get(major).get_data()).entries == []
    weakened = OLD.split(". ")[1]
    key = unit_key(weakened, WEAKER.split(". ")[1])
    with open_store(initialised) as store:
        store.annotate(AnnotationSubject("unit", key, weakened, "a@1", "a@2"),
                       note="softened", significance="major", by="test")
    entries = feedparser.parse(client.get(major).get_data()).entries
    assert len(entries) == 1
    assert entries[0].title.startswith("edscg-5-joint-statement changed (only")
    summary = " ".join(entries[0].summary.split())
    assert "{+noted the +}military cooperation" in summary
    assert "deploy strategic assets" not in summary
    replay = cli("subscriptions", "test", "--series", "edscg", "--min-significance", "major")
    assert replay.exit_code == 0, replay.output
    assert "edscg-5-joint-statement changed" in replay.output
