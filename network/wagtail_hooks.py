"""Admin of the network data: the "Netzwerk" menu with snippet viewsets, review queue and import."""

from django import forms
from django.http import Http404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from network import admin_views, demo  # noqa: F401  (demo registers the load_demo_data hook)
from network.forms import (
    ContactFilterSet,
    CooperationFilterSet,
    CooperationForm,
    InstitutionFilterSet,
    ProjectScopedForm,
    ScopedInlinePanel,
    category_filterset,
)
from network.models import (
    Contact,
    Cooperation,
    District,
    Institution,
    InstitutionType,
    Membership,
    NetworkLogEntry,
    Sector,
)

NETWORK_MODELS = (Institution, Contact, Cooperation, InstitutionType, Sector, District)

#: Other parts of the network app (map, dashboard, analysis) add entries to the
#: "Netzwerk" menu by registering a ``MenuItem`` under this hook name.
NETWORK_MENU_HOOK = "register_network_menu_item"


# --- Scoping: every view of a network object answers 404 outside the user's projects.


class ScopedObjectMixin:
    """Looks the object up, then hides it (404) unless it is in one of the user's projects."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not type(obj).objects.for_user(self.request.user).filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class ScopedInspectView(ScopedObjectMixin, snippet_views.InspectView):
    pass


class ScopedChooseMixin:
    def get_object_list(self):
        return self.model_class.objects.for_user(self.request.user)


class ScopedChooseView(ScopedChooseMixin, ChooseView):
    pass


class ScopedChooseResultsView(ScopedChooseMixin, ChooseResultsView):
    pass


class ScopedChosenView(SnippetChosenView):
    def get_object(self, pk):
        return self.model_class.objects.for_user(self.request.user).get(pk=pk)


class ScopedChosenMultipleView(SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.model_class.objects.for_user(self.request.user).filter(pk__in=pks)


class CalendarDateColumn(Column):
    """A calendar date as a date (``01.03.2021``), not as a time ago like Wagtail's DateColumn."""

    def get_value(self, instance):
        value = super().get_value(instance)
        return date_format(value, "d.m.Y") if value else ""


class ScopedChooserViewSet(SnippetChooserViewSet):
    """Choosers (e.g. for the institutions of a cooperation) list the user's projects only."""

    choose_view_class = ScopedChooseView
    choose_results_view_class = ScopedChooseResultsView
    chosen_view_class = ScopedChosenView
    chosen_multiple_view_class = ScopedChosenMultipleView
    create_action_label = None


class ScopedSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose every view is limited to the user's projects."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    chooser_viewset_class = ScopedChooserViewSet
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    select_related = ()
    prefetch_related = ()

    def get_queryset(self, request):
        queryset = self.model.objects.for_user(request.user)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.prefetch_related:
            queryset = queryset.prefetch_related(*self.prefetch_related)
        return queryset


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Bulk deletion of network objects, refused (404) for objects outside the user's projects."""

    models = list(NETWORK_MODELS)

    def get_all_objects_in_listing_query(self, parent_id):
        return self.model.objects.for_user(self.request.user).values_list("pk", flat=True)

    def get_actionable_objects(self):
        objects, extra = super().get_actionable_objects()
        pks = {obj.pk for obj in objects} | {obj.pk for obj in extra["items_with_no_access"]}
        visible = set(
            self.model.objects.for_user(self.request.user)
            .filter(pk__in=pks)
            .values_list("pk", flat=True)
        )
        if pks - visible:
            raise Http404
        return objects, extra


# Registered late so it replaces Wagtail's own delete action for these models.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)


# --- Viewsets


def _sector_names(institution):
    return ", ".join(sector.name for sector in institution.sectors.all())


