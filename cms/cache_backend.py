"""A cache backend that wraps any other and lets the site run on, uncached, while it is down.

Every public page reads and writes the cache (page cache, fragments, Wagtail's site root
paths, analysis results, rate limits). When Redis, or whatever backend is configured, cannot be
reached, :class:`FailSafeCache` answers as an empty cache would: a read finds nothing, a write
stores nothing, so pages are rendered from the database. It logs the outage once per
``LOG_SECONDS`` (the operation and the exception's class only; no key, value or address) and,
after a failure, leaves the backend alone for ``RETRY_SECONDS`` so a dead server does not cost
every call a connection attempt.

``incr``/``decr`` have no empty-cache answer: during an outage they raise
:class:`CacheUnavailable`, a ``ValueError`` as for a missing key, so a caller that restarts a
missing counter carries on; a rate limit that must not let writes through checks for it first
(fail closed). Configure it around the real backend::

    CACHES = {"default": {"BACKEND": "cms.cache_backend.FailSafeCache",
                          "OPTIONS": {"CACHE": {"BACKEND": "django_redis.cache.RedisCache",
                                                "LOCATION": "redis://…"}}}}

``manage.py check`` warns when the default cache is not wrapped (``cms.W001``).
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.utils.module_loading import import_string

__all__ = ["CacheUnavailable", "FailSafeCache", "cache_reachable", "fail_safe", "probe"]

logger = logging.getLogger(__name__)

#: Per backend name, shared by all threads: when an outage was last logged (monotonic), and
#: whether one is going on (to log the recovery once).
_logged_at = {}
_down = set()
_log_lock = threading.Lock()


def fail_safe(cache):
    """The ``CACHES`` entry that wraps the backend settings ``cache`` in :class:`FailSafeCache`."""
    return {"BACKEND": "cms.cache_backend.FailSafeCache", "OPTIONS": {"CACHE": cache}}


class CacheUnavailable(ValueError):
    """The cache could not be reached, so a counter could neither be read nor changed."""


class FailSafeCache(BaseCache):
    """Delegates to the backend in ``OPTIONS["CACHE"]``; an unreachable backend acts empty."""

    def __init__(self, location, params):
        options = dict(params.get("OPTIONS") or {})
        inner = dict(options.pop("CACHE"))
        self.retry_seconds = float(options.pop("RETRY_SECONDS", 5))
        self.log_seconds = float(options.pop("LOG_SECONDS", 60))
        super().__init__({**params, "OPTIONS": options})
        backend = import_string(inner.pop("BACKEND"))
        self.inner = backend(inner.pop("LOCATION", location), inner)
        self.name = inner.get("NAME", backend.__name__)
        self._down_until = 0.0

    # -- outage bookkeeping ----------------------------------------------------------------

    @property
    def down(self):
        """Whether a call failed less than ``RETRY_SECONDS`` ago."""
        return time.monotonic() < self._down_until

    def _failed(self, operation, error):
        now = time.monotonic()
        self._down_until = now + self.retry_seconds
        with _log_lock:
            _down.add(self.name)
            logged_at = _logged_at.get(self.name)
            due = logged_at is None or now - logged_at >= self.log_seconds
            if due:
                _logged_at[self.name] = now
        if due:
            logger.warning(
                "Cache %s unreachable (%s in %s); serving uncached for now.",
                self.name,
                type(error).__name__,
                operation,
            )

    def _succeeded(self):
        if self.name in _down:
            with _log_lock:
                was_down = self.name in _down
                _down.discard(self.name)
            if was_down:
                logger.warning("Cache %s reachable again.", self.name)

    def _call(self, operation, fallback, *args, **kwargs):
        if self.down:
            return fallback
        try:
            result = getattr(self.inner, operation)(*args, **kwargs)
        except Exception as error:  # any backend, any client library: never fail the request
            self._failed(operation, error)
            return fallback
        self._succeeded()
        return result

    def probe(self):
        """Ask the backend itself, whatever the last call said; ``True`` when it answers."""
        try:
            self.inner.get("cms:cache-probe")
        except Exception as error:
            self._failed("probe", error)
            return False
        self._down_until = 0.0
        self._succeeded()
        return True

    # -- the cache API -----------------------------------------------------------------------

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version=version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout=timeout, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout=timeout, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version=version)

    def clear(self):
        return self._call("clear", None)

    def close(self, **kwargs):
        return self._call("close", None, **kwargs)

    def _count(self, operation, key, delta, version):
        if self.down:
            raise CacheUnavailable(key)
        try:
            result = getattr(self.inner, operation)(key, delta, version=version)
        except ValueError:
            raise  # the key is missing: the backend answered
        except Exception as error:
            self._failed(operation, error)
            raise CacheUnavailable(key) from error
        self._succeeded()
        return result

    def incr(self, key, delta=1, version=None):
        return self._count("incr", key, delta, version)

    def decr(self, key, delta=1, version=None):
        return self._count("decr", key, delta, version)

    def incr_version(self, key, delta=1, version=None):
        return self._count("incr_version", key, delta, version)

    def decr_version(self, key, delta=1, version=None):
        return self._count("decr_version", key, delta, version)

    def __getattr__(self, name):
        # What only the wrapped backend has (django-redis' ``client``, ``delete_pattern``…),
        # reached unprotected.
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def make_key(self, key, version=None):
        return self.inner.make_key(key, version=version)

    def validate_key(self, key):
        return self.inner.validate_key(key)


def cache_reachable(cache):
    """Whether ``cache`` had no outage within its retry interval (always true unwrapped)."""
    return not getattr(cache, "down", False)


def probe(cache):
    """``True`` when ``cache`` answers a read now; any backend, wrapped or not."""
    if isinstance(cache, FailSafeCache):
        return cache.probe()
    try:
        cache.get("cms:cache-probe")
    except Exception:
        return False
    return True


def check_caches_fail_safe(app_configs=None, **kwargs):
    """System check ``cms.W001``: a cache not wrapped in :class:`FailSafeCache` fails pages."""
    from django.conf import settings
    from django.core import checks

    return [
        checks.Warning(
            f"The cache {alias!r} is not wrapped in cms.cache_backend.FailSafeCache.",
            hint="Configure it as fail_safe({...}): when it is unreachable, every page fails.",
            id="cms.W001",
        )
        for alias, config in settings.CACHES.items()
        if config.get("BACKEND") != "cms.cache_backend.FailSafeCache"
    ]
