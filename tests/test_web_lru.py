"""The one cache helper of the web layer: bounded, least recently used first
out, and consistent when many server threads use it at once."""

import threading
from pathlib import Path

import pytest

from tracker.web.lru import LRUCache

WEB = Path(__file__).resolve().parent.parent / "tracker" / "web"


def test_it_never_holds_more_than_its_size():
    cache = LRUCache(3)
    for n in range(10):
        cache.put(n, str(n))
        assert len(cache) <= 3
    assert cache.values() == ["7", "8", "9"]


def test_the_least_recently_used_value_goes_first():
    evicted = []
    cache = LRUCache(3, on_evict=evicted.append)
    for key in "abc":
        cache.put(key, key.upper())
    assert cache.get("a") == "A"  # a is now the most recently used
    cache.put("d", "D")
    assert evicted == ["B"] and cache.get("b") is None
    cache.get_or_build("c", lambda: pytest.fail("c is cached"))
    cache.put("e", "E")
    assert evicted == ["B", "A"] and cache.values() == ["D", "C", "E"]


def test_a_value_is_built_once_and_counted():
    cache = LRUCache(2)
    built = []
    for _ in range(3):
        assert cache.get_or_build("k", lambda: built.append(1) or "value") == "value"
    assert built == [1] and (cache.hits, cache.misses) == (2, 1)
    assert cache.get("other") is None and cache.misses == 2


def test_a_failed_build_keeps_nothing():
    cache = LRUCache(2)
    with pytest.raises(RuntimeError):
        cache.get_or_build("k", lambda: (_ for _ in ()).throw(RuntimeError("no")))
    assert len(cache) == 0 and cache.get_or_build("k", lambda: 1) == 1


def test_a_cache_holds_at_least_one_value():
    with pytest.raises(ValueError):
        LRUCache(0)


def test_its_bookkeeping_holds_under_many_threads():
    """Eight threads hammer 40 keys through a cache of 10: every lookup is
    counted once, the size bound holds throughout, and every value pushed out
    is handed to ``on_evict`` once."""
    evicted: list[object] = []
    cache = LRUCache(10, on_evict=evicted.append)
    rounds, threads, errors = 3000, 8, []
    start = threading.Barrier(threads)

    def work(offset: int) -> None:
        start.wait()
        try:
            for n in range(rounds):
                key = (n * 7 + offset) % 40
                value = cache.get_or_build(key, lambda key=key: (key, object()))
                assert value[0] == key
                assert len(cache) <= 10
        except AssertionError as error:  # pragma: no cover - reported below
            errors.append(error)

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert not errors
    assert cache.hits + cache.misses == rounds * threads
    assert len(cache) == 10 and len({id(v) for v in cache.values()}) == 10
    assert len({id(v) for v in evicted}) == len(evicted)
    assert not {id(v) for v in evicted} & {id(v) for v in cache.values()}


def test_every_web_cache_is_this_helper(app, client):
    """Pages, comparisons and series views: one helper each, made per app."""
    client.get("/compare/edscg-4...edscg-5")
    client.get("/terms/edscg")
    for name in ("tracker.pages", "tracker.cache", "tracker.series"):
        assert isinstance(app.extensions[name], LRUCache), name
        assert len(app.extensions[name]) >= 1, name


def test_no_web_module_keeps_an_lru_of_its_own():
    for path in WEB.glob("*.py"):
        if path.name == "lru.py":
            continue
        text = path.read_text()
        for mark in ("OrderedDict", "move_to_end", "popitem"):
            assert mark not in text, f"web/{path.name} uses {mark}: use tracker.web.lru"
