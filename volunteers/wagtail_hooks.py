"""Admin area "Ehrenamt": opportunities, applications, volunteers, qualifications, hours."""

from django import forms
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem as ListingMenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from network.forms import ProjectScopedForm, ScopedInlinePanel
from network.wagtail_hooks import (
    CalendarDateColumn,
    PermissionMenuItem,
    ScopedDeleteBulkAction,
    ScopedSnippetViewSet,
)
from volunteers import admin_views, demo  # noqa: F401  (demo registers the load_demo_data hook)
from volunteers.models import (
    Application,
    DonationNeed,
    FieldOfActivity,
    HoursEntry,
    Opportunity,
    Placement,
    PoliceCertificate,
    Qualification,
    QualificationType,
    Skill,
    Volunteer,
)

VOLUNTEER_MODELS = (
    Opportunity,
    Application,
    Volunteer,
    QualificationType,
    Qualification,
    PoliceCertificate,
    Placement,
    HoursEntry,
    DonationNeed,
    FieldOfActivity,
    Skill,
)

#: other parts add entries to the "Ehrenamt" menu under this hook name
VOLUNTEER_MENU_HOOK = "register_volunteer_menu_item"


class VolunteerDeleteBulkAction(ScopedDeleteBulkAction):
    """Bulk deletion of volunteer records, 404 for objects outside the user's projects."""

    models = list(VOLUNTEER_MODELS)


hooks.register("register_bulk_action", VolunteerDeleteBulkAction, order=100)


def SlotInlinePanel(relation_name, **kwargs):  # noqa: N802  (reads like the panel classes)
    """Inline weekly times, shown as one row of weekday, from and to."""
    return ScopedInlinePanel(
        relation_name,
        panels=[FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])],
        **kwargs,
    )


class OpportunityViewSet(ScopedSnippetViewSet):
    model = Opportunity
    icon = "pick"
    menu_label = _("Engagementangebote")
    menu_name = "volunteers-opportunities"
    url_prefix = "ehrenamt/angebote"
    list_display = [
        "title",
        Column("place", label=_("Einsatzstelle"), accessor="place"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        CalendarDateColumn("publish_until", label=_("veröffentlicht bis")),
        CalendarDateColumn("last_reviewed", label=_("zuletzt geprüft")),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["title", "description"]
    ordering = ["title"]
    select_related = ("institution", "project")
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("field", widget=forms.Select), FieldPanel("kind")]),
            FieldPanel("description"),
            FieldPanel("tasks"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("time_commitment"), FieldPanel("hours_per_week")]),
                    SlotInlinePanel("slots", heading=_("Wöchentliche Termine"), label=_("Termin")),
                ],
                heading=_("Zeit"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("institution", widget=forms.Select),
                    FieldPanel("district", widget=forms.Select),
                    FieldPanel("contact_person", widget=forms.Select),
                    FieldPanel("accessible"),
                ],
                heading=_("Ort und Ansprechperson"),
            ),
            MultiFieldPanel(
                [
                    FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("without_german"),
                    FieldPanel("min_age"),
                    FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("required_qualifications", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("police_certificate_required"),
                    FieldPanel("requirements"),
                ],
                heading=_("Voraussetzungen"),
            ),
            FieldPanel("insurance"),
            FieldPanel("benefits"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("publish_until"), FieldPanel("last_reviewed")]),
                ],
                heading=_("Veröffentlichung"),
            ),
        ],
        base_form_class=ProjectScopedForm,
    )


class ApplicationViewSet(ScopedSnippetViewSet):
    model = Application
    icon = "mail"
    menu_label = _("Anfragen")
    menu_name = "volunteers-applications"
    url_prefix = "ehrenamt/anfragen"
    list_display = [
        "name",
        Column("opportunity", label=_("Angebot"), accessor="opportunity"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("created_at", label=_("eingegangen am"), accessor="created_at"),
    ]
    list_filter = ["status"]
    search_fields = ["name", "email", "message"]
    ordering = ["-created_at"]
    select_related = ("opportunity", "project")
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("opportunity", widget=forms.Select),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            FieldPanel("message"),
            FieldPanel("status"),
            FieldRowPanel(
                [
                    FieldPanel("consent_version", read_only=True),
                    FieldPanel("consented_at", read_only=True),
                ]
            ),
        ],
        base_form_class=ProjectScopedForm,
    )


