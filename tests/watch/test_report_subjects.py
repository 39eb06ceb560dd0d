"""Change reports an analyst can triage from the inbox (issue 13): the
subject names the most significant change, so a weakening, an addition and a
pure reorder never share a subject; every channel (email, webhook, outbox,
feed) carries the watched official URL and the capture time. A real page on
a local HTTP server, real checks, real SMTP and HTTP receivers."""

import json

import feedparser
import pytest

from tests.test_reports import email_table
from tests.watch.conftest import page, quick_settings
from tracker.reports.deliver import deliver_due
from tracker.reports.feed import render_atom
from tracker.settings import Settings
from tracker.watch.check import check_source

BASE = [
    "The United States and the Republic of Korea held the sixth meeting of the EDSCG in Seoul.",
    "The United States reaffirmed its ironclad commitment to the defense of the ROK.",
    "The two sides expressed concern about the DPRK's missile launches.",
    "The two sides agreed to hold the next meeting in Washington.",
]
WEAKER = [BASE[0], BASE[1].replace("ironclad ", ""), *BASE[2:]]
ADDED = [*WEAKER, "The United States will deploy strategic assets to the Korean Peninsula "
                  "more often."]
REORDERED = [ADDED[0], ADDED[2], ADDED[1], *ADDED[3:]]


def settings_for(mailbox, httpserver, outbox) -> Settings:
    return Settings(base_url="http://tracker.test", watch=quick_settings().watch, channels={
        "email": email_table(mailbox.port), "outbox": {"folder": str(outbox)},
        "webhook": {"url": httpserver.url_for("/hook"), "timeout": 5}})


def check(store, httpserver, source, paragraphs, settings):
    httpserver.clear()
    httpserver.expect_request("/statement").respond_with_data(
        page(paragraphs), content_type="text/html; charset=utf-8")
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    return check_source(store, store.source(source.id), settings)


@pytest.fixture
def reports(store, httpserver, watch_source, mailbox, tmp_path):
    """Four versions of a watched page: the text, a weakening, an addition,
    a reorder; every report delivered on every channel."""
    settings = settings_for(mailbox, httpserver, tmp_path / "outbox")
    source = watch_source()
    for paragraphs in (BASE, WEAKER, ADDED, REORDERED):
        assert check(store, httpserver, source, paragraphs, settings).outcome == "new-version"
    round_ = deliver_due(store, settings)
    assert round_.failed == 0, round_
    hooks = [json.loads(request.get_data()) for request, _ in httpserver.log
             if request.path == "/hook"]
    return store.reports(10), hooks, tmp_path / "outbox"


def version_titles(reports) -> dict[int, str]:
    return {report.version: report.title for report in reports if report.kind == "version"}


def test_the_subject_names_the_most_significant_change(reports):
    titles = version_titles(reports[0])
    assert titles == {
        2: "EDSCG 6 · joint statement: 1 commitment weaker ('ironclad' dropped) (v1 → v2)",
        3: "EDSCG 6 · joint statement: 1 commitment added (v2 → v3)",
        4: "EDSCG 6 · joint statement: reordered, no wording changed (1 sentence moved) "
           "(v3 → v4)",
    }


def test_a_reorder_report_lists_what_moved(reports, mailbox):
    reorder = next(r for r in reports[0] if r.version == 4)
    [moved] = [item for item in reorder.payload["sections"]["other"] if item["moved"]]
    assert "ironclad" not in moved["text"] and "reaffirmed its commitment" in moved["text"]
    assert moved["moved_from"] == "moved from after «The United States and the Republic of " \
                                  "Korea …»"
    [message] = [m for m in mailbox.messages if "reordered" in m["Subject"]]
    body = message.get_body(("plain",)).get_content()
    assert "Of these, moved (1):" in body and moved["moved_from"] in body


def test_every_channel_carries_the_official_url_and_the_capture_time(
        reports, store, httpserver, mailbox):
    found, hooks, outbox = reports
    url = httpserver.url_for("/statement")
    for report in found:
        captured = store.snapshot(report.document, report.version).info.captured_at
        facts = (f"Official text: {url}" if report.kind == "version" else
                 f"Official text, after: {url}", f"captured {captured}")
        [message] = [m for m in mailbox.messages if m["Subject"] == report.title]
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        assert all(fact in text for fact in facts), report.title
        assert f'<a href="{url}">{url}</a>' in html and f"captured {captured}" in html
        [hook] = [h for h in hooks if h["key"] == report.key]
        assert hook["sources"]["b"]["url"] == url
        assert hook["sources"]["b"]["captured_at"] == captured
        assert hook["link"].startswith("http://tracker.test/compare/")
        [markdown] = outbox.glob(f"{report.id}-*.md")
        written = markdown.read_text(encoding="utf-8")
        assert f": <{url}>" in written and f"captured {captured}" in written
        assert "edscg-6-joint-statement" in json.dumps(hook)  # slugs stay in JSON
    feed = feedparser.parse(render_atom(found, "http://tracker.test"))
    for entry, report in zip(feed.entries, found, strict=True):
        captured = store.snapshot(report.document, report.version).info.captured_at
        assert url in entry.summary and f"captured {captured}" in entry.summary
        assert url in entry.content[0].value


def test_outbox_markdown_escapes_only_where_markdown_acts(reports):
    for markdown in reports[2].glob("*.md"):
        written = markdown.read_text(encoding="utf-8")
        assert "\\-" not in written.replace("\n\\-", "") and "\\." not in written
        assert "EDSCG 6 · joint statement" in written
