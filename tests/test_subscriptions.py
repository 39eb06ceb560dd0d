"""Subscriptions end to end: three channels with different filters, a
scripted series of six changes checked by ``tracker check`` from a local
HTTP server, delivered by real SMTP (aiosmtpd), a real webhook receiver
(pytest-httpserver) and the outbox; then ``tracker subscriptions test``
replays the same reports and must print the same selection.

Each scripted change says which subscriptions it is meant to reach and with
which sections: the expectation comes from what the edit is (a Russia
sentence weakened, a U.S. commitment added…), not from running the code.
"""

import json
import textwrap
from pathlib import Path

import pytest
from werkzeug import Response

from tracker.reports.subscriptions import report_routes
from tracker.settings import Settings
from tracker.store import open_store
from tracker.store.corpus import load_bundled_corpus
from tracker.store.subscriptions import DeliveryRoute
from tracker.web import create_app

SEOUL = ("The United States and the Republic of Korea held the sixth meeting of the Extended "
         "Deterrence Strategy and Consultation Group in Seoul.")
RUSSIA = "The two sides strongly condemned the growing military cooperation between the DPRK " \
         "and Russia."
RUSSIA_WEAK = "The two sides noted the military cooperation between the DPRK and Russia."
RUSSIA_STRONG = ("The two sides strongly condemned and firmly opposed the military cooperation "
                 "between the DPRK and Russia.")
MISSILES = "The two sides expressed concern about the DPRK's ballistic missile launches."
DEFEND = ("The United States reaffirmed its commitment to draw on the full range of its "
          "capabilities to defend the ROK.")
NEXT = "The two sides agreed to hold the next meeting in Washington."
ASSETS = "The United States will deploy strategic assets to the Korean Peninsula more often."
NCG = ("The United States and the Republic of Korea held the third meeting of the Nuclear "
       "Consultative Group in Washington.")

EDSCG, NCG_DOC = "edscg-6-joint-statement", "ncg-3-joint-statement"
START = {EDSCG: [SEOUL, RUSSIA, MISSILES, DEFEND, NEXT], NCG_DOC: [NCG, RUSSIA, DEFEND]}

# (document, its paragraphs after the edit, {subscription: {section: a word
# its one sentence holds}}); None: the whole report.
CHANGES = [
    (EDSCG, [SEOUL, RUSSIA_WEAK, MISSILES, DEFEND, NEXT],
     {"russia-weaker": {"weaker": "Russia"}, "edscg-outbox": None}),
    (EDSCG, [SEOUL, RUSSIA_WEAK, MISSILES, DEFEND, NEXT, ASSETS],
     {"in-and-out": {"added": "strategic assets"}, "edscg-outbox": None}),
    (NCG_DOC, [NCG, RUSSIA_WEAK, DEFEND], {}),  # weaker on Russia, but another series
    (EDSCG, [SEOUL, RUSSIA_WEAK, DEFEND, NEXT, ASSETS],
     {"in-and-out": {"dropped": "ballistic"}, "edscg-outbox": None}),
    (EDSCG, [SEOUL, RUSSIA_STRONG, DEFEND, NEXT, ASSETS], {"edscg-outbox": None}),
    (EDSCG, [SEOUL, RUSSIA_STRONG, DEFEND, NEXT.replace("Washington", "Washington next year"),
             ASSETS], {"edscg-outbox": None}),
]
CHANNEL_OF = {"russia-weaker": "email", "in-and-out": "webhook", "edscg-outbox": "outbox"}


def page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<!doctype html><html><head><title>Joint Statement</title></head>" \
           f"<body><main><article><h1>Joint Statement</h1>{body}</article></main></body></html>"


@pytest.fixture
def site(httpserver):
    """The two statement pages, served as they stand, and the webhook."""
    current = {doc: list(paragraphs) for doc, paragraphs in START.items()}
    for doc in current:
        httpserver.expect_request(f"/{doc}").respond_with_handler(
            lambda _request, doc=doc: Response(page(current[doc]), content_type="text/html"))
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    httpserver.current = current
    return httpserver


