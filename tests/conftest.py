"""Fixtures for every test."""

from django.conf import settings
from django.core.cache import caches
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in German, the site's default language.

    A request activates its page's language for the rest of its thread, so a test that
    fetched an Arabic page would otherwise leave Arabic messages to the next test.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
