"""The lists the pickers offer (meetings, publishers) and the names of the
documents, read once per content revision rather than on every request.

Past ``MAX_OPTIONS`` entries a ``<select>`` stops being a help: thousands of
``<option>`` elements made most of a page's bytes and no one scrolls them.
Pages then show a text field with a short suggestion list instead, and the
home page lists everything.
"""

from dataclasses import dataclass

from flask import current_app

from tracker.refs.labels import document_label, meeting_label
from tracker.web.db import get_store
from tracker.web.lru import LRUCache

EXTENSION = "tracker.choices"
MAX_OPTIONS = 300


@dataclass(frozen=True)
class MeetingChoice:
    """A meeting that has a text, as pickers and links name it."""

    slug: str
    title: str | None
    date: str | None
    series: str

    @property
    def name(self) -> str:
        return meeting_label(self.title, self.date, self.slug)


@dataclass(frozen=True)
class ChoiceLists:
    """Meetings that have a text, in date order; publishers; and every
    document's name by slug (search hits are named by it)."""

    meetings: tuple[MeetingChoice, ...]
    publishers: tuple[str, ...]
    document_names: dict[str, str]

    @property
    def many_meetings(self) -> bool:
        return len(self.meetings) > MAX_OPTIONS

    @property
    def many_publishers(self) -> bool:
        return len(self.publishers) > MAX_OPTIONS


def choice_lists() -> ChoiceLists:
    store = get_store()
    cache: LRUCache[ChoiceLists] = current_app.extensions[EXTENSION]
    return cache.get_or_build(store.revision(), lambda: _read(store))


def _read(store) -> ChoiceLists:
    meetings = tuple(MeetingChoice(m.slug, m.title, m.date, m.series)
                     for m in store.meetings(with_documents=False) if m.document_count)
    return ChoiceLists(meetings, tuple(store.publishers()),
                       {d.slug: document_label(d) for d in store.documents()})
