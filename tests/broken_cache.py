"""A cache backend whose server is always unreachable: every call raises, as Redis down would."""

from django.core.cache.backends.base import BaseCache

from cms.cache_backend import fail_safe

__all__ = ["BrokenCache", "broken_caches"]


class BrokenCache(BaseCache):
    """Raises ``ConnectionError`` on every call, like a client whose server is gone."""

    calls = 0

    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        BrokenCache.calls += 1
        raise ConnectionError("cache server unreachable")

    get = get_many = has_key = add = set = set_many = touch = _fail
    delete = delete_many = incr = decr = clear = close = _fail


def broken_caches(wrapped=True):
    """``CACHES`` with the broken backend as default, wrapped as the product configures it."""
    cache = {"BACKEND": "tests.broken_cache.BrokenCache"}
    return {"default": fail_safe(cache) if wrapped else cache}
