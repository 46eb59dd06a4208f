"""Anonymous page cache: whole public responses, purged per site whenever what they show changes.

Every cached response is stored under a key that contains a *generation number* of its
host's site. Publishing, unpublishing, moving or deleting a page, changing a view restriction,
saving site settings or a snippet, or changing any project-scoped record bumps the generation of
the affected sites, so all their stored responses become unreachable at once and expire by
themselves. Nothing is deleted key by key, so nothing can be forgotten. The fragment cache
(:mod:`cms.fragments`) keeps the page frame under the same generation.

Only requests that cannot see anything personal are served from or stored in the cache:
GET or HEAD, no session cookie, no ``Authorization`` header, not under the admin, API or
document addresses. Only plain 200 responses are stored: none that set a cookie, used a CSRF
token, or asked not to be cached.

A page with a public form (the contact form) carries two values of its own per visitor: the
CSRF token and the signed time the form was shown. Its view names them with
:func:`allow_personal_values`; the page is then stored with those values cut out and gets
fresh ones on every hit (the visitor's CSRF cookie is read, or set when missing), so the form
works exactly as if it had been rendered for this visitor. A page whose personal values cannot
all be found and cut out is not stored.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re

from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_ALIAS = getattr(settings, "PAGE_CACHE_ALIAS", "default")
#: Seconds a stored page lives at most; also bounds how stale a date-dependent list can be.
TIMEOUT = getattr(settings, "PAGE_CACHE_SECONDS", 300)
#: Address prefixes that are never cached: dynamic, personal or served elsewhere.
EXCLUDED_PREFIXES = getattr(
    settings,
    "PAGE_CACHE_EXCLUDED_PREFIXES",
    ("/admin/", "/django-admin/", "/api/", "/documents/", "/healthz", "/static/", "/media/"),
)
HEADER = "X-Page-Cache"
_NOT_A_SITE = -1
_PREFIX = "qn:page:"


def _cache():
    return caches[CACHE_ALIAS]


def _hostname(request):
    return request.get_host().rsplit(":", 1)[0].lower()


def _generation_key(hostname):
    return f"{_PREFIX}gen:{hostname}"


def _site_hostnames():
    from wagtail.models import Site

    return set(Site.objects.values_list("hostname", flat=True))


def _fresh_generation():
    return int(timezone.now().timestamp() * 1000)


def generation(hostname):
    """The current generation of ``hostname``'s site, or ``None`` if it is no site's host."""
    cache = _cache()
    value = cache.get(_generation_key(hostname))
    if value is None:
        # A fresh start (or an evicted counter) begins at the clock, above every generation used
        # before, so pages stored under an older generation can never become reachable again.
        value = _fresh_generation() if hostname in _site_hostnames() else _NOT_A_SITE
        cache.add(_generation_key(hostname), value, timeout=None)
        value = cache.get(_generation_key(hostname), value)
    return None if value == _NOT_A_SITE else value


def purge_hostnames(hostnames):
    """Make every stored page of these hosts unreachable (bump their generation).

    Inside a transaction the generation is bumped once more when it commits, so that a page
    rendered meanwhile from the data before the commit is not kept under the new generation.
    """
    hostnames = {hostname.lower() for hostname in hostnames}
    _bump(hostnames)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump(hostnames))


def _bump(hostnames):
    cache = _cache()
    for hostname in hostnames:
        key = _generation_key(hostname)
        try:
            cache.incr(key)
        except ValueError:
            # Unknown so far (or it was "not a site" and may be one now): start afresh.
            cache.set(key, _fresh_generation(), timeout=None)


def purge_all():
    """Purge the pages of every site."""
    purge_hostnames(_site_hostnames())


def purge_sites(sites):
    purge_hostnames({site.hostname for site in sites})


def purge_for_page(page):
    """Purge the site that contains ``page`` (in any of its languages)."""
    from wagtail.models import Site

    url_path = getattr(page, "url_path", "") or ""
    affected = [
        root.site_id for root in Site.get_site_root_paths() if url_path.startswith(root.root_path)
    ]
    if affected:
        purge_sites(Site.objects.filter(pk__in=affected))
    else:
        purge_all()


def cache_key(request):
    """Key of a request's stored response, or ``None`` if it must not use the cache."""
    if not getattr(settings, "PAGE_CACHE_ENABLED", True):
        return None
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return None
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES):
        return None
    hostname = _hostname(request)
    gen = generation(hostname)
    if gen is None:
        return None
    raw = "|".join(
        [
            hostname,
            request.get_full_path(),
            request.scheme,
            # Lists of upcoming events and "open today" depend on the local date.
            timezone.localdate().isoformat(),
        ]
    )
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"{_PREFIX}{hostname}:{gen}:{digest}"


