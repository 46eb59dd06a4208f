"""Surveys, their questions, invitations and responses; the SurveyPage that publishes them."""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PreviewableMixin

from cms.mixins import SiteContextMixin
from cms.projects import Project
from surveys.admin_forms import SurveyAdminForm

__all__ = [
    "Answer",
    "Invitation",
    "Question",
    "QuestionKind",
    "Response",
    "Survey",
    "SurveyAccess",
    "SurveyPage",
    "SurveyStatus",
    "hash_token",
]

#: Languages a survey can be offered in besides German, with their own text columns.
EXTRA_LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "de"]
#: The label stored for the free "Sonstiges" answer of a multiple-choice question.
OTHER_CHOICE = "Sonstiges"
#: Default labels of a Likert scale (German, stored; translations per question).
DEFAULT_LIKERT_LABELS = [
    "stimme gar nicht zu",
    "stimme eher nicht zu",
    "teils/teils",
    "stimme eher zu",
    "stimme voll zu",
]


def hash_token(token):
    """SHA-256 hex digest of an invitation token; only this digest is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token():
    """A fresh invitation token with 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def split_lines(text):
    """Non-empty, stripped lines of a multi-line text field."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def add_translated_fields(model, names):
    """Add ``<name>_<code>`` copies of text fields for every extra language.

    Translations live in the row itself, so answers and results always refer to one
    survey whatever the language it was answered in; an empty translation falls back
    to German.
    """
    for name in names:
        source = model._meta.get_field(name)
        for code, language in EXTRA_LANGUAGES:
            field = type(source)(
                format_lazy("{} ({})", source.verbose_name, language),
                blank=True,
                **({"max_length": source.max_length} if source.max_length else {}),
            )
            model.add_to_class(f"{name}_{code}", field)


class TranslatedTextMixin:
    """Read a text field in the active survey language, falling back to German."""

    def translated(self, name, language):
        if language and language != "de":
            value = getattr(self, f"{name}_{language}", "")
            if value:
                return value
        return getattr(self, name)


class SurveyStatus(models.TextChoices):
    """Lifecycle of a survey."""

    DRAFT = "entwurf", _("Entwurf")
    OPEN = "offen", _("offen")
    CLOSED = "geschlossen", _("geschlossen")


class SurveyAccess(models.TextChoices):
    """Who may answer."""

    OPEN = "offen", _("Offener Link (jede Person)")
    INVITATIONS = "einladung", _("Nur mit Einladungslink (einmal nutzbar)")


class SurveyQuerySet(models.QuerySet):
    """Surveys visible to a user: those of the projects they edit or manage."""

    def for_user(self, user):
        return self.filter(project__in=Project.objects.for_user(user))

    def for_project(self, project):
        return self.filter(project=project)


class Survey(TranslatedTextMixin, PreviewableMixin, ClusterableModel):
    """A participation survey of one project.

    A cluster (survey + ordered questions) so that the Wagtail editor can build and
    preview the whole survey before anything is saved. Sections are items of the
    same ordered list ("Neuer Abschnitt"): nested inline panels are not supported by
    Wagtail's editor, and one list keeps ordering and display conditions in view.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("Projekt"), on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("Titel"), max_length=255)
    intro = models.TextField(
        _("Einleitung"), blank=True, help_text=_("Steht über dem ersten Schritt der Umfrage.")
    )
    thank_you = models.TextField(
        _("Dankestext"),
        blank=True,
        default="Vielen Dank für Ihre Teilnahme!",
        help_text=_("Erscheint nach dem Absenden."),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_at = models.DateTimeField(
        _("beginnt am"), null=True, blank=True, help_text=_("Leer: sofort, sobald offen.")
    )
    closes_at = models.DateTimeField(
        _("endet am"), null=True, blank=True, help_text=_("Leer: bis der Status „geschlossen“ ist.")
    )
    access = models.CharField(
        _("Zugang"), max_length=20, choices=SurveyAccess.choices, default=SurveyAccess.OPEN
    )
    anonymous = models.BooleanField(
        _("anonym"),
        default=True,
        help_text=_(
            "Anonym: Antworten werden keiner Einladung und keiner Institution zugeordnet. "
            "Netzwerk-Umfragen (Einladungen je Institution mit Institutionsauswahl) sind "
            "nicht anonym: nur so entstehen Kooperationsvorschläge."
        ),
    )
    languages = models.JSONField(
        _("weitere Sprachen"),
        default=list,
        blank=True,
        help_text=_("Sprachen, in denen die Umfrage außer Deutsch angeboten wird."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("Mindestgröße von Gruppen"),
        default=5,
        help_text=_(
            "Auswertungen von Gruppen mit weniger Antworten werden nicht gezeigt, "
            "damit niemand erkennbar wird."
        ),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = SurveyQuerySet.as_manager()

    settings_panels = [
        FieldPanel("project"),
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("thank_you"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldRowPanel([FieldPanel("access"), FieldPanel("anonymous")]),
        FieldPanel("languages"),
        FieldPanel("min_group_size"),
    ]
    question_panels = [InlinePanel("questions", label=_("Frage oder Abschnitt"))]

    class Meta:
        verbose_name = _("Umfrage")
        verbose_name_plural = _("Umfragen")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    # --- state ---------------------------------------------------------------------------

    def availability(self, now=None):
        """``"draft"``, ``"not_yet_open"``, ``"closed"`` or ``"open"`` at ``now``."""
        now = now or timezone.now()
        if self.status == SurveyStatus.DRAFT:
            return "draft"
        if self.status == SurveyStatus.CLOSED or (self.closes_at and now >= self.closes_at):
            return "closed"
        if self.opens_at and now < self.opens_at:
            return "not_yet_open"
        return "open"

    @property
    def offered_languages(self):
        """German first, then the extra languages chosen by the editors that have an interface."""
        known = {code for code, _name in EXTRA_LANGUAGES if code in settings.INTERFACE_LANGUAGES}
        return ["de"] + [code for code in self.languages or [] if code in known]

    @property
    def is_network_survey(self):
        """Invitations name the respondent's institution, so picker answers become ties."""
        return self.access == SurveyAccess.INVITATIONS and not self.anonymous

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("Das Ende muss nach dem Beginn liegen.")})
        if self.min_group_size < 2:
            raise ValidationError(
                {"min_group_size": _("Gruppen müssen mindestens 2 Antworten umfassen.")}
            )
        if not self.anonymous and self.access != SurveyAccess.INVITATIONS:
            raise ValidationError({"anonymous": _("Nicht anonym geht nur mit Einladungslinks.")})

    # --- preview ---------------------------------------------------------------------------

    def get_preview_template(self, request, mode_name):
        return "surveys/survey_preview.html"

    def get_preview_context(self, request, mode_name):
        from cms.services import site_context
        from surveys.flow import preview_steps

        language = request.GET.get("lang") or "de"
        return {
            "survey": self,
            "steps": preview_steps(self, language),
            "language": language,
            **site_context(request),
        }


class QuestionKind(models.TextChoices):
    """Question types; a section starts a new step of the survey."""

    SECTION = "abschnitt", _("Neuer Abschnitt (nächster Schritt)")
    SINGLE = "einfach", _("Einfachauswahl")
    MULTIPLE = "mehrfach", _("Mehrfachauswahl")
    LIKERT = "likert", _("Likert-Skala")
    RATING = "bewertung", _("Bewertung (Skala)")
    SHORT_TEXT = "kurztext", _("Kurzer Text")
    LONG_TEXT = "langtext", _("Langer Text")
    NUMBER = "zahl", _("Zahl")
    DATE = "datum", _("Datum")
    DISTRICT = "stadtteil", _("Stadtteil")
    INSTITUTIONS = "institutionen", _("Institutionen aus dem Netzwerk")


#: Kinds whose answers are categories (filters and cross-tabulations use them).
CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.DISTRICT}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}
SCALE_KINDS = {QuestionKind.RATING, QuestionKind.NUMBER}


