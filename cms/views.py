"""Plain Django views of the CMS app: health check, robots.txt, search, error pages."""

from django.core.cache import caches
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site
from wagtail.views import serve as serve_wagtail_page

from cms.cache_backend import probe
from cms.forms import SearchForm
from cms.fragments import prime_route
from cms.pages import with_language_fallback
from cms.services import language_links, site_context

SEARCH_RESULTS_PER_PAGE = 10


@never_cache
@require_GET
def healthz(request):
    """Report the database and the cache; 503 only when the database does not answer.

    Without the cache every page is still served, only uncached (:mod:`cms.cache_backend`):
    the answer is then 200 with ``"status": "degraded"`` and ``"cache": "down"``, so a load
    balancer keeps the instance while monitoring sees the outage. Without the database nothing
    can be served: 503 with ``"status": "error"``.
    """
    cache_state = "ok" if probe(caches["default"]) else "down"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        body = {"status": "error", "database": "down", "cache": cache_state}
        return JsonResponse(body, status=503)
    status = "ok" if cache_state == "ok" else "degraded"
    return JsonResponse({"status": status, "database": "ok", "cache": cache_state})


@require_GET
def robots_txt(request):
    """Allow crawling of the public site, not of the admin or the API; name the sitemap."""
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def serve_page(request, path):
    """Wagtail's page view, with the site and the page's route from the fragment cache."""
    prime_route(request, path)
    return serve_wagtail_page(request, path)


@require_GET
def serve_page_file(request, path):
    """Serve a page route that names a file, such as `veranstaltungen/kalender.ics`."""
    return serve_page(request, path)


def search_language_links(home, request, query):
    """The search with the same term in each language the site's home page exists in."""
    links = []
    for code, name, _home_url in language_links(home, request):
        with translation.override(code):
            url = reverse("search")
        links.append((code, name, f"{url}?{urlencode({'q': query})}" if query else url))
    return links


@require_GET
def search(request):
    """Search the live pages of the requesting site (`/suche/?q=`, `/ar/suche/?q=` …).

    In another language than German it searches the pages in that language and the German
    pages that have no translation into it, and shows the page frame in that language.

    A term that is too long or holds a NUL character answers 400 with the form's message.
    Context: the keys of :func:`cms.services.site_context` plus ``form``, ``search_query``,
    ``search_results`` (a Django ``Page`` of specific pages, 10 per page) and ``paginator``.
    """
    form = SearchForm(request.GET, auto_id="search-page-%s")
    valid = form.is_valid()
    query = form.cleaned_data["q"].strip() if valid else ""
    context = site_context(request)
    root = context["home_page"]
    results = Page.objects.none()
    if query and root is not None:
        # The search backend reads simple filters only, so the fallback is a subquery of ids.
        pages = with_language_fallback(Page.objects.all(), root, inclusive=True)
        # Autocomplete matching takes the last word as a prefix, so that a German word finds
        # the compounds it begins ("Ehrenamt" → "Ehrenamtsstammtisch", "Ehrenamtsbörse").
        results = (
            Page.objects.live()
            .public()
            .filter(id__in=pages.values("id"))
            .specific()
            .autocomplete(query)
        )
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    context.update(
        {
            "language_links": search_language_links(root, request, query),
            "form": form,
            "search_query": query,
            "search_locale_id": root.locale_id if root is not None else None,
            "search_results": paginator.get_page(request.GET.get("seite")),
            "paginator": paginator,
        }
    )
    return TemplateResponse(request, "cms/search.html", context, status=200 if valid else 400)


def bad_request(request, exception=None):
    """Unreadable requests (a broken upload, too many fields): a German page with status 400."""
    try:
        context = site_context(request)
    except (DatabaseError, Site.DoesNotExist):
        context = {}
    return render(request, "400.html", context, status=400)


def page_not_found(request, exception=None):
    """Friendly 404 page in the site's layout (falls back to a bare page without a site)."""
    try:
        context = site_context(request)
    except (DatabaseError, Site.DoesNotExist):
        context = {}
    return render(request, "404.html", context, status=404)


def server_error(request):
    """Friendly 500 page; renders without a database or request context."""
    return render(request, "500.html", status=500)
