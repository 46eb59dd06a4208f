"""A cache backend whose server cannot be reached: every operation raises, as django-redis does."""

from django.core.cache.backends.base import BaseCache


class UnreachableCache(BaseCache):
    """Configured through ``CACHES`` like any backend; raises ``ConnectionError`` on each call."""

    def __init__(self, location, params):
        super().__init__(params)

    def _unreachable(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    add = get = set = touch = delete = clear = incr = decr = has_key = _unreachable
    get_many = set_many = delete_many = _unreachable
