"""Volunteer coordination: opportunities, applications, volunteers, qualifications, hours."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from cms.projects import Project
from cms.snippets import Weekday
from network.models import Category, District, Institution, ProjectScopedQuerySet
from volunteers.pages import VolunteeringIndexPage  # noqa: F401  (registers the page type)

__all__ = [
    "Application",
    "ApplicationStatus",
    "CEFR",
    "DonationNeed",
    "DonationStatus",
    "FieldOfActivity",
    "HoursEntry",
    "Insurance",
    "Opportunity",
    "OpportunityKind",
    "OpportunitySlot",
    "OpportunityStatus",
    "Placement",
    "PoliceCertificate",
    "Qualification",
    "QualificationType",
    "Skill",
    "State",
    "TimeOfDay",
    "Volunteer",
    "VolunteerAvailability",
    "VolunteerLanguage",
    "VolunteerSettings",
    "VolunteerStatus",
]

#: an applicant who never starts is erased this long after applying
APPLICANT_RETENTION = datetime.timedelta(days=183)
#: a police certificate record is deleted this long after the volunteering ends
CERTIFICATE_RETENTION_MONTHS = 3
#: a re-inspection of the extended police certificate is usually due after five years
CERTIFICATE_RECHECK_YEARS = 5
#: an opportunity not checked for this long gets a review reminder (Freiwilligendatenbank)
REVIEW_INTERVAL = datetime.timedelta(days=91)


def add_months(day, months):
    """``day`` plus ``months`` calendar months, clipped to the month's last day.

    >>> add_months(datetime.date(2026, 11, 30), 3)
    datetime.date(2027, 2, 28)
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


class TimeOfDay(models.TextChoices):
    """Parts of the day residents filter by; a slot belongs to each part it overlaps."""

    MORNING = "vormittags", _("vormittags")
    AFTERNOON = "nachmittags", _("nachmittags")
    EVENING = "abends", _("abends")

    @property
    def window(self):
        return TIME_OF_DAY_WINDOWS[self.value]


#: the clock times of each part of the day (start inclusive, end exclusive)
TIME_OF_DAY_WINDOWS = {
    "vormittags": (datetime.time(6), datetime.time(12)),
    "nachmittags": (datetime.time(12), datetime.time(17)),
    "abends": (datetime.time(17), datetime.time(23, 59)),
}


class WeeklySlot(models.Model):
    """A weekly time (weekday, from, to): the same shape as the offers' slots in the CMS."""

    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    start = models.TimeField(_("von"))
    end = models.TimeField(_("bis"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})

    def times_of_day(self):
        """The parts of the day this slot overlaps, in the order of :class:`TimeOfDay`."""
        return [
            value
            for value, (start, end) in TIME_OF_DAY_WINDOWS.items()
            if self.start < end and self.end > start
        ]


# --- vocabularies ---------------------------------------------------------------------------


class FieldOfActivity(Category):
    """Engagementfeld of a project (e.g. Sprachpatenschaft, Hausaufgabenhilfe)."""

    class Meta(Category.Meta):
        verbose_name = _("Engagementfeld")
        verbose_name_plural = _("Engagementfelder")


class Skill(Category):
    """A skill a volunteer brings and an opportunity asks for, from the project's list."""

    class Meta(Category.Meta):
        verbose_name = _("Fähigkeit")
        verbose_name_plural = _("Fähigkeiten")


class QualificationType(Category):
    """A kind of qualification, e.g. first aid, valid for a number of months."""

    validity_months = models.PositiveSmallIntegerField(
        _("gültig (Monate)"),
        null=True,
        blank=True,
        help_text=_(
            "Leer lassen, wenn die Qualifikation nicht abläuft (z. B. 24 für Erste Hilfe)."
        ),
    )

    class Meta(Category.Meta):
        verbose_name = _("Qualifikationsart")
        verbose_name_plural = _("Qualifikationsarten")


# --- opportunities --------------------------------------------------------------------------


class OpportunityKind(models.TextChoices):
    ONE_OFF = "einmalig", _("einmalig")
    REGULAR = "regelmaessig", _("regelmäßig")
    PROJECT = "projekt", _("Projekt")


class OpportunityStatus(models.TextChoices):
    DRAFT = "entwurf", _("Entwurf")
    PUBLISHED = "veroeffentlicht", _("veröffentlicht")
    PAUSED = "pausiert", _("pausiert")
    FILLED = "besetzt", _("besetzt")