class VolunteerViewSet(ScopedSnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("Ehrenamtliche")
    menu_name = "volunteers-volunteers"
    url_prefix = "ehrenamt/ehrenamtliche"
    list_display = [
        "name",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("email", label=_("E-Mail")),
        Column("phone", label=_("Telefon")),
        UpdatedAtColumn(),
    ]
    list_filter = ["status"]
    search_fields = ["name", "email", "phone", "notes"]
    ordering = ["name"]
    select_related = ("project",)
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldPanel("birth_date"),
            MultiFieldPanel(
                [
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("end_reason"), FieldPanel("ended_on")]),
                ],
                heading=_("Status"),
            ),
            ScopedInlinePanel(
                "languages",
                heading=_("Sprachen"),
                label=_("Sprache"),
                panels=[FieldRowPanel([FieldPanel("language"), FieldPanel("level")])],
            ),
            FieldPanel("skills", widget=forms.CheckboxSelectMultiple),
            SlotInlinePanel("availability", heading=_("Verfügbare Zeiten"), label=_("Zeit")),
            FieldPanel("districts", widget=forms.CheckboxSelectMultiple),
            FieldPanel("notes"),
            FieldRowPanel(
                [
                    FieldPanel("consent_version", read_only=True),
                    FieldPanel("consented_at", read_only=True),
                ]
            ),
        ],
        base_form_class=ProjectScopedForm,
    )


class QualificationViewSet(ScopedSnippetViewSet):
    model = Qualification
    icon = "tick-inverse"
    menu_label = _("Qualifikationen")
    menu_name = "volunteers-qualifications"
    url_prefix = "ehrenamt/qualifikationen"
    list_display = [
        Column("volunteer", label=_("Ehrenamtliche/r"), accessor="volunteer"),
        Column("type", label=_("Art"), accessor="type"),
        CalendarDateColumn("obtained_on", label=_("erworben am")),
        CalendarDateColumn("expires_on", label=_("gültig bis")),
    ]
    search_fields = ["volunteer__name", "type__name"]
    ordering = ["expires_on"]
    select_related = ("volunteer", "type")
    edit_handler = ObjectList(
        [
            FieldPanel("volunteer", widget=forms.Select),
            FieldPanel("type", widget=forms.Select),
            FieldRowPanel([FieldPanel("obtained_on"), FieldPanel("expires_on")]),
        ],
        base_form_class=ProjectScopedForm,
    )


class PoliceCertificateViewSet(ScopedSnippetViewSet):
    model = PoliceCertificate
    icon = "lock"
    menu_label = _("Führungszeugnisse")
    menu_name = "volunteers-police-certificates"
    url_prefix = "ehrenamt/fuehrungszeugnisse"
    list_display = [
        Column("volunteer", label=_("Ehrenamtliche/r"), accessor="volunteer"),
        CalendarDateColumn("certificate_date", label=_("Datum des Zeugnisses")),
        CalendarDateColumn("inspected_on", label=_("eingesehen am")),
        BooleanColumn("relevant_entry", label=_("einschlägiger Eintrag")),
        CalendarDateColumn("next_due", label=_("erneut bis")),
        CalendarDateColumn("delete_on", label=_("löschen am")),
    ]
    search_fields = ["volunteer__name"]
    ordering = ["next_due"]
    select_related = ("volunteer",)
    edit_handler = ObjectList(
        [
            FieldPanel("volunteer", widget=forms.Select),
            FieldRowPanel([FieldPanel("certificate_date"), FieldPanel("next_due")]),
            FieldRowPanel([FieldPanel("inspected_on"), FieldPanel("inspected_by")]),
            FieldPanel("relevant_entry"),
        ],
        base_form_class=ProjectScopedForm,
        help_text=_(
            "Nur das Datum, die Einsichtnahme und ob ein einschlägiger Eintrag besteht, "
            "werden gespeichert – nie eine Kopie oder der Inhalt."
        ),
    )


