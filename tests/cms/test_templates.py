"""The public page frame: skip link, language and direction, search field, error pages."""

from html.parser import HTMLParser

from django.template import Context, Template

import pytest

from cms.templatetags.site_chrome import text_on


class _Collector(HTMLParser):
    """Collects the start tags of a document as (tag, attrs) pairs."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags_of(response):
    collector = _Collector()
    collector.feed(response.content.decode())
    return collector.tags


def first(tags, name, **attrs):
    for tag, found in tags:
        if tag == name and all(found.get(key) == value for key, value in attrs.items()):
            return found
    return None


@pytest.mark.django_db
def test_not_found_page_has_skip_link_to_main_and_german_direction(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    tags = tags_of(response)
    html = first(tags, "html")
    assert (html["lang"], html["dir"]) == ("de", "ltr")
    skip = tags[[tag for tag, _ in tags].index("a")][1]
    assert (skip["class"], skip["href"]) == ("qn-skip-link", "#main")
    assert first(tags, "main", id="main") is not None


@pytest.mark.django_db
def test_arabic_not_found_page_is_right_to_left(client):
    response = client.get("/ar/gibt-es-nicht/")
    assert response.status_code == 404
    tags = tags_of(response)
    html = first(tags, "html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")


@pytest.mark.django_db
def test_search_field_is_labelled_and_sends_q(client):
    tags = tags_of(client.get("/gibt-es-nicht/"))
    field = first(tags, "input", type="search")
    assert field["name"] == "q"
    assert first(tags, "label", **{"for": field["id"]}) is not None


def test_server_error_page_renders_without_request_or_database():
    rendered = Template("{% include '500.html' %}").render(Context({}))
    assert '<html lang="de" dir="ltr"' in rendered
    assert "Entschuldigung, ein Fehler ist aufgetreten." in rendered


@pytest.mark.parametrize(
    ("background", "expected"),
    [
        ("#005a9c", "#ffffff"),
        ("#1a3da5", "#ffffff"),
        ("#ffdd00", "#131525"),
        ("#ffffff", "#131525"),
    ],
)
def test_text_on_accent_picks_the_more_readable_colour(background, expected):
    assert text_on(background) == expected


def test_text_on_falls_back_to_white_for_malformed_colours():
    assert text_on("blue") == "#ffffff"
    assert text_on(None) == "#ffffff"