class Insurance(models.TextChoices):
    CARRIER = "traeger", _("Versicherung des Trägers")
    STATE = "land", _("Sammelversicherung des Landes")
    STATUTORY = "gesetzlich", _("gesetzliche Unfallversicherung")


class OpportunityQuerySet(ProjectScopedQuerySet):
    def published(self, today=None):
        """Opportunities residents see: published and not past their "publish until" date."""
        today = today or timezone.localdate()
        return self.filter(status=OpportunityStatus.PUBLISHED).filter(
            models.Q(publish_until__isnull=True) | models.Q(publish_until__gte=today)
        )

    def due_for_review(self, today=None):
        """Published opportunities nobody checked for three months."""
        today = today or timezone.localdate()
        return self.exclude(status=OpportunityStatus.FILLED).filter(
            models.Q(last_reviewed__isnull=True)
            | models.Q(last_reviewed__lt=today - REVIEW_INTERVAL)
        )

    def filtered(
        self,
        field=None,
        district=None,
        kind=None,
        weekday=None,
        time_of_day=None,
        language=None,
        without_german=False,
        age=None,
        accessible=False,
    ):
        """Apply the public filters; each ``None``/``False`` leaves its criterion out.

        ``age`` keeps opportunities open to a person of that age (no minimum or a lower one).
        Weekday and time of day must hold for the same slot.
        """
        queryset = self
        if field:
            queryset = queryset.filter(field_id=field)
        if district:
            queryset = queryset.filter(district_id=district)
        if kind:
            queryset = queryset.filter(kind=kind)
        if language:
            queryset = queryset.filter(languages__code=language)
        if without_german:
            queryset = queryset.filter(without_german=True)
        if age is not None:
            queryset = queryset.filter(models.Q(min_age__isnull=True) | models.Q(min_age__lte=age))
        if accessible:
            queryset = queryset.filter(accessible=True)
        if weekday is not None or time_of_day:
            slots = OpportunitySlot.objects.all()
            if weekday is not None:
                slots = slots.filter(weekday=weekday)
            if time_of_day:
                start, end = TIME_OF_DAY_WINDOWS[time_of_day]
                slots = slots.filter(start__lt=end, end__gt=start)
            queryset = queryset.filter(pk__in=slots.values("opportunity_id"))
        return queryset.distinct()


