"""Editors act only on their own site: the matrix of user × admin action × site."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import NewsPage, Person, StandardPage
from tests.cms.demo_case import DemoContentTestCase

USERS = {
    "redaktion-kaarst": "kaarst",
    "redaktion-kaiserslautern": "kaiserslautern",
    "netzwerk-kaarst": None,  # network managers have no page rights at all
}
SITES = ["kaarst", "kaiserslautern"]


class Rollback(Exception):
    """Raised to undo one cell of the matrix."""


def admin_get_allowed(response):
    """Allowed GETs render (200); refusals answer 404 for the other project's pages (as for a
    missing page) and redirect to the dashboard with a message for the user's own."""
    if response.status_code == 200:
        return True
    if response.status_code == 404:
        return False
    assert response.status_code == 302 and response["Location"] == "/admin/", (
        response.status_code,
        response.get("Location"),
    )
    return False


class PermissionMatrixTests(DemoContentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.users = {name: get_user_model().objects.get(username=name) for name in USERS}
        cls.about = {
            slug: StandardPage.objects.descendant_of(home).get(slug="ueber-uns")
            for slug, home in cls.homes.items()
        }
        cls.imprint = {
            slug: StandardPage.objects.descendant_of(home).get(slug="impressum")
            for slug, home in cls.homes.items()
        }
        for news in cls.news.values():
            # A draft on top of the live version, for publish and revision actions.
            news.title = f"{news.title} (Entwurf)"
            news.save_revision()

    # --- actions: each returns True when the action was allowed / took effect ---------------

    def edit(self, site):
        news = self.news[site]
        return admin_get_allowed(
            self.client.get(reverse("wagtailadmin_pages:edit", args=[news.pk]))
        )

    def edit_post(self, site):
        """Publish a changed title through the admin's edit form."""
        news = self.news[site]
        data = nested_form_data(
            {
                "title": "Übernommen",
                "slug": news.slug,
                "date": news.date.isoformat(),
                "tags": "",
                "teaser": news.teaser,
                "image": "",
                "image_alt": "",
                "body": streamfield([]),
                "comments": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        self.client.post(reverse("wagtailadmin_pages:edit", args=[news.pk]), data)
        return Page.objects.get(pk=news.pk).title == "Übernommen"

    def publish(self, site):
        news = self.news[site]
        self.client.post(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
            + f"?id={news.pk}"
        )
        news.refresh_from_db()
        return not news.has_unpublished_changes

    def unpublish(self, site):
        news = self.news[site]
        self.client.post(reverse("wagtailadmin_pages:unpublish", args=[news.pk]))
        news.refresh_from_db()
        return not news.live

    def move(self, site):
        page, target = self.about[site], self.imprint[site]
        self.client.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, target.pk]))
        return Page.objects.get(pk=page.pk).get_parent().pk == target.pk

    def copy(self, site):
        page = self.about[site]
        self.client.post(
            reverse("wagtailadmin_pages:copy", args=[page.pk]),
            {
                "new_title": "Kopie",
                "new_slug": "kopie",
                "new_parent_page": str(self.homes[site].pk),
                "copy_subpages": "",
                "publish_copies": "",
                "alias": "",
            },
        )
        return self.homes[site].get_children().filter(slug="kopie").exists()

    def delete(self, site):
        news = self.news[site]
        self.client.post(reverse("wagtailadmin_pages:delete", args=[news.pk]))
        return not Page.objects.filter(pk=news.pk).exists()

    def bulk_delete(self, site):
        news = self.news[site]
        self.client.post(
            reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
            + f"?id={news.pk}"
        )
        return not Page.objects.filter(pk=news.pk).exists()

    def preview(self, site):
        news = self.news[site]
        return admin_get_allowed(
            self.client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[news.pk]))
        )

    def revisions(self, site):
        news = self.news[site]
        revision = news.latest_revision
        views = [
            reverse("wagtailadmin_pages:revisions_view", args=[news.pk, revision.pk]),
            reverse("wagtailadmin_pages:revisions_revert", args=[news.pk, revision.pk]),
            reverse("wagtailadmin_pages:history", args=[news.pk]),
        ]
        results = {admin_get_allowed(self.client.get(url)) for url in views}
        self.assertEqual(len(results), 1, "revision views disagree")
        return results.pop()

    ACTIONS = [
        "edit",
        "edit_post",
        "publish",
        "unpublish",
        "move",
        "copy",
        "delete",
        "bulk_delete",
        "preview",
        "revisions",
    ]

    def run_cell(self, action, site):
        try:
            with transaction.atomic():
                result = getattr(self, action)(site)
                raise Rollback(result)
        except Rollback as outcome:
            return outcome.args[0]

    def test_matrix(self):
        for username, own_site in USERS.items():
            self.client.force_login(self.users[username])
            for site in SITES:
                for action in self.ACTIONS:
                    with self.subTest(user=username, site=site, action=action):
                        self.assertEqual(self.run_cell(action, site), site == own_site)

    def test_editor_cannot_move_own_page_into_the_other_site(self):
        self.client.force_login(self.users["redaktion-kaarst"])
        page, foreign = self.about["kaarst"], self.imprint["kaiserslautern"]
        response = self.client.post(
            reverse("wagtailadmin_pages:move_confirm", args=[page.pk, foreign.pk])
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Page.objects.get(pk=page.pk).get_parent().pk, self.homes["kaarst"].pk)

    def test_permission_api_agrees(self):
        for username, own_site in USERS.items():
            for site in SITES:
                with self.subTest(user=username, site=site):
                    news = NewsPage.objects.get(pk=self.news[site].pk)
                    perms = news.permissions_for_user(self.users[username])
                    own = site == own_site
                    self.assertEqual(perms.can_edit(), own)
                    self.assertEqual(perms.can_publish(), own)
                    self.assertEqual(perms.can_delete(), own)
                    self.assertEqual(perms.can_unpublish(), own)


