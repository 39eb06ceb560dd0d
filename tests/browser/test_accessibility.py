"""Every page passes axe-core's WCAG 2 A and AA rules, in a real chromium.

axe-core comes from npm (``make test`` installs it into ``node_modules/``,
or ``$TRACKER_AXE`` names ``axe.min.js``). The pages forbid inline scripts,
so the check runs in a context that lifts the page's own CSP for axe alone;
what is checked is the markup the server sends.
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import initialised_db, serve
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = Path(os.environ.get("TRACKER_AXE") or ROOT / "node_modules" / "axe-core" / "axe.min.js")
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = [
    "/", "/meetings", "/documents", "/compare", "/compare/edscg-4...edscg-5",
    "/compare/edscg-4...edscg-5?view=side", "/compare/edscg-4...edscg-5?changes=all",
    "/documents/edscg-5-joint-statement", "/documents/edscg-5-joint-statement/v1",
    "/documents/edscg-9-joint-statement/v2", "/commitments/edscg", "/terms/edscg",
    "/terms/edscg?term=swift&meeting=edscg-5",
    "/search", "/search?q=deterrence", "/sources", "/reports", "/login", "/since",
    "/subscriptions",
    "/documents/no-such-document",
    "/compare/ncg-1-joint-readout...ncg-1-joint-readout-ko",
    "/compare/ncg-4-joint-statement...ncg-4-joint-statement-ko?mode=words",
    "/terms/ncg?language=ko&term=swift&meeting=ncg-1", "/terms/ncg/languages",
    "/search?q=%EA%B7%9C%ED%83%84",
]
# What only a signed-in admin sees: the forms that write.
ADMIN_PAGES = ["/add", "/sources", "/documents/edscg-5-joint-statement", "/subscriptions",
               "/since", "/compare/edscg-4...edscg-5", "/compare/edscg-4...edscg-5?view=side",
               "/commitments/edscg"]
TOKEN = "axe-s3cret"


@pytest.fixture(scope="module")
def axe_page(browser):
    assert AXE.is_file(), f"{AXE} is missing: `make test` installs axe-core from npm"
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened, AXE.read_text(encoding="utf-8")
    context.close()


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    db = initialised_db(tmp_path_factory, "axe-admin")
    yield from serve(db, {**os.environ, "TRACKER_ADMIN_TOKEN": TOKEN})


def violations(page, axe: str) -> list[tuple]:
    """axe-core's findings on the loaded page, one short tuple each."""
    page.evaluate(axe)
    result = page.evaluate("rules => axe.run({runOnly: {type: 'tag', values: rules}})", RULES)
    return [(v["id"], v["help"], [n["html"][:120] for n in v["nodes"]][:3])
            for v in result["violations"]]


@pytest.mark.parametrize("path", PAGES)
def test_no_wcag_violation(server, axe_page, path):
    page, axe = axe_page
    page.goto(server + path)
    assert not (found := violations(page, axe)), found


def test_no_wcag_violation_on_the_admin_forms(admin_server, axe_page):
    page, axe = axe_page
    page.goto(admin_server + "/login?next=/add")
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/add")
    found = {}
    for path in ADMIN_PAGES:
        page.goto(admin_server + path)
        assert "/login" not in page.url, path  # still signed in, not sent to sign in
        found[path] = violations(page, axe)
    assert not any(found.values()), found


# Past MAX_OPTIONS meetings the pickers become text fields, and a search
# with more hits than a page has page links: a tracker that large is built here.
LARGE_PAGES = ["/compare/beacon-1...beacon-2", "/search", "/search?q=lighthouse",
               "/search?q=lighthouse&page=2"]


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    from tracker.model import Capture, DocumentSpec, MeetingSpec
    from tracker.store import open_store
    from tracker.web.choices import MAX_OPTIONS

    db = initialised_db(tmp_path_factory, "axe-large")
    with open_store(db) as store:
        store.add_many([(DocumentSpec(f"beacon-{n}-statement",
                                      MeetingSpec(f"beacon-{n}", "beacon", number=n,
                                                  date=f"2030-01-{n % 28 + 1:02d}")),
                         Capture(f"The allies lit lighthouse {n}."))
                        for n in range(1, MAX_OPTIONS + 20)])
    yield from serve(db)


@pytest.mark.parametrize("path", LARGE_PAGES)
def test_no_wcag_violation_on_a_large_tracker(large_server, axe_page, path):
    page, axe = axe_page
    page.goto(large_server + path)
    assert not (found := violations(page, axe)), found


def test_the_typed_picker_compares_what_is_typed(large_server, axe_page):
    page, _ = axe_page
    page.goto(large_server + "/compare/beacon-1...beacon-2")
    assert page.locator("select#pick-a").count() == 0  # no list of 300 options
    page.locator("#pick-a").fill("beacon-7")
    page.locator("#pick-b").fill("beacon-9-statement@1")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/compare/beacon-7...beacon-9-statement@1*")
    assert "lighthouse" in page.content()
