"""Admin registration of the CMS snippets."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.snippets import OfferLanguage, Person, TargetGroup


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Personen")
    list_display = ["name", "role", "email", "phone"]
    search_fields = ["name", "role"]


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
