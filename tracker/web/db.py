"""The request's store: one SQLite connection per server thread, kept open.

Opening a connection per request would close the database's last
connection after every request, and SQLite checkpoints and deletes the WAL
file when that happens: slow, and a long tail of latencies under load. A
connection kept per thread avoids it; each is used by one thread only.
"""

import threading
from collections import OrderedDict

from flask import Flask, current_app

from tracker.store import Store, open_store

_local = threading.local()
STORES_PER_THREAD = 4  # one app serves one database; tests make many apps


def get_store() -> Store:
    path = current_app.config["DATABASE"]
    stores: OrderedDict[str, Store] = _local.__dict__.setdefault("stores", OrderedDict())
    store = stores.get(path)
    if store is None:
        store = stores[path] = open_store(path, create=False)
        while len(stores) > STORES_PER_THREAD:
            stores.popitem(last=False)[1].close()
    stores.move_to_end(path)
    return store


def _end_request(_error: BaseException | None = None) -> None:
    """A request that failed mid-write must not leave a transaction open."""
    for store in getattr(_local, "stores", {}).values():
        if store.conn.in_transaction:
            store.conn.rollback()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_end_request)
