"""A cache outage degrades to uncached pages: reads find nothing, writes store nothing, forms refuse.

The default cache is configured with a backend that cannot be reached — a backend class that
raises on every call, and django-redis pointed at a port where nothing listens — wrapped as the
product configures every cache (``cms.cache_backend.FailSafeCache``).
"""

import logging

from django.test import Client, override_settings

from wagtail.contrib.forms.models import FormSubmission

import pytest

from cms.cache_backend import CacheUnavailable, FailSafeCache, fail_safe
from network.models import Institution
from tests import demo_data
from tests.broken_cache import BrokenCache, broken_caches
from tests.demo_data import contact_message

demo_content = demo_data.demo_content
demo_users = demo_data.demo_users

KAARST = "kaarst.localhost"
REDIS_DOWN = {
    "default": fail_safe(
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    )
}
OUTAGES = {"backend that raises": broken_caches(), "redis on a closed port": REDIS_DOWN}

#: (address, user or None, status with a working cache), hand-checked on the demo of Kaarst.
PUBLIC_URLS = [
    ("/", None, 200),
    ("/kontakt/", None, 200),
    ("/beteiligung/", None, 200),
    ("/suche/?q=Kaarst", None, 200),
    ("/sitemap.xml", None, 200),
    ("/robots.txt", None, 200),
    ("/gibt-es-nicht/", None, 404),
    ("/api/v1/projects/kaarst/public/partners/", None, 200),
    ("/admin/network/map/", "netzwerk-kaarst", 200),
    ("/api/v1/projects/kaarst/institutions/", "netzwerk-kaarst", 200),
    ("/api/v1/projects/kaiserslautern/institutions/", "netzwerk-kaarst", 404),
]


@pytest.fixture
def caching_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.FRAGMENT_CACHE_ENABLED = True


def fetch(demo_users, path, username):
    client = Client()
    if username:
        client.force_login(demo_users[username])
    return client.get(path, HTTP_HOST=KAARST)


def statuses(demo_users):
    return [
        (path, user, fetch(demo_users, path, user).status_code) for path, user, _ in PUBLIC_URLS
    ]


def test_public_urls_answer_as_with_a_working_cache(demo_users, caching_on):
    assert statuses(demo_users) == PUBLIC_URLS
    for name, caches in OUTAGES.items():
        with override_settings(CACHES=caches):
            assert statuses(demo_users) == PUBLIC_URLS, name


@pytest.mark.parametrize("outage", OUTAGES)
def test_healthz_answers_200_and_names_the_cache_down(demo_users, outage):
    with override_settings(CACHES=OUTAGES[outage]):
        response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "down"}


def test_healthz_names_a_working_cache(demo_users):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


@pytest.mark.parametrize("outage", OUTAGES)
def test_contact_post_whose_limit_cannot_be_checked_is_refused(demo_users, outage):
    before = FormSubmission.objects.count()
    with override_settings(CACHES=OUTAGES[outage]):
        response = Client().post("/kontakt/", contact_message(), HTTP_HOST=KAARST)
    assert response.status_code == 503
    assert "Ihre Nachricht kann gerade nicht angenommen werden." in response.content.decode()
    assert FormSubmission.objects.count() == before


def test_api_write_whose_limit_cannot_be_checked_is_refused(demo_users):
    client = Client()
    client.force_login(demo_users["netzwerk-kaarst"])
    before = Institution.objects.count()
    with override_settings(CACHES=broken_caches()):
        response = client.post(
            "/api/v1/projects/kaarst/institutions/",
            {"name": "Neue Stelle"},
            content_type="application/json",
            HTTP_HOST=KAARST,
        )
    assert response.status_code == 503
    assert Institution.objects.count() == before


def test_outage_is_logged_once_per_interval_without_keys(caplog):
    cache = FailSafeCache(
        "",
        {
            "OPTIONS": {
                "CACHE": {"BACKEND": "tests.broken_cache.BrokenCache", "NAME": "probe-test"},
                "RETRY_SECONDS": 0,
            }
        },
    )
    with caplog.at_level(logging.WARNING, logger="cms.cache_backend"):
        for _ in range(5):
            assert cache.get("ratelimit:contact:10.0.0.1", "leer") == "leer"
            assert cache.set("page:/kontakt/", "x") is None
            assert cache.get_many(["a", "b"]) == {}
            with pytest.raises(CacheUnavailable):
                cache.incr("counter")
    assert [r.getMessage() for r in caplog.records] == [
        "Cache probe-test unreachable (ConnectionError in get); serving uncached for now."
    ]


def test_a_failed_backend_is_left_alone_for_the_retry_interval():
    cache = FailSafeCache("", {"OPTIONS": {"CACHE": {"BACKEND": "tests.broken_cache.BrokenCache"}}})
    BrokenCache.calls = 0
    for _ in range(10):
        cache.get("key")
    assert BrokenCache.calls == 1
    assert cache.probe() is False
    assert BrokenCache.calls == 2


def test_check_warns_about_a_cache_that_is_not_wrapped():
    from cms.cache_backend import check_caches_fail_safe

    assert check_caches_fail_safe() == []
    with override_settings(CACHES=broken_caches(wrapped=False)):
        assert [warning.id for warning in check_caches_fail_safe()] == ["cms.W001"]
