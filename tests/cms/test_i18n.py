"""Languages: translated home pages, the language switcher data and `<html lang dir>`."""

from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from cms.services import html_language, language_links
from tests.cms.demo_case import DemoContentTestCase


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

    def test_untranslated_page_has_no_english_version(self):
        response = self.client.get("/en/aktuelles/", headers={"host": "kaarst.localhost"})
        self.assertEqual(response.status_code, 404)

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
