"""Listing sources checked for real: a local server's press-release list,
feed or sitemap gains a link, and the next check stores the statement as a
new document of the right meeting, with one "new statement" report."""

import pytest
from werkzeug import Response

from tests.watch.listings import SERIES_NAME, SIXTH, Site, add_listing, listing_settings
from tracker.watch.check import check_round, check_source
from tracker.watch.jobfile import listing_spec
from tracker.watch.listing import MAX_FOLLOWED
from tracker.watch.sources import register_sources

pytestmark = pytest.mark.usefixtures("initialised")


def check(store, source, settings=None):
    return check_source(store, store.source(source.id), settings or listing_settings())


@pytest.mark.parametrize("fmt", ["html", "rss", "atom", "sitemap"])
def test_a_new_link_becomes_a_new_meeting_statement_with_one_report(store, httpserver, fmt):
    site = Site(httpserver, fmt)
    rule = {"link_text": None, "link_url": r"/press/edscg-\d"} if fmt == "sitemap" else {}
    source = add_listing(store, site.url, **rule)

    first = check(store, source)
    assert first.outcome == "unchanged" and "baseline" in first.message
    assert site.requested("/press/edscg-5") == 0  # the baseline is remembered, not followed

    site.links.insert(0, ("/press/edscg-6", SIXTH))
    found = check(store, source)

    assert found.outcome == "new-statement", found.message
    assert found.reports == 1 and "stored edscg-6-joint-statement v1" in found.message
    document = store.document("edscg-6-joint-statement")
    assert (document.meeting, document.series, document.versions) == ("edscg-6", "edscg", 1)
    assert (store.meeting("edscg-6").number, store.meeting("edscg-6").title) == (
        6, "Sixth EDSCG meeting")
    assert "sixth meeting" in store.snapshot("edscg-6-joint-statement").text
    (report,) = store.reports()
    assert report.kind == "meeting"
    assert report.title.startswith("New statement: Sixth EDSCG meeting")
    assert "since the Fifth EDSCG meeting" in report.title
    assert report.payload["link"].endswith("/compare/edscg-5...edscg-6")
    assert len(store.deliveries(report.id)) == len(listing_settings().channel_names)

    again = check(store, source)
    assert again.outcome == "unchanged" and again.reports == 0
    assert site.requested("/press/edscg-6") == 1 and len(store.reports()) == 1


def _sixth_listed_but_failing(store, httpserver):
    """A listing past its baseline that now lists the sixth statement,
    whose page answers 503 for now."""
    site = Site(httpserver)
    source = add_listing(store, site.url)
    check(store, source)
    site.links.insert(0, ("/press/edscg-6", SIXTH))
    site.failing.add("/press/edscg-6")
    return site, source


def test_a_link_whose_page_fails_is_retried_and_stored_next_time(store, httpserver):
    site, source = _sixth_listed_but_failing(store, httpserver)

    failed = check(store, source)
    assert failed.outcome == "error" and "HTTP 503" in failed.message
    assert store.link_counts(source.id) == {"baseline": 1, "failed": 1}
    assert store.reports() == []

    site.failing.clear()
    stored = check(store, source)
    assert stored.outcome == "new-statement" and stored.reports == 1
    assert store.link_counts(source.id) == {"baseline": 1, "stored": 1}


def test_a_failed_link_is_retried_when_the_list_answers_304(store, httpserver):
    site, source = _sixth_listed_but_failing(store, httpserver)
    assert check(store, source).outcome == "error"
    httpserver.clear_all_handlers()  # the list now only answers "not modified"
    httpserver.expect_request("/press").respond_with_response(Response(status=304))
    httpserver.expect_request("/press/edscg-6").respond_with_data(
        site.statements["/press/edscg-6"], content_type="text/html")

    done = check(store, source)

    assert done.outcome == "new-statement" and "304" in done.message
    assert store.document("edscg-6-joint-statement").versions == 1


def test_an_unclear_meeting_number_is_an_error_never_a_guess(store, httpserver):
    site = Site(httpserver)
    source = add_listing(store, site.url, link_text="Joint Press Release")
    site.links = [("/press/edscg-5", "Joint Press Release")]
    check(store, source)
    site.links.insert(0, ("/press/edscg-6", "Joint Press Release"))
    site.statements["/press/edscg-6"] = site.statements["/press/edscg-6"].replace(
        "sixth meeting", "meeting").replace("Sixth Meeting", "Meeting")

    unclear = check(store, source)

    assert unclear.outcome == "error"
    assert "cannot tell which edscg meeting this is" in unclear.message
    assert "edscg-6" not in [m.slug for m in store.meetings()] and store.reports() == []
    assert store.link_counts(source.id)["unclear"] == 1
    assert store.checks(source.id, limit=1)[0].message == unclear.message


def test_a_meeting_pattern_reads_the_number_where_the_default_cannot(store, httpserver):
    site = Site(httpserver)
    source = add_listing(store, site.url, link_text="EDSCG", meeting_pattern=r"EDSCG-(\d+)")
    site.links = [("/press/edscg-6", "Readout: EDSCG-6 (57th SCM follow-up)")]
    source = add_listing(store, site.url + "?all", link_text="EDSCG",
                         meeting_pattern=r"EDSCG-(\d+)", follow_existing=True)
    httpserver.expect_request("/press", query_string="all").respond_with_handler(
        lambda _r: Response(f'<a href="/press/edscg-6">{site.links[0][1]}</a>',
                            content_type="text/html"))

    done = check(store, source)

    assert done.outcome == "new-statement", done.message
    assert store.document("edscg-6-joint-statement").meeting == "edscg-6"


