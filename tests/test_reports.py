"""Change-report delivery end to end: real SMTP and HTTP servers on loopback,
real SQLite files, reports built from real comparisons of the bundled corpus."""

import asyncio
import email
import hashlib
import hmac
import json
import re
import threading
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email import policy
from pathlib import Path

import feedparser
import pytest
from aiosmtpd.controller import Controller
from pytest_httpserver import HTTPServer
from werkzeug import Response

from tests.conftest import free_port
from tracker.compare import compare_texts
from tracker.errors import InputError
from tracker.reports.build import build_report
from tracker.reports.channels import (
    CHANNEL_TYPES,
    DeliveryError,
    EmailChannel,
    OutboxChannel,
    WebhookChannel,
    make_channel,
    message_id,
)
from tracker.reports.deliver import DeliveryRound, RetryPolicy, deliver_due
from tracker.reports.feed import render_atom
from tracker.reports.render import render_html, render_json, render_markdown, render_text
from tracker.settings import Settings, parse_settings
from tracker.store import open_store
from tracker.store.corpus import load_bundled_corpus
from tracker.web import create_app

T0 = "2026-03-01T09:00:00Z"
LINK = "http://tracker.example/compare/edscg-4-joint-press-release...edscg-5-joint-statement"
HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'
SECRET = "webhook-secret"


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: str = T0):
        self.moment = datetime.strptime(start, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)

    def __call__(self) -> str:
        return self.moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    def advance(self, seconds: float) -> None:
        self.moment += timedelta(seconds=seconds)

    def later(self, seconds: float) -> str:
        return (self.moment + timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.db"
    with open_store(path) as store:
        load_bundled_corpus(store)
    return path


@pytest.fixture
def store(db: Path):
    with open_store(db) as opened:
        yield opened


@pytest.fixture
def hook(httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    return httpserver


@pytest.fixture
def failing_hook(httpserver):
    httpserver.expect_request("/hook", method="POST").respond_with_data("down", status=500)
    return httpserver


@pytest.fixture(autouse=True)
def webhook_secret(monkeypatch):
    monkeypatch.setenv("TRACKER_TEST_HOOK_SECRET", SECRET)


def email_table(port: int) -> dict:
    return {"host": "127.0.0.1", "port": port, "security": "none", "timeout": 5,
            "from": "tracker@tracker.example", "to": ["desk@example.org", "news@example.org"]}


def webhook_table(server) -> dict:
    return {"url": server.url_for("/hook"), "secret_env": "TRACKER_TEST_HOOK_SECRET",
            "timeout": 5}


def corpus_payload(store, title: str = "EDSCG 5 joint statement changed") -> dict:
    a = store.snapshot("edscg-4-joint-press-release")
    b = store.snapshot("edscg-5-joint-statement")
    comparison = compare_texts(a.text, b.text, a.label, b.label)
    return build_report(comparison, kind="meeting", title=title,
                        document="edscg-5-joint-statement", meeting="edscg-5", link=LINK)


def hostile_payload() -> dict:
    comparison = compare_texts(
        "The two sides reaffirmed their commitment to deterrence.",
        f"The two sides reaffirmed their firm commitment to deterrence {HOSTILE}. "
        f"The United States shall defend the ROK {HOSTILE}.", "x@1", "x@2")
    return build_report(comparison, kind="version", title=f"Hostile {HOSTILE}",
                        document=None, meeting=None, link="javascript:alert(1)")


def add_report(store, channels: list[str], key: str = "edscg-5-joint-statement@1",
               payload: dict | None = None, now: str = T0) -> int:
    payload = payload or corpus_payload(store)
    with store.write():
        return store.insert_report(key, payload["kind"], payload["document"], None,
                                   payload["title"], payload, channels, now)


def by_channel(store, report_id: int) -> dict:
    return {d.channel: d for d in store.deliveries(report_id=report_id)}


# -- rendering ---------------------------------------------------------------

def test_every_format_shows_title_counts_sections_other_and_link(store):
    payload = corpus_payload(store)
    stronger = payload["sections"]["stronger"][0]
    others = len(payload["sections"]["other"])
    text, markdown = render_text(payload), render_markdown(payload)
    html = render_html(payload)
    for rendered in (text, markdown, html):
        assert "EDSCG 5 joint statement changed" in rendered
        assert "1 stronger" in rendered and "16 sentences added (14 commitments)" in rendered
        assert "Commitments added (14)" in rendered
        assert "Commitments strengthened (1)" in rendered
        assert f"Other changes: {others}" in rendered
        assert LINK in rendered
        assert "DPRK-Russia cooperation" in rendered.replace("\\-", "-")
    assert "[-expressed their strongest concern about military cooperation-]" in text
    assert "{+condemned arms transfers+}" in text
    assert f"Context: {stronger['context']}" in text
    assert "~~expressed their strongest concern about military cooperation~~" in markdown
    assert "**condemned arms transfers**" in markdown
    assert "<del>expressed their strongest concern about military cooperation</del>" in html
    assert "<ins>condemned arms transfers</ins>" in html
    assert json.loads(render_json(payload)) == payload


def test_every_format_gives_the_net_verdict_of_each_topic_under_the_counts(store):
    """The analyst's question, answered beside the counts: on DPRK-Russia
    cooperation the new statement is firmer (condemned, called on added;
    'strongest concern' gone), whatever the single sentences say."""
    payload = corpus_payload(store)
    line = next(line for line in payload["topics"] if line.startswith("DPRK-Russia cooperation"))
    assert line.startswith("DPRK-Russia cooperation: stronger (")
    assert "strongest concern" in line
    assert all(": same" not in topic for topic in payload["topics"])
    for rendered in (render_text(payload), render_markdown(payload).replace("\\", ""),
                     render_html(payload)):
        head = rendered.split("Commitments")[0]
        assert "Topic: DPRK-Russia cooperation: stronger" in head


def test_a_payload_stored_without_topics_still_renders(store):
    payload = {key: value for key, value in corpus_payload(store).items() if key != "topics"}
    assert "Topic:" not in render_text(payload)


def test_html_and_markdown_escape_source_text():
    payload = hostile_payload()
    for html in (render_html(payload), render_html(payload, email=True)):
        assert "<script" not in html and "<img" not in html
        assert "&lt;script&gt;" in html
        assert "javascript:" not in html
    markdown = render_markdown(payload)
    assert not re.search(r"(?<!\\)<", markdown) and "\\<script\\>" in markdown
    assert "javascript:" not in markdown and "javascript:" not in render_text(payload)
    assert "<script" not in render_atom([_fake_report(payload)], "http://t.example")


def _fake_report(payload: dict, report_id: int = 1, key: str = "k"):
    from tracker.model import Report

    return Report(report_id, key, payload["kind"], None, None, T0, payload["title"], payload)


# -- channel settings --------------------------------------------------------

@pytest.mark.parametrize(("name", "table", "named"), [
    ("email", {"from": "a@b.example", "to": ["c@d.example"]}, "host"),
    ("email", {"host": "h", "to": ["c@d.example"]}, "from"),
    ("email", {"host": "h", "from": "a@b.example"}, "to"),
    ("email", {"host": "h", "from": "a@b.example", "to": ["x"], "security": "none"}, "to"),
    ("email", {"host": "h", "from": "a@b.example", "to": "c@d.example", "security": "ssl"},
     "security"),
    ("email", {"host": "h", "from": "a@b.example", "to": "c@d.example", "port": "25"}, "port"),
    ("email", {"host": "h", "from": "a@b.example", "to": "c@d.example", "username": "u"},
     "password_env"),
    ("email", {"host": "h", "from": "a@b.example", "to": "c@d.example", "username": "u",
               "password_env": "TRACKER_TEST_UNSET"}, "TRACKER_TEST_UNSET"),
    ("webhook", {}, "url"),
    ("webhook", {"url": "ftp://x.example/"}, "url"),
    ("webhook", {"url": "http://x.example/", "secret_env": "TRACKER_TEST_UNSET"},
     "TRACKER_TEST_UNSET"),
    ("webhook", {"url": "http://x.example/", "timeout": -1}, "timeout"),
    ("webhook", {"url": "http://x.example/", "secret": "inline"}, "secret"),
    ("outbox", {}, "folder"),
])
def test_channel_settings_are_checked_up_front(name, table, named):
    with pytest.raises(InputError, match=named):
        make_channel(name, table)


def test_registry_names_the_three_channels_and_documents_them():
    assert set(CHANNEL_TYPES) == {"email", "webhook", "outbox"}
    for cls in CHANNEL_TYPES.values():
        assert f"[report.{cls.name}]" in cls.__doc__


@pytest.mark.parametrize(("attempts_before", "wait"), [
    (0, 30), (1, 60), (2, 120), (3, 240), (4, 480), (5, None)])
def test_backoff_doubles_until_the_last_attempt(attempts_before, wait):
    assert RetryPolicy().retry_in(attempts_before) == wait


def test_backoff_is_capped_at_an_hour():
    assert RetryPolicy(max_attempts=20).retry_in(10) == 3600


# -- channels against real servers -------------------------------------------

def test_email_reaches_the_smtp_server_with_both_parts(store, mailbox):
    settings = Settings(channels={"email": email_table(mailbox.port)})
    report_id = add_report(store, ["email"])
    result = deliver_due(store, settings, now=Clock())
    assert result == DeliveryRound(sent=1, messages=(f"report {report_id} via email: sent",))
    [message] = mailbox.messages
    assert mailbox.recipients == [["desk@example.org", "news@example.org"]]
    assert message["Subject"] == "EDSCG 5 joint statement changed"
    assert message["Message-ID"] == message_id("edscg-5-joint-statement@1",
                                               "tracker@tracker.example")
    assert message["X-Tracker-Report-Key"] == "edscg-5-joint-statement@1"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "{+condemned arms transfers+}" in text and LINK in text
    assert "condemned arms transfers</ins>" in html
    assert f'href="{LINK}"' in html
    assert by_channel(store, report_id)["email"].status == "sent"


def test_message_id_is_stable_for_a_report_and_distinct_between_reports(store):
    channel = EmailChannel(email_table(25))
    payload = corpus_payload(store)
    first = channel.message(_fake_report(payload, 1, "a@1"))["Message-ID"]
    assert channel.message(_fake_report(payload, 1, "a@1"))["Message-ID"] == first
    assert channel.message(_fake_report(payload, 2, "a@2"))["Message-ID"] != first
    assert first.endswith("@tracker.example>")


def readme_verifier():
    """The receiver's check as the README gives it, run as written."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    [code] = [block for block in re.findall(r"```python\n(.*?)```", readme, re.S)
              if "def verify(" in block]
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 (our own README)
    return scope["verify"], scope["TOLERANCE"]


def test_webhook_signs_timestamp_key_and_body(store, hook):
    settings = Settings(channels={"webhook": webhook_table(hook)})
    report_id = add_report(store, ["webhook"])
    assert deliver_due(store, settings, now=Clock()).sent == 1
    [(request, response)] = hook.log
    body, headers = request.get_data(), dict(request.headers)
    stamp = headers["X-Tracker-Timestamp"]
    assert abs(int(stamp) - datetime.now(UTC).timestamp()) < 60
    signed = f"{stamp}.edscg-5-joint-statement@1.".encode() + body
    expected = hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert headers["X-Tracker-Signature"] == f"sha256={expected}"
    assert headers["X-Tracker-Report-Key"] == "edscg-5-joint-statement@1"
    assert headers["Content-Type"].startswith("application/json")
    document = json.loads(body)
    assert (document["id"], document["key"], document["created_at"]) == (
        report_id, "edscg-5-joint-statement@1", T0)
    assert document["sections"]["stronger"][0]["strength"] == "stronger"
    assert response.status_code == 200

    verify, tolerance = readme_verifier()
    secret, sent_at = SECRET.encode(), int(stamp)
    assert verify(secret, headers, body, now=sent_at + tolerance)
    assert not verify(secret, headers, body, now=sent_at + tolerance + 1)  # a late replay
    assert not verify(b"another secret", headers, body, now=sent_at)
    assert not verify(secret, {**headers, "X-Tracker-Report-Key": "other@1"}, body,
                      now=sent_at)
    assert not verify(secret, {**headers, "X-Tracker-Timestamp": str(sent_at + 600)}, body,
                      now=sent_at + 600)  # a replay with a fresh timestamp
    assert not verify(secret, headers, body + b" ", now=sent_at)
    assert not verify(secret, {**headers, "X-Tracker-Timestamp": "soon"}, body, now=sent_at)


def test_each_attempt_is_signed_at_its_own_time(store):
    channel = WebhookChannel({"url": "http://127.0.0.1:9/hook",
                              "secret_env": "TRACKER_TEST_HOOK_SECRET"},
                             clock=lambda: 1_772_355_600.7)
    report = _fake_report(corpus_payload(store), key="k é@1")
    body = channel.body(report)
    headers = channel.headers(report, body)
    assert headers["X-Tracker-Timestamp"] == "1772355600"
    assert headers["X-Tracker-Report-Key"] == "k%20%C3%A9@1"  # signed as sent
    verify, _tolerance = readme_verifier()
    assert verify(SECRET.encode(), headers, body, now=1_772_355_700)


def test_webhook_without_secret_sends_no_signature(store, hook):
    channel = WebhookChannel({"url": hook.url_for("/hook")})
    channel.send(_fake_report(corpus_payload(store)))
    [(request, _response)] = hook.log
    assert "X-Tracker-Signature" not in request.headers


def test_outbox_writes_markdown_and_json_once(store, tmp_path):
    folder = tmp_path / "outbox"
    settings = Settings(channels={"outbox": {"folder": str(folder)}})
    report_id = add_report(store, ["outbox"])
    assert deliver_due(store, settings, now=Clock()).sent == 1
    stem = f"{report_id}-edscg-5-joint-statement-changed"
    markdown, data = folder / f"{stem}.md", folder / f"{stem}.json"
    assert sorted(p.name for p in folder.iterdir()) == [data.name, markdown.name]
    assert markdown.read_text().startswith("# EDSCG 5 joint statement changed")
    assert json.loads(data.read_text())["key"] == "edscg-5-joint-statement@1"
    before = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in (markdown, data)}
    OutboxChannel({"folder": str(folder)}).send(store.report(report_id))
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in (markdown, data)} == before
    assert sorted(p.name for p in folder.iterdir()) == [data.name, markdown.name]


# -- the delivery round --------------------------------------------------------

def test_failing_channels_are_retried_with_backoff_and_never_block_others(
        store, failing_hook, tmp_path):
    clock = Clock()
    settings = Settings(channels={
        "email": email_table(free_port()),  # nothing listens there
        "webhook": webhook_table(failing_hook),
        "outbox": {"folder": str(tmp_path / "outbox")}})
    report_id = add_report(store, ["email", "webhook", "outbox"])
    result = deliver_due(store, settings, now=clock)
    assert (result.sent, result.retried, result.failed) == (1, 2, 0)
    rows = by_channel(store, report_id)
    assert rows["outbox"].status == "sent"
    for name in ("email", "webhook"):
        assert rows[name].status == "pending" and rows[name].attempts == 1
        assert rows[name].next_attempt_at == clock.later(30) > clock()
    assert "HTTP 500" in rows["webhook"].last_error
    assert "email via 127.0.0.1" in rows["email"].last_error
    assert deliver_due(store, settings, now=clock) == DeliveryRound()  # not due yet
    clock.advance(30)
    assert deliver_due(store, settings, now=clock).retried == 2
    rows = by_channel(store, report_id)
    assert rows["webhook"].attempts == 2
    assert rows["webhook"].next_attempt_at == clock.later(60)
    assert len(failing_hook.log) == 2


def test_a_failure_becomes_final_after_max_attempts(store, failing_hook):
    clock = Clock()
    settings = Settings(channels={"webhook": webhook_table(failing_hook)})
    report_id = add_report(store, ["webhook"])
    statuses = []
    for _round in range(8):
        result = deliver_due(store, settings, now=clock)
        statuses.append((result.retried, result.failed))
        clock.advance(3600)
    assert statuses == [(1, 0)] * 5 + [(0, 1), (0, 0), (0, 0)]
    [row] = store.deliveries(report_id=report_id)
    assert (row.status, row.attempts, row.next_attempt_at) == ("failed", 6, None)
    assert "HTTP 500" in row.last_error
    assert len(failing_hook.log) == 6


def test_a_restart_never_sends_a_report_twice(db, mailbox, hook, tmp_path):
    clock = Clock()
    settings = parse_settings({"report": {
        "email": email_table(mailbox.port), "webhook": webhook_table(hook),
        "outbox": {"folder": str(tmp_path / "outbox")}}})
    with open_store(db) as store:
        first = add_report(store, settings.channel_names)
        second = add_report(store, settings.channel_names, key="edscg-5-joint-statement@2",
                            payload=corpus_payload(store, "Second report"))
        assert deliver_due(store, settings, now=clock).sent == 6
    for _restart in range(2):
        clock.advance(7200)
        with open_store(db) as store:
            assert deliver_due(store, settings, now=clock) == DeliveryRound()
    assert sorted(m["Subject"] for m in mailbox.messages) == [
        "EDSCG 5 joint statement changed", "Second report"]
    assert len(hook.log) == 2
    assert len(list((tmp_path / "outbox").iterdir())) == 4
    with open_store(db) as store:
        assert {d.status for r in (first, second) for d in store.deliveries(report_id=r)} == {
            "sent"}


def test_a_channel_no_longer_configured_fails_its_delivery(store, tmp_path):
    report_id = add_report(store, ["email", "outbox"])
    settings = Settings(channels={"outbox": {"folder": str(tmp_path / "out")}})
    result = deliver_due(store, settings, now=Clock())
    assert (result.sent, result.failed) == (1, 1)
    email_row = by_channel(store, report_id)["email"]
    assert email_row.status == "failed"
    assert "'email' is no longer configured" in email_row.last_error


def test_a_broken_channel_table_is_retried_and_others_carry_on(store, tmp_path):
    report_id = add_report(store, ["webhook", "outbox"])
    settings = Settings(channels={"webhook": {"url": "http://x.example/",
                                              "secret_env": "TRACKER_TEST_UNSET"},
                                  "outbox": {"folder": str(tmp_path / "out")}})
    result = deliver_due(store, settings, now=Clock())
    assert (result.sent, result.retried) == (1, 1)
    assert "TRACKER_TEST_UNSET" in by_channel(store, report_id)["webhook"].last_error


class ExplodingChannel:
    """A channel with a bug: anything it raises must be caught and recorded."""

    name = "webhook"

    def send(self, report):
        raise RuntimeError("boom\nwith a second line")


class RefusingChannel:
    name = "email"

    def send(self, report):
        raise DeliveryError("email via nowhere: refused")


def test_an_unexpected_error_in_one_delivery_never_stops_the_others(store, tmp_path):
    ids = [add_report(store, ["webhook", "email", "outbox"], key=f"k{n}") for n in range(2)]
    channels = {"webhook": ExplodingChannel(), "email": RefusingChannel(),
                "outbox": OutboxChannel({"folder": str(tmp_path / "out")})}
    result = deliver_due(store, Settings(), now=Clock(), channels=channels)
    assert (result.sent, result.retried, result.failed) == (2, 4, 0)
    for report_id in ids:
        rows = by_channel(store, report_id)
        assert rows["webhook"].last_error == "webhook: unexpected RuntimeError: boom with a " \
                                             "second line"
        assert rows["email"].last_error == "email via nowhere: refused"
        assert rows["outbox"].status == "sent"


# -- web pages and the feed --------------------------------------------------

@pytest.fixture
def client(db):
    return create_app({"DATABASE": str(db), "TESTING": True}).test_client()


def test_reports_page_lists_reports_newest_first_with_deliveries(store, client, tmp_path):
    first = add_report(store, ["email", "outbox"])
    second = add_report(store, ["outbox"], key="k2", payload=corpus_payload(store, "Newer one"),
                        now="2026-03-02T09:00:00Z")
    settings = Settings(channels={"outbox": {"folder": str(tmp_path / "out")},
                                  "email": email_table(free_port())})
    deliver_due(store, settings, now=Clock("2026-03-02T10:00:00Z"))
    page = client.get("/reports")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.index(f'id="report-{second}"') < html.index(f'id="report-{first}"')
    assert "Newer one" in html and "EDSCG 5 joint statement changed" in html
    assert "delivery-sent" in html and "delivery-pending" in html
    assert "email via 127.0.0.1" in html
    assert 'href="/reports"' in html


def test_report_page_renders_the_payload(store, client):
    report_id = add_report(store, ["email"])
    page = client.get(f"/reports/{report_id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h1>EDSCG 5 joint statement changed</h1>" in html
    assert "<del>expressed their strongest concern about military cooperation</del>" in html
    assert "<ins>condemned arms transfers</ins>" in html
    assert "Commitments strengthened (1)" in html and f'href="{LINK}"' in html
    assert "Context: The two sides agreed to cooperate in harnessing" in html
    assert "pending" in html


def test_report_pages_escape_hostile_text(store, client):
    report_id = add_report(store, ["outbox"], key="hostile", payload=hostile_payload())
    for path in (f"/reports/{report_id}", "/reports", "/feed.atom"):
        body = client.get(path).get_data(as_text=True)
        assert "<script" not in body and "<img" not in body, path
        assert "javascript:" not in body, path
    assert "&lt;script&gt;" in client.get(f"/reports/{report_id}").get_data(as_text=True)


def test_unknown_report_is_404(client):
    page = client.get("/reports/999")
    assert page.status_code == 404
    assert "no report with id 999" in page.get_data(as_text=True)


def test_atom_feed_parses_with_stable_ids(store, client):
    first = add_report(store, ["outbox"])
    second = add_report(store, ["outbox"], key="edscg-5-joint-statement@2",
                        payload=corpus_payload(store, "Second report"),
                        now="2026-03-02T09:00:00Z")
    response = client.get("/feed.atom")
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "tracker: change reports"
    assert [e.title for e in feed.entries] == ["Second report", "EDSCG 5 joint statement changed"]
    assert [e.link for e in feed.entries] == [LINK, LINK]
    assert feed.entries[0].id == "tag:127.0.0.1,2026-03-02:report/edscg-5-joint-statement@2"
    assert feed.entries[0].updated == "2026-03-02T09:00:00Z"
    assert "condemned arms transfers" in feed.entries[0].content[0].value
    assert "{+condemned arms transfers" in feed.entries[0].summary
    related = [link.href for link in feed.entries[1].links if link.rel == "related"]
    assert related == [f"http://127.0.0.1:5000/reports/{first}"]
    again = feedparser.parse(client.get("/feed.atom").get_data())
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]
    assert second > first


@pytest.mark.parametrize(("config", "base"), [
    ({}, "http://127.0.0.1:5000"),  # no base URL configured: the documented default
    ({"BASE_URL": "https://tracker.example.org/"}, "https://tracker.example.org")])
def test_feed_links_never_follow_the_host_header(db, store, config, base):
    add_report(store, ["outbox"])
    client = create_app({"DATABASE": str(db), "TESTING": True, **config}).test_client()
    for host in ("evil.example", "evil.example:8443"):
        body = client.get("/feed.atom", base_url=f"http://{host}").get_data(as_text=True)
        assert "evil" not in body
        feed = feedparser.parse(body)
        hrefs = [link.href for link in feed.feed.links]
        hrefs += [link.href for e in feed.entries for link in e.links if link.rel == "related"]
        assert hrefs and all(href.startswith(base + "/") for href in hrefs), hrefs
        assert feed.feed.id == f"{base}/feed.atom"
        host_of_base = base.split("//")[1].split(":")[0].split("/")[0]
        assert feed.entries[0].id.startswith(f"tag:{host_of_base},")
        page = client.get("/reports", base_url=f"http://{host}").get_data(as_text=True)
        assert f'href="{base}/feed.atom"' in page and "evil" not in page


def test_feed_ids_follow_the_base_url_not_the_moment(store):
    add_report(store, ["outbox"])
    reports = store.reports(10)
    one = feedparser.parse(render_atom(reports, "https://tracker.example/", "2026-03-05T00:00:00Z"))
    two = feedparser.parse(render_atom(reports, "https://tracker.example", None))
    assert one.entries[0].id == two.entries[0].id == (
        "tag:tracker.example,2026-03-01:report/edscg-5-joint-statement@1")
    assert one.feed.updated == "2026-03-05T00:00:00Z" and two.feed.updated == T0


def test_reports_package_knows_no_web_or_cli():
    import ast

    package = Path(__file__).resolve().parent.parent / "tracker" / "reports"
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert not name.startswith(("flask", "click", "tracker.web", "tracker.cli")), (
                    f"{path.name} imports {name}")


# -- two rounds that overlap ---------------------------------------------------

class SharedClock(Clock):
    """The test's clock, moved by receivers in other threads."""

    def __init__(self, start: str = T0):
        super().__init__(start)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            return super().__call__()

    def advance(self, seconds: float) -> None:
        with self._lock:
            super().advance(seconds)


class SecondRound:
    """Starts a second delivery round, on its own store connection, the
    first time the clock passes ``at`` seconds; the receiver that notices
    waits for that round to finish, as a slow receiver keeps round one busy."""

    def __init__(self, db: Path, settings: Settings, clock: SharedClock, at: float):
        self.db, self.settings, self.clock = db, settings, clock
        self.start = clock.later(at)
        self.result: DeliveryRound | None = None
        self._lock = threading.Lock()

    def due(self) -> bool:
        with self._lock:
            if self.result is None and self.clock() >= self.start:
                self.result = DeliveryRound()  # taken: only one second round
                return True
            return False

    def run(self) -> None:
        with open_store(self.db) as other:
            self.result = deliver_due(other, self.settings, now=self.clock)


RECEIVER_SECONDS = 8  # as in the issue: 45 reports, 8 s each, a second round at 305 s


def queue_reports(store, channel: str, count: int) -> list[str]:
    payload = hostile_payload()
    keys = [f"report-{n:02d}" for n in range(count)]
    with store.write():
        for key in keys:
            store.insert_report(key, "version", None, None, key, payload, [channel], T0)
    return keys


def assert_each_sent_once(store, keys, received, first, second) -> None:
    """Both rounds sent, between them every key arrived exactly once, and
    round one let go of the claims round two took over."""
    assert sorted(received) == keys, Counter(k for k in received if received.count(k) > 1)
    assert second.sent > 0 and first.sent + second.sent == len(keys)
    assert first.skipped == second.sent
    assert {(d.status, d.attempts) for d in store.deliveries()} == {("sent", 1)}


@contextmanager
def webhook_receiving(handler):
    """A threaded webhook receiver on loopback calling ``handler`` per POST,
    and the settings that point the webhook channel at it."""
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        server.expect_request("/hook", method="POST").respond_with_handler(handler)
        yield Settings(channels={"webhook": {"url": server.url_for("/hook"), "timeout": 5}})
    finally:
        server.clear()
        server.stop()


def test_an_overlapping_round_never_resends_a_slow_webhook(db, store):
    clock = SharedClock()
    received: list[str] = []
    second = None

    def slow(request):
        received.append(json.loads(request.get_data())["key"])
        clock.advance(RECEIVER_SECONDS)
        if second.due():
            second.run()
        return Response("ok")

    with webhook_receiving(slow) as settings:
        second = SecondRound(db, settings, clock, at=305)
        keys = queue_reports(store, "webhook", 45)
        first = deliver_due(store, settings, now=clock)
    assert_each_sent_once(store, keys, received, first, second.result)


def test_an_overlapping_round_never_resends_a_slow_email(db, store):
    clock = SharedClock()
    settings = Settings(channels={"email": email_table(free_port())})
    second = SecondRound(db, settings, clock, at=305)
    received: list[str] = []

    class SlowMailbox:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            message = email.message_from_bytes(envelope.content, policy=policy.default)
            received.append(message["X-Tracker-Report-Key"])
            clock.advance(RECEIVER_SECONDS)
            if second.due():
                await asyncio.get_running_loop().run_in_executor(None, second.run)
            return "250 OK"

    controller = Controller(SlowMailbox(), hostname="127.0.0.1",
                            port=settings.channels["email"]["port"])
    controller.start()
    try:
        keys = queue_reports(store, "email", 45)
        first = deliver_due(store, settings, now=clock)
    finally:
        controller.stop()
    assert_each_sent_once(store, keys, received, first, second.result)


def test_a_send_longer_than_the_lease_is_flagged_and_recorded_once(db, store):
    """The limit the lease leaves: a single send that outlasts it may be
    repeated by a round that took the delivery over. The first round then
    says so, and the delivery is recorded once, by its new owner."""
    clock = SharedClock()
    received: list[str] = []
    second = None

    def slow(request):
        received.append(json.loads(request.get_data())["key"])
        clock.advance(RECEIVER_SECONDS)  # longer than the 5-s lease below
        if second.due():
            with open_store(db) as other:
                second.result = deliver_due(other, settings, now=clock, lease_seconds=60)
        return Response("ok")

    with webhook_receiving(slow) as settings:
        second = SecondRound(db, settings, clock, at=0)
        [key] = queue_reports(store, "webhook", 1)
        first = deliver_due(store, settings, now=clock, lease_seconds=5)
    assert received == [key, key]
    assert "lease ran out during the send" in first.messages[0]
    [row] = store.deliveries()
    assert (row.status, row.attempts) == ("sent", 1)


@pytest.mark.parametrize(("key", "value"), [
    ("delivery_lease_seconds", 0), ("delivery_lease_seconds", -1),
    ("delivery_lease_seconds", "300"), ("delivery_lease_seconds", True),
    ("total_timeout", 0), ("workers", 0), ("workers", 2.5),
    ("ignore_timeout", -0.5), ("max_bytes", "5MB"), ("retries", -1), ("stop_grace", None)])
def test_a_bad_watch_number_is_one_readable_line(key, value):
    with pytest.raises(InputError, match=rf"^configuration: \[watch\] {key} must be a "
                                         r"(whole )?number (more than zero|zero or more), not "):
        parse_settings({"watch": {key: value}})


def test_zero_is_allowed_where_it_means_none():
    settings = parse_settings({"watch": {"retries": 0, "politeness_seconds": 0,
                                         "stop_grace": 0}})
    assert (settings.watch.retries, settings.watch.politeness_seconds) == (0, 0)