class InstitutionViewSet(ScopedSnippetViewSet):
    model = Institution
    icon = "group"
    menu_label = _("Institutionen")
    menu_name = "network-institutions"
    url_prefix = "network/institutions"
    list_display = [
        "name",
        Column("type", label=_("Typ"), accessor="type"),
        Column("sectors", label=_("Handlungsfelder"), accessor=_sector_names),
        Column("district", label=_("Stadtteil"), accessor="district"),
        BooleanColumn("public", label=_("öffentlich")),
        BooleanColumn("active", label=_("aktiv")),
        UpdatedAtColumn(),
    ]
    filterset_class = InstitutionFilterSet
    search_fields = ["name", "short_name", "description", "address", "target_groups"]
    ordering = ["name"]
    select_related = ("type", "district", "project")
    prefetch_related = ("sectors",)
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
                    FieldPanel("type", widget=forms.Select),
                    FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("district", widget=forms.Select),
                ],
                heading=_("Einordnung"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("address"),
                    FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                    FieldPanel("website"),
                ],
                heading=_("Adresse und Web"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("description"),
                    FieldPanel("target_groups"),
                    FieldPanel("languages"),
                ],
                heading=_("Angebot"),
            ),
            MultiFieldPanel(
                [FieldPanel("public"), FieldPanel("active"), FieldPanel("archived_on")],
                heading=_("Sichtbarkeit und Status"),
            ),
            ScopedInlinePanel(
                "memberships",
                label=_("Kontakt"),
                heading=_("Kontakte"),
                panels=[
                    FieldPanel("contact"),
                    FieldPanel("role"),
                    FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                ],
            ),
        ],
        base_form_class=ProjectScopedForm,
    )


def _institution_names(contact):
    return ", ".join(m.institution.name for m in contact.memberships.all())


class ContactViewSet(ScopedSnippetViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Kontakte")
    menu_name = "network-contacts"
    url_prefix = "network/contacts"
    list_display = [
        "name",
        Column("institutions", label=_("Institutionen"), accessor=_institution_names),
        Column("email", label=_("E-Mail")),
        Column("phone", label=_("Telefon")),
        CalendarDateColumn("consent_date", label=_("Einwilligung am")),
        UpdatedAtColumn(),
    ]
    filterset_class = ContactFilterSet
    search_fields = ["name", "email", "phone", "notes"]
    ordering = ["name"]
    select_related = ("project",)
    prefetch_related = ("memberships__institution",)
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldPanel("languages"),
            FieldPanel("notes"),
            MultiFieldPanel(
                [
                    FieldPanel("consent_date"),
                    FieldPanel("consent_purpose"),
                    FieldPanel("consent_method"),
                ],
                heading=_("Einwilligung"),
                help_text=_(
                    "Kontaktdaten dürfen nur mit dokumentierter Einwilligung gespeichert werden. "
                    "Sie erscheinen nie öffentlich."
                ),
            ),
        ],
        base_form_class=ProjectScopedForm,
    )


def _cooperation_type(cooperation):
    return cooperation.get_type_display()


class CooperationViewSet(ScopedSnippetViewSet):
    model = Cooperation
    icon = "link"
    menu_label = _("Kooperationen")
    menu_name = "network-cooperations"
    url_prefix = "network/cooperations"
    list_display = [
        Column("source", label=_("Institution"), accessor="source"),
        Column("target", label=_("Partnerinstitution"), accessor="target"),
        Column("type", label=_("Art"), accessor=_cooperation_type),
        Column("intensity", label=_("Intensität")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        CalendarDateColumn("valid_from", label=_("gültig ab")),
        Column("provenance", label=_("Herkunft"), accessor="get_provenance_display"),
        BooleanColumn("confirmed", label=_("bestätigt")),
    ]
    filterset_class = CooperationFilterSet
    search_fields = ["source__name", "target__name", "description"]
    ordering = ["-valid_from"]
    select_related = ("source", "target", "project")
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldRowPanel([FieldPanel("source"), FieldPanel("target")]),
            FieldRowPanel([FieldPanel("type"), FieldPanel("intensity")]),
            FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]),
            FieldPanel("status"),
            FieldPanel("description"),
            FieldPanel("contacts", widget=forms.CheckboxSelectMultiple),
            FieldRowPanel([FieldPanel("provenance"), FieldPanel("confirmed")]),
        ],
        base_form_class=CooperationForm,
    )


