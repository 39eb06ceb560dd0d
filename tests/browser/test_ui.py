"""The analyst's path through the UI, in a real headless chromium."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PAYLOAD

pytestmark = pytest.mark.browser  # drives chromium against a real server


def test_from_home_to_what_changed_since_last_meeting(server, page, screenshots):
    page.goto(server + "/")
    expect(page.locator("#meeting-edscg-5")).to_be_visible()
    page.screenshot(path=str(screenshots / "home.png"), full_page=True)
    page.locator("#meeting-edscg-5 a.since-link").click()
    expect(page).to_have_url(re.compile(r"/compare/edscg-4\.\.\.edscg-5$"))
    expect(page.locator("ul.summary")).to_contain_text("added")
    expect(page.locator("table.commitment-table")).to_be_visible()
    page.screenshot(path=str(screenshots / "compare.png"), full_page=True)


def test_switch_to_side_by_side_and_back(server, page, screenshots):
    page.goto(server + "/compare/edscg-4...edscg-5")
    page.locator("#view-side").click()
    expect(page.locator("table.side-by-side").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"view=side"))
    page.screenshot(path=str(screenshots / "compare-side-by-side.png"), full_page=True)
    page.locator("#view-inline").click()
    expect(page.locator("ol.inline-units")).to_be_visible()


def test_filter_commitments_by_topic(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5")
    every = page.locator("table.commitment-table tbody tr").count()
    page.locator("#filter-topic").select_option("cyber")
    page.locator("#apply-filters").click()
    rows = page.locator("table.commitment-table tbody tr")
    expect(rows.first).to_be_visible()
    assert 0 < rows.count() < every
    for topics in rows.locator("td:nth-child(4)").all_inner_texts():
        assert "cyber" in topics


def test_follow_a_moved_unit(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5?changes=all")
    link = page.locator("a.moved-link").first
    target = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    landed = page.locator(target)
    expect(landed).to_be_in_viewport()
    expect(landed.locator("a.moved-link")).to_have_count(1)


def test_pick_two_meetings_from_the_dropdowns(server, page):
    page.goto(server + "/compare/edscg-4...edscg-5")
    page.locator("#pick-a").select_option("edscg-3")
    page.locator("form.picker button").click()
    expect(page).to_have_url(re.compile(r"/compare/edscg-3\.\.\.edscg-5"))


def test_search_a_term(server, page):
    page.goto(server + "/search")
    page.locator("#search-q").fill('"full range"')
    page.locator("#search-q").press("Enter")
    expect(page.locator("#search-count")).to_contain_text("result")
    marks = page.locator(".search-hit mark")
    expect(marks.first).to_have_text(re.compile("full range", re.I))


def test_planted_script_never_runs(server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("/", "/documents/edscg-9-joint-statement",
                 "/documents/edscg-9-joint-statement/v2",
                 "/compare/edscg-9-joint-statement@1...edscg-9-joint-statement@2",
                 "/compare/edscg-5...edscg-9?view=side", "/search?q=allies",
                 "/commitments/edscg", "/terms/edscg", "/sources"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("window.__xss") is None, path
        assert page.locator("script:not([src])").count() == 0, path
        assert page.locator("img[src=x]").count() == 0, path
    page.goto(server + "/documents/edscg-9-joint-statement/v2")
    expect(page.locator("article.statement")).to_contain_text(PAYLOAD[:20])
    assert dialogs == []
