"""Languages: translated demo pages, German fallback in lists and search, `<html lang dir>`."""

import datetime
import re
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation

import polib
import pytest

from cms.models import NewsIndexPage, NewsPage
from cms.services import html_language, language_links
from tests.cms.demo_case import DemoContentTestCase

#: The page types of the cms app every demo site has in German, English and Arabic.
TRANSLATED_TYPES = [
    "ContactPage",
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "OfferIndexPage",
    "OfferPage",
    "StandardPage",
    "TeamPage",
]


def headings(response, level="h2"):
    """``[(lang attribute or "", title, href)]`` of the list headings in a response."""
    html = response.content.decode()
    pattern = (
        rf'<{level} class="qn-card-title"(?: lang="(\w+)" dir="ltr")?>'
        rf'<a[^>]* href="([^"]+)">([^<]+)</a></{level}>'
    )
    return [(lang, title, href) for lang, href, title in re.findall(pattern, html)]


def count_queries(client, url, **kwargs):
    client.get(url, **kwargs)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, (url, response.status_code)
    return len(context.captured_queries)


class LanguageTests(DemoContentTestCase):
    def test_switcher_lists_only_languages_the_page_exists_in(self):
        request = RequestFactory().get("/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            language_links(self.homes["kaarst"], request),
            [("de", "Deutsch", "/"), ("en", "English", "/en/"), ("ar", "العربيّة", "/ar/")],
        )
        news = self.news["kaarst"]
        self.assertEqual(
            language_links(news, request), [("de", "Deutsch", "/aktuelles/" + news.slug + "/")]
        )

    def test_translated_home_pages_are_served_under_language_prefixes(self):
        english = self.client.get("/en/", headers={"host": "kaiserslautern.localhost"})
        self.assertContains(english, "Integration Project Office Kaiserslautern")
        arabic = self.client.get("/ar/", headers={"host": "kaarst.localhost"})
        self.assertContains(arabic, "منتدى ألبرت أينشتاين كارست")
        self.assertEqual(arabic.context["html_lang"], "ar")
        self.assertEqual(arabic.context["html_dir"], "rtl")
        self.assertEqual(
            [code for code, _name, _url in arabic.context["language_links"]], ["de", "en", "ar"]
        )

    def test_languages_without_interface_lead_to_the_german_page(self):
        host = {"HTTP_HOST": self.host("kaarst")}
        for path, target in (("/tr/", "/"), ("/uk/impressum/?seite=2", "/impressum/?seite=2")):
            response = self.client.get(path, **host)
            self.assertEqual((response.status_code, response["Location"]), (302, target))
        self.assertEqual(self.client.get("/ar/", **host).status_code, 200)

    def test_switcher_offers_no_language_without_interface(self):
        home = self.homes["kaarst"]
        Locale.objects.get_or_create(language_code="tr")
        home.copy_for_translation(Locale.objects.get(language_code="tr")).save_revision().publish()
        request = RequestFactory().get("/", HTTP_HOST=self.host("kaarst"))
        self.assertEqual([code for code, *_ in language_links(home, request)], ["de", "en", "ar"])

    def test_untranslated_page_has_no_english_version(self):
        news = self.news["kaarst"]
        response = self.client.get(
            f"/en/aktuelles/{news.slug}/", headers={"host": "kaarst.localhost"}
        )
        self.assertEqual(response.status_code, 404)

    def test_demo_has_every_page_type_in_english_and_arabic_on_both_sites(self):
        for slug, home in self.homes.items():
            for code in ("en", "ar"):
                with self.subTest(site=slug, language=code):
                    translated_home = home.get_translation(Locale.objects.get(language_code=code))
                    types = (
                        Page.objects.live()
                        .descendant_of(translated_home, inclusive=True)
                        .values_list("content_type__model", flat=True)
                    )
                    self.assertEqual(
                        sorted(set(types)), sorted(name.lower() for name in TRANSLATED_TYPES)
                    )

    def test_demo_translations_are_managed_by_wagtail_localize(self):
        """Each translated page has an enabled Translation editors can sync from German."""
        arabic = Locale.objects.get(language_code="ar")
        news = NewsPage.objects.get(
            locale=arabic,
            slug="auftaktveranstaltungen",
            path__startswith=self.homes["kaarst"].path[:4],
        )
        translation_record = Translation.objects.get(
            source__object_id=news.translation_key, target_locale=arabic
        )
        self.assertTrue(translation_record.enabled)
        self.assertEqual(translation_record.get_target_instance().pk, news.pk)
        # Title, slug, teaser and the body's paragraph, all translated.
        self.assertEqual(translation_record.get_progress(), (4, 4))
        self.assertEqual(
            set(
                StringTranslation.objects.filter(
                    locale=arabic, context__object_id=news.translation_key
                ).values_list("data", flat=True)
            ),
            {
                "auftaktveranstaltungen",
                "معلومات عن الفعاليات الافتتاحية",
                "ستُنشر هنا قريبًا جميع المعلومات عن الفعاليات الافتتاحية.",
            },
        )
        self.assertEqual(news.title, "معلومات عن الفعاليات الافتتاحية")
        self.assertEqual(news.date, datetime.date(2020, 8, 3))

    def test_arabic_news_index_falls_back_to_german_items_marked_as_german(self):
        response = self.client.get("/ar/aktuelles/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            headings(response),
            [
                (
                    "",
                    "معلومات عن الفعاليات الافتتاحية",
                    "/ar/aktuelles/auftaktveranstaltungen/",
                ),
                (
                    "de",
                    "Sprechzeiten und Angebote folgen in Kürze",
                    "/aktuelles/sprechzeiten-und-angebote/",
                ),
                (
                    "de",
                    "Eröffnung des Albert-Einstein-Forums geplant",
                    "/aktuelles/eroeffnung-albert-einstein-forum/",
                ),
            ],
        )
        self.assertContains(
            response,
            '<p class="qn-card-text" lang="de" dir="ltr">Sprechzeiten und eine Übersicht der '
            "Angebote veröffentlichen wir in Kürze.</p>",
            html=True,
        )

    def test_german_news_index_lists_only_german_items(self):
        response = self.client.get("/aktuelles/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            headings(response),
            [
                (
                    "",
                    "Informationen zu den Auftaktveranstaltungen",
                    "/aktuelles/auftaktveranstaltungen/",
                ),
                (
                    "",
                    "Sprechzeiten und Angebote folgen in Kürze",
                    "/aktuelles/sprechzeiten-und-angebote/",
                ),
                (
                    "",
                    "Eröffnung des Albert-Einstein-Forums geplant",
                    "/aktuelles/eroeffnung-albert-einstein-forum/",
                ),
            ],
        )

    def test_arabic_home_page_lists_news_events_and_highlights_in_arabic_first(self):
        response = self.client.get("/ar/", headers={"host": "kaiserslautern.localhost"})
        self.assertEqual(
            [(item.locale.language_code, item.title) for item in response.context["latest_news"]],
            [
                ("ar", "مكتب المشروع على فيسبوك"),
                ("de", "Ehrenamtliche gesucht"),
                ("de", "Integrationsmonitoring im Aufbau"),
            ],
        )
        self.assertEqual(
            [
                (item.locale.language_code, item.title)
                for item in response.context["upcoming_events"]
            ],
            [
                ("ar", "عرض تقرير الاندماج"),
                ("de", "Tag des Ehrenamts"),
                ("de", "Eröffnung der Interkulturellen Woche"),
            ],
        )
        self.assertEqual(
            headings(response, "h3")[:3],
            [
                ("", "العروض", "/ar/angebote/"),
                ("", "الفعاليات", "/ar/veranstaltungen/"),
                ("", "شارك معنا", "/ar/kontakt/"),
            ],
        )

    def test_english_event_index_and_offers_fall_back_to_german(self):
        events = self.client.get("/en/veranstaltungen/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            [(lang, title) for lang, title, _href in headings(events)],
            [
                ("", "Intercultural summer festival"),
                ("de", "Nachbarschaftsforum Innenstadt"),
                ("de", "Ehrenamtsbörse"),
            ],
        )
        offers = self.client.get("/en/angebote/", headers={"host": "kaarst.localhost"})
        self.assertEqual(
            [(lang, title, href) for lang, title, href in headings(offers, "h3")],
            [
                ("de", "Ehrenamtsstammtisch", "/angebote/ehrenamtsstammtisch/"),
                ("de", "Hausaufgabenhilfe", "/angebote/hausaufgabenhilfe/"),
                ("", "Language café", "/en/angebote/sprachcafe/"),
                ("de", "Nachbarschaftstreff", "/angebote/nachbarschaftstreff/"),
                ("", "Open consultation hours", "/en/angebote/offene-sprechstunde/"),
            ],
        )
        # The filter works on the translated offers too (category "Sprachkurs").
        filtered = self.client.get(
            "/en/angebote/?kategorie=sprache", headers={"host": "kaarst.localhost"}
        )
        self.assertEqual(
            [title for _lang, title, _href in headings(filtered, "h3")], ["Language café"]
        )

    def test_offer_filter_names_languages_in_the_page_language_and_marks_german_groups(self):
        def options(path, name):
            html = self.client.get(path, headers={"host": "kaarst.localhost"}).content.decode()
            select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
            return re.findall(
                r'<option value="([^"]*)"( lang="de" dir="ltr")?[^>]*>([^<]*)<', select
            )

        self.assertEqual(
            options("/ar/angebote/", "sprache"),
            [
                ("", "", "الكل"),
                ("uk", "", "الأكرانيّة"),
                ("de", "", "الألمانيّة"),
                ("en", "", "الإنجليزيّة"),
                ("tr", "", "التركيّة"),
                ("ar", "", "العربيّة"),
            ],
        )
        self.assertEqual(
            options("/angebote/", "sprache"),
            [
                ("", "", "alle"),
                ("ar", "", "Arabisch"),
                ("de", "", "Deutsch"),
                ("en", "", "Englisch"),
                ("tr", "", "Türkisch"),
                ("uk", "", "Ukrainisch"),
            ],
        )
        arabic_groups = options("/ar/angebote/", "zielgruppe")
        self.assertEqual(
            arabic_groups[:3],
            [
                ("", "", "الكل"),
                ("alle", ' lang="de" dir="ltr"', "Alle Interessierten"),
                ("ehrenamtliche", ' lang="de" dir="ltr"', "Ehrenamtliche"),
            ],
        )
        self.assertEqual({marked for _v, marked, _l in arabic_groups[1:]}, {' lang="de" dir="ltr"'})
        german_groups = options("/angebote/", "zielgruppe")
        self.assertEqual({marked for _v, marked, _l in german_groups}, {""})
        self.assertEqual(len(german_groups), len(arabic_groups))
        # The offers' languages too, in the page language; their target groups marked German.
        html = self.client.get("/ar/angebote/", headers={"host": "kaarst.localhost"})
        html = html.content.decode()
        self.assertIn("<dd>الألمانيّة</dd>", html)
        self.assertNotIn(">Deutsch<", html)
        self.assertIn('<dd lang="de" dir="ltr">Ehrenamtliche</dd>', html)

    def test_texts_from_the_site_settings_are_marked_german_on_other_language_pages(self):
        from django.utils import timezone

        from cms.models import OfficeHourException, SiteSettings

        site_settings = SiteSettings.for_site(self.projects["kaarst"].site)
        OfficeHourException.objects.create(
            setting=site_settings,
            date=timezone.localdate() + datetime.timedelta(days=1),
            closed=True,
            reason="Betriebsausflug",
        )
        pages = {
            path: self.client.get(path, headers={"host": "kaarst.localhost"}).content.decode()
            for path in ("/ar/kontakt/", "/kontakt/")
        }
        marked = ' lang="de" dir="ltr"'
        self.assertIn(f"<p{marked}>Möchten Sie sich ehrenamtlich", pages["/ar/kontakt/"])
        self.assertIn(f"(<span{marked}>Betriebsausflug</span>)", pages["/ar/kontakt/"])
        self.assertIn("<p>Möchten Sie sich ehrenamtlich", pages["/kontakt/"])
        self.assertIn("(<span>Betriebsausflug</span>)", pages["/kontakt/"])

    def test_search_from_an_arabic_page_finds_arabic_pages_and_german_fallbacks(self):
        arabic = self.client.get("/ar/suche/", {"q": "مقهى"}, headers={"host": "kaarst.localhost"})
        self.assertEqual(arabic.context["html_lang"], "ar")
        self.assertEqual(headings(arabic, "h3"), [("", "مقهى اللغة", "/ar/angebote/sprachcafe/")])
        german_only = self.client.get(
            "/ar/suche/", {"q": "Hausaufgabenhilfe"}, headers={"host": "kaarst.localhost"}
        )
        self.assertEqual(
            headings(german_only, "h3"),
            [("de", "Hausaufgabenhilfe", "/angebote/hausaufgabenhilfe/")],
        )
        # A German page with an Arabic translation is found in Arabic only.
        translated = self.client.get(
            "/ar/suche/", {"q": "Sprachcafé"}, headers={"host": "kaarst.localhost"}
        )
        self.assertEqual(headings(translated, "h3"), [])
        german = self.client.get(
            "/suche/", {"q": "Sprachcafé"}, headers={"host": "kaarst.localhost"}
        )
        self.assertEqual(headings(german, "h3"), [("", "Sprachcafé", "/angebote/sprachcafe/")])

    def test_search_offers_the_same_search_in_the_site_languages(self):
        response = self.client.get(
            "/ar/suche/", {"q": "Café & Treff"}, headers={"host": "kaarst.localhost"}
        )
        html = response.content.decode()
        switcher = html.split('class="qn-languages">', 1)[1].split("</ul>", 1)[0]
        self.assertEqual(
            re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switcher),
            [("/suche/?q=Caf%C3%A9+%26+Treff", "de"), ("/en/suche/?q=Caf%C3%A9+%26+Treff", "en")],
        )
        self.assertIn('<span aria-current="true" lang="ar">AR', switcher)

    def test_search_form_of_an_arabic_page_sends_to_the_arabic_search(self):
        response = self.client.get("/ar/", headers={"host": "kaarst.localhost"})
        self.assertContains(response, 'action="/ar/suche/"')

    def test_translated_lists_run_as_many_queries_for_few_and_many_fallbacks(self):
        host = {"headers": {"host": "kaarst.localhost"}}
        german_index = NewsIndexPage.objects.get(
            slug="aktuelles", locale__language_code="de", path__startswith=self.homes["kaarst"].path
        )
        few = {url: count_queries(self.client, url, **host) for url in ("/ar/", "/ar/aktuelles/")}
        german = {url: count_queries(self.client, url, **host) for url in ("/", "/aktuelles/")}
        # A translated page costs a fixed few queries more than its German original (its
        # home and footer pages in its language, the language switcher), never per item.
        self.assertEqual(
            {
                "/ar/": few["/ar/"] - german["/"],
                "/ar/aktuelles/": few["/ar/aktuelles/"] - german["/aktuelles/"],
            },
            {"/ar/": 4, "/ar/aktuelles/": 3},
        )
        # Older items, so the first page still shows the one image it showed before.
        for number in range(12):
            german_index.add_child(
                instance=NewsPage(
                    title=f"Meldung {number}",
                    slug=f"meldung-{number}",
                    date=datetime.date(2010, 1, 1) + datetime.timedelta(days=number),
                )
            )
        many = {url: count_queries(self.client, url, **host) for url in ("/ar/", "/ar/aktuelles/")}
        self.assertEqual(few, many)
        response = self.client.get("/ar/aktuelles/", **host)
        self.assertEqual(len(headings(response)), 10)
        self.assertEqual(headings(response)[-1][:2], ("de", "Meldung 5"))

    def test_html_attributes_tag(self):
        template = Template("{% load cms_i18n %}<html {% html_lang_attrs %}>")
        with translation.override("ar"):
            self.assertEqual(template.render(Context()), '<html lang="ar" dir="rtl">')
        with translation.override("de"):
            self.assertEqual(template.render(Context()), '<html lang="de" dir="ltr">')

    def test_page_languages_tag_reads_the_context(self):
        template = Template(
            "{% load cms_i18n %}{% page_languages as languages %}"
            "{% for code, name, url in languages %}{{ code }}={{ url }};{% endfor %}"
        )
        links = [("de", "Deutsch", "/"), ("en", "English", "/en/")]
        rendered = template.render(Context({"language_links": links}))
        self.assertEqual(rendered, "de=/;en=/en/;")

    def test_english_catalogue_translates_interface_strings(self):
        with translation.override("en"):
            self.assertEqual(translation.gettext("Montag"), "Monday")
            self.assertEqual(translation.gettext("Sprechzeiten"), "Office hours")
        with translation.override("de"):
            self.assertEqual(translation.gettext("Sprechzeiten"), "Sprechzeiten")

    def test_html_language_directions(self):
        self.assertEqual(html_language("uk"), ("uk", "ltr"))
        self.assertEqual(html_language("tr"), ("tr", "ltr"))
        self.assertEqual(html_language("ar"), ("ar", "rtl"))


LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
#: Files whose strings residents read: public templates and the code behind public forms.
PUBLIC_SOURCES = re.compile(
    r"^(templates/(?!.*admin/)|cms/(forms|spam|views|services|feeds)\.py|"
    r"surveys/(flow|views|results)\.py|network/map_data\.py|volunteers/(forms|views|pages)\.py)"
)


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


def test_english_catalogue_translates_every_string():
    po = catalogue("en")
    assert [entry.msgid for entry in po if not entry.translated()] == []
    assert [entry.msgid for entry in po if "fuzzy" in entry.flags] == []


@pytest.mark.parametrize(
    "language", ["ar", *sorted(set(settings.INTERFACE_LANGUAGES) - {"de", "ar"})]
)
def test_interface_catalogues_translate_every_string_residents_read(language):
    po = catalogue(language)
    public = [
        entry
        for entry in po
        if any(PUBLIC_SOURCES.match(path) for path, _line in entry.occurrences)
    ]
    assert len(public) > 200
    assert [entry.msgid for entry in public if not entry.translated()] == []
    # Plural entries carry all forms the language has (Arabic six).
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    assert {len(entry.msgstr_plural) for entry in po if entry.msgid_plural} == {forms}
    if language == "ar":
        assert forms == 6


def test_arabic_survey_and_form_messages():
    with translation.override("ar"):
        assert translation.gettext("Weiter") == "التالي"
        assert translation.gettext("Bitte wählen Sie eine der Antworten.") == (
            "يُرجى اختيار إحدى الإجابات."
        )
        assert translation.gettext("Bitte dieses Feld leer lassen") == ("يُرجى ترك هذا الحقل فارغًا")
        assert [
            translation.ngettext("%(counter)s Angebot", "%(counter)s Angebote", n) % {"counter": n}
            for n in (0, 1, 2, 5, 11, 100)
        ] == ["لا توجد عروض", "عرض واحد", "عرضان", "5 عروض", "11 عرضًا", "100 عرض"]
    with translation.override("en"):
        assert translation.gettext("Schritt %(number)s von %(count)s") == (
            "Step %(number)s of %(count)s"
        )
