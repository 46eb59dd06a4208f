"""Cached network analyses, keyed by project, data version and normalised filters.

Any write to a project's network data bumps ``Project.data_version`` (see
``network.signals``), so a key never outlives the data it was computed from and
an unchanged network is never computed twice.
"""

from django.core.cache import cache

from cms.models import Project

__all__ = ["TIMEOUT", "current_version", "cache_key", "cached"]

#: Entries stay a day; correctness comes from the version in the key, not from expiry.
TIMEOUT = 24 * 60 * 60


def current_version(project):
    """The project's data version as stored now (the instance may be stale)."""
    return Project.objects.filter(pk=project.pk).values_list("data_version", flat=True).get()


def cache_key(project, kind, filters, *extra, version=None):
    """``qn-network:<project>:v<version>:<kind>:<filters>[:<extra>…]``."""
    version = current_version(project) if version is None else version
    parts = ["qn-network", str(project.pk), f"v{version}", kind, filters.key(), *map(str, extra)]
    return ":".join(parts)


def cached(key, compute):
    """Return the value cached under ``key``, computing and storing it when missing."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