class PersonScopeTests(DemoContentTestCase):
    """Team members are snippets; an editor sees and changes only their own project's people."""

    def setUp(self):
        super().setUp()
        self.client.force_login(get_user_model().objects.get(username="redaktion-kaarst"))
        self.own = Person.objects.get(name="Max Gassen")
        self.foreign = Person.objects.get(name="Frau Disch")

    def test_list_shows_own_people_only(self):
        response = self.client.get(reverse("wagtailsnippets_cms_person:list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Max Gassen")
        self.assertNotContains(response, "Frau Disch")
        self.assertNotContains(response, "Pongrácz")

    def test_own_person_can_be_edited(self):
        response = self.client.get(reverse("wagtailsnippets_cms_person:edit", args=[self.own.pk]))
        self.assertEqual(response.status_code, 200)
        choices = list(response.context["form"].fields["project"].queryset)
        self.assertEqual(choices, [self.projects["kaarst"]])

    def test_foreign_person_answers_404_everywhere(self):
        for view in ("edit", "delete", "copy", "usage", "history"):
            with self.subTest(view=view):
                url = reverse(f"wagtailsnippets_cms_person:{view}", args=[self.foreign.pk])
                self.assertEqual(self.client.get(url).status_code, 404)
        delete = reverse("wagtailsnippets_cms_person:delete", args=[self.foreign.pk])
        self.assertEqual(self.client.post(delete).status_code, 404)
        self.assertTrue(Person.objects.filter(pk=self.foreign.pk).exists())

    def test_chooser_offers_own_people_only(self):
        for view in ("choose", "choose_results"):
            with self.subTest(view=view):
                response = self.client.get(reverse(f"wagtailsnippetchoosers_cms_person:{view}"))
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "Max Gassen")
                self.assertNotContains(response, "Frau Disch")


class SiteSettingsScopeTests(DemoContentTestCase):
    """Each editor group may change the settings (office hours, contact) of its own site only."""

    def test_editor_edits_own_site_settings_only(self):
        self.client.force_login(get_user_model().objects.get(username="redaktion-kaiserslautern"))
        own = self.projects["kaiserslautern"].site
        foreign = self.projects["kaarst"].site
        own_url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", own.pk])
        foreign_url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", foreign.pk])
        self.assertEqual(self.client.get(own_url).status_code, 200)
        # The other site's settings answer like a site that does not exist.
        self.assertEqual(self.client.get(foreign_url).status_code, 404)
        missing_url = reverse("wagtailsettings:edit", args=["cms", "sitesettings", 987654])
        self.assertEqual(self.client.get(missing_url).status_code, 404)
