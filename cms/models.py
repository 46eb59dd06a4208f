"""Projects (the scope of all non-page data) and the editorial page types."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site


class ProjectQuerySet(models.QuerySet):
    """Access to projects is decided here and nowhere else."""

    def for_user(self, user, role=None):
        """Projects the user may work in.

        ``role`` narrows to ``"editor"`` or ``"manager"``; ``None`` accepts either.
        Superusers see every project; anonymous and inactive users see none.
        """
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_superuser:
            return self.all()
        group_ids = list(user.groups.values_list("id", flat=True))
        if role == "editor":
            condition = models.Q(editor_group_id__in=group_ids)
        elif role == "manager":
            condition = models.Q(manager_group_id__in=group_ids)
        elif role is None:
            condition = models.Q(editor_group_id__in=group_ids) | models.Q(
                manager_group_id__in=group_ids
            )
        else:
            raise ValueError(f"unknown role {role!r}")
        return self.filter(condition)

    def for_site(self, site):
        """The project whose public site is ``site`` (or ``None``)."""
        return self.filter(site=site).first()


class Project(models.Model):
    """One municipal integration project with its own public site.

    Every object that is not a page (institutions, contacts, cooperations, surveys)
    belongs to exactly one project, and users only ever see the projects whose
    editor or manager group they are in.
    """

    slug = models.SlugField(
        _("Kürzel"), unique=True, help_text=_("Erscheint in API-Adressen, z. B. „kaarst“.")
    )
    name = models.CharField(_("Name"), max_length=255)
    site = models.OneToOneField(
        Site, verbose_name=_("Website"), on_delete=models.PROTECT, related_name="project"
    )
    editor_group = models.OneToOneField(
        Group,
        verbose_name=_("Redaktionsgruppe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_project",
    )
    manager_group = models.OneToOneField(
        Group,
        verbose_name=_("Netzwerk-Gruppe"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_project",
    )

    data_version = models.PositiveBigIntegerField(
        _("Datenstand"),
        default=0,
        editable=False,
        help_text=_(
            "Wird bei jeder Änderung der Projektdaten erhöht; Analysen werden danach neu berechnet."
        ),
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("Projekt")
        verbose_name_plural = _("Projekte")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def bump_data_version(self):
        """Mark the project's non-page data as changed, invalidating cached analyses.

        One atomic UPDATE, so concurrent writers never lose an increment.
        """
        Project.objects.filter(pk=self.pk).update(data_version=models.F("data_version") + 1)
        self.refresh_from_db(fields=["data_version"])
        return self.data_version


def user_can_access_project(user, project, role=None):
    """The one permission helper: may ``user`` act in ``project`` with ``role``?"""
    if project is None:
        return False
    return Project.objects.for_user(user, role=role).filter(pk=project.pk).exists()


class ErasureRecord(models.Model):
    """Proof that a person's data was erased, holding nothing about the person.

    Kept instead of the erased rows (Art. 5(2) DSGVO): when, by whom, how many rows of
    each kind, and what consent there had been (date, purpose, way), without name or address.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="+"
    )
    performed_at = models.DateTimeField(_("gelöscht am"), auto_now_add=True)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gelöscht von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    counts = models.JSONField(
        _("gelöschte oder anonymisierte Datensätze"),
        default=dict,
        help_text=_("Anzahl je Art von Datensatz, ohne Inhalte."),
    )
    consents = models.JSONField(
        _("Nachweis früherer Einwilligungen"),
        default=list,
        help_text=_("Datum, Zweck und Art jeder Einwilligung, ohne die Person."),
    )

    class Meta:
        verbose_name = _("Löschnachweis")
        verbose_name_plural = _("Löschnachweise")
        ordering = ["-performed_at", "-pk"]

    def __str__(self):
        return f"{self._meta.verbose_name} #{self.pk}"


# The editorial models live in their own modules; importing them here registers them.
from cms.pages import *  # noqa: E402, F403
from cms.pages import __all__ as _page_names  # noqa: E402
from cms.site_settings import (  # noqa: E402
    OfficeHourException,
    OfficeHourSlot,
    SiteSettings,
)
from cms.snippets import OfferLanguage, Person, TargetGroup, Weekday  # noqa: E402

__all__ = [
    "OfferLanguage",
    "OfficeHourException",
    "OfficeHourSlot",
    "ErasureRecord",
    "Person",
    "Project",
    "ProjectQuerySet",
    "SiteSettings",
    "TargetGroup",
    "Weekday",
    "user_can_access_project",
    *_page_names,
]
