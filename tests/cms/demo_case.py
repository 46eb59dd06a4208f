"""A test case base that loads the full demo content of both sites once per test class."""

from django.core.cache import cache

from wagtail.test.utils import WagtailPageTestCase

from cms import demo
from cms.models import EventPage, NewsPage


class DemoContentTestCase(WagtailPageTestCase):
    """Both projects as `manage.py load_demo_data` creates them (users included)."""

    @classmethod
    def setUpTestData(cls):
        cls.projects = demo.load()
        demo.load_users(cls.projects)
        cls.homes = {
            slug: project.site.root_page.specific for slug, project in cls.projects.items()
        }
        cls.news = {
            slug: NewsPage.objects.descendant_of(home).order_by("date").first()
            for slug, home in cls.homes.items()
        }
        cls.events = {
            slug: EventPage.objects.descendant_of(home).order_by("start").first()
            for slug, home in cls.homes.items()
        }

    def setUp(self):
        super().setUp()
        cache.clear()

    def host(self, slug):
        return self.projects[slug].site.hostname
