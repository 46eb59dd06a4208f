"""The one rate limiter of the product: public forms and the API, per client behind trusted proxies.

Counting is django-ratelimit's (``django_ratelimit.core.get_usage``: a fixed window per key,
atomic ``add``/``incr`` on the cache). Its app is not installed on purpose: its system check
refuses the file cache that a single machine without Redis uses (``CACHE_DIR``), where counts
may be off by a concurrent request or two, which a spam limit can bear.

What this module adds:

* :func:`client_address`: the resident's address, taken from ``X-Forwarded-For`` only through
  ``TRUSTED_PROXY_COUNT`` proxies (default 0: ``REMOTE_ADDR``, whatever the header says). IPv6
  addresses count per /64 network, as one household's devices share it.
* :func:`client_id`: a keyed hash (HMAC-SHA256 with ``SECRET_KEY``) of that address; the
  address itself never reaches a cache key, log or database.
* Limits per site and per form (the ``scope``): :func:`check` looks without counting,
  :func:`record` counts one accepted submission, so failed validation costs nothing;
  :func:`hit` counts every request (the API throttle).
* :func:`claim_once`: marks a single-use value (a form's start token) as used.

Every cache access goes through :func:`_guarded`, the one place that catches a failing cache:
it logs and answers "unknown", which writes treat as a refusal (:data:`UNAVAILABLE`) and reads
as a pass.
"""

import enum
import hashlib
import hmac
import ipaddress
import logging

from django.conf import settings
from django.core.cache import caches

from wagtail.models import Site

from django_ratelimit.core import get_usage

__all__ = [
    "ALLOWED",
    "LIMITED",
    "UNAVAILABLE",
    "Verdict",
    "check",
    "claim_once",
    "client_address",
    "client_id",
    "hit",
    "record",
    "scope",
]

logger = logging.getLogger(__name__)

_UNKNOWN = object()


class Verdict(enum.Enum):
    """What the limiter says about one more submission."""

    ALLOWED = "allowed"
    LIMITED = "limited"
    UNAVAILABLE = "unavailable"  # the cache cannot be reached: writes are refused


ALLOWED, LIMITED, UNAVAILABLE = Verdict.ALLOWED, Verdict.LIMITED, Verdict.UNAVAILABLE


def client_address(request):
    """The client's address as far as trusted proxies vouch for it.

    With ``TRUSTED_PROXY_COUNT = n`` the n-th entry from the right of ``X-Forwarded-For`` is the
    client (each proxy appends the address it was called from; entries further left were sent
    by the client and prove nothing). A header shorter than the chain, or an entry that is not
    an address, falls back to ``REMOTE_ADDR``.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    address = remote
    trusted = settings.TRUSTED_PROXY_COUNT
    if trusted > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= trusted:
            address = forwarded[-trusted]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return remote
    if parsed.version == 6:
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return str(parsed)


def client_id(request):
    """A keyed hash of the client's address: stable per client, reveals nothing without the key."""
    return hmac.new(
        settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256
    ).hexdigest()


def scope(request, form, *ids):
    """The scope of one form on the site of ``request``: ``"<form>:<site id>:<ids>"``."""
    site = Site.find_for_request(request)
    return ":".join([form, str(site.pk if site else "-"), *map(str, ids)])


def _by_client(group, request):
    return client_id(request)


def _guarded(action):
    """Run one cache action; a failing cache is logged and gives ``_UNKNOWN``.

    Behind :class:`cms.cache_backend.FailSafeCache` an outage raises nothing (reads find
    nothing, counters restart), so the wrapper's own word that the cache is down counts too.
    """
    from cms.cache_backend import cache_reachable

    try:
        result = action()
    except Exception as error:  # any backend's connection or protocol error
        logger.warning("Rate limit cache unavailable (%s)", type(error).__name__)
        return _UNKNOWN
    if not cache_reachable(caches[settings.RATELIMIT_USE_CACHE]):
        logger.warning("Rate limit cache unavailable (outage reported by the fail-safe cache)")
        return _UNKNOWN
    return result


def _usage(request, scope, rate, increment, key=None):
    by = _by_client if key is None else (lambda group, request: key)
    return _guarded(lambda: get_usage(request, group=scope, key=by, rate=rate, increment=increment))


def _form_rate(rate):
    return rate or settings.FORM_RATE_LIMIT


def check(request, scope, rate=None):
    """Whether one more accepted submission of this client in ``scope`` fits; counts nothing.

    ``scope`` names the site and the form (e.g. ``"contact:<site>:<form>"``); ``rate`` defaults
    to ``FORM_RATE_LIMIT``.
    """
    usage = _usage(request, scope, _form_rate(rate), increment=False)
    if usage is _UNKNOWN:
        return UNAVAILABLE
    if usage is None:  # RATELIMIT_ENABLE = False
        return ALLOWED
    if usage["limit"] == 0 and usage["should_limit"]:  # the count could not be read
        return UNAVAILABLE
    return LIMITED if usage["count"] >= usage["limit"] else ALLOWED


def record(request, scope, rate=None):
    """Count one accepted submission of this client in ``scope``."""
    _usage(request, scope, _form_rate(rate), increment=True)


def hit(request, scope, rate, write=False, key=None):
    """Count this request; ``(verdict, seconds until the window ends or None)``.

    For throttling every request (the API). ``key`` counts something other than the client's
    address (a user id). When the cache fails, reads pass and writes are refused.
    """
    usage = _usage(request, scope, rate, increment=True, key=key)
    if usage is _UNKNOWN:
        return (UNAVAILABLE if write else ALLOWED), None
    if usage is None:
        return ALLOWED, None
    if usage["limit"] == 0 and usage["should_limit"]:  # the count could not be read
        return (UNAVAILABLE if write else ALLOWED), None
    if usage["should_limit"]:
        return LIMITED, max(usage["time_left"], 1)
    return ALLOWED, None


def claim_once(kind, value, content="", timeout=24 * 3600):
    """Mark ``value`` (e.g. a form's start token) as used; the verdict says what happened.

    ``ALLOWED``: first use, now marked. ``LIMITED``: used before; ``(LIMITED, True)`` tells
    whether that use had the same ``content`` (a resend of the same message). ``UNAVAILABLE``:
    the cache cannot be reached. Only hashes are stored.
    """
    digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
    key = f"once:{kind}:{digest}"
    fingerprint = hashlib.sha256(content.encode()).hexdigest()
    cache = caches[settings.RATELIMIT_USE_CACHE]
    added = _guarded(lambda: cache.add(key, fingerprint, timeout))
    if added is _UNKNOWN:
        return UNAVAILABLE, False
    if added:
        return ALLOWED, False
    earlier = _guarded(lambda: cache.get(key))
    return LIMITED, earlier == fingerprint