class Opportunity(ClusterableModel):
    """An Engagementangebot residents can join, at an institution of the network or the project."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("Projekt"),
        on_delete=models.CASCADE,
        related_name="opportunities",
    )
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzname für die Adresse"), max_length=80, blank=True)
    field = models.ForeignKey(
        FieldOfActivity,
        verbose_name=_("Engagementfeld"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    kind = models.CharField(
        _("Art"), max_length=20, choices=OpportunityKind.choices, default=OpportunityKind.REGULAR
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    tasks = models.TextField(_("Aufgaben"), blank=True, help_text=_("Eine Aufgabe pro Zeile."))
    time_commitment = models.CharField(
        _("Zeitaufwand"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel „2 Stunden pro Woche“ oder „am 14. März, 10–16 Uhr“."),
    )
    hours_per_week = models.DecimalField(
        _("Stunden pro Woche"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtteil"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("Einsatzstelle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        help_text=_("Leer lassen, wenn das Projekt selbst die Einsatzstelle ist."),
    )
    contact_person = models.ForeignKey(
        "cms.Person",
        verbose_name=_("Ansprechperson"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    languages = ParentalManyToManyField(
        "cms.OfferLanguage",
        verbose_name=_("Sprachen vor Ort"),
        blank=True,
        related_name="opportunities",
    )
    without_german = models.BooleanField(_("ohne Deutschkenntnisse möglich"), default=False)
    min_age = models.PositiveSmallIntegerField(
        _("Mindestalter"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    accessible = models.BooleanField(_("barrierefreier Ort"), default=False)
    requirements = models.TextField(_("Voraussetzungen"), blank=True)
    skills = ParentalManyToManyField(
        Skill, verbose_name=_("gewünschte Fähigkeiten"), blank=True, related_name="opportunities"
    )
    required_qualifications = ParentalManyToManyField(
        QualificationType,
        verbose_name=_("nötige Qualifikationen"),
        blank=True,
        related_name="opportunities",
    )
    police_certificate_required = models.BooleanField(
        _("erweitertes Führungszeugnis nötig"),
        default=False,
        help_text=_("Bei Tätigkeiten mit Kindern und Jugendlichen (§ 72a SGB VIII)."),
    )
    insurance = models.CharField(
        _("Versicherungsschutz"),
        max_length=20,
        choices=Insurance.choices,
        default=Insurance.CARRIER,
    )
    benefits = models.TextField(
        _("Was Sie bekommen"),
        blank=True,
        help_text=_("Zum Beispiel Schulung, Auslagenersatz, Nachweis. Eines pro Zeile."),
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=OpportunityStatus.choices,
        default=OpportunityStatus.DRAFT,
    )
    publish_until = models.DateField(_("veröffentlicht bis"), null=True, blank=True)
    last_reviewed = models.DateField(
        _("zuletzt geprüft"),
        null=True,
        blank=True,
        help_text=_("Angebote sollten mindestens alle 3 Monate geprüft werden."),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        verbose_name = _("Engagementangebot")
        verbose_name_plural = _("Engagementangebote")
        ordering = ["title", "pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:80] or "angebot"
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        for name in ("field", "district", "institution"):
            related = getattr(self, name, None)
            if related is not None and self.project_id and related.project_id != self.project_id:
                raise ValidationError({name: _("Das gehört zu einem anderen Projekt.")})

    @property
    def place(self):
        """The Einsatzstelle as residents read it: the institution or the project."""
        return self.institution.name if self.institution_id else self.project.name

    def task_lines(self):
        return [line.strip() for line in self.tasks.splitlines() if line.strip()]

    def benefit_lines(self):
        return [line.strip() for line in self.benefits.splitlines() if line.strip()]

    def needs_review(self, today=None):
        today = today or timezone.localdate()
        return self.last_reviewed is None or self.last_reviewed < today - REVIEW_INTERVAL


class OpportunitySlot(Orderable, WeeklySlot):
    """A weekly time of an opportunity."""

    opportunity = ParentalKey(Opportunity, on_delete=models.CASCADE, related_name="slots")

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")


# --- applications and volunteers ------------------------------------------------------------


class ApplicationStatus(models.TextChoices):
    NEW = "neu", _("neu")
    TAKEN_OVER = "uebernommen", _("übernommen")
    DECLINED = "abgesagt", _("abgesagt")


class Application(models.Model):
    """An "Ich möchte mitmachen" request from the public site; stored only with consent."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="applications"
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("Engagementangebot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    languages = models.ManyToManyField(
        "cms.OfferLanguage", verbose_name=_("Sprachen"), blank=True, related_name="+"
    )
    availability = models.JSONField(
        _("Zeiten"),
        default=list,
        blank=True,
        help_text=_("Wochentag und Tageszeit, z. B. „0-vormittags“ für Montag vormittags."),
    )
    message = models.TextField(_("Nachricht"), blank=True)
    consent_version = models.CharField(
        _("Fassung des Datenschutztexts"),
        max_length=64,
        help_text=_("Prüfsumme des Datenschutztexts, dem zugestimmt wurde."),
    )
    consented_at = models.DateTimeField(_("Einwilligung am"))
    status = models.CharField(
        _("Status"), max_length=20, choices=ApplicationStatus.choices, default=ApplicationStatus.NEW
    )
    volunteer = models.ForeignKey(
        "Volunteer",
        verbose_name=_("übernommen als"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
    )
    created_at = models.DateTimeField(_("eingegangen am"), default=timezone.now)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Anfrage")
        verbose_name_plural = _("Anfragen")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.created_at:%d.%m.%Y})"

    def availability_pairs(self):
        """``[(weekday, time of day)]`` of the stored availability codes."""
        pairs = []
        for code in self.availability or []:
            day, _sep, part = str(code).partition("-")
            if day.isdigit() and part in TIME_OF_DAY_WINDOWS:
                pairs.append((int(day), part))
        return pairs

    def availability_labels(self):
        return [
            f"{Weekday(day).label} {TimeOfDay(part).label}"
            for day, part in self.availability_pairs()
        ]


class VolunteerStatus(models.TextChoices):
    REQUESTED = "angefragt", _("angefragt")
    IN_TALKS = "im_gespraech", _("im Gespräch")
    ACTIVE = "aktiv", _("aktiv")
    PAUSED = "pausiert", _("pausiert")
    ENDED = "beendet", _("beendet")


