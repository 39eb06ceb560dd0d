"""The one place that names statements for people (``tracker.refs.labels``),
read against the bundled corpus in a real database."""

import pytest

from tracker.refs.labels import (
    meeting_label,
    pair_labels,
    previous_of_kind,
    same_kind,
    text_notices,
)
from tracker.store import open_store


@pytest.fixture
def store(initialised):
    with open_store(initialised) as opened:
        yield opened


def test_a_statement_is_named_by_its_meeting_date_and_kind(store):
    first, second = (store.snapshot("edscg-4-joint-press-release"),
                     store.snapshot("edscg-5-joint-statement"))
    assert pair_labels(first, second, ("a", "b")) == (
        "Fourth EDSCG meeting (2023-09-15) · joint press release",
        "Fifth EDSCG meeting (2024-09-04) · joint statement")
    rok = store.snapshot("edscg-5-joint-statement-rok")
    assert pair_labels(second, rok, ("a", "b"))[1] == (
        "Fifth EDSCG meeting (2024-09-04) · joint statement, ROK Ministry of Foreign Affairs")


def test_two_versions_of_one_document_are_told_apart(store):
    one = store.snapshot("edscg-5-joint-statement", 1)
    assert pair_labels(one, one, ("a", "b")) == (
        "Fifth EDSCG meeting (2024-09-04) · joint statement · v1",) * 2


def test_a_meeting_without_a_title_is_named_from_its_slug():
    assert meeting_label(None, None, "edscg-6") == "EDSCG 6"
    assert meeting_label(None, "2026-01-01", "two-plus-two-2026") == \
        "two-plus-two-2026 (2026-01-01)"
    assert meeting_label("Fifth EDSCG meeting", "2024-09-04", "edscg-5") == \
        "Fifth EDSCG meeting (2024-09-04)"


def test_a_notice_for_each_digest_side_once(store):
    first = store.snapshot("edscg-4-joint-press-release")
    second = store.snapshot("edscg-5-joint-statement")
    notices = text_notices([("A", first), ("B", second), ("B again", second)])
    assert [n.label for n in notices] == ["A", "B"]
    assert notices[0].url.startswith("https://www.pacom.mil/")
    assert notices[1].line().endswith("No official URL is known.")


def test_what_changed_since_pairs_statements_of_one_kind(store):
    meetings = {m.slug: m for m in store.meetings()}
    assert same_kind(meetings["edscg-4"], meetings["edscg-5"])  # one body, numbered
    assert not same_kind(meetings["two-plus-two-2016"], meetings["washington-declaration-2023"])
    assert not same_kind(meetings["edscg-4"], meetings["ncg-2"])  # two series
    previous = previous_of_kind(store.meetings())
    assert previous["edscg-5"] == "edscg-4" and previous["ncg-2"] == "ncg-1"
    assert previous["two-plus-two-2024"] == "two-plus-two-2016"
    assert "washington-declaration-2023" not in previous
    assert "nuclear-guidelines-2024" not in previous


def test_did_you_mean_looks_among_names_of_the_right_kind(store):
    from tracker.errors import NotFoundError

    with pytest.raises(NotFoundError) as document:
        store.document("edscg-5")  # a meeting, not a document: no "did you mean 'edscg-5'"
    assert "did you mean 'edscg-5'" not in str(document.value)
    with pytest.raises(NotFoundError) as meeting:
        store.meeting("edscg-55")
    assert str(meeting.value) == "unknown meeting 'edscg-55' (did you mean 'edscg-5'?)"


def test_a_meeting_report_compares_with_the_home_pages_previous_meeting(store):
    """Reports and the home page follow one rule; a report walks further
    back only past a meeting whose primary text has no live version."""
    from tracker.watch.reporting import previous_meeting

    meetings = store.meetings()
    previous = previous_of_kind(meetings)
    for meeting in meetings:
        assert previous_meeting(store, meeting.series, meeting.slug) == \
            previous.get(meeting.slug)
    primary = store.primary_document("edscg-4").slug
    for version in range(1, store.document(primary).versions + 1):
        store.retract(primary, version, reason="test", by="test")
    assert previous_meeting(store, "edscg", "edscg-5") == "edscg-3"
