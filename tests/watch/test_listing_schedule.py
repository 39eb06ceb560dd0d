"""`tracker schedule` for real with a listing source: the press-release list
on a local server gains a link to the sixth meeting's statement, whose page
fails at first; the next round stores it as a new document of edscg-6,
and exactly one "new statement" report, compared with the fifth meeting,
reaches the outbox, the mail server (aiosmtpd) and the webhook. Later
rounds send nothing."""

import json
import time

import pytest
from werkzeug import Response

from tests.conftest import run_tracker
from tests.watch.listings import SERIES_NAME, SIXTH, Site
from tests.watch.test_schedule import _config, _start, _stop, _wait, smtp  # noqa: F401
from tracker.errors import NotFoundError
from tracker.store import open_store

INTERVAL = 2


def _link_states(db) -> dict:
    with open_store(db) as store:
        listing = next(s for s in store.sources() if s.is_listing)
        return store.link_counts(listing.id)


def _stored(db) -> bool:
    with open_store(db) as store:
        try:
            return store.document("edscg-6-joint-statement").versions == 1
        except NotFoundError:
            return False


def _sent(db) -> list:
    with open_store(db) as store:
        return [d for d in store.deliveries() if d.status == "sent"]


@pytest.mark.slow
def test_a_new_statement_on_a_listing_reaches_every_channel_once(tmp_path, initialised,
                                                                 httpserver, smtp):  # noqa: F811
    inbox, smtp_port = smtp
    site = Site(httpserver)
    hooks = []
    httpserver.expect_request("/hook", method="POST").respond_with_handler(
        lambda request: hooks.append(json.loads(request.get_data())) or Response("ok"))
    config = _config(tmp_path, smtp_port, httpserver.url_for("/hook"))
    with config.open("a") as file:  # the listing's links are fetched under the address policy
        file.write('[fetch]\nallowed_networks = ["127.0.0.1/32"]\n')
    process = _start(initialised, config)
    try:
        added = run_tracker("--db", str(initialised), "sources", "add", site.url, "--listing",
                            "--series", "edscg", "--link-text", SERIES_NAME,
                            "--every", f"{INTERVAL}s")
        assert added.returncode == 0, added.stderr
        _wait(lambda: _link_states(initialised) == {"baseline": 1}, what="the baseline")
        site.failing.add("/press/edscg-6")
        site.links.insert(0, ("/press/edscg-6", SIXTH))
        listed_at = time.monotonic()
        _wait(lambda: _link_states(initialised).get("failed") == 1, what="the failed link")
        assert time.monotonic() - listed_at < INTERVAL + 3  # found and tried within one interval
        site.failing.clear()
        mended_at = time.monotonic()
        _wait(lambda: _stored(initialised), what="the new statement")
        assert time.monotonic() - mended_at < INTERVAL + 3  # one interval (+ jitter, a check)
        _wait(lambda: len(_sent(initialised)) == 3, what="the report on 3 channels")
        time.sleep(3 * INTERVAL)  # more rounds: nothing new, nothing sent
    finally:
        output = _stop(process)

    assert "stopped" in output
    with open_store(initialised) as store:
        reports = store.reports()
        document = store.document("edscg-6-joint-statement")
    assert [r.kind for r in reports] == ["meeting"] and document.meeting == "edscg-6"
    assert reports[0].payload["link"].endswith("/compare/edscg-5...edscg-6")
    assert len(_sent(initialised)) == 3 and len(inbox.messages) == 1 and len(hooks) == 1
    assert "New statement: Sixth EDSCG meeting" in inbox.messages[0]
    assert hooks[0]["key"] == reports[0].key
    assert len(list((tmp_path / "outbox").glob("*.md"))) == 1
    assert site.requested("/press/edscg-6") == 2  # the failure, then the statement: no more
    assert _link_states(initialised) == {"baseline": 1, "stored": 1}
