"""Fragment cache: what every anonymous visitor of a site sees alike, kept between requests.

The page frame (site settings with office hours and logo, main navigation, footer links, the
home page of each language, breadcrumbs and language links of each page, the pages under a
view restriction) costs a dozen queries per request but changes only when an editor publishes
something. It is stored in the application cache under the *generation* of the site
(:func:`cms.cache.generation`), which every publish, unpublish, move or delete of a page and
every change of site settings, office hours, snippets, images or project data bumps: a change
makes all fragments of the site unreachable at once, nothing is deleted key by key.

The fragment cache works also while the whole-page cache is off. It is bypassed, and
everything computed afresh, for previews, for requests with a session cookie (logged-in editors)
or an ``Authorization`` header, and when ``FRAGMENT_CACHE_ENABLED`` is false.
"""

import hashlib
import math
import threading

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation

__all__ = [
    "cached",
    "enabled",
    "prime_route",
    "purge_view_restrictions",
    "view_restriction_paths",
]

_PREFIX = "qn:frag:"
_RESTRICTIONS_VERSION_KEY = "qn:frag:restrictions:version"
#: Seconds a fragment lives at most (bounds the staleness of anything written during a purge).
TIMEOUT = getattr(settings, "FRAGMENT_CACHE_SECONDS", 3600)


def _cache():
    from cms.cache import CACHE_ALIAS

    return caches[CACHE_ALIAS]


def _switched_on():
    return getattr(settings, "FRAGMENT_CACHE_ENABLED", True)


def enabled(request):
    """Whether ``request`` may read and write shared fragments."""
    if request is None or not _switched_on():
        return False
    if getattr(request, "is_preview", False):
        return False
    cookies = getattr(request, "COOKIES", {})
    meta = getattr(request, "META", {})
    return settings.SESSION_COOKIE_NAME not in cookies and "HTTP_AUTHORIZATION" not in meta


def _site_generation(request):
    if not hasattr(request, "_qn_generation"):
        from cms.cache import _hostname, generation

        request._qn_generation = generation(_hostname(request))
    return request._qn_generation


def _key(request, generation, name, *parts):
    from cms.cache import _hostname

    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"{_PREFIX}{_hostname(request)}:{generation}:{name}:{digest}"


# --- one round trip for a page's fragments -------------------------------------------------
#
# A page reads a dozen fragments, one cache round trip each (a fraction of a millisecond
# with Redis, but a dozen of them). Each page address therefore keeps a *manifest*: the keys
# its last rendering read, under the site's generation. A request reads the manifest and
# fetches all those keys with one ``get_many`` before rendering; the reads below come from
# that batch where it holds the key. The batch lives for one request in this thread.

_local = threading.local()


def _read(key):
    """``cache.get(key)``, answered from the request's batch where it holds ``key``."""
    used = getattr(_local, "used", None)
    if used is not None:
        used.add(key)
    batch = getattr(_local, "batch", None)
    if batch is not None and key in batch:
        return batch[key]
    return _cache().get(key)


def _prefetch(request, path):
    """Start the request's batch: the keys the page read last time, in one round trip."""
    _local.batch, _local.used, _local.manifest = {}, set(), None
    generation = _site_generation(request)
    if generation is None:
        return
    manifest_key = _key(request, generation, "manifest", translation.get_language(), path)
    keys = _cache().get(manifest_key) or []
    _local.manifest = (manifest_key, set(keys))
    if keys:
        _local.batch = _cache().get_many(keys)


def _end_batch(**kwargs):
    """After a request: keep its manifest if it read other keys than listed, then forget."""
    manifest, used = getattr(_local, "manifest", None), getattr(_local, "used", None)
    _local.batch = _local.used = _local.manifest = None
    if manifest is not None and used and used != manifest[1]:
        _cache().set(manifest[0], sorted(used), TIMEOUT)


def _forget_batch(**kwargs):
    _local.batch = _local.used = _local.manifest = None


request_started.connect(_forget_batch, dispatch_uid="fragment_batch_started")
request_finished.connect(_end_batch, dispatch_uid="fragment_batch_finished")


