"""Sources may not make the watcher read internal pages, whatever the URL,
the redirects or the DNS answers do.

Only loopback addresses are used: a server on 127.0.0.2 stands for "a public
host" (the policy lists 127.0.0.2/32 as allowed), one on 127.0.0.1 for the
internal page the attacker wants published. Checks run as real ``tracker``
processes against real servers and a real database file.
"""

import ipaddress

import pytest

from tests.conftest import file_digest
from tests.reliability.conftest import check_database, child_env, connect, tracker
from tests.reliability.servers import LocalServer, Route, redirect
from tests.watch.conftest import PARAGRAPHS, page
from tracker.ingest.netguard import AddressPolicy
from tracker.web import create_app

TOKEN = "a-long-admin-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECRET = "Internal admin page: the database password is hunter2."
ALLOWED = (ipaddress.ip_network("127.0.0.2/32"),)


@pytest.fixture
def internal():
    """The page nobody outside may read, on 127.0.0.1."""
    with LocalServer("127.0.0.1") as server:
        server.routes["/index.html"] = Route(body=page([SECRET]).encode())
        yield server


@pytest.fixture
def public():
    """A "public" server (127.0.0.2, allowed by the test's policy)."""
    with LocalServer("127.0.0.2") as server:
        server.routes["/statement"] = Route(body=page().encode())
        yield server


def config(tmp_path, allow_private: bool = True):
    path = tmp_path / "tracker.toml"
    path.write_text("[watch]\npoliteness_seconds = 0\nretries = 0\ntotal_timeout = 5\n"
                    f"[fetch]\nallow_private = {str(allow_private).lower()}\n"
                    'allowed_networks = ["127.0.0.2/32"]\n')
    return path


def add_from_web(db, url: str, policy: AddressPolicy | None = None):
    app = create_app({"DATABASE": str(db), "TESTING": True, "ADMIN_TOKEN": TOKEN,
                      "SOURCE_ADDRESS_POLICY": policy or AddressPolicy(ALLOWED)})
    return app.test_client().post("/api/sources", headers=AUTH, json={
        "url": url, "document": "edscg-6-joint-statement", "meeting": "edscg-6"})


def stored_texts(db) -> list[str]:
    with connect(db) as conn:
        return [row["text"] for row in conn.execute("SELECT text FROM snapshots")]


def last_check(db) -> dict:
    with connect(db) as conn:
        return dict(conn.execute("SELECT * FROM checks ORDER BY id DESC LIMIT 1").fetchone())


def test_a_public_redirect_to_an_internal_page_is_refused(tmp_path, initialised, internal,
                                                         public):
    public.routes["/moved"] = redirect(internal.url("/index.html"))
    added = add_from_web(initialised, public.url("/moved"))
    assert added.status_code == 201, added.get_json()
    assert added.get_json()["origin"] == "web"
    before = len(stored_texts(initialised))

    done = tracker(initialised, "check", "--config", str(config(tmp_path)))

    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert "127.0.0.1 is a loopback" in done.stdout and "must be public" in done.stdout
    assert internal.requests == []  # refused before connecting
    assert len(stored_texts(initialised)) == before
    assert not any(SECRET in text for text in stored_texts(initialised))
    assert last_check(initialised)["outcome"] == "error"
    check_database(initialised)


def test_the_same_source_without_the_redirect_is_stored(tmp_path, initialised, public):
    """The control: the allowed server itself is fetched, so the refusal
    above is the redirect's, not the test setup's."""
    assert add_from_web(initialised, public.url("/statement")).status_code == 201
    done = tracker(initialised, "check", "--config", str(config(tmp_path)))
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(PARAGRAPHS[0] in text for text in stored_texts(initialised))


def test_dns_rebinding_is_refused_at_connect(initialised, internal, public):
    """The name answers the allowed address when added, the internal one
    when fetched: the fetch checks the address it connects to."""
    from tracker.settings import Settings, WatchSettings
    from tracker.store import open_store
    from tracker.watch.check import check_source
    from tracker.watch.fetcher import Fetcher

    answers = iter(["127.0.0.2", "127.0.0.1", "127.0.0.1"])
    policy = AddressPolicy(ALLOWED, resolver=lambda _host, _port: [next(answers)])
    url = f"http://rebind.test:{internal.port}/index.html"
    assert add_from_web(initialised, url, policy).status_code == 201

    settings = Settings(watch=WatchSettings(politeness_seconds=0, retries=0, total_timeout=5))
    with open_store(initialised) as store:
        source = store.sources()[0]
        result = check_source(store, source, settings, Fetcher(settings, policy=policy))
    assert result.outcome == "error"
    assert "rebind.test resolves to 127.0.0.1" in result.message
    assert internal.requests == []
    assert not any(SECRET in text for text in stored_texts(initialised))


