"""The site's URLs plus the floor: a minimal cached view answering stored HTML bytes."""

from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import path

from bench.pages import FLOOR_DIR
from cms.urls import handler404, handler500  # noqa: F401
from cms.urls import urlpatterns as site_urlpatterns


def floor(request, index):
    """The same bytes as a real page, from the cache: what serving costs with no work at all."""
    key = f"bench-floor-{index}"
    body = cache.get(key)
    if body is None:
        try:
            body = (FLOOR_DIR / f"{index}.html").read_bytes()
        except FileNotFoundError:
            raise Http404 from None
        cache.set(key, body, None)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("__boden__/<int:index>/", floor), *site_urlpatterns]
