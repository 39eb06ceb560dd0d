"""The snapshot file format: parsing, its errors, and the round trip."""

import pytest

from tracker.errors import InputError
from tracker.model import DocumentSummary, MeetingSpec, Snapshot, SnapshotInfo
from tracker.store.snapshot_file import format_snapshot_file, parse_snapshot_file

GOOD = """---
series: edscg
meeting: edscg-5
meeting_number: 5
date: 2024-09-04
document: edscg-5-joint-statement
primary: true
digest: A digest, not the official wording.
---

First paragraph.

Second paragraph.
"""


def test_parses_front_matter_and_text():
    parsed = parse_snapshot_file(GOOD)
    doc, capture = parsed.document, parsed.capture
    assert (doc.slug, doc.meeting.slug, doc.meeting.series) == (
        "edscg-5-joint-statement", "edscg-5", "edscg")
    assert (doc.meeting.number, doc.meeting.date, doc.primary) == (5, "2024-09-04", True)
    assert doc.notice == "A digest, not the official wording."
    assert capture.text == "First paragraph.\n\nSecond paragraph."
    assert (capture.origin, capture.version) == ("import", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("no front matter", "no front matter"),
        ("---\nseries: edscg\n", "not closed"),
        ("---\nseries: edscg\nmeeting: edscg-5\n---\ntext", "lacks document"),
        ("---\nseries: edscg\ncolour: red\n---\n", "line 3: expected 'key: value'"),
        ("---\nseries edscg\n---\n", "line 2"),
        ("---\nseries: a\nseries: b\n---\n", "given twice"),
        (GOOD.replace("meeting_number: 5", "meeting_number: five"), "whole number"),
        (GOOD.replace("primary: true", "primary: maybe"), "true or false"),
        (GOOD.replace("2024-09-04", "4 Sept 2024"), "YYYY-MM-DD"),
        (GOOD.replace("edscg-5-joint", "../../etc/passwd"), "invalid document slug"),
        (GOOD.replace("series: edscg", "series: EDSCG"), "invalid series slug"),
        (GOOD.replace("primary: true", "captured_at: yesterday"), "ISO 8601"),
        (GOOD.replace("primary: true", "captured_at: 2024-01-01T00:00:00+09:00"), "UTC"),
        (GOOD.replace("primary: true", "version: 0"), "whole number"),
        (GOOD.replace("primary: true", "version: 99999999999999999999"), "from 1 to"),
        (GOOD.replace("primary: true", "version: ²"), "whole number"),
        (GOOD.replace("primary: true", "version: 1_000"), "whole number"),
        (GOOD.replace("meeting_number: 5", "meeting_number: ５"), "whole number"),
        (GOOD.replace("primary: true", "url_status: probably"), "invalid url_status 'probably'"),
        (GOOD.replace("primary: true", "title: a\x1b[2Jb"), "control character"),
    ],
)
def test_malformed_files_name_the_problem(content, message):
    with pytest.raises(InputError, match=message) as caught:
        parse_snapshot_file(content, "x.txt")
    assert str(caught.value).startswith("x.txt")


def test_format_then_parse_gives_the_same_version():
    doc = DocumentSummary(
        slug="edscg-5-joint-statement", meeting="edscg-5", series="edscg",
        kind="joint-statement", primary=True, publisher="U.S. Department of State",
        language="en", title="Joint Statement", url="https://example.org/s",
        url_status="unverified", notice="Digest.", versions=2, latest_captured_at=None)
    info = SnapshotInfo(document=doc.slug, version=2, captured_at="2024-09-05T01:02:03Z",
                        sha256="ab" * 32, origin="cli", raw_type="html",
                        source_url="https://example.org/s", note="line one\nline two", chars=9)
    meeting = MeetingSpec("edscg-5", "edscg", "EDSCG", 5, "Fifth", "2024-09-04", "Washington",
                          "United States: A. Republic of Korea: B.")
    text = format_snapshot_file(Snapshot(info, doc, "Para one.\n\nPara two."), meeting)
    parsed = parse_snapshot_file(text)
    assert parsed.document.meeting == meeting
    assert parsed.document.publisher == doc.publisher
    assert parsed.capture.version == 2
    assert parsed.capture.sha256 == info.sha256
    assert parsed.capture.captured_at == info.captured_at
    assert parsed.capture.note == "line one line two"
    assert parsed.capture.text == "Para one.\n\nPara two."


@pytest.mark.parametrize("status", ["verified", "unverified", "unknown"])
def test_url_status_values_of_the_corpus_are_accepted(status):
    parsed = parse_snapshot_file(GOOD.replace("primary: true", f"url_status: {status}"))
    assert parsed.document.url_status == status
