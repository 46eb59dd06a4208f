"""Offer filters, pagination of the news and the per-site search."""

from wagtail.test.utils import WagtailPageTestCase

from tests.cms.builders import add_news, build_site
from tests.cms.demo_case import DemoContentTestCase

KAARST = {"host": "kaarst.localhost"}


class OfferFilterTests(DemoContentTestCase):
    def titles(self, query=""):
        response = self.client.get("/angebote/" + query, headers=KAARST)
        self.assertEqual(response.status_code, 200)
        return [offer.title for offer in response.context["offers"]]

    def test_unfiltered_lists_all_offers_of_the_site(self):
        self.assertEqual(
            self.titles(),
            [
                "Ehrenamtsstammtisch",
                "Hausaufgabenhilfe",
                "Nachbarschaftstreff",
                "Offene Sprechstunde",
                "Sprachcafé",
            ],
        )

    def test_filters_combine(self):
        self.assertEqual(self.titles("?sprache=ar"), ["Hausaufgabenhilfe", "Sprachcafé"])
        self.assertEqual(self.titles("?sprache=ar&wochentag=1"), ["Sprachcafé"])
        self.assertEqual(self.titles("?kategorie=kinder"), ["Hausaufgabenhilfe"])
        self.assertEqual(self.titles("?zielgruppe=senioren"), ["Nachbarschaftstreff"])
        # Monday (0) is a real filter, not "empty".
        self.assertEqual(self.titles("?wochentag=0"), ["Hausaufgabenhilfe", "Offene Sprechstunde"])

    def test_the_count_agrees_with_its_number_in_every_language(self):
        def heading(path):
            html = self.client.get(path, headers=KAARST).content.decode()
            return html.split('id="offers-title">', 1)[1].split("</h2>", 1)[0]

        self.assertEqual(heading("/angebote/"), "5 Angebote")
        self.assertEqual(heading("/angebote/?kategorie=kinder"), "1 Angebot passt zu Ihrer Auswahl")
        self.assertEqual(heading("/angebote/?sprache=ar"), "2 Angebote passen zu Ihrer Auswahl")
        self.assertEqual(
            heading("/en/angebote/?kategorie=sprache"), "1 offer matches your selection"
        )
        self.assertEqual(heading("/ar/angebote/?kategorie=sprache"), "عرض واحد يطابق اختيارك")

    def test_invalid_filter_shows_everything_with_an_error(self):
        response = self.client.get("/angebote/?kategorie=unsinn", headers=KAARST)
        self.assertEqual(len(response.context["offers"]), 5)
        self.assertIn("kategorie", response.context["filter_form"].errors)


class SearchTests(DemoContentTestCase):
    def test_search_finds_pages_of_the_requesting_site_only(self):
        response = self.client.get("/suche/", {"q": "Sprachcafé"}, headers=KAARST)
        titles = [page.title for page in response.context["search_results"]]
        self.assertIn("Sprachcafé", titles)
        other = self.client.get(
            "/suche/", {"q": "Sprachcafé"}, headers={"host": "kaiserslautern.localhost"}
        )
        self.assertNotIn("Sprachcafé", [page.title for page in other.context["search_results"]])

    def test_a_word_finds_the_german_compounds_that_begin_with_it(self):
        response = self.client.get("/suche/", {"q": "Ehrenamt"}, headers=KAARST)
        titles = sorted(page.title for page in response.context["search_results"])
        # Hausaufgabenhilfe: its text begins with "Ehrenamtliche helfen …".
        self.assertEqual(titles, ["Ehrenamtsbörse", "Ehrenamtsstammtisch", "Hausaufgabenhilfe"])

    def test_a_prefix_finds_a_compound_in_the_page_text(self):
        # "Ehrenamtskoordination" is a news title and a heading in the text of the about page.
        response = self.client.get(
            "/suche/", {"q": "Ehrenamtskoord"}, headers={"host": "kaiserslautern.localhost"}
        )
        titles = sorted(page.title for page in response.context["search_results"])
        self.assertEqual(
            titles, ["Auftaktveranstaltung Ehrenamtskoordination", "Über das Projektbüro"]
        )

    def test_empty_query_gives_no_results(self):
        response = self.client.get("/suche/", headers=KAARST)
        self.assertEqual(list(response.context["search_results"]), [])


class NewsPaginationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        add_news(cls.pages["news_index"], 23)

    def test_ten_per_page_newest_first(self):
        url = self.pages["news_index"].url
        first = self.client.get(url).context["news_items"]
        last = self.client.get(url + "?seite=3").context["news_items"]
        self.assertEqual([item.title for item in first][:2], ["Nachricht 23", "Nachricht 22"])
        self.assertEqual(len(first), 10)
        self.assertEqual(
            [item.title for item in last], ["Nachricht 3", "Nachricht 2", "Nachricht 1"]
        )
