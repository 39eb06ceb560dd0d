"""The "since you last looked" page in headless chromium: a visitor's list,
the mark-all-read button, a version stored afterwards, and its comparison."""


import pytest

from tests.browser.conftest import initialised_db, serve
from tests.browser.test_accessibility import AXE, violations
from tracker.model import Capture, DocumentSpec
from tracker.store import open_store

pytestmark = pytest.mark.browser

DOC = "edscg-5-joint-statement"


@pytest.fixture(scope="module")
def own_server(tmp_path_factory):
    """A server of its own: this test adds versions, which others must not see."""
    db = initialised_db(tmp_path_factory, "since")
    for base in serve(db):
        yield base, db


def test_mark_all_read_then_only_the_new_version_is_listed(own_server, browser):
    base, db = own_server
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "/since")
    rows = page.locator("table.since-list tbody tr")
    assert rows.count() >= 10
    page.get_by_role("button", name="Mark all read").click()
    page.wait_for_url("**/since?marked=1")
    assert page.get_by_role("status").inner_text() == "Marked all read."
    assert page.locator("#since-empty").is_visible() and rows.count() == 0

    with open_store(db) as store:
        text = store.snapshot(DOC).text
        store.add(DocumentSpec(DOC), Capture(text=text + "\n\nThe two sides met again.\n"))
    page.reload()
    assert rows.count() == 1 and "New version" in rows.first.inner_text()
    checker = browser.new_context(bypass_csp=True)  # axe runs as a script of its own
    axe = checker.new_page()
    axe.goto(base + "/since")
    assert not (found := violations(axe, AXE.read_text(encoding="utf-8"))), found
    checker.close()
    page.get_by_role("link", name=f"Compare with {DOC}@1").click()
    page.wait_for_url(f"**/compare/{DOC}@1...{DOC}@2")
    assert "met again" in page.content()
    page.goto(base + "/since")
    page.get_by_role("button", name="Mark all read").click()
    page.wait_for_url("**/since?marked=1")
    assert rows.count() == 0
    context.close()