def test_a_listing_of_2000_links_with_one_new_fetches_only_that_one(store, httpserver):
    site = Site(httpserver)
    site.links = [(f"/press/old-{n}", f"{SERIES_NAME} item {n}") for n in range(2000)]
    source = add_listing(store, site.url)
    roomy = listing_settings(max_bytes=2_000_000)  # the list is about 250 kB
    assert "2000 links listed" in check(store, source, roomy).message
    site.links.insert(0, ("/press/edscg-6", SIXTH))
    before = len(httpserver.log)

    done = check(store, source, roomy)

    assert done.outcome == "new-statement" and "2001 links listed, 1 new" in done.message
    assert [r.path for r, _ in httpserver.log[before:]] == ["/press", "/press/edscg-6"]


def test_discovered_links_are_held_to_the_address_policy(store, httpserver):
    """The listing was added by its owner (private addresses allowed), but
    what it links to comes from the page: a link to an internal address is
    refused before connecting, and recorded."""
    site = Site(httpserver)
    source = add_listing(store, site.url)
    check(store, source)
    site.links.insert(0, ("/press/edscg-6", SIXTH))
    unguarded = listing_settings().__class__(base_url="http://tracker.test",
                                             watch=listing_settings().watch)

    done = check(store, source, unguarded)

    assert done.outcome == "error" and "127.0.0.1, is a loopback" in done.message
    assert site.requested("/press/edscg-6") == 0
    assert store.link_counts(source.id)["failed"] == 1


def test_a_link_to_a_known_statement_is_not_stored_twice(store, httpserver):
    site = Site(httpserver)
    source = add_listing(store, site.url, follow_existing=True)
    site.links.insert(0, ("/press/edscg-6", SIXTH))
    site.links.append(("/press/edscg-6?copy", SIXTH))
    httpserver.expect_request("/press/edscg-6", query_string="copy").respond_with_data(
        site.statements["/press/edscg-6"], content_type="text/html")

    done = check(store, source)

    assert done.outcome == "new-statement", done.message
    counts = store.link_counts(source.id)
    assert counts == {"stored": 2, "known": 1}, done.message  # the 5th, the 6th, its copy
    assert [r.kind for r in store.reports()] == ["meeting"]
    assert store.document("edscg-5-joint-statement-localhost").meeting == "edscg-5"


def test_a_listing_in_a_round_is_checked_like_any_source(store, httpserver, watch_source):
    site = Site(httpserver)
    httpserver.expect_request("/statement").respond_with_data(
        site.statements["/press/edscg-5"], content_type="text/html")
    page_source = watch_source(document="edscg-5-copy", meeting="edscg-5")
    listing = add_listing(store, site.url)

    results = check_round(store, [page_source, store.source(listing.id)], listing_settings())

    assert [r.outcome for r in results] == ["new-version", "unchanged"]
    assert results[1].document == "new edscg statements"
    assert "new edscg statements: unchanged" in results[1].describe()


def test_the_sources_page_shows_what_a_listing_found(store, httpserver, make_app):
    site = Site(httpserver)
    source = add_listing(store, site.url, publisher="U.S. Department of State")
    check(store, source)
    site.links.insert(0, ("/press/edscg-6", SIXTH))
    site.links.insert(0, ("/press/edscg-7", f"<b>Seventh</b> {SERIES_NAME}"))
    check(store, source)

    html = make_app().test_client().get("/sources").get_data(as_text=True)

    assert "<strong>Listing</strong> of new <code>edscg</code> statements" in html
    assert f"follows text &#39;{SERIES_NAME}&#39;" in html
    assert "3 links seen: 1 baseline, 1 failed, 1 stored" in html
    assert 'href="/documents/edscg-6-joint-statement">edscg-6-joint-statement</a>' in html
    assert "&lt;b&gt;Seventh&lt;/b&gt;" in html and "HTTP 500" in html


def test_links_past_the_cap_wait_and_failing_ones_never_starve_them(store, httpserver):
    site = Site(httpserver)
    site.links = [(f"/press/gone-{n}", f"{SERIES_NAME} item {n}") for n in range(MAX_FOLLOWED)]
    source = add_listing(store, site.url)
    check(store, source)  # the baseline
    site.links += [(f"/press/new-{n}", f"{SERIES_NAME} item {n}") for n in range(MAX_FOLLOWED + 5)]
    first = check(store, source)
    assert first.outcome == "error" and store.link_counts(source.id) == {
        "baseline": MAX_FOLLOWED, "failed": MAX_FOLLOWED, "pending": 5}
    check(store, source)  # the five never tried go first, then the failures again
    tried = {link.url: link.attempts for link in store.listing_links(source.id)}
    assert sorted(tried.values()).count(0) == MAX_FOLLOWED  # only the baseline, untried
    assert max(tried.values()) == 2 and store.link_counts(source.id)["failed"] == MAX_FOLLOWED + 5


def test_a_new_rule_reads_the_whole_list_again(store, httpserver):
    site = Site(httpserver)
    source = add_listing(store, site.url)
    with store.write():
        store.update_source_state(source.id, etag='"v1"', last_modified=None)
    spec = listing_spec(site.url, "edscg", link_text=SERIES_NAME, every="6h")
    register_sources(store, [spec], update=True)
    assert store.source(source.id).etag == '"v1"'  # the same rule keeps the validators
    wider = listing_spec(site.url, "edscg", link_text="Joint Statement", every="6h")
    register_sources(store, [wider], update=True)
    assert store.source(source.id).etag is None
    assert store.source(source.id).listing.text == "Joint Statement"
