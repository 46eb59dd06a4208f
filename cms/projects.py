"""Projects: the scope of all non-page data, with the one permission helper."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

__all__ = ["Project", "ProjectQuerySet", "user_can_access_project"]


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
