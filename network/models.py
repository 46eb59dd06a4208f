"""Institutions, contacts and cooperations of a project: the data behind the network map."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models.audit_log import BaseLogEntry, BaseLogEntryManager

from cms.projects import Project
from network.pages import PartnerMapPage  # noqa: F401  (registers the page type of this app)

__all__ = [
    "Contact",
    "ConsentMethod",
    "Cooperation",
    "CooperationStatus",
    "CooperationType",
    "District",
    "DistrictLevel",
    "Institution",
    "InstitutionQuerySet",
    "InstitutionType",
    "Membership",
    "NetworkLogEntry",
    "Provenance",
    "ProjectScopedQuerySet",
    "Sector",
]


class ProjectScopedQuerySet(models.QuerySet):
    """Network data is visible to the managers of its project (superusers see all)."""

    project_lookup = "project"

    def for_user(self, user):
        """Objects of the projects ``user`` manages; nothing for anonymous users."""
        projects = Project.objects.for_user(user, role="manager")
        if getattr(user, "is_superuser", False) and user.is_active:
            return self.all()
        return self.filter(**{f"{self.project_lookup}__in": projects})

    def for_project(self, project):
        """Objects of one project."""
        return self.filter(**{self.project_lookup: project})


class InstitutionQuerySet(ProjectScopedQuerySet):
    """Institutions; the public ones are those shown on the public partner map."""

    def shown_in_public(self):
        """Active institutions that agreed to appear in public (partner map, public surveys)."""
        return self.filter(public=True, active=True)


class MembershipQuerySet(ProjectScopedQuerySet):
    """Memberships belong to the project of their institution."""

    project_lookup = "institution__project"


class TimestampedModel(models.Model):
    """Creation and change times, shown in lists and exports."""

    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        abstract = True


class Category(TimestampedModel):
    """An editable category of a project; managers add their own next to the defaults."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("Name"), max_length=120)

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.project_id and self.name:
            self.name = self.name.strip()
            clash = (
                type(self)
                .objects.filter(project_id=self.project_id, name__iexact=self.name)
                .exclude(pk=self.pk)
            )
            if clash.exists():
                raise ValidationError(
                    {"name": _("Diesen Namen gibt es in diesem Projekt bereits.")}
                )


class InstitutionType(Category):
    """Kind of organisation (Verein, Schule, Behörde/Amt …), per project editable."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("Projekt"),
        on_delete=models.CASCADE,
        related_name="institution_types",
    )

    class Meta(Category.Meta):
        verbose_name = _("Institutionstyp")
        verbose_name_plural = _("Institutionstypen")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="network_institutiontype_unique_name",
                violation_error_message=_("Diesen Namen gibt es in diesem Projekt bereits."),
            )
        ]


class Sector(Category):
    """Field of action (Bildung, Sprache, Arbeit …); an institution works in several."""

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="sectors"
    )

    class Meta(Category.Meta):
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="network_sector_unique_name",
                violation_error_message=_("Diesen Namen gibt es in diesem Projekt bereits."),
            )
        ]


class DistrictLevel(models.TextChoices):
    """Levels of the town's spatial units, from the whole town down to statistical areas."""

    CITY = "stadt", _("Stadt")
    DISTRICT = "stadtteil", _("Stadtteil/Ortsbezirk")
    STATISTICAL = "bezirk", _("statistischer Bezirk")


