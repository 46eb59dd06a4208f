"""Residents find every kind of public page by following links from the home page."""

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.test import Client

from wagtail.models import Page, PageViewRestriction, get_page_models

import pytest

from tests.demo_data import demo_content  # noqa: F401

SKIPPED_PREFIXES = ("/admin", "/static", "/media", "/documents", "/api", "/cms-")
SKIPPED_SUFFIXES = (".ics", ".xml", ".rss", ".pdf", ".png", ".jpg", ".svg", ".csv", ".xlsx")


class Links(HTMLParser):
    """The href of every <a> on a page."""

    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def crawl(client, host, limit=600):
    """Paths reached from ``/`` through links on the same host, without query strings."""
    seen, queue = {"/"}, deque(["/"])
    while queue and len(seen) < limit:
        path = queue.popleft()
        response = client.get(path, HTTP_HOST=host)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = Links()
        parser.feed(response.content.decode())
        for href in parser.hrefs:
            url = urlsplit(urldefrag(href)[0])
            if url.scheme not in ("", "http", "https") or (url.hostname or host) != host:
                continue
            target = url.path or path
            if url.query or target in seen or target.startswith(SKIPPED_PREFIXES):
                continue
            if target.endswith(SKIPPED_SUFFIXES):
                continue
            seen.add(target)
            queue.append(target)
    return seen


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["kaarst", "kaiserslautern"])
def test_every_public_page_type_is_reachable_by_links_from_the_home_page(demo_content, slug):  # noqa: F811
    site = demo_content["projects"][slug].site
    reached = crawl(Client(), site.hostname)
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    public = Page.objects.descendant_of(site.root_page, inclusive=True).live().public()
    for path in restricted:
        public = public.exclude(path__startswith=path)
    public_types = {
        page.content_type.model_class() for page in public.select_related("content_type")
    }
    reached_types = {
        page.content_type.model_class()
        for page in public.select_related("content_type")
        if page.get_url_parts()[2] in reached
    }
    assert {model.__name__ for model in public_types - reached_types} == set()
    assert public_types == {model for model in get_page_models() if model is not Page}
