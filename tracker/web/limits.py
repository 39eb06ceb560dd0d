"""A request-rate limit for the JSON API: a token bucket per client address.

``API_RATE_LIMIT`` is (requests, seconds), 120 per minute by default; a
client over it gets a 429 with ``Retry-After``, and the others are not
slowed. Buckets live in the process, which is what a single waitress
process needs.
"""

import threading
import time

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


def limit_api_rate():
    """``before_request`` hook of the API blueprint."""
    limiter = current_app.extensions.get("tracker.api_limiter")
    if limiter is None:
        requests, seconds = current_app.config["API_RATE_LIMIT"]
        limiter = current_app.extensions.setdefault("tracker.api_limiter",
                                                    RateLimiter(requests, seconds))
    wait = limiter.allow(request.remote_addr or "unknown")
    if wait:
        response = jsonify({"error": f"too many requests; retry in {wait:.0f} s"})
        response.status_code = 429
        response.headers["Retry-After"] = str(max(1, round(wait)))
        return response
    return None
