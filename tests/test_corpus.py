"""The bundled corpus: every file parses and the meetings are all there."""

from collections import Counter

import pytest

from tracker.settings import bundled_dir
from tracker.store.corpus import read_folder

FILES = read_folder(bundled_dir("snapshots"))


def test_every_edscg_and_ncg_meeting_is_present():
    meetings = {f.document.meeting.slug for f in FILES}
    assert {f"edscg-{n}" for n in range(1, 6)} <= meetings
    assert {f"ncg-{n}" for n in range(1, 6)} <= meetings


@pytest.mark.parametrize("parsed", FILES, ids=lambda f: f.document.slug)
def test_each_file_is_a_dated_digest(parsed):
    doc = parsed.document
    assert doc.meeting.date and doc.meeting.series_title and doc.publisher and doc.title
    assert "digest" in doc.notice.lower() and "not the official wording" in doc.notice
    assert len(parsed.capture.text.split()) >= 40


def test_one_primary_text_per_meeting():
    primaries = Counter(f.document.meeting.slug for f in FILES if f.document.primary)
    meetings = {f.document.meeting.slug for f in FILES}
    assert all(primaries[m] == 1 for m in meetings)


def test_recurring_formulas_are_kept_where_meetings_used_them():
    text = {f.document.slug: f.capture.text for f in FILES}
    assert "swift, overwhelming and decisive response" in text["edscg-5-joint-statement"]
    assert "swift" not in text["edscg-3-joint-statement"]
    assert "end of that regime" in text["ncg-4-joint-statement"]
    assert "DPRK" not in text["ncg-5-joint-statement"]
