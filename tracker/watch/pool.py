"""Many checks at once, politely: the pool behind ``tracker check``.

At most ``[watch] workers`` checks run at a time, at most one per host, and
a request to a host starts at least ``[watch] politeness_seconds`` after the
one before it ended. The round's own thread decides what runs next (the host whose turn
comes first, sources of one host in the order given) and collects the
results; the checks run in a bounded thread pool. Each check writes in one
transaction under the store's write lock, so writes stay one at a time.

A slow host therefore holds up only its own sources: 500 sources on 50
hosts take about as long as the ten sources of the slowest host, not the
sum of all 500.
"""

import heapq
import itertools
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait

from tracker.ingest.fetch import HostGate, host_of
from tracker.model import Source
from tracker.watch.visit import CheckResult

Check = Callable[[Source], CheckResult]


class HostQueues:
    """Sources waiting per host, and when each idle host may be asked next."""

    def __init__(self, sources: list[Source], gate: HostGate):
        self.gate = gate
        self.waiting: dict[str, deque[tuple[int, Source]]] = {}
        for index, source in enumerate(sources):
            self.waiting.setdefault(host_of(source.url), deque()).append((index, source))
        self._order = itertools.count()
        # Idle hosts with sources waiting, by the time they may be asked.
        self._idle = [(0.0, next(self._order), host) for host in self.waiting]
        self._clock = gate.clock

    def __bool__(self) -> bool:
        return bool(self.waiting)

    def take(self) -> tuple[tuple[int, Source] | None, float]:
        """The next source whose host may be asked now, taking the host's
        turn; else None and the seconds until one may (inf: every host with
        sources waiting is busy)."""
        while self._idle:
            ready_at, order, host = self._idle[0]
            if ready_at > self._clock():
                return None, ready_at - self._clock()
            pause = self.gate.try_reserve(self.waiting[host][0][1].url)
            if pause:
                heapq.heapreplace(self._idle, (self._clock() + pause, order, host))
                continue
            heapq.heappop(self._idle)
            return self._pop(host), 0.0
        return None, math.inf

    def release(self, source: Source) -> None:
        """``source``'s check is done: its host may be asked again once the
        politeness delay has passed since this answer (and since the last
        request began, which the gate keeps)."""
        host = host_of(source.url)
        if host in self.waiting:
            ready_at = self._clock() + self.gate.delay
            heapq.heappush(self._idle, (ready_at, next(self._order), host))

    def _pop(self, host: str) -> tuple[int, Source]:
        queue = self.waiting[host]
        item = queue.popleft()
        if not queue:
            del self.waiting[host]
        return item


class InlineExecutor(Executor):
    """One worker: each check runs in the calling thread, when submitted."""

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def run_politely(sources: list[Source], check: Check, gate: HostGate, workers: int,
                 on_done: Callable[[CheckResult], None] | None = None,
                 cancel: threading.Event | None = None) -> list[CheckResult]:
    """``check`` each source once; the results in the order of ``sources``,
    ``on_done`` called with each as it finishes. If the round is stopped
    (Ctrl-C), ``cancel`` is set, so the fetches in flight end at once
    instead of at their deadline, and nothing new starts."""
    queues, results = HostQueues(sources, gate), {}
    in_flight: dict[Future, tuple[int, Source]] = {}
    pool = InlineExecutor() if workers <= 1 else ThreadPoolExecutor(workers, "check")
    with pool:
        try:
            while queues or in_flight:
                _step(queues, pool, check, in_flight, workers, results, on_done)
        except BaseException:
            if cancel is not None:
                cancel.set()
            raise
    return [results[index] for index in range(len(sources))]


def _step(queues: HostQueues, pool: Executor, check: Check,
          in_flight: dict[Future, tuple[int, Source]], workers: int,
          results: dict[int, CheckResult], on_done) -> None:
    """Start what may start, then wait for a check to finish (or for a
    host's turn) and collect what finished."""
    pause = _dispatch(queues, pool, check, in_flight, workers)
    if not in_flight:
        time.sleep(pause)
        return
    done, _ = wait(in_flight, None if math.isinf(pause) else pause, FIRST_COMPLETED)
    for future in done:
        index, source = in_flight.pop(future)
        queues.release(source)
        results[index] = future.result()
        if on_done:
            on_done(results[index])


def _dispatch(queues: HostQueues, pool: Executor, check: Check,
              in_flight: dict[Future, tuple[int, Source]], workers: int) -> float:
    """Start checks while a worker is free and a host may be asked; the
    seconds until another could start (inf: wait for one to finish)."""
    while len(in_flight) < max(1, workers):
        item, pause = queues.take()
        if item is None:
            return pause
        in_flight[pool.submit(check, item[1])] = item
    return math.inf
