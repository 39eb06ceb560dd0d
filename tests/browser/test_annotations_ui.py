"""Annotating in a real chromium against a real server, the commitments and
terms pages on a phone-sized screen, and the screenshots of the main pages
(written to ``test-artifacts/screenshots/``, which git ignores)."""

import json
import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import initialised_db, serve

pytestmark = pytest.mark.browser

TOKEN = "annotate-s3cret"
PAGE = "/compare/edscg-4...edscg-5"
PHONE = {"width": 420, "height": 900}
DENUCLEARIZATION = "shared goal of the complete denuclearization"
FIFTH = "Fifth EDSCG meeting (2024-09-04)"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    db = initialised_db(tmp_path_factory, "annotate")
    yield from serve(db, {**os.environ, "TRACKER_ADMIN_TOKEN": TOKEN})


def _sign_in(page, base: str, next_path: str) -> None:
    page.goto(f"{base}/login?next={next_path}")
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{next_path}")


def _json(page, url: str):
    return json.loads(page.request.get(url).text())


def test_an_annotation_added_in_the_page_stays_after_reload_and_is_in_the_json(
        admin_server, page, screenshots):
    _sign_in(page, admin_server, PAGE)
    unit = page.locator("ol.inline-units > li.unit", has_text="reckless behavior")
    anchor = unit.get_attribute("id")
    unit.locator("details.annotate summary").click()
    form = unit.locator("form.annotation-form")
    form.get_by_label("Significance").select_option("major")
    form.get_by_label("Tags").fill("dmz, escalation")
    form.get_by_label("Note").fill("Concern, no longer serious concern.")
    form.get_by_role("button", name="Save annotation").click()
    page.wait_for_url(f"**{PAGE}#{anchor}")
    page.reload()
    shown = page.locator(f"#{anchor} ul.annotations li.annotation")
    expect(shown).to_have_count(1)
    expect(shown).to_contain_text("major")
    expect(shown).to_contain_text("#escalation")
    expect(shown).to_contain_text("Concern, no longer serious concern.")
    listed = _json(page, f"{admin_server}/api/annotations?a=edscg-4&b=edscg-5")
    assert [(a["significance"], a["tags"]) for a in listed] == [("major", ["dmz", "escalation"])]
    compared = _json(page, f"{admin_server}/api/compare?a=edscg-4&b=edscg-5")
    assert [f"u{a['unit']}" for a in compared["annotations"]] == [anchor]
    shown.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "compare-annotated.png"))


def test_annotate_a_commitment_thread(admin_server, page):
    _sign_in(page, admin_server, "/commitments/edscg")
    thread = page.locator("article.lineage-thread", has_text=DENUCLEARIZATION).first
    thread_id = thread.get_attribute("id")
    thread.locator("details.annotate summary").click()
    thread.get_by_label("Tags").fill("returned")
    thread.get_by_role("button", name="Save annotation").click()
    # the form posts and is redirected back; reloading before that lands
    # races the navigation (chromium: "Not attached to an active page")
    page.wait_for_url(f"**/commitments/edscg#{thread_id}")
    page.reload()
    expect(page.locator(f"#{thread_id} li.annotation")).to_contain_text("#returned")
    lineage = _json(page, f"{admin_server}/api/annotations?series=edscg")
    assert lineage[0]["key"] == page.locator(f"#{thread_id}").get_attribute("data-key")


def test_the_history_is_one_click_away(server, page, screenshots):
    page.goto(server + "/commitments/edscg")
    thread = page.locator("article.lineage-thread", has_text=DENUCLEARIZATION).first
    history = thread.locator("details.thread-history ol")
    expect(history).to_be_hidden()
    thread.locator("details.thread-history summary").click()
    expect(history).to_be_visible()
    steps = history.locator("li > strong").all_inner_texts()
    # meeting order: new at 3, dropped at 4, back at 5 (the planted edscg-9 comes after)
    assert [s.split()[0] for s in steps[:3]] == ["Third", "Fourth", "Fifth"], steps
    expect(history.locator("li").nth(1)).to_contain_text("dropped")
    page.screenshot(path=str(screenshots / "commitments.png"), full_page=True)


@pytest.mark.parametrize("path", ["/terms/edscg", "/commitments/edscg"])
def test_pages_fit_a_phone_without_scrolling_sideways(server, browser, screenshots, path):
    context = browser.new_context(viewport=PHONE)
    phone = context.new_page()
    phone.goto(server + path)
    widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    name = path.strip("/").split("/")[0].replace(".", "")
    phone.screenshot(path=str(screenshots / f"{name}-phone.png"), full_page=True)
    context.close()
    assert widths[0] <= widths[1], widths


def test_terms_chart_labels_are_whole(server, page, screenshots):
    page.goto(server + "/terms/edscg")
    row = page.get_by_role("rowheader", name="Indo-Pacific and Euro-Atlantic topic")
    expect(row).to_be_visible()
    box = row.bounding_box()
    assert box["x"] >= 0  # not cut off at the left edge, as the SVG's was
    expect(page.get_by_role("columnheader", name=FIFTH)).to_be_visible()
    page.get_by_role("link", name=f"swift in {FIFTH}: 1").click()
    expect(page.locator("#sentences h2")).to_contain_text("Fifth EDSCG meeting")
    page.screenshot(path=str(screenshots / "terms.png"), full_page=True)


def test_screenshots_of_home_and_compare_views(server, page, screenshots):
    for name, path in (("home", "/"), ("compare-inline", PAGE),
                       ("compare-side-by-side", PAGE + "?view=side")):
        page.goto(server + path)
        page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)
    assert {p.name for p in screenshots.iterdir()} >= {"home.png", "compare-inline.png",
                                                       "compare-side-by-side.png"}
