"""The public page frame and page templates: landmarks, language, navigation, structured data, forms."""

import datetime
import json
from html.parser import HTMLParser

from django.template import Context, Template
from django.test import TestCase

from wagtail.models import Locale

import pytest

from cms.models import OfficeHourSlot
from cms.templatetags.site_chrome import text_on
from tests.cms.builders import add_news, build_site


class Document(HTMLParser):
    """A parsed response: start tags with attributes, and the text inside chosen elements."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.scripts = []
        self._script = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "script":
            self._script = [attrs, ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None

    def all(self, name, **attrs):
        return [
            found
            for tag, found in self.tags
            if tag == name and all(found.get(key) == value for key, value in attrs.items())
        ]

    def first(self, name, **attrs):
        matches = self.all(name, **attrs)
        return matches[0] if matches else None

    def ids(self):
        return {attrs["id"] for _tag, attrs in self.tags if "id" in attrs}


def parse(response):
    return Document(response.content.decode())


def nav_links(html, label):
    """``[(text, href)]`` of the links inside the `<nav aria-label=label>`."""
    start = html.index(f'aria-label="{label}"')
    end = html.index("</nav>", start)
    links = []
    for chunk in html[start:end].split("<a ")[1:]:
        href = chunk.split('href="', 1)[1].split('"', 1)[0]
        text = chunk.split(">", 1)[1].split("</a>", 1)[0]
        links.append((text.strip(), href))
    return links


class PageFrameTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        settings = cls.pages["settings"]
        OfficeHourSlot.objects.create(
            setting=settings,
            weekday=0,
            opens=datetime.time(9, 0),
            closes=datetime.time(12, 30),
        )
        OfficeHourSlot.objects.create(
            setting=settings,
            weekday=2,
            opens=datetime.time(14, 0),
            closes=datetime.time(16, 0),
        )
        news_index = cls.pages["news_index"]
        news_index.show_in_menus = True
        news_index.save_revision().publish()
        contact = cls.pages["contact"]
        contact.show_in_menus = True
        contact.save_revision().publish()
        cls.news = add_news(news_index, 12)
        home_ar = cls.pages["home"].copy_for_translation(Locale.objects.get(language_code="ar"))
        home_ar.title = "الصفحة الرئيسية"
        home_ar.save_revision().publish()
        cls.home_ar = home_ar

    def test_skip_link_is_the_first_link_and_points_to_main(self):
        document = parse(self.client.get("/"))
        first_link = document.all("a")[0]
        assert (first_link["class"], first_link["href"]) == ("qn-skip-link", "#main")
        assert document.first("main", id="main") is not None

    def test_german_pages_are_left_to_right(self):
        html = parse(self.client.get("/")).first("html")
        assert (html["lang"], html["dir"]) == ("de", "ltr")

    def test_arabic_home_page_is_right_to_left(self):
        response = self.client.get("/ar/")
        assert response.status_code == 200
        html = parse(response).first("html")
        assert (html["lang"], html["dir"]) == ("ar", "rtl")

    def test_main_navigation_lists_only_pages_shown_in_menus(self):
        html = self.client.get("/").content.decode()
        assert nav_links(html, "Hauptnavigation") == [
            ("Aktuelles", "/aktuelles/"),
            ("Kontakt", "/kontakt/"),
        ]

    def test_main_navigation_marks_the_current_section(self):
        document = parse(self.client.get("/aktuelles/"))
        current = [link for link in document.all("a") if "aria-current" in link]
        assert [(link["href"], link["aria-current"]) for link in current] == [
            ("/aktuelles/", "page")
        ]
        document = parse(self.client.get(self.news[0].url))
        nav_current = document.first("a", **{"class": "qn-nav__link", "aria-current": "true"})
        assert nav_current["href"] == "/aktuelles/"

    def test_language_switcher_lists_only_existing_translations(self):
        html = self.client.get("/").content.decode()
        assert 'aria-label="Sprache wählen"' in html
        switcher = html[
            html.index('aria-label="Sprache wählen"') : html.index(
                "</nav>", html.index('aria-label="Sprache wählen"')
            )
        ]
        assert 'hreflang="ar"' in switcher and 'href="/ar/"' in switcher
        assert 'hreflang="en"' not in switcher
        assert 'aria-current="true" lang="de"' in switcher

    def test_untranslated_page_has_no_language_switcher(self):
        html = self.client.get("/aktuelles/").content.decode()
        assert 'aria-label="Sprache wählen"' not in html

    def test_breadcrumbs_lead_from_home_to_the_current_page(self):
        news = self.news[0]
        html = self.client.get(news.url).content.decode()
        assert nav_links(html, "Brotkrümelnavigation") == [
            ("Startseite", "/"),
            ("Aktuelles", "/aktuelles/"),
        ]
        assert f'<span aria-current="page">{news.title}</span>' in html

    def test_home_page_has_no_breadcrumbs(self):
        assert 'aria-label="Brotkrümelnavigation"' not in self.client.get("/").content.decode()

    def test_opening_hours_json_ld_parses_with_each_weekly_slot(self):
        for url in ("/", "/kontakt/"):
            with self.subTest(url=url):
                document = parse(self.client.get(url))
                blocks = [
                    json.loads(text)
                    for attrs, text in document.scripts
                    if attrs.get("type") == "application/ld+json"
                ]
                assert len(blocks) == 1
                weekly = [
                    (spec["@type"], spec["dayOfWeek"], spec["opens"], spec["closes"])
                    for spec in blocks[0]["openingHoursSpecification"]
                    if "dayOfWeek" in spec
                ]
                assert weekly == [
                    ("OpeningHoursSpecification", "https://schema.org/Monday", "09:00", "12:30"),
                    ("OpeningHoursSpecification", "https://schema.org/Wednesday", "14:00", "16:00"),
                ]

    def test_pages_carry_no_executable_inline_script(self):
        for url in ("/", "/kontakt/", "/aktuelles/", "/ar/"):
            with self.subTest(url=url):
                for attrs, _text in parse(self.client.get(url)).scripts:
                    assert "src" in attrs or attrs.get("type") == "application/ld+json"

    def test_contact_page_lists_weekly_office_hours(self):
        html = self.client.get("/kontakt/").content.decode()
        assert '<th scope="row">Montag</th>' in html
        assert "<bdi>09:00–12:30</bdi> Uhr" in html
        assert '<th scope="row">Mittwoch</th>' in html

    def test_open_graph_names_title_site_and_url(self):
        document = parse(self.client.get(self.news[0].url))
        og = {
            attrs["property"]: attrs["content"]
            for attrs in document.all("meta")
            if "property" in attrs
        }
        assert og["og:title"] == self.news[0].title
        assert og["og:site_name"] == "Testprojekt Nachbarschaft"
        assert og["og:url"].endswith(self.news[0].url)

    def test_news_index_paginates_with_an_accessible_navigation(self):
        html = self.client.get("/aktuelles/?seite=2").content.decode()
        links = nav_links(html, "Seitennavigation")
        assert links[0] == ("Vorherige Seite", "?seite=1")
        assert '<span aria-current="page"><span class="kern-sr-only">Seite </span>2</span>' in html
        assert html.count('class="qn-card-title"') == 2

    def test_contact_form_errors_are_summarised_and_linked_to_fields(self):
        response = self.client.post("/kontakt/", {"form_started": "x"})
        document = parse(response)
        summary = document.first("div", id="error-summary")
        assert summary["role"] == "alert" and "autofocus" in summary
        ids = document.ids()
        targets = [
            link["href"][1:]
            for link in document.all("a")
            if link.get("href", "").startswith("#id_")
        ]
        assert all(target in ids for target in targets)
        invalid = [
            attrs
            for tag, attrs in document.tags
            if tag in ("input", "textarea") and attrs.get("aria-invalid") == "true"
        ]
        assert targets == ["id_name", "id_e_mail", "id_nachricht", "id_consent"]
        assert [attrs["id"] for attrs in invalid] == targets
        for attrs in invalid:
            assert all(ref in ids for ref in attrs["aria-describedby"].split())

    def test_required_fields_are_marked_and_labelled(self):
        document = parse(self.client.get("/kontakt/"))
        for field in document.all("input", required=""):
            if field.get("type") in ("hidden",):
                continue
            assert document.first("label", **{"for": field["id"]}) is not None

    def test_offer_filter_is_a_get_form_with_labelled_selects(self):
        document = parse(self.client.get("/angebote/"))
        form = [attrs for attrs in document.all("form") if attrs.get("class") == "qn-filter"][0]
        assert form["method"] == "get"
        selects = document.all("select")
        assert [select["name"] for select in selects] == [
            "kategorie",
            "zielgruppe",
            "sprache",
            "wochentag",
        ]
        for select in selects:
            assert document.first("label", **{"for": select["id"]}) is not None


@pytest.mark.django_db
def test_not_found_page_keeps_the_frame_and_language(client):
    response = client.get("/ar/gibt-es-nicht/")
    assert response.status_code == 404
    document = parse(response)
    html = document.first("html")
    assert (html["lang"], html["dir"]) == ("ar", "rtl")
    assert document.first("main", id="main") is not None


@pytest.mark.django_db
def test_search_field_is_labelled_and_sends_q(client):
    document = parse(client.get("/gibt-es-nicht/"))
    field = document.first("input", type="search")
    assert field["name"] == "q"
    assert document.first("label", **{"for": field["id"]}) is not None


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
