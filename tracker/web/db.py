"""The request's store: opened on first use, closed when the request ends."""

from flask import Flask, current_app, g

from tracker.store import Store, open_store


def get_store() -> Store:
    if "store" not in g:
        g.store = open_store(current_app.config["DATABASE"], create=False)
    return g.store


def close_store(_error: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
