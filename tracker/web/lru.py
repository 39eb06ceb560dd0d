"""One bounded, least-recently-used cache for everything the web layer keeps.

Rendered pages, finished comparisons, series views and the per-thread
database connections all want the same thing: keep the last ``size`` values,
drop the one used longest ago, and never let two threads corrupt the order.
Each used to carry its own ``OrderedDict`` bookkeeping; they now share this.

``get_or_build`` builds outside the lock, so a slow build (a comparison of
two long statements) never holds up readers of other keys. Two threads
missing the same key at once may both build it; the second value wins, which
is harmless because every key here names an immutable result.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")
_MISSING = object()  # None may be a value worth keeping


class LRUCache(Generic[Value]):
    """At most ``size`` values; ``on_evict`` is called with each value pushed
    out (a connection to close), outside the lock."""

    def __init__(self, size: int, on_evict: Callable[[Value], None] | None = None):
        if size < 1:
            raise ValueError("an LRU cache holds at least one value")
        self.size = size
        self.hits = self.misses = 0
        self._items: OrderedDict[Hashable, Value] = OrderedDict()
        self._lock = threading.Lock()
        self._on_evict = on_evict

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> list[Value]:
        """A copy, oldest first: safe to walk while other threads use the cache."""
        with self._lock:
            return list(self._items.values())

    def get(self, key: Hashable) -> Value | None:
        """The value, now the most recently used; None (a miss) if absent."""
        value = self._find(key)
        return None if value is _MISSING else value

    def put(self, key: Hashable, value: Value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            evicted = [self._items.popitem(last=False)[1]
                       for _ in range(len(self._items) - self.size)]
        if self._on_evict:
            for old in evicted:
                self._on_evict(old)

    def get_or_build(self, key: Hashable, build: Callable[[], Value]) -> Value:
        """The cached value, else ``build()``'s, kept for next time."""
        value = self._find(key)
        if value is _MISSING:
            value = build()
            self.put(key, value)
        return value

    def _find(self, key: Hashable):
        """The value or ``_MISSING``, counted as a hit or a miss."""
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is _MISSING:
                self.misses += 1
            else:
                self.hits += 1
                self._items.move_to_end(key)
            return value
