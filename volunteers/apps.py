"""App configuration of the volunteers app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    """Volunteer coordination: opportunities, applications, volunteers, hours."""

    name = "volunteers"
    verbose_name = _("Ehrenamt")
