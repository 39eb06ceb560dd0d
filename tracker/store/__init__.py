"""The snapshot store (SQLite through sqlite-utils). See ``store.py``.

The names below are loaded on first use: ``tracker.store.reading`` (the
fast document listing) must be importable without sqlite-utils.
"""

__all__ = ["Store", "open_store", "utc_now"]


def __getattr__(name: str):
    if name in __all__:
        from tracker.store import store

        return getattr(store, name)
    raise AttributeError(f"module 'tracker.store' has no attribute {name!r}")
