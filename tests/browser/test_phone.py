"""Every reading page fits a 420-px phone: the page never scrolls sideways
(a wide table may scroll inside its own box, never the page)."""

import os

import pytest

from tests.browser.conftest import initialised_db, serve

pytestmark = pytest.mark.browser

PHONE = {"width": 420, "height": 900}
PAGES = ["/", "/compare/edscg-4...edscg-5", "/compare/edscg-4...edscg-5?view=side",
         "/documents/edscg-5-joint-statement", "/search", "/search?q=deterrence", "/sources",
         "/reports", "/since", "/subscriptions"]
# The forms only a signed-in admin sees (their inputs are 50 or 60 characters wide).
ADMIN_PAGES = ["/add", "/sources", "/documents/edscg-5-joint-statement", "/subscriptions",
               "/since", "/compare/edscg-4...edscg-5", "/compare/edscg-4...edscg-5?view=side"]
TOKEN = "phone-s3cret"


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    db = initialised_db(tmp_path_factory, "phone-admin")
    yield from serve(db, {**os.environ, "TRACKER_ADMIN_TOKEN": TOKEN})


def page_width(page) -> tuple[int, list[str]]:
    """The page's scroll width, and the start of the first elements past the edge."""
    wider = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
        .slice(0, 5).map(e => e.outerHTML.slice(0, 80))""")
    return page.evaluate("document.documentElement.scrollWidth"), wider


# The first screen of these pages on a phone, for people to look at.
SHOTS = {"/": "home-phone.png", "/compare/edscg-4...edscg-5": "compare-phone.png",
         "/compare/edscg-4...edscg-5?view=side": "compare-side-by-side-phone.png"}


@pytest.mark.parametrize("path", PAGES)
def test_the_page_fits_420_px(server, phone, screenshots, path):
    phone.goto(server + path)
    width, wider = page_width(phone)
    if path in SHOTS:
        phone.screenshot(path=str(screenshots / SHOTS[path]))
    assert width <= PHONE["width"], (width, wider)


def test_the_admin_forms_fit_420_px(admin_server, phone):
    phone.goto(admin_server + "/login?next=/add")
    phone.fill("#token", TOKEN)
    phone.locator("form button[type=submit]").first.click()
    phone.wait_for_url("**/add")
    widths = {}
    for path in ADMIN_PAGES:
        phone.goto(admin_server + path)
        widths[path] = page_width(phone)
    assert all(width <= PHONE["width"] for width, _ in widths.values()), widths


def test_the_commitments_table_reads_as_one_block_per_commitment(server, phone):
    """On a phone each commitment keeps its actors and topics, each named."""
    phone.goto(server + "/compare/edscg-4...edscg-5")
    row = phone.locator("table.commitment-table tbody tr").first
    cells = row.locator("td")
    first, second = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"] - 1  # stacked, not side by side
    label = cells.nth(2).evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"Actors: "'
