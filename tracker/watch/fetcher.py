"""How checks fetch their pages: the right session, spacing, deadline, cancel.

A source added from the web (or any source, with ``[fetch] allow_private =
false``) is fetched through a session whose every connection is held to
the address policy; other sources through one that only keeps the
deadline. Sessions are kept per thread (``requests.Session`` is not meant
to be shared between threads) and per kind, so a keep-alive connection
opened without checks is never lent to a checked fetch. The pages a
listing source links to are always fetched through the checked session.
"""

import threading
from dataclasses import dataclass, field

import requests

from tracker.ingest.fetch import FetchedPage, HostGate, fetch
from tracker.ingest.netguard import AddressPolicy
from tracker.ingest.transport import checked_session
from tracker.model import Source
from tracker.settings import Settings


@dataclass
class Fetcher:
    """Fetches sources for checks; one per CLI round or per scheduler."""

    settings: Settings
    gate: HostGate | None = None
    cancel: threading.Event | None = None
    policy: AddressPolicy | None = None
    _local: threading.local = field(default_factory=threading.local)

    def __post_init__(self) -> None:
        if self.policy is None:
            self.policy = self.settings.fetch.policy()

    def fetch(self, source: Source) -> FetchedPage:
        if self.gate is not None:
            self.gate.wait(source.url)
        watch = self.settings.watch
        guarded = source.fetch_guarded(self.settings.fetch.allow_private)
        policy = self.policy if guarded else None
        return fetch(source.url, watch.max_bytes, self._session(guarded, policy),
                     timeout=(watch.connect_timeout, watch.read_timeout), etag=source.etag,
                     last_modified=source.last_modified, retries=watch.retries,
                     backoff=watch.retry_backoff, total_timeout=watch.total_timeout,
                     cancel=self.cancel, policy=policy)

    def fetch_link(self, url: str) -> FetchedPage:
        """A page a listing links to. Its address comes from the listing's
        content, not from whoever added the source, so it is always held to
        the address policy (``[fetch] allowed_networks`` widens it), and it
        is spaced from other requests to its host like any check."""
        if self.gate is not None:
            self.gate.wait(url)
        watch = self.settings.watch
        return fetch(url, watch.max_bytes, self._session(True, self.policy),
                     timeout=(watch.connect_timeout, watch.read_timeout), retries=watch.retries,
                     backoff=watch.retry_backoff, total_timeout=watch.total_timeout,
                     cancel=self.cancel, policy=self.policy)

    def _session(self, guarded: bool, policy: AddressPolicy | None) -> requests.Session:
        sessions = self._local.__dict__.setdefault("sessions", {})
        if guarded not in sessions:
            sessions[guarded] = checked_session(policy)
        return sessions[guarded]
