"""App configuration of the surveys app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    """Participation surveys of a project."""

    name = "surveys"
    verbose_name = _("Beteiligung")

    def ready(self):
        # The CMS page types must not name this app (dependencies point surveys → cms),
        # so the survey page announces itself as a child of the pages that may hold it.
        from cms.pages import HomePage, StandardPage

        for parent in (HomePage, StandardPage):
            if "surveys.SurveyPage" not in parent.subpage_types:
                parent.subpage_types = [*parent.subpage_types, "surveys.SurveyPage"]