class CategoryViewSet(ScopedSnippetViewSet):
    list_display = ["name", Column("project", label=_("Projekt"), accessor="project")]
    search_fields = ["name"]
    ordering = ["name"]
    select_related = ("project",)
    edit_handler = ObjectList(
        [FieldPanel("project"), FieldPanel("name")], base_form_class=ProjectScopedForm
    )


class InstitutionTypeViewSet(CategoryViewSet):
    model = InstitutionType
    icon = "tag"
    menu_label = _("Institutionstypen")
    menu_name = "network-institution-types"
    url_prefix = "network/types"
    filterset_class = category_filterset(InstitutionType)


class SectorViewSet(CategoryViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Handlungsfelder")
    menu_name = "network-sectors"
    url_prefix = "network/sectors"
    filterset_class = category_filterset(Sector)


class DistrictViewSet(CategoryViewSet):
    model = District
    icon = "site"
    menu_label = _("Stadtteile")
    menu_name = "network-districts"
    url_prefix = "network/districts"
    filterset_class = category_filterset(District)


class CategoryGroup(SnippetViewSetGroup):
    items = (InstitutionTypeViewSet, SectorViewSet, DistrictViewSet)
    menu_label = _("Kategorien")
    menu_icon = "tag"
    menu_name = "network-categories"
    # Shown inside the "Netzwerk" menu only, not as a top-level entry of its own.
    add_to_admin_menu = False


class NetworkGroup(SnippetViewSetGroup):
    """The "Netzwerk" menu: data first, then review queue, import and categories."""

    items = (InstitutionViewSet, ContactViewSet, CooperationViewSet, CategoryGroup)
    menu_label = _("Netzwerk")
    menu_icon = "link"
    menu_name = "network"
    menu_order = 250
    submenu_hook = NETWORK_MENU_HOOK


register_snippet(NetworkGroup)


# --- Review queue and import


class PermissionMenuItem(MenuItem):
    """A menu item shown only to users holding one of ``permissions``."""

    def __init__(self, *args, permissions=(), **kwargs):
        self.permissions = permissions
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return any(request.user.has_perm(p) for p in self.permissions)


@hooks.register("register_admin_urls")
def register_network_admin_urls():
    return [
        path("network/review/", admin_views.ReviewQueueView.as_view(), name="network_review"),
        path(
            "network/review/<int:pk>/<str:decision>/",
            admin_views.review_decision,
            name="network_review_decision",
        ),
        path("network/import/", admin_views.ImportView.as_view(), name="network_import"),
    ]


@hooks.register(NETWORK_MENU_HOOK)
def review_menu_item():
    return PermissionMenuItem(
        _("Prüfliste"),
        reverse("network_review"),
        icon_name="tasks",
        name="network-review",
        order=4,
        permissions=("network.change_cooperation",),
    )


@hooks.register(NETWORK_MENU_HOOK)
def import_menu_item():
    return PermissionMenuItem(
        _("Import"),
        reverse("network_import"),
        icon_name="upload",
        name="network-import",
        order=5,
        permissions=("network.add_institution",),
    )


@hooks.register("register_log_actions")
def register_network_log_actions(actions):
    for model in (*NETWORK_MODELS, Membership):
        actions.register_model(model, NetworkLogEntry)
    actions.register_action(
        "network.confirm", _("Kooperation bestätigt"), _("Kooperation bestätigt")
    )
    actions.register_action(
        "network.reject", _("Kooperation abgelehnt"), _("Kooperation abgelehnt und gelöscht")
    )
    actions.register_action("network.import", _("Importiert"), _("Importiert"))


from network import wagtail_hooks_map  # noqa: E402, F401  (map and dashboard pages)
