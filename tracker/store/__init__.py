"""The snapshot store (SQLite through sqlite-utils). See ``store.py``."""

from tracker.store.store import Store, open_store, utc_now

__all__ = ["Store", "open_store", "utc_now"]
