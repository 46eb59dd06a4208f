"""App configuration of the volunteers app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    """Volunteer coordination: opportunities, applications, volunteers, hours."""

    name = "volunteers"
    verbose_name = _("Ehrenamt")

    def ready(self):
        # The CMS page types must not name this app (dependencies point volunteers → cms),
        # so the volunteering page announces itself as a child of the home page.
        from cms.pages import HomePage

        if "volunteers.VolunteeringIndexPage" not in HomePage.subpage_types:
            HomePage.subpage_types = [*HomePage.subpage_types, "volunteers.VolunteeringIndexPage"]
