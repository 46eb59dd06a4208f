"""Wagtail admin integration: the survey editor, its extra views and the demo data hook."""

from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.ui.menus import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.models import user_can_access_project
from surveys import admin_views, demo  # noqa: F401  (registers the load_demo_data hook)
from surveys.models import Survey
from surveys.permissions import SurveyPermissionPolicy

register_permission_policy(Survey, SurveyPermissionPolicy(Survey))


class ProjectScopedObjectMixin:
    """A survey of a project the user does not belong to does not exist for them (404)."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if isinstance(obj, Survey) and not user_can_access_project(self.request.user, obj.project):
            raise Http404
        return obj


SCOPED_VIEWS = [
    "edit_view_class",
    "delete_view_class",
    "copy_view_class",
    "usage_view_class",
    "history_view_class",
    "inspect_view_class",
    "preview_on_edit_view_class",
    "revisions_view_class",
    "revisions_compare_view_class",
    "revisions_unschedule_view_class",
    "unpublish_view_class",
    "lock_view_class",
    "unlock_view_class",
]


class ScopedSurveyListMixin:
    """The chooser offers only surveys of the user's own projects."""

    def get_object_list(self):
        return Survey.objects.for_user(self.request.user)


class SurveyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type(
        "SurveyChooseView", (ScopedSurveyListMixin, chooser_views.ChooseView), {}
    )
    choose_results_view_class = type(
        "SurveyChooseResultsView", (ScopedSurveyListMixin, chooser_views.ChooseResultsView), {}
    )


class SurveyViewSet(SnippetViewSet):
    """Surveys of the user's projects; others answer 404."""

    chooser_viewset_class = SurveyChooserViewSet

    locals().update(
        {
            name: type(
                f"Scoped{getattr(SnippetViewSet, name).__name__}",
                (ProjectScopedObjectMixin, getattr(SnippetViewSet, name)),
                {},
            )
            for name in SCOPED_VIEWS
        }
    )

    model = Survey
    icon = "form"
    menu_label = _("Umfragen")
    menu_name = "surveys"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["title", "project", "status", "access"]
    list_filter = ["status", "project"]
    search_fields = ["title"]

    def get_queryset(self, request):
        return Survey.objects.for_user(request.user).select_related("project")


register_snippet(SurveyViewSet)


@hooks.register("register_admin_urls")
def register_survey_admin_urls():
    return [
        path("umfragen/<int:pk>/ergebnisse/", admin_views.results, name="surveys_results"),
        path(
            "umfragen/<int:pk>/ergebnisse.xlsx",
            admin_views.results_summary_xlsx,
            name="surveys_results_xlsx",
        ),
        path("umfragen/<int:pk>/antworten.csv", admin_views.export_csv, name="surveys_export_csv"),
        path(
            "umfragen/<int:pk>/antworten.xlsx", admin_views.export_xlsx, name="surveys_export_xlsx"
        ),
        path("umfragen/<int:pk>/einladungen/", admin_views.invitations, name="surveys_invitations"),
        path(
            "umfragen/<int:pk>/gegenseitigkeit/",
            admin_views.reciprocity_report,
            name="surveys_reciprocity",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def survey_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Survey):
        return
    yield MenuItem(
        _("Ergebnisse"), reverse("surveys_results", args=[snippet.pk]), icon_name="view", priority=5
    )
    yield MenuItem(
        _("Einladungen"),
        reverse("surveys_invitations", args=[snippet.pk]),
        icon_name="mail",
        priority=6,
    )
    yield MenuItem(
        _("Antworten als CSV"),
        reverse("surveys_export_csv", args=[snippet.pk]),
        icon_name="download",
        priority=7,
    )
    yield MenuItem(
        _("Antworten als Excel"),
        reverse("surveys_export_xlsx", args=[snippet.pk]),
        icon_name="download",
        priority=8,
    )
    if snippet.is_network_survey:
        yield MenuItem(
            _("Gegenseitigkeit"),
            reverse("surveys_reciprocity", args=[snippet.pk]),
            icon_name="resubmit",
            priority=9,
        )