def cached(request, name, compute, *parts, expiring=False):
    """``compute()``, stored for the requesting site under ``name`` and ``parts``.

    ``parts`` must name everything besides the site and its content that the value depends
    on (language, page, date). Values are pickled: model instances, lists, dicts, strings.

    With ``expiring=True`` ``compute()`` returns ``(value, valid_until)``: the value is
    stored until the aware datetime ``valid_until`` (``None``: until the site changes) and
    computed afresh from that moment on, e.g. a list of upcoming events when the first of
    them ends. Only ``value`` is returned.
    """
    if not enabled(request):
        return compute()[0] if expiring else compute()
    generation = _site_generation(request)
    if generation is None:
        return compute()[0] if expiring else compute()
    key = _key(request, generation, name, *parts)
    cache = _cache()
    stored = _read(key)
    if stored is not None and expiring:
        value, valid_until = stored
        if valid_until is None or timezone.now() < valid_until:
            return value
        stored = None
    if stored is not None:
        return stored
    stored = compute()
    timeout = TIMEOUT
    if expiring:
        valid_until = stored[1]
        if valid_until is not None:
            seconds = (valid_until - timezone.now()).total_seconds()
            if seconds <= 0:
                return stored[0]
            timeout = min(TIMEOUT, math.ceil(seconds))
    cache.set(key, stored, timeout)
    return stored[0] if expiring else stored


# --- routing: which page answers a path ---------------------------------------------------


def _route_target(request, path):
    """Route ``path`` as Wagtail does; ``(model label, page id, remaining components)``."""
    from wagtail.models import Page

    result = Page.route_for_request(request, path)
    site = getattr(request, "_wagtail_site", None)
    if result is None or site is None:
        return None
    page = result[0]
    components = [component for component in path.split("/") if component]
    consumed = page.depth - site.root_page.depth
    if not 0 <= consumed <= len(components):
        return None
    return page._meta.label_lower, page.pk, tuple(components[consumed:])


def prime_route(request, path):
    """Give Wagtail the request's site and page route from the fragment cache.

    On a hit the page is loaded with one query by its id instead of walking the tree (two
    queries per level, plus the site and the locale). ``page.route()`` still runs, so a page
    that is not live answers 404 and routable pages resolve their sub-addresses as usual.
    """
    from wagtail.models import Site

    if not enabled(request) or hasattr(request, "_wagtail_route_for_request"):
        return
    _prefetch(request, path)
    port = request.get_port()
    site = cached(request, "site", lambda: Site._find_for_request(request), port)
    if site is None:
        return
    request._wagtail_site = site
    target = cached(
        request,
        "route",
        lambda: _route_target(request, path),
        port,
        translation.get_language(),
        path,
    )
    if target is None or hasattr(request, "_wagtail_route_for_request"):
        return
    model_label, page_id, remaining = target
    model = apps.get_model(model_label)
    page = model.objects.filter(pk=page_id).first()
    if page is None:
        return
    try:
        request._wagtail_route_for_request = page.route(request, list(remaining))
    except Http404:
        request._wagtail_route_for_request = None


# --- view restrictions: needed before a request's site is known, so versioned globally ------


def _restriction_data():
    from wagtail.models import Page, PageViewRestriction

    restricted = sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
    aliases = sorted(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restricted, aliases


def view_restriction_paths():
    """``(restricted, aliases)``: tree paths of pages with view restrictions and of alias pages.

    Cached under a version that every change of a view restriction and every save, move or
    delete of a page bumps; ``None`` when the fragment cache is off.
    """
    if not _switched_on():
        return None
    cache = _cache()
    version = _read(_RESTRICTIONS_VERSION_KEY)
    if version is None:
        version = _fresh_version()
        cache.add(_RESTRICTIONS_VERSION_KEY, version, timeout=None)
        version = cache.get(_RESTRICTIONS_VERSION_KEY, version)
    key = f"{_PREFIX}restrictions:{version}"
    value = _read(key)
    if value is None:
        value = _restriction_data()
        cache.set(key, value, TIMEOUT)
    return value


def _fresh_version():
    from django.utils import timezone

    return int(timezone.now().timestamp() * 1000)


def _bump_restrictions():
    cache = _cache()
    try:
        cache.incr(_RESTRICTIONS_VERSION_KEY)
    except ValueError:
        cache.set(_RESTRICTIONS_VERSION_KEY, _fresh_version(), timeout=None)


def purge_view_restrictions():
    """Forget the cached restriction paths, now and again when the transaction commits."""
    _bump_restrictions()
    transaction.on_commit(_bump_restrictions)
