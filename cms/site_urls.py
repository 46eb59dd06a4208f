"""Per-site URLs outside the page tree: sitemap, robots.txt, calendar files."""

from django.urls import path, re_path

from wagtail.contrib.sitemaps.views import sitemap

from cms import views

urlpatterns = [
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # Wagtail's own pattern only serves paths ending in "/"; calendar files end in ".ics".
    re_path(r"^(?P<path>(?:[\w\-]+/)+[\w\-]+\.ics)$", views.serve_page_file, name="page_file"),
]