# --- personal values: what a stored page gets fresh for each visitor -------------------------


def _fresh_csrf_token(request, original):
    from django.middleware.csrf import get_token

    return get_token(request)


def _fresh_form_start(request, original):
    from cms.spam import sign_timestamp

    return sign_timestamp()


#: Name → (the value as rendered in a hidden input, maker of a fresh value from the request
#: and the stored original, whether the original is kept in the cache for the maker).
PERSONAL_VALUES = {}


def register_personal_value(name, field_name, maker, keep_original=False):
    """Let pages carry the hidden input ``field_name`` made per visitor by ``maker``.

    ``maker(request, original)`` returns the value for this request; ``original`` is the
    value of the stored page if ``keep_original`` (it must then hold nothing personal), else
    ``""``.
    """
    pattern = re.compile(rb'(name="' + re.escape(field_name.encode()) + rb'" value=")([^"]+)(")')
    PERSONAL_VALUES[name] = (pattern, maker, keep_original)


register_personal_value("csrf", "csrfmiddlewaretoken", _fresh_csrf_token)
register_personal_value("form-started", "form_started", _fresh_form_start)


def allow_personal_values(response, *names):
    """Let ``response`` be stored with the named :data:`PERSONAL_VALUES` made per visitor."""
    unknown = set(names) - set(PERSONAL_VALUES)
    if unknown:
        raise ValueError(f"unknown personal values: {sorted(unknown)}")
    response.personal_values = names
    return response


_MARKER = re.compile(rb"\x00qn-personal:([a-z-]+):([^\x00]*)\x00")


def _cut_out(content, names):
    """``content`` with each named value replaced by a marker; ``None`` if one is missing.

    Also ``None`` when a value appears anywhere else on the page (outside its hidden input),
    so nothing personal can be stored by mistake.
    """
    if b"\x00" in content:
        return None
    for name in names:
        pattern, _maker, keep_original = PERSONAL_VALUES[name]
        found = {match.group(2) for match in pattern.finditer(content)}
        if not found:
            return None

        def marker(match, name=name, keep=keep_original):
            original = match.group(2) if keep else b""
            return (
                match.group(1)
                + b"\x00qn-personal:"
                + name.encode()
                + b":"
                + original
                + b"\x00"
                + match.group(3)
            )

        content = pattern.sub(marker, content)
        if not keep_original and any(value in content for value in found):
            return None
    return content


def _fill_in(request, content, names):
    """Put fresh values for ``request`` where :func:`_cut_out` left markers."""
    if not names:
        return content

    def fresh(match):
        _pattern, maker, _keep = PERSONAL_VALUES[match.group(1).decode()]
        return maker(request, match.group(2).decode()).encode()

    return _MARKER.sub(fresh, content)


def _personal_names(request, response):
    """The personal values ``response`` may be stored with; ``None`` if it may not be stored."""
    names = tuple(getattr(response, "personal_values", ()))
    cookies = set(response.cookies)
    if "csrf" in names:
        cookies.discard(settings.CSRF_COOKIE_NAME)
    elif request.META.get("CSRF_COOKIE_USED"):
        return None
    if cookies:
        return None
    return names