class District(Category):
    """A spatial unit of the town: the one district list of a project.

    Institutions, surveys, volunteers and the monitoring's statistics all refer to these
    units, so there is never a second list that drifts apart. Units form a hierarchy
    (Stadt → Stadtteil/Ortsbezirk → statistischer Bezirk); when boundaries change, the old
    unit is kept with an end of validity instead of being overwritten.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="districts"
    )
    level = models.CharField(
        _("Ebene"),
        max_length=20,
        choices=DistrictLevel.choices,
        default=DistrictLevel.DISTRICT,
        help_text=_("Stadt, Stadtteil/Ortsbezirk oder statistischer Bezirk."),
    )
    official_key = models.CharField(
        _("Amtlicher Schlüssel"),
        max_length=40,
        blank=True,
        help_text=_("Schlüssel der Statistikstelle (z. B. Ortsbezirksnummer oder ARS)."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("Übergeordnete Einheit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Die Einheit der nächsthöheren Ebene, zu der diese gehört."),
    )
    valid_from = models.DateField(_("Gültig ab"), null=True, blank=True)
    valid_to = models.DateField(
        _("Gültig bis"),
        null=True,
        blank=True,
        help_text=_("Leer lassen, solange die Einheit gilt; alte Einheiten bleiben erhalten."),
    )
    boundary = models.JSONField(
        _("Grenze (GeoJSON)"),
        null=True,
        blank=True,
        help_text=_("Polygon oder MultiPolygon in WGS 84 (EPSG:4326), als GeoJSON-Geometrie."),
    )
    boundary_is_schematic = models.BooleanField(
        _("Grenze ist schematisch"),
        default=False,
        help_text=_("Vereinfachte Darstellung, keine amtliche Grenze (wird auf Karten genannt)."),
    )

    class Meta(Category.Meta):
        verbose_name = _("Stadtteil")
        verbose_name_plural = _("Stadtteile")
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="network_district_unique_name",
                violation_error_message=_("Diesen Namen gibt es in diesem Projekt bereits."),
            )
        ]

    def clean(self):
        from network.boundaries import BoundaryError, validate_boundary

        super().clean()
        errors = {}
        if self.parent_id:
            if self.parent.project_id != self.project_id:
                errors["parent"] = _("Die übergeordnete Einheit gehört zu einem anderen Projekt.")
            elif self.pk and self.parent_id == self.pk:
                errors["parent"] = _("Eine Einheit kann nicht sich selbst übergeordnet sein.")
            elif LEVEL_ORDER[self.parent.level] >= LEVEL_ORDER[self.level]:
                errors["parent"] = _(
                    "Die übergeordnete Einheit muss auf einer höheren Ebene liegen."
                )
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("„Gültig bis“ liegt vor „Gültig ab“.")
        if self.boundary not in (None, "", {}):
            try:
                self.boundary = validate_boundary(self.boundary)
            except BoundaryError as error:
                errors["boundary"] = str(error)
        if errors:
            raise ValidationError(errors)


LEVEL_ORDER = {DistrictLevel.CITY: 0, DistrictLevel.DISTRICT: 1, DistrictLevel.STATISTICAL: 2}


class Institution(TimestampedModel, ClusterableModel):
    """A partner organisation: the nodes of the network.

    Institutions are not personal data; those marked ``public`` agreed to appear on the
    public partner map, together with the cooperations among themselves.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="institutions"
    )
    name = models.CharField(_("Name"), max_length=255)
    short_name = models.CharField(
        _("Kurzname"), max_length=60, blank=True, help_text=_("Abkürzung für die Netzwerkkarte.")
    )
    type = models.ForeignKey(
        InstitutionType,
        verbose_name=_("Typ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="institutions",
    )
    sectors = models.ManyToManyField(
        Sector, verbose_name=_("Handlungsfelder"), blank=True, related_name="institutions"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("Stadtteil"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="institutions",
    )
    address = models.TextField(_("Adresse"), blank=True)
    latitude = models.DecimalField(
        _("Breitengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("Längengrad"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("Website"), blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    target_groups = models.CharField(
        _("Zielgruppen"),
        max_length=255,
        blank=True,
        help_text=_("Zum Beispiel „Familien, Geflüchtete, Jugendliche“."),
    )
    languages = models.CharField(
        _("Sprachen"),
        max_length=255,
        blank=True,
        help_text=_("Sprachen, in denen beraten wird, durch Kommas getrennt."),
    )
    public = models.BooleanField(
        _("öffentlich"),
        default=False,
        help_text=_(
            "Die Institution hat zugestimmt, auf der öffentlichen Partnerkarte zu erscheinen."
        ),
    )
    active = models.BooleanField(_("aktiv"), default=True)
    archived_on = models.DateField(
        _("archiviert am"),
        null=True,
        blank=True,
        help_text=_("Nur bei nicht mehr aktiven Institutionen."),
    )

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Institution")
        verbose_name_plural = _("Institutionen")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                "project",
                Lower("name"),
                name="network_institution_unique_name",
                violation_error_message=_(
                    "Eine Institution mit diesem Namen gibt es in diesem Projekt bereits."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        self.name = (self.name or "").strip()
        if self.project_id and self.name:
            clash = Institution.objects.filter(
                project_id=self.project_id, name__iexact=self.name
            ).exclude(pk=self.pk)
            if clash.exists():
                errors["name"] = _(
                    "Eine Institution mit diesem Namen gibt es in diesem Projekt bereits."
                )
        for field in ("type", "district"):
            related = getattr(self, field)
            if related is not None and self.project_id and related.project_id != self.project_id:
                errors[field] = _("Diese Auswahl gehört nicht zu diesem Projekt.")
        if self.archived_on and self.active:
            errors["archived_on"] = _(
                "Eine archivierte Institution kann nicht aktiv sein. "
                "Bitte „aktiv“ abwählen oder das Datum leeren."
            )
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Bitte Breiten- und Längengrad gemeinsam angeben.")
        if errors:
            raise ValidationError(errors)


class ConsentMethod(models.TextChoices):
    """How a contact's consent to being stored was obtained."""

    WRITTEN = "schriftlich", _("schriftlich")
    EMAIL = "email", _("per E-Mail")
    ONLINE = "online", _("Online-Formular")
    ORAL = "muendlich", _("mündlich (dokumentiert)")


class Contact(TimestampedModel):
    """A person at one or more institutions: personal data, never public.

    Storing a contact needs consent, so the record keeps when, for what and how it was given.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("Name"), max_length=255)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=60, blank=True)
    languages = models.CharField(
        _("Sprachen"), max_length=255, blank=True, help_text=_("Durch Kommas getrennt.")
    )
    notes = models.TextField(_("Notizen"), blank=True)
    consent_date = models.DateField(
        _("Einwilligung am"),
        null=True,
        blank=True,
        help_text=_("Datum, an dem die Person der Speicherung zugestimmt hat."),
    )
    consent_purpose = models.CharField(
        _("Zweck der Einwilligung"),
        max_length=255,
        blank=True,
        help_text=_("Zum Beispiel „Kontaktpflege im Integrationsnetzwerk“."),
    )
    consent_method = models.CharField(
        _("Einwilligung eingeholt"),
        max_length=20,
        choices=ConsentMethod.choices,
        blank=True,
    )

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kontakt")
        verbose_name_plural = _("Kontakte")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.consent_date and not (self.consent_purpose and self.consent_method):
            raise ValidationError(
                {
                    "consent_purpose": _(
                        "Zur Einwilligung gehören Zweck und Art, wie sie eingeholt wurde."
                    )
                }
            )


class Membership(models.Model):
    """A contact's role in an institution over a period of time."""

    institution = ParentalKey(
        Institution,
        verbose_name=_("Institution"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    contact = models.ForeignKey(
        Contact, verbose_name=_("Kontakt"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("Funktion"), max_length=120, blank=True)
    start = models.DateField(_("von"), null=True, blank=True)
    end = models.DateField(_("bis"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Zugehörigkeit")
        verbose_name_plural = _("Zugehörigkeiten")
        ordering = ["contact__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True)
                | models.Q(start__isnull=True)
                | models.Q(end__gte=models.F("start")),
                name="network_membership_end_after_start",
                violation_error_message=_("Das Ende darf nicht vor dem Beginn liegen."),
            )
        ]

    def __str__(self):
        return f"{self.contact} – {self.institution}"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Das Ende darf nicht vor dem Beginn liegen.")
        if (
            self.contact_id
            and self.institution_id
            and self.contact.project_id != self.institution.project_id
        ):
            errors["contact"] = _("Der Kontakt gehört nicht zum Projekt dieser Institution.")
        if errors:
            raise ValidationError(errors)


class CooperationType(models.TextChoices):
    """Kinds of cooperation; referrals and funding point from giver to receiver."""

    COOPERATION = "kooperation", _("Kooperation/Projektpartnerschaft")
    INFORMATION = "information", _("Informationsaustausch")
    REFERRAL = "weitervermittlung", _("Weitervermittlung")
    FUNDING = "foerderung", _("Förderung/Finanzierung")
    ROOMS = "raumnutzung", _("Raumnutzung")
    NETWORK = "gremium", _("Gremium/gemeinsames Netzwerk")

    @property
    def directed(self):
        """True where the direction matters (source refers to / funds target)."""
        return self.value in DIRECTED_COOPERATION_TYPES

    @classmethod
    def directed_values(cls):
        """The values of the directed types, sorted."""
        return sorted(DIRECTED_COOPERATION_TYPES)


DIRECTED_COOPERATION_TYPES = frozenset(
    {CooperationType.REFERRAL.value, CooperationType.FUNDING.value}
)


class CooperationStatus(models.TextChoices):
    """Lifecycle of a cooperation."""

    PLANNED = "geplant", _("geplant")
    ACTIVE = "aktiv", _("aktiv")
    ENDED = "beendet", _("beendet")


class Provenance(models.TextChoices):
    """Where a cooperation record came from."""

    MANUAL = "manual", _("manuell erfasst")
    IMPORT = "import", _("importiert")
    SURVEY = "survey", _("aus Umfrage")


class Cooperation(TimestampedModel):
    """A tie between two institutions of one project: the edges of the network.

    For directed types (Weitervermittlung, Förderung/Finanzierung) ``source`` refers to or
    funds ``target``; for the others the order carries no meaning.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="cooperations"
    )
    source = models.ForeignKey(
        Institution,
        verbose_name=_("Institution"),
        on_delete=models.CASCADE,
        related_name="outgoing_cooperations",
        help_text=_("Bei Weitervermittlung und Förderung: die vermittelnde bzw. fördernde Seite."),
    )
    target = models.ForeignKey(
        Institution,
        verbose_name=_("Partnerinstitution"),
        on_delete=models.CASCADE,
        related_name="incoming_cooperations",
    )
    type = models.CharField(
        _("Art"),
        max_length=30,
        choices=CooperationType.choices,
        default=CooperationType.COOPERATION,
    )
    intensity = models.PositiveSmallIntegerField(
        _("Intensität"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = gelegentlich … 5 = sehr eng."),
    )
    valid_from = models.DateField(_("gültig ab"), null=True, blank=True)
    valid_to = models.DateField(_("gültig bis"), null=True, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=CooperationStatus.choices,
        default=CooperationStatus.ACTIVE,
    )
    description = models.TextField(_("Beschreibung"), blank=True)
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("beteiligte Kontakte"), blank=True, related_name="cooperations"
    )
    provenance = models.CharField(
        _("Herkunft"), max_length=20, choices=Provenance.choices, default=Provenance.MANUAL
    )
    confirmed = models.BooleanField(
        _("bestätigt"),
        default=True,
        help_text=_("Unbestätigte Kooperationen (z. B. aus Umfragen) stehen in der Prüfliste."),
    )

    objects = ProjectScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kooperation")
        verbose_name_plural = _("Kooperationen")
        ordering = ["-valid_from", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")),
                name="network_cooperation_no_self_loop",
                violation_error_message=_(
                    "Eine Kooperation verbindet zwei verschiedene Institutionen."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(intensity__gte=1, intensity__lte=5),
                name="network_cooperation_intensity_range",
                violation_error_message=_("Die Intensität liegt zwischen 1 und 5."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="network_cooperation_valid_to_after_from",
                violation_error_message=_("„gültig bis“ darf nicht vor „gültig ab“ liegen."),
            ),
        ]
        indexes = [
            models.Index(fields=["project", "status", "type"], name="network_coop_proj_status"),
        ]

    def __str__(self):
        arrow = "→" if self.directed else "↔"
        return f"{self.source} {arrow} {self.target} ({self.get_type_display()})"

    @property
    def directed(self):
        """Whether this cooperation's type has a direction."""
        return self.type in DIRECTED_COOPERATION_TYPES

    def duplicates(self):
        """Other active cooperations of the same type between the same pair."""
        pair = models.Q(source_id=self.source_id, target_id=self.target_id)
        if not self.directed:
            pair |= models.Q(source_id=self.target_id, target_id=self.source_id)
        return (
            Cooperation.objects.filter(pair, type=self.type, status=CooperationStatus.ACTIVE)
            .exclude(pk=self.pk)
            .order_by("pk")
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.source_id and self.target_id and self.source_id == self.target_id:
            errors["target"] = _("Eine Kooperation verbindet zwei verschiedene Institutionen.")
        if self.project_id:
            for field in ("source", "target"):
                if getattr(self, f"{field}_id") and field not in errors:
                    if getattr(self, field).project_id != self.project_id:
                        errors[field] = _("Diese Institution gehört nicht zu diesem Projekt.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("„gültig bis“ darf nicht vor „gültig ab“ liegen.")
        if (
            not errors
            and self.source_id
            and self.target_id
            and self.status == CooperationStatus.ACTIVE
            and self.duplicates().exists()
        ):
            errors["type"] = _(
                "Zwischen diesen Institutionen gibt es bereits eine aktive Kooperation "
                "der Art „%(type)s“."
            ) % {"type": self.get_type_display()}
        if errors:
            raise ValidationError(errors)


class NetworkLogEntryManager(BaseLogEntryManager):
    """Audit log of network data, readable only inside one's own projects."""

    def log_action(self, instance, action, **kwargs):
        kwargs.update(object_id=str(instance.pk), project_id=_project_id_of(instance))
        return super().log_action(instance, action, **kwargs)

    def for_instance(self, instance):
        return self.filter(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
        )

    def viewable_by_user(self, user):
        """Entries of the projects ``user`` manages, for models they hold a permission on.

        Computed here rather than by Wagtail's base method, whose per-user cache of
        permitted content types depends on which log model it was first asked about.
        """
        if user.is_superuser:
            return self.all()
        content_types = [
            ContentType.objects.get_for_model(model).pk
            for model in (Institution, Contact, Membership, Cooperation, InstitutionType)
            + (Sector, District)
            if any(
                user.has_perm(f"network.{action}_{model._meta.model_name}")
                for action in ("view", "add", "change", "delete")
            )
        ]
        projects = Project.objects.for_user(user, role="manager")
        return self.filter(content_type_id__in=content_types, project__in=projects)


def _project_id_of(instance):
    project_id = getattr(instance, "project_id", None)
    if project_id is None and isinstance(instance, Membership):
        project_id = instance.institution.project_id
    return project_id


class NetworkLogEntry(BaseLogEntry):
    """Who changed which network record when; entries carry the record's project.

    Wagtail's site-wide history report shows a manager only the entries of the projects
    they manage, so names of another project's contacts never appear there.
    """

    object_id = models.CharField(max_length=255, db_index=True)
    project = models.ForeignKey(
        Project,
        verbose_name=_("Projekt"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = NetworkLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("Protokolleintrag (Netzwerk)")
        verbose_name_plural = _("Protokolleinträge (Netzwerk)")
