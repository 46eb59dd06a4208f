"""The demo content: both sites with their trees, media, groups and users; a rerun changes nothing."""

from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Revision, Site

from cms import demo
from cms.models import EventPage, OfferPage, Person, Project, SiteSettings
from tests.cms.demo_case import DemoContentTestCase

SLUGS = [
    "ueber-uns",
    "aktuelles",
    "veranstaltungen",
    "angebote",
    "team",
    "kontakt",
    "impressum",
    "datenschutz",
    "barrierefreiheit",
    "leichte-sprache",
]


def model_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


class DemoTreeTests(DemoContentTestCase):
    def test_projects_have_their_sites(self):
        self.assertEqual(
            {slug: project.site.hostname for slug, project in self.projects.items()},
            {"kaarst": "kaarst.localhost", "kaiserslautern": "kaiserslautern.localhost"},
        )
        self.assertEqual(Site.objects.get(is_default_site=True).hostname, "kaarst.localhost")
        self.assertEqual(Site.objects.count(), 2)

    def test_host_without_port_finds_each_site(self):
        for slug, name in [
            ("kaarst", "Integrationsmanagement Albert-Einstein-Forum Kaarst"),
            (
                "kaiserslautern",
                "Projektbüro Integration und Interkulturelle Angelegenheiten Kaiserslautern",
            ),
        ]:
            with self.subTest(slug=slug):
                response = self.client.get("/", headers={"host": f"{slug}.localhost"})
                self.assertContains(response, name)

    def test_every_site_has_the_agreed_slugs(self):
        for slug, home in self.homes.items():
            with self.subTest(site=slug):
                children = set(home.get_children().values_list("slug", flat=True))
                self.assertEqual(children, set(SLUGS))

    def test_three_upcoming_and_two_past_events_per_site(self):
        for slug, home in self.homes.items():
            with self.subTest(site=slug):
                events = EventPage.objects.descendant_of(home)
                self.assertEqual(events.upcoming().count(), 3)
                self.assertEqual(events.past().count(), 2)

    def test_at_least_five_offers_with_weekly_slots_per_site(self):
        for slug, home in self.homes.items():
            with self.subTest(site=slug):
                offers = OfferPage.objects.descendant_of(home).live()
                self.assertEqual(offers.count(), 5)
                self.assertFalse(offers.filter(slots__isnull=True).exists())

    def test_team_members(self):
        self.assertEqual(
            sorted(Person.objects.values_list("name", flat=True)),
            ["Alexander Pongrácz", "Frau Disch", "Frau Duran", "Max Gassen"],
        )

    def test_home_pages_exist_in_english_and_arabic(self):
        for slug, home in self.homes.items():
            with self.subTest(site=slug):
                languages = sorted(
                    home.get_translations(inclusive=True)
                    .live()
                    .values_list("locale__language_code", flat=True)
                )
                self.assertEqual(languages, ["ar", "de", "en"])

    def test_settings_link_the_legal_pages_and_list_office_hours(self):
        settings = SiteSettings.for_site(self.projects["kaarst"].site)
        self.assertEqual(settings.imprint_page.slug, "impressum")
        self.assertEqual(settings.privacy_page.slug, "datenschutz")
        self.assertEqual(settings.accessibility_page.slug, "barrierefreiheit")
        self.assertEqual(settings.office_hours.count(), 3)
        self.assertEqual(settings.office_hour_exceptions.count(), 3)

    def test_editor_groups_are_confined_to_their_root_and_collection(self):
        for slug, label in [("kaarst", "Kaarst"), ("kaiserslautern", "Kaiserslautern")]:
            with self.subTest(site=slug):
                project = self.projects[slug]
                self.assertEqual(project.editor_group.name, f"Redaktion {label}")
                self.assertEqual(project.manager_group.name, f"Netzwerk {label}")
                roots = set(
                    GroupPagePermission.objects.filter(group=project.editor_group).values_list(
                        "page_id", flat=True
                    )
                )
                home = self.homes[slug]
                expected = set(home.get_translations(inclusive=True).values_list("id", flat=True))
                self.assertEqual(roots, expected)
                collections = set(
                    GroupCollectionPermission.objects.filter(
                        group=project.editor_group
                    ).values_list("collection__name", flat=True)
                )
                self.assertEqual(collections, {label})

    def test_demo_users_are_in_their_groups(self):
        User = get_user_model()
        self.assertTrue(User.objects.get(username="admin").is_superuser)
        self.assertEqual(
            list(
                User.objects.get(username="redaktion-kaarst").groups.values_list("name", flat=True)
            ),
            ["Redaktion Kaarst"],
        )
        self.assertEqual(
            list(
                User.objects.get(username="netzwerk-kaiserslautern").groups.values_list(
                    "name", flat=True
                )
            ),
            ["Netzwerk Kaiserslautern"],
        )


class DemoIdempotencyTests(TestCase):
    def test_second_run_changes_nothing(self):
        demo.load()
        self.assertIsNotNone(demo.load_users(Project.objects.all()))
        before = model_counts()
        revisions = list(Revision.objects.order_by("pk").values_list("pk", flat=True))
        pages = list(Page.objects.order_by("path").values_list("path", "title", "live"))
        demo.load()
        self.assertIsNone(demo.load_users(Project.objects.all()))
        self.assertEqual(model_counts(), before)
        self.assertEqual(
            list(Revision.objects.order_by("pk").values_list("pk", flat=True)), revisions
        )
        self.assertEqual(
            list(Page.objects.order_by("path").values_list("path", "title", "live")), pages
        )

    @override_settings(DEBUG=False)
    def test_command_refuses_users_without_debug(self):
        with self.assertRaisesMessage(CommandError, "DEBUG"):
            call_command("load_demo_data", stdout=StringIO())
        self.assertFalse(get_user_model().objects.exists())

    @override_settings(DEBUG=True)
    def test_command_prints_the_password_only_when_it_creates_users(self):
        first, second = StringIO(), StringIO()
        call_command("load_demo_data", stdout=first)
        call_command("load_demo_data", stdout=second)
        self.assertIn("Demo-Passwort", first.getvalue())
        self.assertNotIn("Demo-Passwort", second.getvalue())
        self.assertEqual(get_user_model().objects.count(), 5)
