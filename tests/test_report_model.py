"""One report model: every surface shows the sections of ``SECTIONS``.

The same comparison (EDSCG 4's press release against EDSCG 5's joint
statement, from the bundled corpus) goes through every surface that shows a
report: ``tracker compare`` as text and JSON, the compare page's ``.md``
download, an email received by a real SMTP server on loopback, the outbox
files, the Atom feed entry and the report page; the digest is made from
real checks. Each surface's section headings (or JSON keys) and counts are
read back from what it produced and compared with the one definition, so a
section renamed, reordered or removed in ``tracker/compare/sections.py``
changes them all, and a surface that kept a list of its own would fail here.
"""

import json
import re
from pathlib import Path

import feedparser
import pytest

from tests.conftest import Mailbox
from tests.test_reports import Clock, email_table
from tracker.compare import compare_texts
from tracker.compare.sections import SECTIONS, section_units
from tracker.model import CheckRecord
from tracker.reports.build import build_report
from tracker.reports.deliver import deliver_due
from tracker.settings import Settings
from tracker.store import open_store
from tracker.watch.digest import make_digest

PAIR = ("edscg-4-joint-press-release", "edscg-5-joint-statement")
ROOT = Path(__file__).resolve().parent.parent
# "Heading (3)" for a listed section, "Heading: 3" for a counted one; a
# Markdown heading starts with "## ", an HTML one sits in <h2> or <p>.
_HEADING = r"([A-Z][a-z]+(?: [a-z]+)*)(?: \((\d+)\)|: (\d+))"
TEXT_HEADINGS = re.compile(rf"^(?:## )?{_HEADING}$", re.MULTILINE)
HTML_HEADINGS = re.compile(rf"<(?:h2|p)[^>]*>{_HEADING}</(?:h2|p)>")


def headings(pattern: re.Pattern, rendered: str) -> list[tuple[str, int]]:
    """(heading, count) in the order the surface shows them. The Markdown
    download's "Topics (n)" lists the per-topic verdicts, which are a
    summary beside the sections, not one of them."""
    lines = "\n".join(rendered.splitlines())  # an email's text part ends lines in CRLF
    found = [(m[1], int(m[2] or m[3])) for m in pattern.finditer(lines)]
    return [(name, count) for name, count in found if name != "Topics"]


@pytest.fixture
def comparison(initialised):
    with open_store(initialised) as store:
        a, b = (store.snapshot(slug) for slug in PAIR)
    return compare_texts(a.text, b.text, a.label, b.label)


def in_full(comparison) -> list[tuple[str, int]]:
    """What a surface that lists every change shows: each non-empty section."""
    return [(s.heading, len(units)) for s, units in section_units(comparison.units) if units]


def in_brief(comparison) -> list[tuple[str, int]]:
    """What a change report shows: the listed sections that have items, then
    every counted section, zero or not."""
    groups = section_units(comparison.units)
    return ([(s.heading, len(units)) for s, units in groups if units and not s.counted]
            + [(s.heading, len(units)) for s, units in groups if s.counted])


def every_section(comparison) -> list[tuple[str, int]]:
    """What ``tracker compare`` shows: every section, an empty one as "(0) none"."""
    return [(s.heading, len(units)) for s, units in section_units(comparison.units)]


def by_key(comparison) -> list[tuple[str, int]]:
    return [(s.key, len(units)) for s, units in section_units(comparison.units)]


def deliver_report(db: Path, comparison, mailbox: Mailbox, outbox: Path) -> int:
    """Store the report as the watcher would and send it by email and outbox."""
    payload = build_report(comparison, kind="meeting", title="EDSCG 5 statement",
                           document=PAIR[1], meeting="edscg-5", link="http://t.example/c")
    settings = Settings(channels={"email": email_table(mailbox.port),
                                  "outbox": {"folder": str(outbox)}})
    with open_store(db) as store:
        with store.write():
            report_id = store.insert_report("model", "meeting", PAIR[1], None,
                                            payload["title"], payload, ["email", "outbox"],
                                            "2026-03-01T09:00:00Z")
        assert deliver_due(store, settings, now=Clock()).sent == 2
    return report_id


