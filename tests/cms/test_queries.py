"""Public pages run a fixed number of queries: pinned for the home page, flat for list sizes.

Counted three ways: with the fragment cache off (what editors get, and the test default), with
the fragment cache warm (the page frame stored, what anonymous visitors get between publishes)
and cold (just purged, as by every publish).
"""

import datetime

from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from cms.cache import purge_all
from cms.fragments import purge_view_restrictions
from tests.cms.builders import BERLIN, add_events, add_news, build_site
from tests.cms.demo_case import DemoContentTestCase

#: Home page with the full demo content; fragment cache off, warm, cold.
HOME_PAGE_QUERIES = 16
HOME_PAGE_QUERIES_WARM = 1
HOME_PAGE_QUERIES_COLD = 15


def count_queries(client, url, **kwargs):
    client.get(url, **kwargs)  # warm-up: renditions, site root paths and fragments are stored
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


def count_cold_queries(client, url, **kwargs):
    client.get(url, **kwargs)
    purge_all()
    purge_view_restrictions()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


class HomePageQueryTests(DemoContentTestCase):
    def test_home_page_with_full_demo_content(self):
        for slug in ("kaarst", "kaiserslautern"):
            with self.subTest(site=slug):
                headers = {"host": self.host(slug)}
                self.assertEqual(
                    count_queries(self.client, "/", headers=headers), HOME_PAGE_QUERIES
                )

    @override_settings(FRAGMENT_CACHE_ENABLED=True)
    def test_home_page_with_the_fragment_cache(self):
        for slug in ("kaarst", "kaiserslautern"):
            with self.subTest(site=slug):
                headers = {"host": self.host(slug)}
                warm = count_queries(self.client, "/", headers=headers)
                cold = count_cold_queries(self.client, "/", headers=headers)
                self.assertEqual((warm, cold), (HOME_PAGE_QUERIES_WARM, HOME_PAGE_QUERIES_COLD))
                self.assertLessEqual(warm, 15)


class ListQueryTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def setUp(self):
        super().setUp()
        cache.clear()

    def counts(self, url):
        """Queries with the fragment cache off, warm and cold.

        Warm, a list page costs its page (by id), the item count and the items; the home page
        only its page (its news and events lists are stored fragments too).
        """
        headers = {"host": self.pages["site"].hostname}
        off = count_queries(self.client, url, headers=headers)
        with override_settings(FRAGMENT_CACHE_ENABLED=True):
            warm = count_queries(self.client, url, headers=headers)
            cold = count_cold_queries(self.client, url, headers=headers)
        return off, warm, cold

    def test_news_index_same_queries_for_3_and_30_items(self):
        """30 items span three pages of 10; the first page costs what a page of 3 costs."""
        index = self.pages["news_index"]
        add_news(index, 3)
        few = self.counts(index.url)
        add_news(index, 27, start=datetime.date(2025, 1, 1), offset=3)
        many = self.counts(index.url)
        self.assertEqual((few, many), ((17, 3, 16), (17, 3, 16)))

    def test_event_index_same_queries_for_3_and_30_items(self):
        index = self.pages["event_index"]
        add_events(index, 3)
        few = self.counts(index.url)
        add_events(index, 27, start=datetime.datetime(2031, 1, 1, 10, tzinfo=BERLIN), offset=3)
        many = self.counts(index.url)
        self.assertEqual((few, many), ((17, 3, 16), (17, 3, 16)))

    def test_home_page_same_queries_for_3_and_30_items(self):
        home = self.pages["home"]
        add_news(self.pages["news_index"], 3)
        add_events(self.pages["event_index"], 3)
        few = self.counts(home.url)
        add_news(self.pages["news_index"], 27, start=datetime.date(2025, 1, 1), offset=3)
        add_events(
            self.pages["event_index"],
            27,
            start=datetime.datetime(2031, 1, 1, 10, tzinfo=BERLIN),
            offset=3,
        )
        many = self.counts(home.url)
        self.assertEqual((few, many), ((14, 1, 13), (14, 1, 13)))

    def test_contact_and_team_pages(self):
        """The contact form's privacy link and the team's site come from cached data."""
        self.assertEqual(
            (self.counts(self.pages["contact"].url), self.counts(self.pages["team"].url)),
            ((17, 2, 17), (15, 2, 15)),
        )