class PlacementViewSet(ScopedSnippetViewSet):
    model = Placement
    icon = "link"
    menu_label = _("Einsätze")
    menu_name = "volunteers-placements"
    url_prefix = "ehrenamt/einsaetze"
    list_display = [
        Column("volunteer", label=_("Ehrenamtliche/r"), accessor="volunteer"),
        Column("opportunity", label=_("Angebot"), accessor="opportunity"),
        CalendarDateColumn("start", label=_("von")),
        CalendarDateColumn("end", label=_("bis")),
    ]
    search_fields = ["volunteer__name", "opportunity__title"]
    ordering = ["-start"]
    select_related = ("volunteer", "opportunity")
    edit_handler = ObjectList(
        [
            FieldPanel("volunteer", widget=forms.Select),
            FieldPanel("opportunity", widget=forms.Select),
            FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
            FieldPanel("tasks"),
        ],
        base_form_class=ProjectScopedForm,
    )


class HoursEntryViewSet(ScopedSnippetViewSet):
    model = HoursEntry
    icon = "time"
    menu_label = _("Stunden")
    menu_name = "volunteers-hours"
    url_prefix = "ehrenamt/stunden"
    list_display = [
        Column("placement", label=_("Einsatz"), accessor="placement"),
        CalendarDateColumn("date", label=_("Datum")),
        Column("hours", label=_("Stunden")),
        BooleanColumn("approved", label=_("bestätigt")),
    ]
    list_filter = ["approved"]
    ordering = ["-date"]
    select_related = ("placement__volunteer", "placement__opportunity")
    edit_handler = ObjectList(
        [
            FieldPanel("placement", widget=forms.Select),
            FieldRowPanel([FieldPanel("date"), FieldPanel("hours")]),
            FieldPanel("approved"),
        ],
        base_form_class=ProjectScopedForm,
    )


