"""Fixtures for every test."""

from django.core.cache import caches

import pytest


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches.

    Rate limits, the page cache and the fragment cache live in the cache, which a test's
    database rollback does not undo; without this a contact form posted by one test counts
    against the rate limit of a later one.
    """
    for cache in caches.all():
        cache.clear()
    yield
