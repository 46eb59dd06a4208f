"""The proof of erasure that the privacy registry keeps in place of a person's erased rows."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.projects import Project

__all__ = ["ErasureRecord"]


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