@pytest.fixture
def config(tmp_path: Path, mailbox, site) -> Path:
    """tracker.toml: three channels, two subscriptions in the file."""
    path = tmp_path / "tracker.toml"
    path.write_text(textwrap.dedent(f"""
        [web]
        base_url = "http://tracker.test"
        [watch]
        politeness_seconds = 0
        retries = 0
        [report.email]
        host = "127.0.0.1"
        port = {mailbox.port}
        security = "none"
        from = "tracker@tracker.test"
        to = ["desk@example.org"]
        [report.webhook]
        url = "{site.url_for('/hook')}"
        [report.outbox]
        folder = "{tmp_path / 'outbox'}"
        [subscription.in-and-out]
        channel = "webhook"
        change = ["added", "dropped"]
        [subscription.edscg-outbox]
        channel = "outbox"
        series = "edscg"
    """))
    return path


def run_ok(cli, *args, db: Path):
    result = cli(*args, db=db)
    assert result.exit_code == 0, result.output
    return result.output


def selection(document: dict) -> tuple[str, dict[str, list[str]]]:
    """(report key without the subscription, {section: its sentences}) of a
    report document (webhook body, outbox file, ``subscriptions test --json``)."""
    sections = {key: [" ".join(item["marked"].split()) for item in items]
                for key, items in document["sections"].items() if items}
    return document["key"].split("#")[0], sections


def mail_selection(message) -> tuple[str, dict[str, list[str]]]:
    """The same read from an email's plain-text part: its headings and lines."""
    from tracker.compare.sections import SECTIONS

    headings = {s.heading: s.key for s in SECTIONS}
    text = message.get_body(("plain",)).get_content()
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        heading = line.rsplit(" (", 1)[0]
        if heading in headings and line.endswith(")"):
            current = sections.setdefault(headings[heading], [])
        elif line.startswith("- ") and current is not None:
            current.append(line[2:])
        elif line.startswith("Other changes: ") and line != "Other changes: 0":
            sections["other"] = ["(counted)"] * int(line.split(": ")[1])
    return message["X-Tracker-Report-Key"].split("#")[0], sections


def received(mailbox, site, outbox: Path) -> dict[str, list]:
    """What each subscription's channel got, in the order it was sent."""
    hooks = [json.loads(entry[0].get_data()) for entry in site.log if entry[0].path == "/hook"]
    files = sorted(outbox.glob("*.json"), key=lambda path: int(path.name.split("-")[0]))
    return {"russia-weaker": [mail_selection(m) for m in mailbox.messages],
            "in-and-out": [selection(h) for h in hooks],
            "edscg-outbox": [selection(json.loads(p.read_text())) for p in files]}


def expected(store, keys_by_change: list[str]) -> dict[str, list]:
    """What the scripted changes say each subscription gets."""
    wanted: dict[str, list] = {name: [] for name in CHANNEL_OF}
    for key, (_doc, _text, reaches) in zip(keys_by_change, CHANGES, strict=True):
        report = next(r for r in store.reports(50) if r.key == key)
        whole = selection({"key": key, "sections": report.payload["sections"]})
        for name, sections in reaches.items():
            wanted[name].append(whole if sections is None else (key, sections))
    return wanted


def matches(got: list, want: list) -> bool:
    """Whole reports compare equal; a narrowed one has exactly the sections
    named, one sentence each, holding the word named."""
    if [key for key, _ in got] != [key for key, _ in want]:
        return False
    for (_key, sections), (_wkey, wanted) in zip(got, want, strict=True):
        if set(sections) != set(wanted):
            return False
        for section, word in wanted.items():
            if not isinstance(word, str):
                if sections[section] != word:
                    return False
            elif len(sections[section]) != 1 or word not in sections[section][0]:
                return False
    return True


