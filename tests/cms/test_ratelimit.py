"""The one limiter: client address through trusted proxies only, hashed keys, failing cache."""

from django.test import RequestFactory

import pytest

from cms import ratelimit


def request(remote="127.0.0.1", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "client"),
    [
        (0, "10.1.1.1", "203.0.113.5", "10.1.1.1"),  # no trusted proxy: the header is ignored
        (1, "10.1.1.1", "203.0.113.5", "203.0.113.5"),
        (1, "10.1.1.1", "192.0.2.1, 203.0.113.5", "203.0.113.5"),  # left entries are the client's
        (2, "10.1.1.2", "192.0.2.1, 203.0.113.5, 10.1.1.1", "203.0.113.5"),
        (2, "10.1.1.2", "203.0.113.5", "10.1.1.2"),  # shorter than the chain: the peer
        (1, "10.1.1.1", None, "10.1.1.1"),
        (1, "10.1.1.1", "unknown", "10.1.1.1"),  # not an address
        (1, "10.1.1.1", "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),  # one /64 per household
        (0, "::ffff:198.51.100.3", None, "198.51.100.3"),
    ],
)
def test_client_address_through_trusted_proxies_only(settings, trusted, remote, forwarded, client):
    settings.TRUSTED_PROXY_COUNT = trusted
    assert ratelimit.client_address(request(remote, forwarded)) == client


def test_client_id_is_a_keyed_hash_of_the_address(settings):
    settings.SECRET_KEY = "k" * 50
    first = ratelimit.client_id(request("198.51.100.3"))
    assert first == ratelimit.client_id(request("198.51.100.3"))
    assert first != ratelimit.client_id(request("198.51.100.4"))
    assert len(first) == 64 and "198" not in first
    settings.SECRET_KEY = "m" * 50
    assert ratelimit.client_id(request("198.51.100.3")) != first


def test_check_counts_nothing_record_counts_one(settings):
    settings.FORM_RATE_LIMIT = "2/h"
    visitor = request("198.51.100.3")
    verdicts = []
    for _ in range(3):
        verdicts.append(ratelimit.check(visitor, "form:1"))
        verdicts.append(ratelimit.check(visitor, "form:1"))
        ratelimit.record(visitor, "form:1")
    assert verdicts == [ratelimit.ALLOWED] * 4 + [ratelimit.LIMITED] * 2
    assert ratelimit.check(visitor, "form:2") is ratelimit.ALLOWED


def test_unreachable_cache_refuses_writes_and_lets_reads_pass(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "unreachable": {"BACKEND": "tests.unreachable_cache.UnreachableCache"},
    }
    settings.RATELIMIT_USE_CACHE = "unreachable"
    visitor = request()
    assert ratelimit.check(visitor, "form:1") is ratelimit.UNAVAILABLE
    ratelimit.record(visitor, "form:1")  # raises nothing
    assert ratelimit.hit(visitor, "api", "1/m", write=True) == (ratelimit.UNAVAILABLE, None)
    assert ratelimit.hit(visitor, "api", "1/m", write=False) == (ratelimit.ALLOWED, None)
    assert ratelimit.claim_once("token", "abc") == (ratelimit.UNAVAILABLE, False)


def test_claim_once_tells_a_resend_from_another_message():
    assert ratelimit.claim_once("token", "abc", "hallo") == (ratelimit.ALLOWED, False)
    assert ratelimit.claim_once("token", "abc", "hallo") == (ratelimit.LIMITED, True)
    assert ratelimit.claim_once("token", "abc", "anders") == (ratelimit.LIMITED, False)
    assert ratelimit.claim_once("token", "xyz", "hallo") == (ratelimit.ALLOWED, False)
