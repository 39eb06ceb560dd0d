"""What a check does to a page's text after extraction, before the change
test: small filters in a registry, the way urlwatch keeps its filters.

Each filter is a class with a ``name`` (its key in ``FILTERS``) and a
docstring that is its user documentation (the README's "What a check does"
names each one and points here). A filter
is built for one source and the ``[watch]`` settings, and ``apply`` turns
text into text, or refuses it with an ``InputError`` that becomes the
check's recorded error. ``run_filters`` applies them all, in the order they
are defined here; a filter with nothing to do for a source returns the text
as it is.
"""

from typing import ClassVar

import regex

from tracker.errors import InputError
from tracker.model import Source
from tracker.settings import WatchSettings
from tracker.text import canonical_text

FILTERS: dict[str, type["Filter"]] = {}
_FLAGS = regex.MULTILINE | regex.V0


class Filter:
    """A step between extraction and the change test."""

    name: ClassVar[str] = ""

    def __init__(self, source: Source, watch: WatchSettings):
        self.source, self.watch = source, watch

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name in FILTERS:
            raise ValueError(f"two filters are named {cls.name!r}")
        FILTERS[cls.name] = cls

    def apply(self, text: str) -> str:
        raise NotImplementedError


def run_filters(text: str, source: Source, watch: WatchSettings) -> str:
    """``text`` through every registered filter, for ``source``."""
    for kind in FILTERS.values():
        text = kind(source, watch).apply(text)
    return text


class IgnoreFilter(Filter):
    """Removes the text each of the source's ignore patterns matches
    ("Last updated: …" lines, view counters), so page furniture that
    changes on every visit never counts as a change. Patterns are regular
    expressions (the ``regex`` module, each line matched on its own with
    ``^`` and ``$``); each gets ``[watch] ignore_timeout`` seconds per page,
    and one that takes longer fails the check with one readable line."""

    name = "ignore"

    def apply(self, text: str) -> str:
        if not self.source.ignore:
            return text
        text = remove_ignored(text, self.source.ignore, self.watch.ignore_timeout)
        if not text:
            raise InputError("the page holds no statement text once ignored parts are removed")
        return text


class ShrinkGuard(Filter):
    """Refuses a text shorter than ``[watch] shrink_ratio`` of the source's
    usual length: a page that suddenly shrinks to a fragment is a broken
    extraction (a redesigned page, an error page served as 200), not a new
    version. The check is recorded as an error and nothing is stored."""

    name = "shrink-guard"

    def apply(self, text: str) -> str:
        usual = self.source.usual_length
        if usual and len(text) < usual * self.watch.shrink_ratio:
            raise InputError(f"the statement shrank to {len(text):,} characters "
                             f"(usually {usual:,}); not stored, check the page or selector")
        return text


def remove_ignored(text: str, patterns: tuple[str, ...],
                   timeout: float = WatchSettings.ignore_timeout) -> str:
    """``text`` without what ``patterns`` match. Patterns come from users
    (the web too), and a backtracking one such as ``(a|aa)+$`` could run
    for hours; the ``regex`` engine stops each after ``timeout`` seconds."""
    for pattern in patterns:
        try:
            text = regex.sub(pattern, "", text, flags=_FLAGS, timeout=timeout)
        except TimeoutError:
            raise InputError(f"the ignore pattern {pattern!r} took longer than {timeout:g} s "
                             "on this page; simplify it") from None
        except regex.error as error:
            raise InputError(f"invalid ignore pattern {pattern!r}: {error}") from None
    return canonical_text(text)


def validate_patterns(patterns) -> tuple[str, ...]:
    """Ignore patterns must compile, with the engine and flags that will
    run them: a typo should fail when the source is added, not at 2 a.m."""
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise InputError(f"invalid ignore pattern {pattern!r}: write it as text")
        try:
            regex.compile(pattern, _FLAGS)
        except regex.error as error:
            raise InputError(f"invalid ignore pattern {pattern!r}: {error}") from None
    return tuple(patterns)