#: which status may follow which (the workflow coordinators walk)
STATUS_TRANSITIONS = {
    VolunteerStatus.REQUESTED: {VolunteerStatus.IN_TALKS, VolunteerStatus.ENDED},
    VolunteerStatus.IN_TALKS: {VolunteerStatus.ACTIVE, VolunteerStatus.ENDED},
    VolunteerStatus.ACTIVE: {VolunteerStatus.PAUSED, VolunteerStatus.ENDED},
    VolunteerStatus.PAUSED: {VolunteerStatus.ACTIVE, VolunteerStatus.ENDED},
    VolunteerStatus.ENDED: {VolunteerStatus.IN_TALKS},
}

VOLUNTEER_RETENTION_AFTER_END = datetime.timedelta(days=3 * 365)


class VolunteerQuerySet(ProjectScopedQuerySet):
    def never_started(self):
        """Volunteers without any placement who are not (or no longer) active."""
        return self.filter(placements__isnull=True).exclude(
            status__in=[VolunteerStatus.ACTIVE, VolunteerStatus.PAUSED]
        )


class Volunteer(ClusterableModel):
    """A person who volunteers (or asked to) with the project; never shown in public."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="volunteers"
    )
    name = models.CharField(_("Name"), max_length=200)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    birth_date = models.DateField(
        _("Geburtsdatum"), null=True, blank=True, help_text=_("Nur für Altersgrenzen nötig.")
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.REQUESTED,
    )
    end_reason = models.CharField(
        _("Grund des Endes"),
        max_length=200,
        blank=True,
        help_text=_("Nur bei „beendet“, z. B. „weggezogen“ oder „keine Zeit mehr“."),
    )
    ended_on = models.DateField(_("beendet am"), null=True, blank=True)
    skills = ParentalManyToManyField(
        Skill, verbose_name=_("Fähigkeiten"), blank=True, related_name="volunteers"
    )
    districts = ParentalManyToManyField(
        District, verbose_name=_("Stadtteile"), blank=True, related_name="volunteers"
    )
    notes = models.TextField(_("interne Notizen"), blank=True)
    consent_version = models.CharField(_("Fassung des Datenschutztexts"), max_length=64, blank=True)
    consented_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)
    created_at = models.DateTimeField(_("angelegt am"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = VolunteerQuerySet.as_manager()

    class Meta:
        verbose_name = _("Ehrenamtliche/r")
        verbose_name_plural = _("Ehrenamtliche")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.status == VolunteerStatus.ENDED and not self.end_reason.strip():
            raise ValidationError({"end_reason": _("Bitte den Grund des Endes angeben.")})
        if self.pk:
            before = Volunteer.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if (
                before
                and before != self.status
                and self.status not in STATUS_TRANSITIONS[VolunteerStatus(before)]
            ):
                raise ValidationError(
                    {
                        "status": _("Von „%(before)s“ geht es nicht direkt zu „%(after)s“.")
                        % {
                            "before": VolunteerStatus(before).label,
                            "after": VolunteerStatus(self.status).label,
                        }
                    }
                )

    def save(self, *args, **kwargs):
        if self.status == VolunteerStatus.ENDED and self.ended_on is None:
            self.ended_on = timezone.localdate()
        if self.status != VolunteerStatus.ENDED:
            self.ended_on = None
        super().save(*args, **kwargs)
        if self.pk:
            PoliceCertificate.refresh_deletion_dates(self)

    def age_on(self, day):
        """Age in whole years on ``day``; ``None`` without a birth date."""
        if self.birth_date is None:
            return None
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class CEFR(models.TextChoices):
    """Levels of the Common European Framework of Reference, plus first language."""

    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "M", _("Muttersprache")


class VolunteerLanguage(Orderable):
    volunteer = ParentalKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        "cms.OfferLanguage", verbose_name=_("Sprache"), on_delete=models.CASCADE, related_name="+"
    )
    level = models.CharField(_("Niveau"), max_length=2, choices=CEFR.choices, blank=True)

    panels = [FieldRowPanel([FieldPanel("language"), FieldPanel("level")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")

    def __str__(self):
        return f"{self.language} {self.level}".strip()


class VolunteerAvailability(Orderable, WeeklySlot):
    """A weekly time a volunteer is available."""

    volunteer = ParentalKey(Volunteer, on_delete=models.CASCADE, related_name="availability")

    class Meta(Orderable.Meta):
        verbose_name = _("verfügbare Zeit")
        verbose_name_plural = _("verfügbare Zeiten")


class VolunteerScopedQuerySet(ProjectScopedQuerySet):
    project_lookup = "volunteer__project"


class Qualification(models.Model):
    """A volunteer's qualification, valid from a date and, by its type, until an expiry date."""

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("Ehrenamtliche/r"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    type = models.ForeignKey(
        QualificationType,
        verbose_name=_("Art"),
        on_delete=models.PROTECT,
        related_name="qualifications",
    )
    obtained_on = models.DateField(_("erworben am"))
    expires_on = models.DateField(
        _("gültig bis"),
        null=True,
        blank=True,
        help_text=_("Leer lassen: wird aus der Gültigkeit der Art berechnet."),
    )

    objects = VolunteerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Qualifikation")
        verbose_name_plural = _("Qualifikationen")
        ordering = ["expires_on", "pk"]

    def __str__(self):
        return f"{self.type} – {self.volunteer}"

    def save(self, *args, **kwargs):
        if self.expires_on is None and self.type.validity_months:
            self.expires_on = add_months(self.obtained_on, self.type.validity_months)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.volunteer_id and self.type_id and self.type.project_id != self.volunteer.project_id:
            raise ValidationError({"type": _("Diese Art gehört zu einem anderen Projekt.")})

    def valid_on(self, day):
        return self.obtained_on <= day and (self.expires_on is None or self.expires_on >= day)


class PoliceCertificate(models.Model):
    """The inspection of an extended police certificate (§ 72a SGB VIII, § 30a BZRG).

    Only the facts the law allows are kept: the certificate's date, who inspected it and
    when, and whether it shows a relevant entry. Never a copy, never its content. The row
    is deleted three months after the volunteering ends, at once if it never starts.
    """

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("Ehrenamtliche/r"),
        on_delete=models.CASCADE,
        related_name="police_certificates",
    )
    certificate_date = models.DateField(_("Datum des Führungszeugnisses"))
    inspected_on = models.DateField(_("eingesehen am"))
    inspected_by = models.CharField(_("eingesehen von"), max_length=200)
    relevant_entry = models.BooleanField(
        _("einschlägiger Eintrag vorhanden"),
        default=False,
        help_text=_("Nur ja oder nein; den Inhalt nie notieren."),
    )
    next_due = models.DateField(_("erneut vorzulegen bis"), null=True, blank=True)
    delete_on = models.DateField(_("löschen am"), null=True, blank=True, editable=False)

    objects = VolunteerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Führungszeugnis (Einsichtnahme)")
        verbose_name_plural = _("Führungszeugnisse (Einsichtnahmen)")
        ordering = ["-inspected_on", "pk"]

    def __str__(self):
        return f"{self.volunteer} – {self.certificate_date:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        if self.next_due is None and self.certificate_date:
            self.next_due = add_months(self.certificate_date, 12 * CERTIFICATE_RECHECK_YEARS)
        self.delete_on = self.deletion_date(self.volunteer)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.certificate_date
            and self.inspected_on
            and self.inspected_on < self.certificate_date
        ):
            raise ValidationError(
                {"inspected_on": _("Die Einsicht kann nicht vor dem Ausstellungsdatum liegen.")}
            )

    @staticmethod
    def deletion_date(volunteer):
        """When the certificate rows of ``volunteer`` are to be deleted, or ``None`` (still needed).

        The volunteering ends with the status "beendet": three months after the last
        placement's end then; on the day it ended if it never started (no placement).
        """
        if volunteer.status != VolunteerStatus.ENDED:
            return None
        ended = volunteer.ended_on or timezone.localdate()
        ends = list(volunteer.placements.values_list("end", flat=True))
        if not ends:
            return ended
        last = max(end or ended for end in ends)
        return add_months(last, CERTIFICATE_RETENTION_MONTHS)

    @classmethod
    def refresh_deletion_dates(cls, volunteer):
        cls.objects.filter(volunteer=volunteer).update(delete_on=cls.deletion_date(volunteer))


