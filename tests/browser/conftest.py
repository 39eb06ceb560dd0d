"""A real tracker server (waitress, real SQLite file) and headless Debian chromium."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT, free_port

SCREENSHOTS = Path(os.environ.get("TRACKER_SCREENSHOTS", ROOT / "test-artifacts" / "screenshots"))
PAYLOAD = ('<script>window.__xss = "script"</script>'
           '<img src=x onerror="window.__xss = \'img\'">')
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"]


def _plant_hostile_snapshot(db: Path) -> None:
    from tracker.model import Capture, DocumentSpec, MeetingSpec
    from tracker.store import open_store

    with open_store(db) as store:
        meeting = MeetingSpec("edscg-9", "edscg", number=9, date="2030-01-01",
                              title=f"Hostile {PAYLOAD}", location=PAYLOAD)
        spec = DocumentSpec("edscg-9-joint-statement", meeting, publisher=PAYLOAD, title=PAYLOAD)
        store.add(spec, Capture(f"The two sides met. {PAYLOAD} The allies agreed."))
        store.add(spec, Capture(f"The two sides met again. {PAYLOAD} The allies agreed."))


def _plant_listing(db: Path) -> None:
    """A listing source whose links hold hostile text, one stored, one failed."""
    from tracker.model import CheckRecord, LinkRule
    from tracker.store import open_store

    with open_store(db) as store, store.write():
        source = store.add_listing_source("https://www.example.gov/press/", "edscg",
                                          LinkRule(text=PAYLOAD), now="2030-01-02T00:00:00Z")
        store.remember_links(source.id, [("https://www.example.gov/9", PAYLOAD),
                                         ("https://www.example.gov/x", PAYLOAD)], "pending",
                             "2030-01-02T00:00:00Z")
        store.mark_link(source.id, "https://www.example.gov/9", "stored", "2030-01-02T00:00:01Z",
                        document="edscg-9-joint-statement")
        store.mark_link(source.id, "https://www.example.gov/x", "failed", "2030-01-02T00:00:01Z",
                        error=f"the server answered HTTP 503 {PAYLOAD}")
        store.insert_check(CheckRecord(source.id, "2030-01-02T00:00:00Z", 5, "error",
                                       message=PAYLOAD))


def initialised_db(tmp_path_factory, name: str) -> Path:
    """A new database file with the bundled corpus, made by ``tracker init``
    as a user would."""
    db = tmp_path_factory.mktemp(name) / "tracker.db"
    subprocess.run([sys.executable, "-m", "tracker", "--db", str(db), "init"], check=True,
                   capture_output=True)
    return db


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """``tracker serve`` on a free loopback port, over a database holding the
    bundled corpus and one planted hostile statement."""
    db = initialised_db(tmp_path_factory, "browser")
    _plant_hostile_snapshot(db)
    _plant_listing(db)
    yield from serve(db)


def serve(db: Path, env: dict | None = None):
    """``tracker serve`` over ``db`` until the fixture that yields from it ends."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tracker", "--db", str(db), "serve",
                                "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    _wait_for(base, process)
    yield base
    process.terminate()
    process.wait(timeout=20)


def _wait_for(base: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(process.stderr.read().decode())
        try:
            urllib.request.urlopen(base + "/", timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"tracker serve did not answer on {base}")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("TRACKER_CHROMIUM") or shutil.which("chromium")
    assert executable, "Debian's chromium is needed: `make test` installs it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