class RatingScale(models.TextChoices):
    FIVE = "1-5", _("1 bis 5")
    TEN = "0-10", _("0 bis 10")


class Question(TranslatedTextMixin, Orderable):
    """One question (or section heading) of a survey, in the order editors gave."""

    survey = ParentalKey(Survey, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(
        _("Art"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    key = models.SlugField(
        _("Kennung"),
        max_length=40,
        help_text=_(
            "Kurze, eindeutige Kennung, z. B. „angebote“; erscheint im Export und in "
            "Anzeigebedingungen."
        ),
    )
    text = models.CharField(
        _("Frage"), max_length=500, help_text=_("Bei einem Abschnitt: seine Überschrift.")
    )
    help_text = models.TextField(
        _("Hilfetext"), blank=True, help_text=_("Bei einem Abschnitt: einleitender Text.")
    )
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    choices = models.TextField(
        _("Antwortmöglichkeiten"),
        blank=True,
        help_text=_("Eine pro Zeile. Bei der Likert-Skala: die Aussagen (leer: die Frage selbst)."),
    )
    allow_other = models.BooleanField(
        _("„Sonstiges: ___“ anbieten"), default=False, help_text=_("Nur bei Mehrfachauswahl.")
    )
    shuffle_choices = models.BooleanField(
        _("Antworten zufällig anordnen"),
        default=False,
        help_text=_("Jede teilnehmende Person sieht eine eigene, feste Reihenfolge."),
    )
    scale_labels = models.TextField(
        _("Skalenbeschriftungen"),
        blank=True,
        help_text=_(
            "Likert-Skala: eine Stufe pro Zeile, von niedrig nach hoch "
            "(leer: „stimme gar nicht zu“ … „stimme voll zu“)."
        ),
    )
    rating_scale = models.CharField(
        _("Bewertungsskala"), max_length=5, choices=RatingScale.choices, default=RatingScale.FIVE
    )
    min_value = models.DecimalField(
        _("kleinster Wert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("größter Wert"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    condition_key = models.SlugField(
        _("Nur zeigen, wenn Frage …"),
        max_length=40,
        blank=True,
        help_text=_("Kennung einer früheren Auswahlfrage."),
    )
    condition_value = models.CharField(_("… diese Antwort hat"), max_length=255, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("key"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("help_text"),
        MultiFieldPanel(
            [
                FieldPanel("choices"),
                FieldRowPanel([FieldPanel("allow_other"), FieldPanel("shuffle_choices")]),
                FieldPanel("scale_labels"),
                FieldRowPanel(
                    [FieldPanel("rating_scale"), FieldPanel("min_value"), FieldPanel("max_value")]
                ),
            ],
            heading=_("Antworten"),
        ),
        FieldRowPanel(
            [FieldPanel("condition_key"), FieldPanel("condition_value")],
            heading=_("Anzeigebedingung"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Frage")
        verbose_name_plural = _("Fragen")

    def __str__(self):
        return self.text

    @property
    def is_section(self):
        return self.kind == QuestionKind.SECTION

    def choice_list(self, language="de"):
        """``(stored value, label shown)`` pairs; translations pair up line by line."""
        values = split_lines(self.choices)
        labels = split_lines(self.translated("choices", language))
        if len(labels) != len(values):
            labels = values
        return list(zip(values, labels, strict=True))

    def likert_items(self, language="de"):
        """Statements of a Likert question; the question text itself when none are given."""
        items = self.choice_list(language)
        return items or [(self.text, self.translated("text", language))]

    def scale(self, language="de"):
        """``(value, label)`` steps of a Likert scale, numbered from 1."""
        values = split_lines(self.scale_labels) or DEFAULT_LIKERT_LABELS
        labels = split_lines(self.translated("scale_labels", language))
        if len(labels) != len(values):
            labels = values
        return list(enumerate(labels, start=1))

    def rating_range(self):
        return range(0, 11) if self.rating_scale == RatingScale.TEN else range(1, 6)

    def clean(self):
        super().clean()
        errors = {}
        needs_choices = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
        if self.kind in needs_choices and len(split_lines(self.choices)) < 2:
            errors["choices"] = _("Bitte mindestens zwei Antwortmöglichkeiten angeben.")
        if len(set(split_lines(self.choices))) != len(split_lines(self.choices)):
            errors["choices"] = _("Jede Antwortmöglichkeit darf nur einmal vorkommen.")
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.max_value < self.min_value
        ):
            errors["max_value"] = _("Der größte Wert darf nicht kleiner als der kleinste sein.")
        if bool(self.condition_key) != bool(self.condition_value):
            errors["condition_value"] = _(
                "Für eine Anzeigebedingung bitte Kennung und Antwort angeben."
            )
        if errors:
            raise ValidationError(errors)


add_translated_fields(Survey, ["title", "intro", "thank_you"])
add_translated_fields(Question, ["text", "help_text", "choices", "scale_labels"])

Question.panels = Question.panels + [
    MultiFieldPanel(
        [
            FieldPanel(f"{name}_{code}")
            for code, _language in EXTRA_LANGUAGES
            for name in ("text", "help_text", "choices", "scale_labels")
        ],
        heading=_("Übersetzungen"),
        classname="collapsed",
    )
]

Survey.translation_panels = [
    MultiFieldPanel(
        [FieldPanel(f"{name}_{code}") for name in ("title", "intro", "thank_you")],
        heading=language,
    )
    for code, language in EXTRA_LANGUAGES
]


class Invitation(models.Model):
    """A single-use invitation link; only the hash of its token is stored.

    ``used`` records participation and nothing else: in an anonymous survey no
    response refers to an invitation, and no time of use is kept.
    """

    survey = models.ForeignKey(
        Survey, verbose_name=_("Umfrage"), on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(_("Prüfsumme des Schlüssels"), max_length=64, unique=True)
    institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("Institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    label = models.CharField(_("Bezeichnung"), max_length=255, blank=True)
    used = models.BooleanField(_("genutzt"), default=False)
    created_on = models.DateField(_("erstellt am"), default=timezone.localdate)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["pk"]

    def __str__(self):
        return self.label or str(self.institution or self.pk)


class Response(models.Model):
    """One submitted questionnaire.

    Deliberately holds no IP address, user agent, session or user, and only the day
    of submission. ``submission_key`` is a random value from the answering form that
    makes a repeated submit of the same form store nothing twice.
    """

    survey = models.ForeignKey(
        Survey, verbose_name=_("Umfrage"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField(_("abgegeben am"))
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    institution = models.ForeignKey(
        "network.Institution",
        verbose_name=_("antwortende Institution"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Nur bei nicht anonymen Netzwerk-Umfragen."),
    )
    submission_key = models.UUIDField(_("Absendeschlüssel"), editable=False)

    class Meta:
        verbose_name = _("Antwortbogen")
        verbose_name_plural = _("Antwortbögen")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "submission_key"], name="surveys_response_once_per_form"
            )
        ]
        indexes = [models.Index(fields=["survey", "submitted_on"], name="surveys_resp_day")]

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    """One answer value; a multiple-choice or Likert question gives one row per choice.

    Flat columns (choice, number, text, date) keep every aggregation in SQL.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(_("Auswahl"), max_length=500, blank=True)
    number = models.DecimalField(_("Zahl"), max_digits=14, decimal_places=2, null=True)
    text = models.TextField(_("Text"), blank=True)
    date = models.DateField(_("Datum"), null=True)
    district = models.ForeignKey(
        "network.District", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    institution = models.ForeignKey(
        "network.Institution", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Antwort")
        verbose_name_plural = _("Antworten")
        ordering = ["pk"]
        indexes = [models.Index(fields=["question", "choice"], name="surveys_answer_choice")]

    def __str__(self):
        return f"{self.question.key}: {self.choice or self.number or self.text or self.date}"


class SurveyPage(RoutablePageMixin, SiteContextMixin, Page):
    """Publishes one survey of the site's project; optionally its results too."""

    survey = models.ForeignKey(
        Survey,
        verbose_name=_("Umfrage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pages",
        help_text=_("Eine Umfrage des Projekts dieser Website."),
    )
    show_results = models.BooleanField(
        _("Ergebnisse öffentlich zeigen"),
        default=False,
        help_text=_("Zeigt unter …/ergebnisse/ Diagramme und Tabellen (kleine Gruppen verborgen)."),
    )

    content_panels = Page.content_panels + [FieldPanel("survey"), FieldPanel("show_results")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Umfrageseite")
        verbose_name_plural = _("Umfrageseiten")

    @cached_property
    def project(self):
        site = self.get_site()
        return Project.objects.for_site(site) if site else None

    def clean(self):
        super().clean()
        if self.survey_id:
            site = self.get_site() if self.pk else None
            if site is None and self.get_parent() is not None:
                site = self.get_parent().get_site()
            project = Project.objects.for_site(site) if site else None
            if project is not None and self.survey.project_id != project.pk:
                raise ValidationError(
                    {"survey": _("Diese Umfrage gehört zu einem anderen Projekt.")}
                )

    def live_survey(self):
        if self.survey is None:
            raise Http404
        return self.survey

    @path("")
    def answer(self, request):
        from surveys.views import answer_survey

        return answer_survey(request, self, token=None)

    @path("t/<str:token>/")
    def answer_with_token(self, request, token):
        from surveys.views import answer_survey

        return answer_survey(request, self, token=token)

    @path("ergebnisse/")
    def results(self, request):
        from surveys.views import public_results

        return public_results(request, self)


Survey.edit_handler = TabbedInterface(
    [
        ObjectList(Survey.settings_panels, heading=_("Umfrage")),
        ObjectList(Survey.question_panels, heading=_("Fragen")),
        ObjectList(Survey.translation_panels, heading=_("Übersetzungen")),
    ],
    base_form_class=SurveyAdminForm,
)
