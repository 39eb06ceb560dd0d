"""Reports carry what analysts recorded (issue 13): an annotation made on a
change before its report is built travels with the report's item, by unit
key, to every channel (email, webhook, outbox, feed). A real page on a local
HTTP server, real checks, real SMTP and HTTP receivers."""

import json

import feedparser
import pytest

from tests.watch.test_report_subjects import check, settings_for
from tracker.compare.keys import unit_key
from tracker.model import AnnotationSubject
from tracker.reports.deliver import deliver_due
from tracker.reports.feed import render_atom

BASE = [
    "The United States and the Republic of Korea held the sixth meeting of the EDSCG in Seoul.",
    "The United States reaffirmed its ironclad commitment to the defense of the ROK.",
    "The two sides agreed to hold the next meeting in Washington.",
]
DEPLOY = "The United States will deploy strategic assets to the Korean Peninsula more often."
VENUE = "The two sides agreed to hold the next meeting in Honolulu."
LATER = [BASE[0], BASE[1], VENUE, DEPLOY]
NOTE = "First promise of *more* deployments <script>alert(1)</script>"


def annotate(store, key: str, excerpt: str, **fields):
    subject = AnnotationSubject("unit", key, excerpt, "edscg-6-joint-statement@1",
                                "edscg-6-joint-statement@2")
    return store.annotate(subject, by="analyst", **fields)


@pytest.fixture
def delivered(store, httpserver, watch_source, mailbox, tmp_path):
    """v1, then v2 with an added commitment and a new venue; before v2, an
    analyst had judged both changes (and withdrawn a third judgement)."""
    settings = settings_for(mailbox, httpserver, tmp_path / "outbox")
    source = watch_source()
    assert check(store, httpserver, source, BASE, settings).outcome == "new-version"
    annotate(store, unit_key(None, DEPLOY), DEPLOY, note=NOTE, significance="major",
             tags=["deployment"])
    annotate(store, unit_key(BASE[2], VENUE), VENUE, note="Venue moved west",
             significance="notable", tags=())
    withdrawn = annotate(store, unit_key(None, DEPLOY), DEPLOY, note="Withdrawn judgement",
                         significance="routine")
    store.remove_annotation(withdrawn.id, by="analyst")
    assert check(store, httpserver, source, LATER, settings).outcome == "new-version"
    assert deliver_due(store, settings).failed == 0
    hooks = [json.loads(request.get_data()) for request, _ in httpserver.log
             if request.path == "/hook"]
    [report] = [r for r in store.reports(10) if r.kind == "version"]
    return report, hooks, tmp_path / "outbox"


def test_the_payload_items_carry_their_annotations(delivered):
    report = delivered[0]
    [added] = report.payload["sections"]["added"]
    assert added["text"] == DEPLOY
    [note] = added["annotations"]  # the withdrawn one is not carried
    assert note["significance"] == "major" and note["tags"] == ["deployment"]
    assert note["note"] == NOTE and note["created_by"] == "analyst" and note["uid"]
    [venue] = [i for i in report.payload["sections"]["other"] if i["text"] == VENUE]
    assert [n["note"] for n in venue["annotations"]] == ["Venue moved west"]
    unannotated = [i for items in report.payload["sections"].values() for i in items
                   if i["text"] not in (DEPLOY, VENUE)]
    assert all("annotations" not in item for item in unannotated)


def test_every_channel_shows_the_annotations(delivered, mailbox, store):
    report, hooks, outbox = delivered
    day = store.reports(10)[0].created_at[:10]
    line = f"✎ major [deployment]: {NOTE} (analyst, {day})"
    [message] = [m for m in mailbox.messages if m["Subject"] == report.title]
    text = message.get_body(("plain",)).get_content()
    assert line in text and "Of these, annotated (1):" in text
    assert "✎ notable: Venue moved west" in text.split("Of these, annotated (1):")[1]
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "✎ notable: Venue moved west" in html
    [hook] = [h for h in hooks if h["key"] == report.key]
    assert hook["sections"]["added"][0]["annotations"][0]["note"] == NOTE
    [markdown] = outbox.glob(f"{report.id}-*.md")
    written = markdown.read_text(encoding="utf-8")
    assert ("✎ major \\[deployment\\]: First promise of \\*more\\* deployments "
            "\\<script\\>") in written
    assert "Of these, annotated (1):" in written
    [saved] = outbox.glob(f"{report.id}-*.json")
    assert json.loads(saved.read_text())["sections"]["added"][0]["annotations"][0]["uid"]
    feed = feedparser.parse(render_atom([report], "http://tracker.test"))
    assert "✎ major [deployment]" in feed.entries[0].summary
    assert "Venue moved west" in feed.entries[0].content[0].value
