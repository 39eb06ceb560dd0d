"""Random addresses, queries, references, JSON bodies and forms against the
web app (Flask's test client, a real SQLite file holding the bundled
corpus): whatever comes in, the answer is never a 5xx, and under ``/api/``
it is always JSON, with a one-line ``error`` when it is a refusal.

The database is there and readable, so even the documented 503 (no
database) may not appear. Sources may name private addresses
(``ALLOW_PRIVATE_SOURCES``) so that no example waits on a DNS lookup;
nothing is fetched when a source is added.
"""

import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import SignIn
from tracker.web.api import SNAPSHOT_FIELDS, SOURCE_FIELDS

pytestmark = pytest.mark.slow  # hundreds of generated requests a test

AUTH = {"Authorization": "Bearer s3cret"}
FUZZ = settings(max_examples=500, deadline=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

TEXT = st.text(st.characters(codec="utf-8"), max_size=30)
SLUGS = ["edscg-4", "edscg-5", "ncg-4", "edscg-5-joint-statement",
         "edscg-5-joint-statement-rok", "ncg-1-joint-readout", "edscg", "ncg"]
NUMBERS = st.one_of(st.integers(-5, 12), st.integers(-2**70, 2**70)).map(str)
ODD_DIGITS = st.sampled_from(["²", "٢", "２", "۳", "0", "00", "1\n", " 1", "1_0", "1e3", "v", ""])
VERSION = st.one_of(NUMBERS, ODD_DIGITS, TEXT)
SEGMENT = st.one_of(st.sampled_from(SLUGS), NUMBERS, ODD_DIGITS, TEXT).map(
    lambda s: quote(s, safe=""))
RAW = st.sampled_from(["%ff", "%00", "%2F", "..", "%", "%zz", "%C0%AF", "%E2%80%AE", "~"])
PART = st.one_of(SEGMENT, RAW)
REF = st.one_of(
    st.sampled_from(SLUGS),
    st.builds(lambda slug, sep, version: f"{slug}@{sep}{version}",
              st.sampled_from(SLUGS), st.sampled_from(["", "v", "V"]), VERSION),
    TEXT)
QUERY_KEYS = st.sampled_from(["a", "b", "view", "changes", "topic", "actor", "change", "term",
                              "meeting", "q", "series", "publisher", "versions", "next"])
QUERY = st.dictionaries(QUERY_KEYS, st.one_of(REF, TEXT), max_size=4)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(TEXT, inner, max_size=4)),
    max_leaves=20)


def _paths():
    """Every route with a parameter, its parameters drawn at random."""
    one = st.builds
    return st.one_of(
        one(lambda s: f"/documents/{s}", PART),
        one(lambda s, v: f"/documents/{s}/v{v}", PART, PART),
        one(lambda s: f"/api/documents/{s}", PART),
        one(lambda s, v: f"/api/documents/{s}/v{v}", PART, PART),
        one(lambda s: f"/reports/{s}", PART),
        one(lambda s: f"/commitments/{s}", PART),
        one(lambda s: f"/terms/{s}", PART),
        one(lambda a, b, end: f"/compare/{quote(a, safe='@')}...{quote(b, safe='@')}{end}",
            REF, REF, st.sampled_from(["", ".json", ".md", ".diff"])),
        one(lambda a: f"/compare/{quote(a, safe='@.')}", REF),
        one(lambda s: f"/api/{s}", PART),
        # Not an empty first segment: Flask's test client reads "//host/…" as
        # a host name and fails on a long label before the app is reached.
        one(lambda s, t: f"/{s}/{t}", PART.filter(bool), PART),
        st.sampled_from(["/", "/search", "/compare", "/api/compare", "/api/meetings",
                         "/api/documents", "/sources", "/reports", "/feed.atom", "/login"]),
    )


PLAUSIBLE = st.one_of(st.sampled_from(SLUGS), st.sampled_from(
    ["1s", "6h", "99999999999999999999d", "366d", "٢h", "http://127.0.0.1:9/x", "verified",
     "unknown", "html", "text", "2024-09-04", "0 */6 * * *", "* * * * 99", "div.body", "[",
     "(?P<", "", " ", "https://state.test/"]), TEXT)


def _fields(names):
    """Bodies with the endpoint's own field names, holding values of any type."""
    return st.dictionaries(st.one_of(st.sampled_from(sorted(names)), TEXT),
                           st.one_of(PLAUSIBLE, JSON, st.lists(PLAUSIBLE, max_size=3)),
                           max_size=8)


