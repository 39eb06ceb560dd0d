import pytest

from tracker.errors import InputError
from tracker.model import URL_STATUSES
from tracker.refs import (
    MAX_NUMBER,
    parse_meeting_slug,
    parse_number,
    parse_snapshot_ref,
    validate_date,
    validate_slug,
    validate_url_status,
)


@pytest.mark.parametrize("slug", ["edscg-5", "a", "ncg-5-joint-statement", "x1-2y"])
def test_valid_slugs(slug):
    assert validate_slug(slug) == slug


@pytest.mark.parametrize("slug", ["", "Edscg", "a--b", "-a", "a-", "a_b", "a b", "../x",
                                  "a/b", "é", "a" * 81, "edscg-5\n", "edscg-٥"])
def test_invalid_slugs(slug):
    with pytest.raises(InputError, match="invalid"):
        validate_slug(slug)


@pytest.mark.parametrize(
    ("slug", "series", "number"),
    [("edscg-5", "edscg", 5), ("ncg-12", "ncg", 12),
     ("two-plus-two-2016", "two-plus-two", None), ("summit", "summit", None)],
)
def test_meeting_slug_names_series_and_number(slug, series, number):
    name = parse_meeting_slug(slug)
    assert (name.series, name.number) == (series, number)


@pytest.mark.parametrize(
    ("text", "document", "version"),
    [("edscg-5-joint-statement", "edscg-5-joint-statement", None),
     ("doc@2", "doc", 2), ("doc@v3", "doc", 3)],
)
def test_snapshot_refs(text, document, version):
    ref = parse_snapshot_ref(text)
    assert (ref.document, ref.version) == (document, version)


@pytest.mark.parametrize("text", ["doc@", "doc@0", "doc@x", "doc@-1", "Doc@1", "doc@1@2"])
def test_bad_snapshot_refs(text):
    with pytest.raises(InputError):
        parse_snapshot_ref(text)


@pytest.mark.parametrize("text", ["doc@²", "doc@٢", "doc@v٢", "doc@２", "doc@99999999999999999999",
                                  f"doc@{MAX_NUMBER + 1}", "doc@1\n", "doc@ 1", "doc@+1",
                                  "doc@1_000"])
def test_versions_are_ascii_digits_in_range(text):
    """``str.isdigit`` accepts ``²`` (which ``int`` then refuses) and ``٢``
    (which ``int`` reads as 2); SQLite cannot be asked past 64 bits."""
    with pytest.raises(InputError, match=r"invalid version .*at most 2147483647") as caught:
        parse_snapshot_ref(text)
    assert "\n" not in str(caught.value)


def test_largest_version_is_accepted():
    assert parse_snapshot_ref(f"doc@{MAX_NUMBER}").version == MAX_NUMBER


@pytest.mark.parametrize("text", ["", "0", "-1", "٣", "³", "1e3", "0x10", " 7", "7 ",
                                  str(MAX_NUMBER + 1), "9" * 400])
def test_bad_numbers(text):
    with pytest.raises(InputError, match="invalid report id .*: use a whole number from 1"):
        parse_number(text, "report id")


def test_numbers():
    assert [parse_number(t, "id") for t in ("1", "007", str(MAX_NUMBER))] == [1, 7, MAX_NUMBER]


@pytest.mark.parametrize("value", URL_STATUSES)
def test_url_statuses(value):
    assert validate_url_status(value) == value


def test_no_url_status_is_none():
    assert validate_url_status(None) is None and validate_url_status("") is None


@pytest.mark.parametrize("value", ["Verified", "ok", "verified ", "broken"])
def test_bad_url_statuses(value):
    with pytest.raises(InputError, match="invalid url_status .*verified, unverified, unknown"):
        validate_url_status(value)


@pytest.mark.parametrize("value", ["2024-9-4", "2024-02-30", "yesterday", "20240904", ""])
def test_bad_dates(value):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        validate_date(value)


def test_good_date():
    assert validate_date("2024-09-04") == "2024-09-04"
