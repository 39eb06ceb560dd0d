"""One source's failure, whatever it is, is that source's recorded error,
and the round goes on to the others (the job boundary in ``check_source``).

The failures are real: SQLite refusing one document's snapshots (a trigger
raising, as a corrupt or foreign schema would), and a database locked by
another writer while one source is checked. Real pages, real database
files, and for the first case a real ``tracker check`` process.
"""

import logging
import sqlite3
import threading

from werkzeug import Response

from tests.reliability.conftest import child_env, tracker
from tests.watch.conftest import page, quick_settings
from tracker.watch.check import check_round
from tracker.watch.jobfile import source_spec
from tracker.watch.sources import register_sources

DOCUMENTS = ("edscg-6-joint-statement", "edscg-6-fact-sheet", "edscg-6-press-remarks")
REFUSED = "snapshots of this document are refused"


def three_sources(store, httpserver, handlers=None):
    """Sources /a, /b and /c, each feeding its own new edscg-6 document."""
    specs = []
    for path, document in zip(("/a", "/b", "/c"), DOCUMENTS, strict=True):
        handler = (handlers or {}).get(path)
        expectation = httpserver.expect_request(path)
        if handler:
            expectation.respond_with_handler(handler)
        else:
            expectation.respond_with_data(page(), content_type="text/html")
        specs.append(source_spec(httpserver.url_for(path), document, "edscg-6", every="6h"))
    return [r.source for r in register_sources(store, specs, update=False)]


def refuse_snapshots_of(db, document: str) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(f"""CREATE TRIGGER refuse_one BEFORE INSERT ON snapshots
            WHEN NEW.document_id = (SELECT id FROM documents WHERE slug = '{document}')
            BEGIN SELECT RAISE(ABORT, '{REFUSED}'); END""")
    conn.close()


def test_a_database_error_in_one_source_is_recorded_and_the_round_goes_on(
        tmp_path, initialised, store, httpserver):
    sources = three_sources(store, httpserver)
    refuse_snapshots_of(initialised, DOCUMENTS[1])
    config = tmp_path / "tracker.toml"
    config.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\n")

    done = tracker(initialised, "check", "--config", str(config), env=child_env())

    assert done.returncode == 1, done.stdout + done.stderr  # an error among the checks
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"[{sources[0].id}] {DOCUMENTS[0]}: new version v1")
    assert lines[1].startswith(f"[{sources[1].id}] {DOCUMENTS[1]}: error: internal error "
                               f"(IntegrityError: {REFUSED})")
    assert lines[2].startswith(f"[{sources[2].id}] {DOCUMENTS[2]}: new version v1")
    assert lines[3].startswith("3 checked: 1 error, 2 new-version")
    assert [len(httpserver_hits(httpserver, p)) for p in ("/a", "/b", "/c")] == [1, 1, 1]
    recorded = store.checks(sources[1].id)
    assert [c.outcome for c in recorded] == ["error"]
    assert recorded[0].message.startswith("internal error (IntegrityError: " + REFUSED)
    assert recorded[0].http_status == 200
    assert "Traceback" in done.stderr and "IntegrityError" in done.stderr  # the log
    assert store.document(DOCUMENTS[1]).versions == 0
    assert [store.document(d).versions for d in (DOCUMENTS[0], DOCUMENTS[2])] == [1, 1]


def httpserver_hits(httpserver, path: str) -> list:
    return [request for request, _response in httpserver.log if request.path == path]


class OtherWriter:
    """Another connection to the database, whose page handlers take the
    write lock (while one page is served) and let it go (at the next)."""

    def __init__(self, db):
        self.conn = sqlite3.connect(db, check_same_thread=False, isolation_level=None)
        self.locked = threading.Event()

    def lock_then_serve(self, _request):
        self.conn.execute("BEGIN IMMEDIATE")
        self.locked.set()
        return Response(page(), content_type="text/html")

    def unlock_then_serve(self, _request):
        self.conn.execute("COMMIT")
        return Response(page(), content_type="text/html")


def test_a_locked_database_for_one_source_stops_nothing(initialised, store, httpserver,
                                                        caplog):
    """The other writer holds the lock while /b is checked and lets go when
    /c is fetched: /b's text cannot be stored and not even its error can
    be recorded, so the error is logged with its traceback and returned,
    and /c is checked and stored."""
    other = OtherWriter(initialised)
    sources = three_sources(store, httpserver, {"/b": other.lock_then_serve,
                                                "/c": other.unlock_then_serve})
    store.conn.execute("PRAGMA busy_timeout = 200")
    with caplog.at_level(logging.ERROR, logger="tracker.watch"):
        results = check_round(store, sources, quick_settings(retries=0, workers=1))
    other.conn.close()

    assert other.locked.is_set()
    assert [r.outcome for r in results] == ["new-version", "error", "new-version"]
    assert "database is locked" in results[1].message
    assert [c.outcome for c in store.checks(sources[0].id)] == ["new-version"]
    assert store.checks(sources[1].id) == []  # the lock kept even the error out
    assert [c.outcome for c in store.checks(sources[2].id)] == ["new-version"]
    logged = [r for r in caplog.records if r.exc_info]
    assert len(logged) == 2
    assert all(r.getMessage().startswith(f"source {sources[1].id}") for r in logged)
    assert [store.document(d).versions for d in DOCUMENTS] == [1, 0, 1]
