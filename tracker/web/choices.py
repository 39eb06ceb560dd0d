"""The lists the pickers offer (meetings, publishers), read once per
content revision rather than on every request.

Past ``MAX_OPTIONS`` entries a ``<select>`` stops being a help: thousands of
``<option>`` elements made most of a page's bytes and no one scrolls them.
Pages then show a text field with a short suggestion list instead, and the
home page lists everything.
"""

from dataclasses import dataclass

from flask import current_app

from tracker.web.db import get_store
from tracker.web.lru import LRUCache

EXTENSION = "tracker.choices"
MAX_OPTIONS = 300


@dataclass(frozen=True)
class ChoiceLists:
    """Meetings that have a text (slug, label, series) and publishers."""

    meetings: tuple[tuple[str, str, str], ...]
    publishers: tuple[str, ...]

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
    meetings = tuple((m.slug, f"{m.slug} · {m.title or ''} ({m.date or 'undated'})", m.series)
                     for m in store.meetings(with_documents=False) if m.document_count)
    return ChoiceLists(meetings, tuple(store.publishers()))
