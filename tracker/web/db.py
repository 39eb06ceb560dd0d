"""The request's store: one SQLite connection per server thread, kept open.

Opening a connection per request would close the database's last
connection after every request, and SQLite checkpoints and deletes the WAL
file when that happens: slow, and a long tail of latencies under load. A
connection kept per thread avoids it; each is used by one thread only.
"""

import threading

from flask import Flask, current_app

from tracker.store import Store, open_store
from tracker.web.lru import LRUCache

_local = threading.local()
STORES_PER_THREAD = 4  # one app serves one database; tests make many apps


def get_store() -> Store:
    """This thread's connection to the app's database, opened on first use;
    the connection used longest ago is closed past ``STORES_PER_THREAD``."""
    path = current_app.config["DATABASE"]
    stores = getattr(_local, "stores", None)
    if stores is None:
        stores = _local.stores = LRUCache(STORES_PER_THREAD, on_evict=Store.close)
    return stores.get_or_build(path, lambda: open_store(path, create=False))


def _end_request(_error: BaseException | None = None) -> None:
    """A request that failed mid-write must not leave a transaction open."""
    stores = getattr(_local, "stores", None)
    for store in stores.values() if stores else ():
        if store.conn.in_transaction:
            store.conn.rollback()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(_end_request)