class Placement(models.Model):
    """A volunteer working in an opportunity (and so at its institution), from / to."""

    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name=_("Ehrenamtliche/r"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    opportunity = models.ForeignKey(
        Opportunity,
        verbose_name=_("Engagementangebot"),
        on_delete=models.PROTECT,
        related_name="placements",
    )
    start = models.DateField(_("von"))
    end = models.DateField(_("bis"), null=True, blank=True)
    tasks = models.TextField(
        _("Tätigkeit"),
        blank=True,
        help_text=_("Für den Ehrenamtsnachweis; sonst die Aufgaben des Angebots."),
    )

    objects = VolunteerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einsatz")
        verbose_name_plural = _("Einsätze")
        ordering = ["-start", "pk"]

    def __str__(self):
        return f"{self.volunteer} – {self.opportunity}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        PoliceCertificate.refresh_deletion_dates(self.volunteer)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende kann nicht vor dem Beginn liegen.")})
        if (
            self.volunteer_id
            and self.opportunity_id
            and self.opportunity.project_id != self.volunteer.project_id
        ):
            raise ValidationError(
                {"opportunity": _("Dieses Angebot gehört zu einem anderen Projekt.")}
            )

    def delete(self, *args, **kwargs):
        volunteer = self.volunteer
        result = super().delete(*args, **kwargs)
        PoliceCertificate.refresh_deletion_dates(volunteer)
        return result


