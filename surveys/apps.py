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
        from cms.cache import register_personal_value
        from cms.pages import HomePage, StandardPage
        from surveys.flow import STATE_FIELD, AnswerState

        for parent in (HomePage, StandardPage):
            if "surveys.SurveyPage" not in parent.subpage_types:
                parent.subpage_types = [*parent.subpage_types, "surveys.SurveyPage"]
        # A stored first step gets each respondent their own answering state.
        register_personal_value(
            "survey-state",
            STATE_FIELD,
            lambda request, original: AnswerState.for_new_respondent(original),
            keep_original=True,
        )