def test_a_parser_confusing_url_reaches_nothing(initialised, internal):
    """``http://127.0.0.1:PORT\\@1.1.1.1/`` looked like 1.1.1.1 to the old
    guard while urllib3 connected to 127.0.0.1. Refused when added; and a
    row already stored with it (an older database) is refused when fetched."""
    url = f"http://127.0.0.1:{internal.port}\\@1.1.1.1/../index.html"
    before = file_digest(initialised)
    refused = add_from_web(initialised, url)
    assert refused.status_code == 400 and "backslash" in refused.get_json()["error"]
    assert file_digest(initialised) == before

    from tracker.settings import Settings, WatchSettings
    from tracker.store import open_store, utc_now
    from tracker.watch.check import check_source

    with open_store(initialised) as store:
        source = _insert_web_source(store, url, utc_now())
        settings = Settings(watch=WatchSettings(politeness_seconds=0, retries=0))
        result = check_source(store, source, settings)
    assert result.outcome == "error" and "127.0.0.1 is a loopback" in result.message
    assert internal.requests == []


def _insert_web_source(store, url, now):
    from tracker.model import DocumentSpec, MeetingSpec

    with store.write():
        store.ensure_document(DocumentSpec("edscg-6-joint-statement",
                                           MeetingSpec("edscg-6", "edscg", number=6)))
        return store.add_source(url, "edscg-6-joint-statement", origin="web", now=now)


def test_cli_sources_follow_the_configuration(tmp_path, initialised, internal):
    """CLI sources may be private by default; ``[fetch] allow_private =
    false`` refuses them when added and when fetched."""
    strict = str(config(tmp_path, allow_private=False))
    url = internal.url("/index.html")
    refused = tracker(initialised, "sources", "add", url, "--document",
                      "edscg-6-joint-statement", "--meeting", "edscg-6", "--config", strict)
    assert refused.returncode == 1
    assert refused.stderr.strip().count("\n") == 0 and "must be public" in refused.stderr

    added = tracker(initialised, "sources", "add", url, "--document",
                    "edscg-6-joint-statement", "--meeting", "edscg-6")
    assert added.returncode == 0, added.stderr
    done = tracker(initialised, "check", "--config", strict)
    assert done.returncode == 1 and "must be public" in done.stdout
    assert internal.requests == []
    assert tracker(initialised, "check").returncode == 0  # the default allows it
    assert internal.requests == ["/index.html"]


def test_tracker_add_url_follows_the_configuration(tmp_path, initialised, internal):
    strict = str(config(tmp_path, allow_private=False))
    before = file_digest(initialised)
    refused = tracker(initialised, "add", internal.url("/index.html"), "--meeting", "edscg-6",
                      env=child_env(TRACKER_CONFIG=strict))
    assert refused.returncode == 1 and "must be public" in refused.stderr
    assert "Traceback" not in refused.stderr and internal.requests == []
    assert file_digest(initialised) == before


@pytest.mark.parametrize("certified", ["statement.test", "other.test"])
def test_tls_still_checks_the_host_name(certified):
    """The socket goes to the checked address, but SNI and the certificate
    check still use the host name: a certificate for another name fails."""
    import ssl

    import trustme

    from tracker.ingest.fetch import FetchError, fetch
    from tracker.ingest.transport import checked_session

    authority = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert(certified).configure_cert(context)
    policy = AddressPolicy(ALLOWED, resolver=lambda _host, _port: ["127.0.0.2"])
    with LocalServer("127.0.0.2", tls=context) as server, \
            authority.cert_pem.tempfile() as ca_file:
        server.routes["/statement"] = Route(body=page().encode())
        session = checked_session(policy)
        session.verify = ca_file
        url = f"https://statement.test:{server.port}/statement"
        if certified == "statement.test":
            fetched = fetch(url, 1_000_000, session, total_timeout=10, policy=policy)
            assert PARAGRAPHS[0].encode() in fetched.body
        else:
            with pytest.raises(FetchError, match="cannot connect"):
                fetch(url, 1_000_000, session, total_timeout=10, policy=policy)
