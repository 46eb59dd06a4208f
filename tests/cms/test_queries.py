"""Public pages run a fixed number of queries: pinned for the home page, flat for list sizes."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from tests.cms.builders import BERLIN, add_events, add_news, build_site
from tests.cms.demo_case import DemoContentTestCase

HOME_PAGE_QUERIES = 18


def count_queries(client, url, **kwargs):
    client.get(url, **kwargs)  # warm-up: renditions and site root paths are created once
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **kwargs)
    assert response.status_code == 200, response.status_code
    return len(context.captured_queries)


class HomePageQueryTests(DemoContentTestCase):
    def test_home_page_with_full_demo_content(self):
        for slug in ("kaarst", "kaiserslautern"):
            with self.subTest(site=slug):
                queries = count_queries(self.client, "/", headers={"host": self.host(slug)})
                self.assertEqual(queries, HOME_PAGE_QUERIES)
                self.assertLessEqual(queries, 20)


class ListQueryTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pages = build_site()

    def test_news_index_same_queries_for_3_and_30_items(self):
        """30 items span three pages of 10; the first page costs what a page of 3 costs."""
        index = self.pages["news_index"]
        add_news(index, 3)
        few = count_queries(self.client, index.url)
        add_news(index, 27, start=datetime.date(2025, 1, 1), offset=3)
        many = count_queries(self.client, index.url)
        self.assertEqual(few, many)

    def test_event_index_same_queries_for_3_and_30_items(self):
        index = self.pages["event_index"]
        add_events(index, 3)
        few = count_queries(self.client, index.url)
        add_events(index, 27, start=datetime.datetime(2031, 1, 1, 10, tzinfo=BERLIN), offset=3)
        many = count_queries(self.client, index.url)
        self.assertEqual(few, many)
