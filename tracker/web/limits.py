"""Request-rate limits: a token bucket per client address, per limited part
of the app.

``API_RATE_LIMIT`` is (requests, seconds) for the JSON API, 120 per minute
by default. ``SEARCH_RATE_LIMIT`` is the same for ``/search``, 30 per minute
by default (both read from the environment by ``create_app``): a
search costs far more than a page, and a few clients asking at once must not
hold up everyone else. A client over a limit gets a 429 with
``Retry-After``, and the others are not slowed. Buckets live in the
process, which is what a single waitress process needs.
"""

import threading
import time
from collections.abc import Callable

from flask import current_app, jsonify, request


class RateLimiter:
    def __init__(self, requests: int, seconds: float, clock=time.monotonic):
        self.capacity, self.rate, self.clock = requests, requests / seconds, clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> float:
        """0 when allowed, else the seconds to wait."""
        now = self.clock()
        with self._lock:
            tokens, stamp = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - stamp) * self.rate)
            if tokens >= 1:
                self._buckets[client] = (tokens - 1, now)
                return 0.0
            self._buckets[client] = (tokens, now)
            if len(self._buckets) > 10_000:
                self._buckets.clear()
            return (1 - tokens) / self.rate


def client_wait(name: str, limit: Callable[[], tuple[int, float]]) -> float:
    """Seconds this request's client must wait under the limiter ``name``
    (made on first use from ``limit()``); 0 when it may go ahead."""
    limiter = current_app.extensions.get(name)
    if limiter is None:
        limiter = current_app.extensions.setdefault(name, RateLimiter(*limit()))
    return limiter.allow(request.remote_addr or "unknown")


def retry_after(response, wait: float):
    response.status_code = 429
    response.headers["Retry-After"] = str(max(1, round(wait)))
    return response


def limit_api_rate():
    """``before_request`` hook of the API blueprint."""
    wait = client_wait("tracker.api_limiter", lambda: current_app.config["API_RATE_LIMIT"])
    if wait:
        return retry_after(jsonify({"error": f"too many requests; retry in {wait:.0f} s"}),
                           wait)
    return None


def search_rate() -> tuple[int, float]:
    return current_app.config["SEARCH_RATE_LIMIT"]
