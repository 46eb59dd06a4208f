"""URL configuration: admin, APIs, health check, then the pages of the site by host."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import admin_reports, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Reports that list every page in Wagtail, narrowed to the user's project.
    *admin_reports.urlpatterns,
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("cms.api_urls")),
    path("", include("network.urls")),
    path("", include("surveys.urls")),
    path("", include("cms.site_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve as serve_media

    urlpatterns += [
        re_path(
            r"^" + settings.MEDIA_URL.lstrip("/") + r"(?P<path>.*)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# German pages live at unprefixed URLs; other languages under /en/, /ar/, /tr/, /uk/.
# Wagtail's page URLs, its page view wrapped to take the route from the fragment cache.
# Search speaks the language of its prefix, so it lives here too (`/suche/`, `/ar/suche/`).
urlpatterns += i18n_patterns(
    path("suche/", views.search, name="search"),
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, views.serve_page, name="wagtail_serve"),
    prefix_default_language=False,
)

handler400 = "cms.views.bad_request"
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
