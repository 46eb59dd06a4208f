"""Admin registration of the CMS snippets."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.snippets import OfferLanguage, Person, TargetGroup


class ProjectScopedObjectMixin:
    """A person of another project answers 404, as if it did not exist."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not Person.objects.for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


def _scoped(view_class):
    return type(f"Scoped{view_class.__name__}", (ProjectScopedObjectMixin, view_class), {})


class ScopedPersonListMixin:
    """The chooser offers only people of the editor's own projects."""

    def get_object_list(self):
        return Person.objects.for_user(self.request.user)


class PersonChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type(
        "PersonChooseView", (ScopedPersonListMixin, chooser_views.ChooseView), {}
    )
    choose_results_view_class = type(
        "PersonChooseResultsView", (ScopedPersonListMixin, chooser_views.ChooseResultsView), {}
    )


class PersonViewSet(SnippetViewSet):
    model = Person
    chooser_viewset_class = PersonChooserViewSet
    edit_view_class = _scoped(snippet_views.EditView)
    delete_view_class = _scoped(snippet_views.DeleteView)
    copy_view_class = _scoped(snippet_views.CopyView)
    usage_view_class = _scoped(snippet_views.UsageView)
    history_view_class = _scoped(snippet_views.HistoryView)
    inspect_view_class = _scoped(snippet_views.InspectView)
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "role", "project", "email", "phone"]

    def get_queryset(self, request):
        return Person.objects.for_user(request.user)


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("Zielgruppen")
    list_display = ["name", "slug"]


class OfferLanguageViewSet(SnippetViewSet):
    model = OfferLanguage
    icon = "globe"
    menu_label = _("Angebotssprachen")
    list_display = ["name", "code"]


class CmsSnippetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, TargetGroupViewSet, OfferLanguageViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Redaktion")
    menu_name = "redaktion"


register_snippet(CmsSnippetGroup)
