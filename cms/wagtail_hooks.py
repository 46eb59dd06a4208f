"""Admin registration of the CMS snippets."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser as chooser_views
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.admin_scope import visible_documents, visible_images, visible_pages
from cms.snippets import OfferLanguage, Person, TargetGroup


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """The page chooser and its search offer only pages of the user's projects."""
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    """The page explorer lists only pages of the user's projects."""
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


class ScopedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API lists the images of the user's collections only."""

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=visible_images(self.request.user).values("pk"))


class ScopedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API lists the documents of the user's collections only."""

    def get_queryset(self):
        return (
            super().get_queryset().filter(pk__in=visible_documents(self.request.user).values("pk"))
        )


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    """Replace the image and document endpoints Wagtail registers with the scoped ones."""
    router.register_endpoint("images", ScopedImagesAdminAPIViewSet)
    router.register_endpoint("documents", ScopedDocumentsAdminAPIViewSet)


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
