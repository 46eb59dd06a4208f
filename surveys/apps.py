"""App configuration of the surveys app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Participation surveys of a project."""

    name = "surveys"
    verbose_name = _("Beteiligung")
