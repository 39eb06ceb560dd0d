"""An admin withdraws a wrong version and brings it back, in headless
chromium against a real ``tracker serve`` with an admin token."""

import os

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import initialised_db, serve
from tracker.model import Capture, DocumentSpec
from tracker.store import open_store

DOC = "edscg-5-joint-statement"
LABEL = "Fifth EDSCG meeting (2024-09-04) · joint statement"  # as pages name DOC
TOKEN = "browser-s3cret"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory):
    db = initialised_db(tmp_path_factory, "corrections")
    with open_store(db) as store:
        store.add(DocumentSpec(DOC), Capture("%PDF-1.4 stored by mistake as text"))
    yield from serve(db, {**os.environ, "TRACKER_ADMIN_TOKEN": TOKEN})


def test_retract_then_bring_back_from_the_document_page(admin_server, page):
    page.goto(f"{admin_server}/login?next=/documents/{DOC}")
    page.fill("#token", TOKEN)
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("#retract-form")).to_be_visible()
    page.select_option("#retract-version", "2")
    page.fill("#retract-reason", "raw PDF bytes")
    page.click("#retract-submit")
    expect(page.locator("ul.retracted")).to_contain_text("v2: raw PDF bytes")
    expect(page.locator("#version-a")).to_have_count(0)
    page.goto(admin_server + "/")
    expect(page.locator("#recent-changes")).to_have_count(0)
    page.goto(f"{admin_server}/documents/{DOC}")
    page.get_by_role("button", name="Bring back v2").click()
    expect(page.locator("#version-a option")).to_have_count(2)
    page.goto(admin_server + "/")
    expect(page.locator("#recent-changes")).to_contain_text(f"{LABEL}: v1 → v2")
