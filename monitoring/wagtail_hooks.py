"""Admin of the monitoring: the "Monitoring" menu with the indicator catalogue, values and import."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from monitoring import admin_views, demo  # noqa: F401  (demo registers the load_demo_data hook)
from monitoring.forms import IndicatorFilterSet, IndicatorForm
from monitoring.models import Indicator
from network.wagtail_hooks import (
    PermissionMenuItem,
    ScopedDeleteBulkAction,
    ScopedSnippetViewSet,
)

#: Other parts of the monitoring add entries to the "Monitoring" menu under this hook name.
MONITORING_MENU_HOOK = "register_monitoring_menu_item"


class ValuesLinkColumn(Column):
    """A link to the values table of the indicator in the row."""

    cell_template_name = "monitoring/admin/values_link_cell.html"


class IndicatorViewSet(ScopedSnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indikatoren")
    menu_name = "monitoring-indicators"
    url_prefix = "monitoring/indicators"
    list_display = [
        Column("code", label=_("Kürzel")),
        "name",
        Column("topic", label=_("Themenfeld")),
        Column("unit", label=_("Einheit")),
        Column("polarity", label=_("Polarität"), accessor="get_polarity_display"),
        BooleanColumn("published", label=_("veröffentlicht")),
        ValuesLinkColumn("values_link", label=_("Werte")),
    ]
    filterset_class = IndicatorFilterSet
    search_fields = ["code", "name", "definition", "topic", "source"]
    ordering = ["topic", "code"]
    select_related = ("project",)
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
                    FieldPanel("definition"),
                    FieldRowPanel(
                        [FieldPanel("unit"), FieldPanel("decimals"), FieldPanel("polarity")]
                    ),
                    FieldPanel("topic"),
                ],
                heading=_("Beschreibung"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("source"),
                    FieldRowPanel([FieldPanel("licence"), FieldPanel("contact")]),
                    FieldPanel("update_interval"),
                ],
                heading=_("Quelle und Aktualisierung"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("published"),
                    FieldPanel("demo_data"),
                    FieldRowPanel([FieldPanel("is_count"), FieldPanel("suppression_threshold")]),
                ],
                heading=_("Veröffentlichung und Geheimhaltung"),
            ),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("classification"), FieldPanel("classes")]),
                    FieldPanel("manual_breaks"),
                ],
                heading=_("Karte"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("formula"),
                    FieldRowPanel([FieldPanel("base_a"), FieldPanel("base_b")]),
                    FieldPanel("periods"),
                ],
                heading=_("Berechnung"),
                help_text=_("Nur für berechnete Indikatoren; importierte lassen dies leer."),
            ),
        ],
        base_form_class=IndicatorForm,
    )

    @property
    def values_view(self):
        return admin_views.IndicatorValuesView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("values/<int:pk>/", self.values_view, name="values"),
        ]


class MonitoringGroup(SnippetViewSetGroup):
    """The "Monitoring" menu: indicator catalogue and import."""

    items = (IndicatorViewSet,)
    menu_label = _("Monitoring")
    menu_icon = "table"
    menu_name = "monitoring"
    menu_order = 260
    submenu_hook = MONITORING_MENU_HOOK


register_snippet(MonitoringGroup)


@hooks.register("register_admin_urls")
def register_monitoring_admin_urls():
    return [path("monitoring/import/", admin_views.ImportView.as_view(), name="monitoring_import")]


@hooks.register(MONITORING_MENU_HOOK)
def import_menu_item():
    return PermissionMenuItem(
        _("Import"),
        reverse("monitoring_import"),
        icon_name="upload",
        name="monitoring-import",
        order=5,
        permissions=("monitoring.add_observation",),
    )


class IndicatorDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk deletion of indicators, refused (404) outside the user's projects."""

    models = [Indicator]


# Registered late so it replaces Wagtail's own delete action for indicators.
hooks.register("register_bulk_action", IndicatorDeleteBulkAction, order=100)
