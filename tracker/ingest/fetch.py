"""Fetching one page over HTTP(S), politely and within limits.

- Connect and read timeouts, a clear User-Agent, at most five redirects.
- The body is read as a stream and the cap counts decompressed bytes, so a
  small gzip bomb stops early instead of filling memory.
- Conditional GET: give the ``ETag`` and ``Last-Modified`` of the last visit
  and a 304 comes back as ``not_modified``.
- Timeouts, dropped connections and 5xx answers are retried with exponential
  backoff; 4xx answers are not (they will not mend by themselves).
- ``HostGate`` spaces requests to one host, across threads.
- A deadline bounds the whole fetch (connect, every read, retries and their
  waits), and a cancel event ends it early; see ``tracker.ingest.transport``.
- With an ``AddressPolicy`` every connection, redirects included, may only
  reach the addresses the policy allows (see ``tracker.ingest.netguard``).
"""

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

import requests

from tracker import __version__
from tracker.errors import InputError
from tracker.ingest.netguard import AddressPolicy, BlockedAddress
from tracker.ingest.transport import CheckedAdapter, Deadline, checked_session, running

USER_AGENT = f"tracker/{__version__} (statement change tracker; +https://example.invalid/tracker)"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 120.0
MAX_REDIRECTS = 5
CHUNK = 16 * 1024


class FetchError(InputError):
    """The page could not be fetched; ``status`` is the HTTP status if any."""

    def __init__(self, message: str, status: int | None = None, retryable: bool = False):
        super().__init__(message)
        self.status = status
        self.retryable = retryable


@dataclass(frozen=True)
class FetchedPage:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1
    content_language: str | None = None  # the Content-Language header, a language of last resort

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"'")
        return None


class HostGate:
    """Waits so that two requests to one host are ``delay`` seconds apart."""

    def __init__(self, delay: float, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.delay, self.sleep, self.clock = delay, sleep, clock
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        host = host_of(url)
        with self._lock:
            now = self.clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.delay
        if start > now:
            self.sleep(start - now)

    def try_reserve(self, url: str) -> float:
        """Never sleeps: 0 when ``url``'s host may be asked now (and then the
        turn is taken), else the seconds until it may. A round that has
        other hosts to ask meanwhile uses this instead of ``wait``."""
        host = host_of(url)
        with self._lock:
            now = self.clock()
            start = self._next.get(host, now)
            if start > now:
                return start - now
            self._next[host] = now + self.delay
            return 0.0


def host_of(url: str) -> str:
    """What politeness counts as one host: the address with its port."""
    return urlsplit(url).netloc.lower()


def fetch(url: str, max_bytes: int, session: requests.Session | None = None,
          timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
          etag: str | None = None, last_modified: str | None = None, retries: int = 0,
          backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
          total_timeout: float = TOTAL_TIMEOUT, cancel: threading.Event | None = None,
          policy: AddressPolicy | None = None) -> FetchedPage:
    """GET ``url``; a failure is a ``FetchError`` with one readable line.

    ``total_timeout`` bounds the whole call, retries included; ``cancel``
    ends it early. A given ``session`` should come from ``checked_session``
    with the same ``policy`` (it carries the address checks)."""
    session = session or checked_session(policy)
    _require_checked(session, url, policy)
    session.max_redirects = MAX_REDIRECTS
    headers = _headers(etag, last_modified)
    deadline = Deadline.after(total_timeout, cancel)
    with running(deadline):
        for attempt in range(retries + 1):
            try:
                page = _get_once(session, url, headers, _clamped(timeout, deadline), max_bytes)
                _raise_if_fired(deadline, url, total_timeout)
                return replace(page, attempts=attempt + 1)
            except FetchError as error:
                _raise_if_fired(deadline, url, total_timeout)
                if not error.retryable or attempt == retries:
                    raise
                _pause(backoff * 2 ** attempt, deadline, cancel, sleep)
                _raise_if_fired(deadline, url, total_timeout)
    raise AssertionError("unreachable")


def _headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """Who is asking, and the validators of the last visit (conditional GET)."""
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _require_checked(session: requests.Session, url: str,
                     policy: AddressPolicy | None) -> None:
    """A plain session would skip the address checks and the deadline's
    socket shutdown: refuse it, as a programming error, not a fetch error."""
    adapter = session.get_adapter(url) if url.startswith(("http://", "https://")) else None
    if adapter is not None and not (isinstance(adapter, CheckedAdapter)
                                    and adapter.policy is policy):
        raise TypeError("fetch() needs a session from checked_session() with the same policy")


def _clamped(timeout: tuple[float, float], deadline: Deadline) -> tuple[float, float]:
    """No single wait may outlast the whole fetch."""
    left = max(deadline.remaining(), 0.001)
    return min(timeout[0], left), min(timeout[1], left)


def _pause(seconds: float, deadline: Deadline, cancel: threading.Event | None, sleep) -> None:
    """The wait before a retry, cut short by the deadline or the cancel event."""
    seconds = min(seconds, deadline.remaining())
    if cancel is not None:
        cancel.wait(seconds)
    elif seconds > 0:
        sleep(seconds)


def _raise_if_fired(deadline: Deadline, url: str, total: float) -> None:
    reason = deadline.fired or deadline.due()
    if reason == "cancelled":
        raise FetchError(f"{url}: cancelled (the watcher is stopping)")
    if reason == "deadline":
        raise FetchError(f"{url}: no complete answer within {total:g} s (the fetch deadline)")


def _get_once(session, url, headers, timeout, max_bytes) -> FetchedPage:
    try:
        with session.get(url, stream=True, timeout=timeout, headers=headers) as response:
            status = response.status_code
            if status >= 400:
                raise FetchError(f"{url}: the server answered HTTP {status}", status,
                                 retryable=status >= 500 or status == 429)
            body = b"" if status == 304 else _read_capped(response, url, max_bytes)
            return FetchedPage(url, response.url, status,
                               response.headers.get("Content-Type", ""), body,
                               response.headers.get("ETag"),
                               response.headers.get("Last-Modified"),
                               content_language=response.headers.get("Content-Language"))
    except BlockedAddress as error:
        raise FetchError(f"{url}: refused, {error}") from None
    except requests.exceptions.Timeout:
        raise FetchError(f"{url}: timed out (no answer within {timeout[1]:g} s)",
                         retryable=True) from None
    except requests.exceptions.TooManyRedirects:
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects") from None
    except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
            requests.exceptions.InvalidSchema):
        raise FetchError(f"{url}: not a valid URL") from None
    except requests.exceptions.ConnectionError:
        raise FetchError(f"{url}: cannot connect", retryable=True) from None
    except requests.exceptions.RequestException as error:
        raise FetchError(f"{url}: {type(error).__name__}") from None


def _read_capped(response: requests.Response, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: the page is larger than the limit of "
                                 f"{max_bytes:,} bytes")
            chunks.append(chunk)
    except requests.exceptions.ContentDecodingError:
        raise FetchError(f"{url}: the compressed body is corrupt") from None
    except requests.exceptions.ChunkedEncodingError:
        raise FetchError(f"{url}: the connection broke off mid-body", retryable=True) from None
    return b"".join(chunks)