class DonationNeedViewSet(ScopedSnippetViewSet):
    model = DonationNeed
    icon = "list-ul"
    menu_label = _("Sachspenden")
    menu_name = "volunteers-donations"
    url_prefix = "ehrenamt/sachspenden"
    list_display = [
        "item",
        Column("quantity", label=_("Menge")),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_filter = ["status"]
    search_fields = ["item"]
    ordering = ["sort_order", "item"]
    select_related = ("project",)
    edit_handler = ObjectList(
        [
            FieldPanel("project"),
            FieldRowPanel([FieldPanel("item"), FieldPanel("quantity")]),
            FieldPanel("condition"),
            FieldPanel("institution", widget=forms.Select),
            FieldRowPanel([FieldPanel("dropoff_place"), FieldPanel("dropoff_times")]),
            FieldPanel("status"),
            FieldPanel("not_accepted"),
            FieldPanel("sort_order"),
        ],
        base_form_class=ProjectScopedForm,
    )


class CategoryViewSet(ScopedSnippetViewSet):
    list_display = ["name", Column("project", label=_("Projekt"), accessor="project")]
    search_fields = ["name"]
    ordering = ["name"]
    select_related = ("project",)
    edit_handler = ObjectList(
        [FieldPanel("project"), FieldPanel("name")], base_form_class=ProjectScopedForm
    )


class QualificationTypeViewSet(CategoryViewSet):
    model = QualificationType
    icon = "tag"
    menu_label = _("Qualifikationsarten")
    menu_name = "volunteers-qualification-types"
    url_prefix = "ehrenamt/qualifikationsarten"
    edit_handler = ObjectList(
        [FieldPanel("project"), FieldPanel("name"), FieldPanel("validity_months")],
        base_form_class=ProjectScopedForm,
    )


class FieldOfActivityViewSet(CategoryViewSet):
    model = FieldOfActivity
    icon = "tag"
    menu_label = _("Engagementfelder")
    menu_name = "volunteers-fields"
    url_prefix = "ehrenamt/engagementfelder"


class SkillViewSet(CategoryViewSet):
    model = Skill
    icon = "tag"
    menu_label = _("Fähigkeiten")
    menu_name = "volunteers-skills"
    url_prefix = "ehrenamt/faehigkeiten"


class VolunteerGroup(SnippetViewSetGroup):
    """The "Ehrenamt" menu."""

    items = (
        OpportunityViewSet,
        ApplicationViewSet,
        VolunteerViewSet,
        QualificationViewSet,
        PoliceCertificateViewSet,
        PlacementViewSet,
        HoursEntryViewSet,
        DonationNeedViewSet,
        QualificationTypeViewSet,
        FieldOfActivityViewSet,
        SkillViewSet,
    )
    menu_label = _("Ehrenamt")
    menu_icon = "group"
    menu_name = "volunteers"
    menu_order = 260
    submenu_hook = VOLUNTEER_MENU_HOOK


register_snippet(VolunteerGroup)


@hooks.register("register_admin_urls")
def register_volunteer_admin_urls():
    return [
        path(
            "ehrenamt/anfragen/<int:pk>/uebernehmen/",
            admin_views.take_over_application,
            name="volunteers_take_over",
        ),
        path(
            "ehrenamt/angebote/<int:pk>/vorschlaege/",
            admin_views.opportunity_matches,
            name="volunteers_opportunity_matches",
        ),
        path(
            "ehrenamt/ehrenamtliche/<int:pk>/vorschlaege/",
            admin_views.volunteer_matches,
            name="volunteers_volunteer_matches",
        ),
        path(
            "ehrenamt/ehrenamtliche/<int:pk>/nachweis.pdf",
            admin_views.certificate,
            name="volunteers_certificate",
        ),
        path(
            "ehrenamt/ehrenamtliche/<int:pk>/ehrenamtskarte.pdf",
            admin_views.card_confirmation,
            name="volunteers_card_confirmation",
        ),
        path(
            "ehrenamt/ablaufende-qualifikationen/",
            admin_views.expiring_qualifications,
            name="volunteers_expiring",
        ),
        path(
            "ehrenamt/stundenfreigabe/",
            admin_views.hours_approval,
            name="volunteers_hours_approval",
        ),
        path("ehrenamt/pruefung/", admin_views.review_reminders, name="volunteers_review"),
    ]


@hooks.register(VOLUNTEER_MENU_HOOK)
def expiring_menu_item():
    return PermissionMenuItem(
        _("Läuft in 30 Tagen ab"),
        reverse("volunteers_expiring"),
        icon_name="warning",
        name="volunteers-expiring",
        order=20,
        permissions=("volunteers.view_qualification",),
    )


@hooks.register(VOLUNTEER_MENU_HOOK)
def hours_menu_item():
    return PermissionMenuItem(
        _("Stunden bestätigen"),
        reverse("volunteers_hours_approval"),
        icon_name="tick",
        name="volunteers-hours-approval",
        order=21,
        permissions=("volunteers.change_hoursentry",),
    )


@hooks.register(VOLUNTEER_MENU_HOOK)
def review_menu_item():
    return PermissionMenuItem(
        _("Angebote prüfen"),
        reverse("volunteers_review"),
        icon_name="history",
        name="volunteers-review",
        order=22,
        permissions=("volunteers.change_opportunity",),
    )


@hooks.register("register_snippet_listing_buttons")
def volunteer_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Application) and not snippet.volunteer_id:
        yield ListingMenuItem(
            _("Als Ehrenamtliche/n übernehmen"),
            reverse("volunteers_take_over", args=[snippet.pk]),
            icon_name="user",
            priority=5,
        )
    if isinstance(snippet, Opportunity):
        yield ListingMenuItem(
            _("Passende Ehrenamtliche"),
            reverse("volunteers_opportunity_matches", args=[snippet.pk]),
            icon_name="group",
            priority=5,
        )
    if isinstance(snippet, Volunteer):
        yield ListingMenuItem(
            _("Passende Angebote"),
            reverse("volunteers_volunteer_matches", args=[snippet.pk]),
            icon_name="pick",
            priority=5,
        )
        yield ListingMenuItem(
            _("Ehrenamtsnachweis (PDF)"),
            reverse("volunteers_certificate", args=[snippet.pk]),
            icon_name="doc-full",
            priority=6,
        )
        yield ListingMenuItem(
            _("Bestätigung Ehrenamtskarte (PDF)"),
            reverse("volunteers_card_confirmation", args=[snippet.pk]),
            icon_name="doc-full",
            priority=7,
        )
