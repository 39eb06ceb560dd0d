"""The HTTP transport under ``tracker.ingest.fetch``: checked addresses and a deadline.

Two things cannot be done from above ``requests``:

- **Which address is reached.** The address policy (``tracker.ingest.netguard``) is
  applied where the socket is opened: the host name is resolved once, every
  answer is checked, and the socket connects to a checked address. Every
  request and every redirect hop opens its connection here, so a redirect
  to an internal address, a name that resolves differently at fetch time
  (DNS rebinding) or a URL that two parsers read differently all meet the
  same check. TLS still uses the host name for SNI and the certificate.
- **A deadline for the whole request.** A socket's read timeout applies to
  each read, so a server trickling one byte a second never trips it. A
  ``Deadline`` watches the fetch from a small thread and, when the time is
  up or a cancel event is set (the scheduler stopping), shuts the sockets
  down, which wakes any blocked read at once.
"""

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from requests.adapters import HTTPAdapter
from urllib3 import PoolManager
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util.connection import create_connection

from tracker.ingest.netguard import AddressPolicy, BlockedAddress

_WATCH_STEP = 0.05  # how often the watchdog looks at the cancel event
_current = threading.local()


@dataclass
class Deadline:
    """The end time of one fetch and the sockets to shut when it passes."""

    expires_at: float
    cancel: threading.Event | None = None
    fired: str | None = None  # "deadline" or "cancelled" once it fired
    _watched: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def after(cls, seconds: float, cancel: threading.Event | None = None) -> "Deadline":
        return cls(time.monotonic() + seconds, cancel)

    def remaining(self) -> float:
        return max(0.0, self.expires_at - time.monotonic())

    def due(self) -> str | None:
        """Why the fetch must stop now, if it must."""
        if self.cancel is not None and self.cancel.is_set():
            return "cancelled"
        return "deadline" if time.monotonic() >= self.expires_at else None

    def watch(self, item) -> None:
        """Shut ``item`` (a socket, or a connection's socket) when fired."""
        with self._lock:
            self._watched.append(item)
            fired = self.fired
        if fired:
            _shut(item)

    def fire(self, reason: str) -> None:
        with self._lock:
            if self.fired:
                return
            self.fired = reason
            items = list(self._watched)
        for item in items:
            _shut(item)


def _shut(item) -> None:
    sock = item if isinstance(item, socket.socket) else getattr(item, "sock", None)
    if sock is None:
        return
    with suppress(OSError):  # the plain call: an SSL socket's own would talk TLS
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def current_deadline() -> Deadline | None:
    return getattr(_current, "deadline", None)


@contextmanager
def running(deadline: Deadline) -> Iterator[Deadline]:
    """Make ``deadline`` the current thread's, with a watchdog beside it."""
    done = threading.Event()

    def watchdog() -> None:
        while not done.wait(min(_WATCH_STEP, deadline.remaining()) or 0.001):
            reason = deadline.due()
            if reason:
                deadline.fire(reason)
                return

    previous = current_deadline()
    _current.deadline = deadline
    thread = threading.Thread(target=watchdog, name="fetch-deadline", daemon=True)
    thread.start()
    try:
        yield deadline
    finally:
        done.set()
        _current.deadline = previous
        thread.join()


class _CheckedConnectionMixin:
    """Opens the socket to an address the policy allows, within the deadline."""

    policy: AddressPolicy | None = None

    def _new_conn(self) -> socket.socket:
        deadline = current_deadline()
        timeout = self.timeout
        if deadline is not None:
            reason = deadline.due()
            if reason:
                deadline.fire(reason)
                raise ConnectTimeoutError(self, f"fetch {reason} before connecting")
            if isinstance(timeout, int | float):
                timeout = min(timeout, max(deadline.remaining(), 0.001))
        host = self._dns_host.strip("[]")
        addresses = self.policy.resolve_checked(host, self.port) if self.policy else [host]
        return self._connect_first(addresses, timeout, deadline)

    def _connect_first(self, addresses, timeout, deadline) -> socket.socket:
        failure: Exception | None = None
        for address in addresses:
            try:
                sock = create_connection((address, self.port), timeout,
                                         source_address=self.source_address,
                                         socket_options=self.socket_options)
            except TimeoutError as error:
                failure = ConnectTimeoutError(self, f"connecting to {self.host} timed out "
                                                    f"({error})")
            except OSError as error:
                failure = NewConnectionError(self, f"cannot connect to {self.host}: {error}")
            else:
                if deadline is not None:
                    deadline.watch(sock)
                return sock
        raise failure or NewConnectionError(self, f"{self.host}: no address")


class CheckedHTTPConnection(_CheckedConnectionMixin, HTTPConnection):
    pass


class CheckedHTTPSConnection(_CheckedConnectionMixin, HTTPSConnection):
    pass


class _PoolMixin:
    """Hands its policy to each connection; lets the deadline see each one."""

    policy: AddressPolicy | None = None

    def _new_conn(self):
        conn = super()._new_conn()
        conn.policy = self.policy
        return conn

    def _get_conn(self, timeout=None):
        conn = super()._get_conn(timeout)
        deadline = current_deadline()
        if deadline is not None:
            deadline.watch(conn)
        return conn


class CheckedHTTPPool(_PoolMixin, HTTPConnectionPool):
    ConnectionCls = CheckedHTTPConnection


class CheckedHTTPSPool(_PoolMixin, HTTPSConnectionPool):
    ConnectionCls = CheckedHTTPSConnection


class CheckedPoolManager(PoolManager):
    def __init__(self, *args, policy: AddressPolicy | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.pool_classes_by_scheme = {"http": CheckedHTTPPool, "https": CheckedHTTPSPool}

    def _new_pool(self, scheme, host, port, request_context=None):
        pool = super()._new_pool(scheme, host, port, request_context)
        pool.policy = self.policy
        return pool


class CheckedAdapter(HTTPAdapter):
    """A requests adapter whose every connection goes through the checks."""

    def __init__(self, policy: AddressPolicy | None = None, **kwargs):
        self.policy = policy
        super().__init__(**kwargs)

    def init_poolmanager(self, connections, maxsize, block=False, **pool_kwargs):
        self.poolmanager = CheckedPoolManager(num_pools=connections, maxsize=maxsize,
                                              block=block, policy=self.policy, **pool_kwargs)

    def proxy_manager_for(self, proxy, **proxy_kwargs):
        if self.policy is not None:  # a proxy would connect on our behalf, unchecked
            raise BlockedAddress("a proxy is configured, but checked fetches connect directly")
        return super().proxy_manager_for(proxy, **proxy_kwargs)


def checked_session(policy: AddressPolicy | None = None):
    """A ``requests.Session`` whose connections obey ``policy`` (None: any
    address) and the current ``Deadline``. A checked session ignores proxy
    settings from the environment, which would reach the target unchecked."""
    import requests

    session = requests.Session()
    adapter = CheckedAdapter(policy)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    if policy is not None:
        session.trust_env = False
    return session


__all__ = ["CheckedAdapter", "Deadline", "checked_session", "current_deadline", "running"]