def test_the_command_line_shows_the_sections_of_the_one_definition(cli, comparison):
    assert in_full(comparison)[0] == ("Commitments added", 14)  # a real comparison
    text = cli("compare", *PAIR, "--no-color")
    assert text.exit_code == 0, text.output
    assert headings(TEXT_HEADINGS, text.output) == every_section(comparison)
    data = json.loads(cli("compare", *PAIR, "--json").output)
    assert [(key, len(units)) for key, units in data["sections"].items()] == by_key(comparison)
    assert all(data["units"][i]["kind"] != "unchanged" or data["units"][i]["moved"]
               for indexes in data["sections"].values() for i in indexes)


def test_every_delivered_surface_shows_the_sections_of_the_one_definition(
        initialised, make_app, comparison, mailbox, tmp_path):
    report_id = deliver_report(initialised, comparison, mailbox, tmp_path / "out")
    client = make_app().test_client()
    download = client.get(f"/compare/{PAIR[0]}...{PAIR[1]}.md").get_data(as_text=True)
    assert headings(TEXT_HEADINGS, download.replace("\\", "")) == in_full(comparison)
    [message] = mailbox.messages
    [markdown] = (tmp_path / "out").glob("*.md")
    [document] = (tmp_path / "out").glob("*.json")
    [entry] = feedparser.parse(client.get("/feed.atom").get_data(as_text=True)).entries
    texts = {"email text": message.get_body(("plain",)).get_content(),
             "outbox markdown": markdown.read_text(encoding="utf-8").replace("\\", ""),
             "feed summary": entry.summary}
    pages = {"email html": message.get_body(("html",)).get_content(),
             "feed content": entry.content[0].value,
             "report page": client.get(f"/reports/{report_id}").get_data(as_text=True)}
    for name, rendered in texts.items():
        assert headings(TEXT_HEADINGS, rendered) == in_brief(comparison), name
    for name, rendered in pages.items():
        assert headings(HTML_HEADINGS, rendered) == in_brief(comparison), name
    # The outbox file sorts its keys, for people who diff it: compare them as a mapping.
    sections = json.loads(document.read_text(encoding="utf-8"))["sections"]
    assert {key: len(items) for key, items in sections.items()} == dict(by_key(comparison))


def test_the_digest_is_built_with_every_section_key(initialised):
    with open_store(initialised) as store:
        with store.write():
            source = store.add_source("http://t.example/s", PAIR[1], now="2026-03-01T08:00:00Z")
            store.insert_check(CheckRecord(source.id, "2026-03-01T08:30:00Z", 5, "error",
                                           message="HTTP 404"))
        report = store.report(make_digest(store, Settings(), now="2026-03-01T09:00:00Z"))
    assert list(report.payload["sections"]) == [section.key for section in SECTIONS]
    [counted] = [s for s in SECTIONS if s.counted]
    assert [item["text"] for item in report.payload["sections"][counted.key]] == [
        f"2026-03-01T08:30:00Z {PAIR[1]}: error: HTTP 404"]


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.key)
def test_each_heading_is_written_in_one_place_only(section):
    """The definition is the only source or template that spells a heading."""
    files = [*(ROOT / "tracker").rglob("*.py"), *(ROOT / "templates").rglob("*.html")]
    spelled = [p.relative_to(ROOT).as_posix() for p in files
               if section.heading in p.read_text(encoding="utf-8")]
    assert spelled == ["tracker/compare/sections.py"]


def test_the_readme_lists_the_section_keys_in_order():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r'"(\w+)": \[item\]', readme)
    assert listed == [section.key for section in SECTIONS]


def test_the_markdown_download_of_identical_texts_says_so(initialised, make_app):
    client = make_app().test_client()
    body = client.get(f"/compare/{PAIR[1]}...{PAIR[1]}.md").get_data(as_text=True)
    assert "The two texts say the same thing." in body
    assert headings(TEXT_HEADINGS, body) == []
