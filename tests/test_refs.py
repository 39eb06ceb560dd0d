import pytest

from tracker.errors import InputError
from tracker.refs import check_date, check_slug, parse_meeting_slug, parse_snapshot_ref


@pytest.mark.parametrize("slug", ["edscg-5", "a", "ncg-5-joint-statement", "x1-2y"])
def test_valid_slugs(slug):
    assert check_slug(slug) == slug


@pytest.mark.parametrize("slug", ["", "Edscg", "a--b", "-a", "a-", "a_b", "a b", "../x",
                                  "a/b", "é", "a" * 81])
def test_invalid_slugs(slug):
    with pytest.raises(InputError, match="invalid"):
        check_slug(slug)


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


@pytest.mark.parametrize("value", ["2024-9-4", "2024-02-30", "yesterday", "20240904", ""])
def test_bad_dates(value):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        check_date(value)


def test_good_date():
    assert check_date("2024-09-04") == "2024-09-04"
