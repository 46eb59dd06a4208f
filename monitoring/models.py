"""Indicators, their versions and formulas, observations by district and year, import batches.

The spatial units of the monitoring are the project's districts (``network.District``):
there is one district list per project, shared with institutions, surveys and volunteers.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.projects import Project
from network.models import District, ProjectScopedQuerySet

__all__ = [
    "Classification",
    "Flag",
    "FLAG_SYMBOLS",
    "Formula",
    "ImportBatch",
    "Indicator",
    "IndicatorQuerySet",
    "IndicatorVersion",
    "Observation",
    "Polarity",
    "UpdateInterval",
]


class IndicatorQuerySet(ProjectScopedQuerySet):
    def published(self):
        """Indicators shown on the public site and in the public API."""
        return self.filter(published=True)


class ObservationQuerySet(ProjectScopedQuerySet):
    project_lookup = "indicator__project"


class Polarity(models.TextChoices):
    HIGHER_BETTER = "higher_better", _("höher ist besser")
    LOWER_BETTER = "lower_better", _("niedriger ist besser")
    NEUTRAL = "neutral", _("neutral")


class UpdateInterval(models.TextChoices):
    YEARLY = "yearly", _("jährlich")
    BIENNIAL = "biennial", _("alle zwei Jahre")
    HALF_YEARLY = "half_yearly", _("halbjährlich")
    QUARTERLY = "quarterly", _("vierteljährlich")
    MONTHLY = "monthly", _("monatlich")
    ARBITRARY = "arbitrary", _("unregelmäßig")


class Classification(models.TextChoices):
    QUANTILES = "quantiles", _("Quantile")
    EQUAL_INTERVALS = "equal_intervals", _("gleiche Intervalle")
    NATURAL_BREAKS = "natural_breaks", _("natürliche Brüche (Fisher-Jenks)")
    MANUAL = "manual", _("manuelle Grenzen")


class Formula(models.TextChoices):
    """How a computed indicator is derived from its base indicators (KomMonitor's processes)."""

    PERCENT = "percent", _("Anteil in % (A / B × 100)")
    PER_MILLE = "per_mille", _("je 1.000 (A / B × 1.000)")
    RATIO = "ratio", _("Verhältnis (A / B)")
    DIFFERENCE = "difference", _("Differenz (A − B)")
    ABS_CHANGE = "abs_change", _("absolute Veränderung von A über n Perioden")
    REL_CHANGE = "rel_change", _("relative Veränderung von A über n Perioden in %")


class Flag(models.TextChoices):
    """Quality marks of a cell, with the symbols German statistics offices print."""

    OK = "ok", _("ok")
    PROVISIONAL = "provisional", _("vorläufig")
    ESTIMATED = "estimated", _("geschätzt")
    LIMITED = "limited", _("Aussagewert eingeschränkt")
    UNCERTAIN = "uncertain", _("Zahlenwert nicht sicher genug")
    SECRET = "secret", _("geheim")
    LOCKED = "locked", _("Tabellenfach gesperrt")
    NOTHING = "nothing", _("nichts vorhanden")
    UNKNOWN = "unknown", _("unbekannt")
    BREAK = "break", _("Reihenbruch")


#: The symbol a statistics office prints for each flag (Zeichenerklärung of the reports).
FLAG_SYMBOLS = {
    Flag.OK: "",
    Flag.PROVISIONAL: "p",
    Flag.ESTIMATED: "s",
    Flag.LIMITED: "( )",
    Flag.UNCERTAIN: "/",
    Flag.SECRET: ".",
    Flag.LOCKED: "x",
    Flag.NOTHING: "–",
    Flag.UNKNOWN: "…",
    Flag.BREAK: "|",
}

#: Flags whose cells carry no publishable value.
HIDDEN_FLAGS = {Flag.SECRET, Flag.LOCKED, Flag.UNKNOWN, Flag.UNCERTAIN}


class Indicator(models.Model):
    """A figure the project follows over time, district by district.

    The metadata follow KomMonitor's indicator description and the definitions of the
    Integrationsmonitoring der Länder; the code is the IntMK/KGSt code where one exists.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(
        _("Kürzel"), max_length=30, help_text=_("IntMK/KGSt-Code, wo es einen gibt, z. B. B2a.")
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    definition = models.TextField(
        _("Definition"), help_text=_("Zähler, Nenner und Stichtag, wie die Quelle sie festlegt.")
    )
    unit = models.CharField(_("Einheit"), max_length=40, help_text=_("z. B. %, je 1.000, Anzahl"))
    decimals = models.PositiveSmallIntegerField(
        _("Nachkommastellen"), default=1, validators=[MaxValueValidator(4)]
    )
    polarity = models.CharField(
        _("Polarität"), max_length=20, choices=Polarity.choices, default=Polarity.NEUTRAL
    )
    topic = models.CharField(
        _("Themenfeld"), max_length=120, help_text=_("z. B. Bevölkerung, Bildung, Arbeitsmarkt")
    )
    source = models.CharField(_("Quelle"), max_length=300)
    licence = models.CharField(
        _("Lizenz"), max_length=80, blank=True, help_text=_("z. B. dl-de/by-2-0")
    )
    contact = models.CharField(
        _("Kontaktstelle"),
        max_length=200,
        blank=True,
        help_text=_("Stelle, die Auskunft gibt (z. B. Statistikstelle); keine Person."),
    )
    update_interval = models.CharField(
        _("Aktualisierung"),
        max_length=20,
        choices=UpdateInterval.choices,
        default=UpdateInterval.YEARLY,
    )
    published = models.BooleanField(
        _("veröffentlicht"),
        default=False,
        help_text=_("Nur veröffentlichte Indikatoren erscheinen auf der Website und in der API."),
    )
    demo_data = models.BooleanField(
        _("Demodaten"),
        default=False,
        help_text=_("Synthetische Werte zum Ausprobieren; überall als „Demodaten“ gekennzeichnet."),
    )
    is_count = models.BooleanField(
        _("absolute Anzahl"),
        default=False,
        help_text=_(
            "Der Wert ist eine Fallzahl (dann gilt die Geheimhaltung für den Wert selbst)."
        ),
    )
    suppression_threshold = models.PositiveSmallIntegerField(
        _("Geheimhaltungsschwelle"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Fallzahlen unter dieser Schwelle (bei 3: die Werte 1 und 2) werden nie veröffentlicht."
        ),
    )
    classification = models.CharField(
        _("Klassifizierung der Karte"),
        max_length=20,
        choices=Classification.choices,
        default=Classification.QUANTILES,
    )
    classes = models.PositiveSmallIntegerField(
        _("Klassen"), default=5, validators=[MinValueValidator(3), MaxValueValidator(7)]
    )
    manual_breaks = models.JSONField(
        _("manuelle Klassengrenzen"),
        default=list,
        blank=True,
        help_text=_("Obere Grenzen der Klassen bei manueller Klassifizierung, aufsteigend."),
    )
    formula = models.CharField(
        _("Berechnung"),
        max_length=20,
        choices=Formula.choices,
        blank=True,
        help_text=_("Leer für importierte Indikatoren; sonst wird der Wert berechnet."),
    )
    base_a = models.ForeignKey(
        "self",
        verbose_name=_("Basisindikator A (Zähler)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    base_b = models.ForeignKey(
        "self",
        verbose_name=_("Basisindikator B (Nenner)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    periods = models.PositiveSmallIntegerField(
        _("Perioden n"), default=1, help_text=_("Für Veränderungen über n Perioden.")
    )

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["topic", "code"]
        constraints = [
            models.UniqueConstraint(
                "project",
                "code",
                name="monitoring_indicator_unique_code",
                violation_error_message=_("Dieses Kürzel gibt es in diesem Projekt bereits."),
            )
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_computed(self):
        return bool(self.formula)

    def clean(self):
        super().clean()
        errors = {}
        if self.formula:
            needs_b = self.formula not in (Formula.ABS_CHANGE, Formula.REL_CHANGE)
            if not self.base_a_id:
                errors["base_a"] = _("Eine Berechnung braucht den Basisindikator A.")
            if needs_b and not self.base_b_id:
                errors["base_b"] = _("Diese Berechnung braucht den Basisindikator B.")
            for field in ("base_a", "base_b"):
                base = getattr(self, field)
                if base is not None and base.project_id != self.project_id:
                    errors[field] = _("Der Basisindikator gehört zu einem anderen Projekt.")
                elif base is not None and self.pk and base.pk == self.pk:
                    errors[field] = _("Ein Indikator kann nicht aus sich selbst berechnet werden.")
        if self.classification == Classification.MANUAL:
            breaks = self.manual_breaks
            if (
                not isinstance(breaks, list)
                or len(breaks) < 2
                or not all(isinstance(b, int | float) for b in breaks)
                or sorted(breaks) != breaks
            ):
                errors["manual_breaks"] = _(
                    "Bitte mindestens zwei aufsteigende Zahlen angeben, z. B. [5, 10, 20]."
                )
        if errors:
            raise ValidationError(errors)

    def break_years(self):
        """Years from which a new definition applies (series breaks), ascending."""
        versions = getattr(self, "_prefetched_objects_cache", {}).get("versions")
        if versions is None:
            versions = self.versions.all()
        return sorted({v.valid_from.year for v in versions if v.is_break})

    def format(self, value):
        """``value`` in German notation with the indicator's decimals (``None`` → empty)."""
        if value is None:
            return ""
        text = f"{float(value):,.{self.decimals}f}"
        return text.replace(",", "\u202f").replace(".", ",")


class IndicatorVersion(models.Model):
    """A definition of an indicator valid from a date; a new definition is a series break.

    Example: the naturalisation rate (B2a) counts foreigners with at least 8 years of
    residence until 26 June 2024 and at least 5 years since the StAG reform of 27 June 2024.
    The annual figure of the year a version starts is the first of the new series.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("Indikator"), on_delete=models.CASCADE, related_name="versions"
    )
    valid_from = models.DateField(_("gültig ab"))
    definition = models.TextField(_("Definition"))
    is_break = models.BooleanField(
        _("Reihenbruch"),
        default=True,
        help_text=_("Die Werte ab diesem Datum sind mit den früheren nicht vergleichbar."),
    )

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Definitionsstand")
        verbose_name_plural = _("Definitionsstände")
        ordering = ["indicator", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                "indicator", "valid_from", name="monitoring_indicatorversion_unique_date"
            )
        ]

    def __str__(self):
        return f"{self.indicator.code} ab {self.valid_from:%d.%m.%Y}"


class ImportBatch(models.Model):
    """One applied import file: what came in, when, from whom, with the file's hash."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="+"
    )
    file_name = models.CharField(_("Dateiname"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    file_format = models.CharField(_("Format"), max_length=20)
    layout = models.CharField(_("Aufbau"), max_length=10)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importiert von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("importiert am"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("Zeilen"), default=0)
    created = models.PositiveIntegerField(_("neu"), default=0)
    updated = models.PositiveIntegerField(_("geändert"), default=0)
    unchanged = models.PositiveIntegerField(_("unverändert"), default=0)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Import")
        verbose_name_plural = _("Importe")
        ordering = ["-imported_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.imported_at:%d.%m.%Y %H:%M})"


class Observation(models.Model):
    """The value of one indicator for one district in one year, as delivered or computed."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("Indikator"),
        on_delete=models.CASCADE,
        related_name="observations",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("Raumeinheit"),
        on_delete=models.PROTECT,
        related_name="observations",
    )
    year = models.PositiveSmallIntegerField(
        _("Jahr"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    value = models.DecimalField(_("Wert"), max_digits=18, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField(
        _("Zähler"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("Nenner"), max_digits=18, decimal_places=6, null=True, blank=True
    )
    flag = models.CharField(_("Kennzeichen"), max_length=20, choices=Flag.choices, default=Flag.OK)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("Import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
    )
    computed = models.BooleanField(_("berechnet"), default=False)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Beobachtung")
        verbose_name_plural = _("Beobachtungen")
        ordering = ["indicator", "district", "year"]
        constraints = [
            models.UniqueConstraint(
                "indicator", "district", "year", name="monitoring_observation_unique_cell"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self):
        return f"{self.indicator.code} {self.district} {self.year}"

    @property
    def symbol(self):
        return FLAG_SYMBOLS[Flag(self.flag)]

    @property
    def reference_date(self):
        return datetime.date(self.year, 12, 31)