def _storable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if _personal_names(request, response) is None:
        return False
    if getattr(request, "is_preview", False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    # A page that names its personal values is made fresh for each visitor from the store, so
    # it may be kept here even when browsers and proxies are told not to keep it.
    if cache_control & {"private", "no-cache", "no-store"} and not getattr(
        response, "personal_values", ()
    ):
        return False
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    # Cookie-dependent output is not shareable, unless the request carried no cookie that
    # could have changed it (the session cookie is absent, see cache_key).
    return vary <= {"cookie", "accept-language", "accept-encoding"}


class AnonymousPageCacheMiddleware:
    """Serve anonymous page views from the cache; store fresh ones. Place it early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request)
        if key is None:
            return self.get_response(request)
        stored = _cache().get(key)
        if stored is not None:
            return self.from_store(request, *stored)
        response = self.get_response(request)
        if _storable(request, response):
            names = _personal_names(request, response)
            content = _cut_out(response.content, names) if names else response.content
            if content is not None:
                headers = [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()]
                _cache().set(key, (response.status_code, headers, content, names), TIMEOUT)
                response[HEADER] = "miss"
        return response

    def from_store(self, request, status, headers, content, names=()):
        csrf = None
        if "csrf" in names:
            from django.middleware.csrf import CsrfViewMiddleware

            # Reads the visitor's CSRF cookie, so the fresh token matches it.
            csrf = CsrfViewMiddleware(self.get_response)
            csrf.process_request(request)
        response = HttpResponse(_fill_in(request, content, names), status=status)
        for name, value in headers:
            response[name] = value
        if csrf is not None:
            csrf.process_response(request, response)  # sets the cookie if the visitor has none
        response[HEADER] = "hit"
        return response


# --- purging -----------------------------------------------------------------------------


def _on_page_change(sender, instance, **kwargs):
    purge_for_page(instance)


def _on_page_move(sender, instance, url_path_before=None, **kwargs):
    from cms.fragments import purge_view_restrictions

    purge_view_restrictions()
    purge_for_page(instance)
    if url_path_before:
        purge_all()


def _on_view_restriction_change(instance):
    from wagtail.models import Page

    from cms.fragments import purge_view_restrictions

    purge_view_restrictions()
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        purge_all()
    else:
        purge_for_page(page)


def _on_model_change(sender, instance, **kwargs):
    """Site settings, snippets, images and project data: purge what can show them."""
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.models import Page, PageViewRestriction, Site

    from cms.fragments import purge_view_restrictions

    if isinstance(instance, Page):
        # Also pages created or changed in code without a "published" signal (a draft save
        # purges needlessly, which is cheap and rare). A new alias or a deleted page changes
        # which pages view restrictions reach.
        purge_view_restrictions()
        purge_for_page(instance)
        return
    if isinstance(instance, PageViewRestriction):
        _on_view_restriction_change(instance)
        return
    app_label = sender._meta.app_label
    if app_label in {"sessions", "admin", "contenttypes", "auth", "wagtailusers"}:
        return
    if sender._meta.model_name in {"revision", "pagelogentry", "modellogentry", "rendition"}:
        return
    if app_label in {"wagtailcore"} and not isinstance(instance, Site):
        return
    if isinstance(instance, BaseSiteSetting):
        purge_sites([instance.site])
        return
    if isinstance(instance, Site):
        purge_all()
        purge_hostnames([instance.hostname])
        return
    project = getattr(instance, "project", None) if hasattr(instance, "project_id") else None
    if project is not None and getattr(project, "site", None) is not None:
        purge_sites([project.site])
        return
    if app_label in {"cms", "wagtailimages", "wagtaildocs", "network", "surveys", "taggit"}:
        # Shared snippets (people, target groups), images and documents may show anywhere.
        purge_all()


def connect():
    """Wire the purge signals; called once from the CMS app's ``ready()``."""
    page_published.connect(_on_page_change, dispatch_uid="page_cache_published")
    page_unpublished.connect(_on_page_change, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(_on_page_move, dispatch_uid="page_cache_moved")
    post_save.connect(_on_model_change, dispatch_uid="page_cache_saved")
    post_delete.connect(_on_model_change, dispatch_uid="page_cache_deleted")
