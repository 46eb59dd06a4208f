"""Each page type can be created under its allowed parents only, and renders."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import (
    ContactPage,
    EasyLanguagePage,
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferIndexPage,
    OfferPage,
    StandardPage,
    TeamPage,
)
from tests.cms.builders import SITE_NAME, add_events, add_news, add_offer, build_site


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_only_under_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_sections_only_under_home(self):
        for model in (NewsIndexPage, EventIndexPage, OfferIndexPage, TeamPage, ContactPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {HomePage})

    def test_detail_pages_only_under_their_index(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedParentPageTypes(OfferPage, {OfferIndexPage})

    def test_standard_page_under_home_and_standard_pages(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_home_page_children(self):
        # Other apps may offer their own page types below the home page (surveys.SurveyPage);
        # this test pins the editorial ones.
        cms_children = {m for m in HomePage.allowed_subpage_models() if m._meta.app_label == "cms"}
        self.assertEqual(
            cms_children,
            {
                StandardPage,
                NewsIndexPage,
                EventIndexPage,
                OfferIndexPage,
                TeamPage,
                ContactPage,
                EasyLanguagePage,
            },
        )

    def test_easy_language_pages_nest_only_below_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(EasyLanguagePage, {HomePage, EasyLanguagePage})
        self.assertAllowedSubpageTypes(EasyLanguagePage, {EasyLanguagePage})

    def test_leaf_pages_have_no_children(self):
        for model in (NewsPage, EventPage, OfferPage, TeamPage, ContactPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedSubpageTypes(model, set())


class PageRenderingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()
        cls.pages["news"] = add_news(cls.pages["news_index"], 1)[0]
        cls.pages["event"] = add_events(cls.pages["event_index"], 1)[0]
        cls.pages["offer"] = add_offer(cls.pages["offer_index"])
        cls.pages["standard"] = cls.pages["home"].add_child(
            instance=StandardPage(
                title="Über uns",
                slug="ueber-uns",
                body=[
                    ("heading", {"text": "Wer wir sind", "level": "h2"}),
                    ("paragraph", "<p>Ein Treffpunkt für alle.</p>"),
                    ("quote", {"text": "Gemeinsam", "attribution": "Team"}),
                    (
                        "accordion",
                        {
                            "title": "FAQ",
                            "items": [{"question": "Kosten?", "answer": "<p>Nein</p>"}],
                        },
                    ),
                    ("call_to_action", {"text": "Mitmachen", "url": "https://example.org/"}),
                ],
            )
        )

    def test_every_page_type_renders_with_title_and_site_name(self):
        for key in (
            "home",
            "standard",
            "news_index",
            "news",
            "event_index",
            "event",
            "offer_index",
            "offer",
            "team",
            "contact",
        ):
            with self.subTest(page=key):
                page = self.pages[key]
                self.assertPageIsRoutable(page)
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, page.title)
                self.assertContains(response, SITE_NAME)

    def test_standard_page_renders_its_blocks(self):
        response = self.client.get(self.pages["standard"].url)
        self.assertContains(response, "Wer wir sind")
        self.assertContains(response, "Ein Treffpunkt für alle.")
        self.assertContains(response, "https://example.org/")

    def test_can_create_each_page_type_under_its_parent(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanCreateAt(OfferIndexPage, OfferPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
