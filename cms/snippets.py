"""Snippets shared by pages: team members and the vocabularies that offers are filtered by."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index


class Weekday(models.IntegerChoices):
    """Days of the week as Python numbers them (Monday = 0), so ``date.weekday()`` compares."""

    MONDAY = 0, _("Montag")
    TUESDAY = 1, _("Dienstag")
    WEDNESDAY = 2, _("Mittwoch")
    THURSDAY = 3, _("Donnerstag")
    FRIDAY = 4, _("Freitag")
    SATURDAY = 5, _("Samstag")
    SUNDAY = 6, _("Sonntag")


#: schema.org day names, indexed like :class:`Weekday`.
SCHEMA_ORG_DAYS = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


class PersonQuerySet(models.QuerySet):
    def for_user(self, user):
        """People of the projects ``user`` edits (all for superusers, none for others)."""
        from cms.projects import Project

        if getattr(user, "is_superuser", False):
            return self
        return self.filter(project__in=Project.objects.for_user(user, role="editor"))


class PersonForm(WagtailAdminModelForm):
    """Editors can only assign people to the projects they edit."""

    def __init__(self, *args, **kwargs):
        from cms.projects import Project

        super().__init__(*args, **kwargs)
        if "project" in self.fields and self.for_user is not None:
            self.fields["project"].queryset = Project.objects.for_user(self.for_user, role="editor")
            if not self.for_user.is_superuser:
                self.fields["project"].required = True
                self.fields["project"].empty_label = None


class Person(index.Indexed, models.Model):
    """A member of a project team; chosen on team pages, offers and in people lists.

    Kept as a snippet rather than a page so one person can appear in many places
    while their phone number is changed only once.
    """

    project = models.ForeignKey(
        "cms.Project",
        verbose_name=_("Projekt"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="people",
        help_text=_("Nur die Redaktion dieses Projekts sieht und bearbeitet die Person."),
    )
    name = models.CharField(_("Name"), max_length=200)
    role = models.CharField(
        _("Funktion"), max_length=200, blank=True, help_text=_("Zum Beispiel „Projektleitung“.")
    )
    responsibility = models.TextField(
        _("Aufgaben"), blank=True, help_text=_("Kurz, wofür die Person ansprechbar ist.")
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Foto"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)

    objects = PersonQuerySet.as_manager()
    base_form_class = PersonForm

    panels = [
        FieldPanel("project"),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("responsibility"),
        FieldPanel("photo"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Kontakt")),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("project_id"),
    ]

    class Meta:
        verbose_name = _("Person")
        verbose_name_plural = _("Personen")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class TargetGroup(models.Model):
    """Who an offer is meant for (children, families, women, seniors …)."""

    name = models.CharField(_("Bezeichnung"), max_length=100, unique=True)
    slug = models.SlugField(_("Kürzel"), unique=True, help_text=_("Erscheint in Filteradressen."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OfferLanguage(models.Model):
    """A language in which an offer is held."""

    name = models.CharField(_("Sprache"), max_length=100, unique=True)
    code = models.SlugField(
        _("Sprachcode"), max_length=10, unique=True, help_text=_("ISO-Code, z. B. „ar“.")
    )

    panels = [FieldPanel("name"), FieldPanel("code")]

    class Meta:
        verbose_name = _("Angebotssprache")
        verbose_name_plural = _("Angebotssprachen")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def named_in_active_language(self):
        """Whether Django knows the language's name in every site language (by its code)."""
        try:
            translation.get_language_info(self.code)
        except KeyError:
            return False
        return True

    @property
    def display_name(self):
        """The language's name in the visitor's language (``"التركية"`` on an Arabic page).

        For a code Django does not know (e.g. a dialect) the name as entered, in German.
        """
        if not self.named_in_active_language:
            return self.name
        return str(translation.get_language_info(self.code)["name_translated"])
