"""One bounded, least-recently-used cache for everything the web layer keeps.

Rendered pages, finished comparisons, series views and the per-thread
database connections all want the same thing: keep the last ``size`` values,
drop the one used longest ago, and never let two threads corrupt the order.
Each used to carry its own ``OrderedDict`` bookkeeping; they now share this.

``get_or_build`` builds outside the lock, so a slow build (a comparison of
two long statements) never holds up readers of other keys; and it builds
each key once at a time: threads that miss a key another thread is building
wait for that build and share its value (single flight), instead of twenty
clients each rendering the page that just fell out of date. A build that
fails, or whose value is not to be kept, leaves each waiter to build its own.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")
_MISSING = object()  # None may be a value worth keeping


def _always(_value: Any) -> bool:
    return True


@dataclass
class _Flight:
    """One build in progress, which threads missing the same key wait for."""

    done: threading.Event = field(default_factory=threading.Event)
    value: Any = _MISSING


class LRUCache(Generic[Value]):
    """At most ``size`` values; ``on_evict`` is called with each value pushed
    out (a connection to close), outside the lock."""

    def __init__(self, size: int, on_evict: Callable[[Value], None] | None = None):
        if size < 1:
            raise ValueError("an LRU cache holds at least one value")
        self.size = size
        self.hits = self.misses = self.shared = 0
        self._items: OrderedDict[Hashable, Value] = OrderedDict()
        self._flights: dict[Hashable, _Flight] = {}
        self._lock = threading.Lock()
        self._on_evict = on_evict

    def __len__(self) -> int:
        with self._lock:  # never between a put's insert and its eviction
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

    def get_or_build(self, key: Hashable, build: Callable[[], Value],
                     keep: Callable[[Value], bool] = _always) -> Value:
        """The cached value, else ``build()``'s, kept for next time when
        ``keep`` says so. Concurrent misses of one key share one build."""
        with self._lock:
            value, flight, leader = self._find_or_join(key)
        if value is not _MISSING:
            return value
        if not leader:
            flight.done.wait()
            return build() if flight.value is _MISSING else flight.value
        try:
            value = build()
            if keep(value):
                self.put(key, value)
                flight.value = value
            return value
        finally:
            with self._lock:
                del self._flights[key]
            flight.done.set()

    def _find_or_join(self, key: Hashable) -> tuple[Any, _Flight | None, bool]:
        """Under the lock: (value, None, False) on a hit; else the build in
        flight for ``key`` and whether this caller leads it."""
        value = self._found(key)
        if value is not _MISSING:
            return value, None, False
        flight = self._flights.get(key)
        if flight is not None:
            self.shared += 1
            return _MISSING, flight, False
        flight = self._flights[key] = _Flight()
        return _MISSING, flight, True

    def _find(self, key: Hashable):
        with self._lock:
            return self._found(key)

    def _found(self, key: Hashable):
        """The value or ``_MISSING``, counted as a hit or a miss; call
        holding the lock."""
        value = self._items.get(key, _MISSING)
        if value is _MISSING:
            self.misses += 1
        else:
            self.hits += 1
            self._items.move_to_end(key)
        return value