class HoursQuerySet(ProjectScopedQuerySet):
    project_lookup = "placement__volunteer__project"


class HoursEntry(models.Model):
    """Hours a volunteer gave in a placement on one day; they count once approved."""

    placement = models.ForeignKey(
        Placement, verbose_name=_("Einsatz"), on_delete=models.CASCADE, related_name="hours"
    )
    date = models.DateField(_("Datum"))
    hours = models.DecimalField(
        _("Stunden"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(0.25), MaxValueValidator(24)],
    )
    approved = models.BooleanField(_("bestätigt"), default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestätigt von"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = HoursQuerySet.as_manager()

    class Meta:
        verbose_name = _("Stunden")
        verbose_name_plural = _("Stunden")
        ordering = ["-date", "pk"]

    def __str__(self):
        return f"{self.placement.volunteer} – {self.date:%d.%m.%Y}: {self.hours}"

    def clean(self):
        super().clean()
        if self.placement_id and self.date:
            placement = self.placement
            if self.date < placement.start or (placement.end and self.date > placement.end):
                raise ValidationError({"date": _("Das Datum liegt außerhalb des Einsatzes.")})


# --- donations ------------------------------------------------------------------------------


class DonationStatus(models.TextChoices):
    NEEDED = "gesucht", _("wird gesucht")
    ENOUGH = "genug", _("genug vorhanden")
    STOP = "stopp", _("Spendenstopp")


class DonationNeed(models.Model):
    """An item the project or a partner currently needs as a donation in kind."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="donation_needs"
    )
    item = models.CharField(_("Sache"), max_length=200)
    quantity = models.CharField(_("Menge"), max_length=100, blank=True)
    condition = models.CharField(
        _("Zustand"),
        max_length=200,
        blank=True,
        help_text=_("Zum Beispiel „gut erhalten, sauber“."),
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("für Einrichtung"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="donation_needs",
    )
    dropoff_place = models.CharField(_("Abgabeort"), max_length=255, blank=True)
    dropoff_times = models.CharField(_("Abgabezeiten"), max_length=255, blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=DonationStatus.choices, default=DonationStatus.NEEDED
    )
    not_accepted = models.TextField(_("Was wir nicht annehmen"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Sachspende")
        verbose_name_plural = _("Sachspenden")
        ordering = ["sort_order", "item", "pk"]

    def __str__(self):
        return self.item


# --- settings per site ----------------------------------------------------------------------


class State(models.TextChoices):
    """The states whose Ehrenamtskarte rules are known (see :mod:`volunteers.hours`)."""

    RP = "RP", _("Rheinland-Pfalz")
    NW = "NW", _("Nordrhein-Westfalen")


@register_setting(icon="group")
class VolunteerSettings(BaseSiteSetting):
    """Which state's rules apply to the site's volunteers (Ehrenamtskarte)."""

    state = models.CharField(
        _("Bundesland"),
        max_length=2,
        choices=State.choices,
        default=State.RP,
        help_text=_("Bestimmt die Regeln der Ehrenamtskarte."),
    )

    panels = [FieldPanel("state")]

    class Meta:
        verbose_name = _("Ehrenamt")