def test_three_channels_get_exactly_their_reports_and_sections(cli, tmp_path, config,
                                                                mailbox, site):
    db = tmp_path / "fresh.db"
    open_store(db).close()  # no earlier meetings: a first text makes no report
    for doc, meeting in ((EDSCG, "edscg-6"), (NCG_DOC, "ncg-3")):
        run_ok(cli, "--config", str(config), "sources", "add", site.url_for(f"/{doc}"),
               "--document", doc, "--meeting", meeting, "--every", "1h", db=db)
    run_ok(cli, "--config", str(config), "subscriptions", "add", "russia-weaker",
           "--channel", "email", "--series", "edscg", "--topic", "Russia", "--change",
           "weaker", db=db)
    run_ok(cli, "--config", str(config), "check", db=db)  # the first texts
    keys = []
    for doc, paragraphs, _reaches in CHANGES:
        site.current[doc] = paragraphs
        run_ok(cli, "--config", str(config), "check", db=db)
        with open_store(db) as store:
            keys.append(store.reports(1)[0].key)
    assert len(set(keys)) == 6  # every change made its own report

    got = received(mailbox, site, tmp_path / "outbox")
    with open_store(db) as store:
        want = expected(store, keys)
    for name in CHANNEL_OF:
        assert matches(got[name], want[name]), (name, got[name], want[name])
    assert len(mailbox.messages) == 1 and "only series edscg; topic Russia; change weaker" \
        in str(mailbox.messages[0]["Subject"])
    assert SEOUL in mailbox.messages[0].get_body(("plain",)).get_content()  # its context

    listing = create_app({"DATABASE": str(db), "TESTING": True}).test_client().get("/reports")
    assert listing.get_data(as_text=True).count('for <span class="subscription">') == 1 + 2 + 5
    for name in CHANNEL_OF:  # the replay prints the same selection
        replayed = json.loads(run_ok(cli, "--config", str(config), "subscriptions", "test",
                                     name, "--json", db=db))
        assert [selection(d) for d in replayed] == got[name], name
    text = run_ok(cli, "--config", str(config), "subscriptions", "test", "--series", "edscg",
                  "--topic", "russia", "--change", "weaker", db=db)
    assert "1 report(s) of the newest 100 would be sent" in text
    assert "Commitments weakened (1)" in text and "{+noted the +}" in text


def test_subscription_tables_must_be_tables(cli, tmp_path):
    config = tmp_path / "tracker.toml"
    config.write_text('subscription = "all"\n')
    result = cli("--config", str(config), "subscriptions", "list")
    assert result.exit_code == 1
    assert "[subscription] holds one table per subscription" in result.output
    config.write_text('[subscription.x]\ntopic = "Russia"\n')
    result = cli("--config", str(config), "subscriptions", "list")
    assert result.exit_code == 1 and "[subscription.x] needs the key 'channel'" in result.output


def test_routes_whole_filtered_or_nothing_per_channel(tmp_path):
    with open_store(tmp_path / "routes.db") as store:
        load_bundled_corpus(store)
        payload = {"document": "edscg-5-joint-statement", "title": "t", "topics": [],
                   "sections": {"weaker": [{"kind": "reworded", "topics": ["missiles"],
                                            "actors": [], "marked": "x"}], "other": []}}
        settings = Settings(
            channels={"email": {}, "webhook": {}, "outbox": {}},
            subscriptions={"all-mail": {"channel": "email"},
                           "russia-mail": {"channel": "email", "topic": "Russia"},
                           "missiles-hook": {"channel": "webhook", "topic": "missiles",
                                             "series": "edscg"}})
        routes = report_routes(store, settings, {"document": payload["document"],
                                                 "payload": payload})
    assert [(r.channel, r.subscription) for r in routes] == [
        ("email", "all-mail"), ("webhook", "missiles-hook"), ("outbox", "")]
    assert routes[0] == DeliveryRoute("email", "all-mail", None)  # whole: no copy kept
    assert routes[1].payload["title"] == "t (only series edscg; topic missiles)"
    assert routes[2].payload is None