ANY_VALUE = st.one_of(PLAUSIBLE, JSON)


def _near_valid(base, names, values=ANY_VALUE):
    """A body that would be accepted, with up to two of its fields replaced."""
    return st.builds(lambda first, extra: {**first, **extra}, base,
                     st.dictionaries(st.sampled_from(sorted(names)), values, max_size=2))


SNAPSHOT = st.builds(lambda n: {"text": f"A fuzzed statement, number {n}.",
                                "document": "edscg-5-joint-statement"}, st.integers(0, 10**9))
SOURCE = st.builds(lambda n: {"url": f"http://127.0.0.1:9/statement?{n}",
                              "document": "edscg-5-joint-statement"}, st.integers(0, 10**9))


@pytest.fixture
def app(make_app):
    return make_app(ADMIN_TOKEN="s3cret", ALLOW_PRIVATE_SOURCES=True,
                    API_RATE_LIMIT=(10**9, 1), LOGIN_RATE_LIMIT=(10**9, 1))


def assert_answer(response, path: str) -> None:
    """No 5xx; JSON under /api/, with a one-line error on a refusal."""
    body = response.get_data(as_text=True)
    event(f"HTTP {response.status_code}")  # shown by --hypothesis-show-statistics
    assert response.status_code < 500, (path, response.status_code, body[:300])
    assert "Traceback" not in body
    api = re.match(r"/api(/|$|\?)", response.request.path or "")
    if api and response.status_code >= 400:
        assert response.mimetype == "application/json", (path, body[:200])
        error = response.get_json()["error"]
        assert isinstance(error, str) and error and "\n" not in error, (path, error)
    elif api and response.status_code < 300:
        assert response.mimetype == "application/json", (path, body[:200])
        json.loads(body)


@FUZZ
@given(path=_paths(), query=QUERY)
def test_no_address_or_query_gives_a_server_error(app, path, query):
    response = app.test_client().get(path, query_string=query)
    assert_answer(response, path)


@FUZZ
@given(first=REF, second=REF)
def test_no_pair_of_references_gives_a_server_error(app, first, second):
    response = app.test_client().get("/api/compare", query_string={"a": first, "b": second})
    assert_answer(response, "/api/compare")


@FUZZ
@given(st.one_of(
    st.tuples(st.sampled_from(["/api/snapshots", "/api/sources"]), JSON),
    st.tuples(st.just("/api/snapshots"), _fields(SNAPSHOT_FIELDS)),
    st.tuples(st.just("/api/sources"), _fields(SOURCE_FIELDS)),
    st.tuples(st.just("/api/snapshots"), _near_valid(SNAPSHOT, SNAPSHOT_FIELDS)),
    st.tuples(st.just("/api/sources"), _near_valid(SOURCE, SOURCE_FIELDS))))
def test_no_json_body_gives_a_server_error(app, case):
    path, body = case
    response = app.test_client().post(path, json=body, headers=AUTH)
    assert_answer(response, path)


@FUZZ
@given(path=st.sampled_from(["/api/snapshots", "/api/sources", "/api/meetings"]),
       data=st.one_of(st.binary(max_size=200),
                      st.integers(1, 200_000).map(lambda n: "[" * n + "]" * n),
                      st.integers(1, 200_000).map(lambda n: '{"a":' * n + "1" + "}" * n)),
       method=st.sampled_from(["post", "put", "patch", "delete"]))
def test_no_raw_body_or_method_gives_a_server_error(app, path, data, method):
    response = getattr(app.test_client(), method)(path, data=data, headers=AUTH,
                                                  content_type="application/json")
    assert_answer(response, path)


def _signed_in(app):
    """A browser signed in with the admin token, and its form token."""
    signed = SignIn(app.test_client())
    signed.sign_in()
    return signed.client, signed.form_token()


@FUZZ
@given(st.one_of(st.tuples(st.just("/add"), _near_valid(SNAPSHOT, SNAPSHOT_FIELDS, PLAUSIBLE)),
                 st.tuples(st.just("/sources"), _near_valid(SOURCE, SOURCE_FIELDS, PLAUSIBLE))))
def test_no_form_gives_a_server_error(app, case):
    path, form = case
    client, token = _signed_in(app)
    response = client.post(path, data={**form, "csrf_token": token})
    assert_answer(response, path)
