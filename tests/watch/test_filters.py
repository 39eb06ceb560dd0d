"""The filters a check applies after extraction: a registry of small
classes whose docstrings are the user's documentation."""

import pytest

from tests.conftest import ROOT
from tracker.errors import InputError
from tracker.ingest.filters import FILTERS, Filter, run_filters, validate_patterns
from tracker.model import Source
from tracker.settings import WatchSettings

TEXT = "Joint Statement\n\nLast updated: today\n\n" + "The allies met in Seoul. " * 8


def source(ignore=(), usual_length=None) -> Source:
    return Source(id=1, url="http://example.test/s", document="d", selector=None,
                  interval_seconds=3600, cron=None, ignore=ignore, enabled=True,
                  created_at="2025-01-01T00:00:00Z", usual_length=usual_length)


def test_every_filter_has_a_name_and_documentation_the_readme_quotes():
    readme = ROOT.joinpath("README.md").read_text()
    assert list(FILTERS) == ["ignore", "shrink-guard"]
    for name, kind in FILTERS.items():
        assert kind.name == name and issubclass(kind, Filter)
        assert len((kind.__doc__ or "").split()) > 20, name
        assert f"`{name}`" in readme, name


def test_a_source_without_rules_keeps_its_text():
    assert run_filters(TEXT, source(), WatchSettings()) == TEXT


def test_the_guard_measures_the_text_after_the_ignore_rules():
    """Ignore runs first: text it removes counts as gone for the guard."""
    watch = WatchSettings(shrink_ratio=0.5)
    kept = run_filters(TEXT, source((r"^Last updated:.*$",), len(TEXT)), watch)
    assert "Last updated" not in kept
    with pytest.raises(InputError, match="shrank to 36 characters"):
        run_filters(TEXT, source((r"^The allies.*$",), len(TEXT)), watch)


def test_ignoring_everything_is_refused():
    with pytest.raises(InputError, match="no statement text once ignored parts are removed"):
        run_filters(TEXT, source((r"(?s).*",)), WatchSettings())


def test_two_filters_cannot_share_a_name():
    with pytest.raises(ValueError, match="two filters are named 'ignore'"):
        type("Again", (Filter,), {"name": "ignore"})
    assert FILTERS["ignore"].__name__ == "IgnoreFilter"


@pytest.mark.parametrize("pattern", ["(unclosed", r"\p{NoSuchScript}", 42])
def test_patterns_are_checked_when_added(pattern):
    with pytest.raises(InputError, match="invalid ignore pattern"):
        validate_patterns([pattern])
