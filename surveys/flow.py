"""Answering a survey step by step without JavaScript: steps, step forms and signed state.

Nothing reaches the database before the final submit: the answers given so far travel
with the form as signed hidden state (``django.core.signing``), so back and next work
in any browser, in several tabs, and without a session.
"""

import random
import time
import uuid
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django import forms
from django.core import signing
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from surveys.models import OTHER_CHOICE, QuestionKind

__all__ = [
    "STATE_FIELD",
    "AnswerState",
    "Step",
    "StepForm",
    "SurveyContext",
    "build_steps",
    "clean_answers",
    "is_visible",
    "preview_steps",
    "visible_steps",
]

STATE_FIELD = "state"
STATE_SALT = "surveys.flow.state"
#: Answering state older than this is refused (the resident starts again).
STATE_MAX_AGE = 60 * 60 * 24


def german_number(value):
    """A stored limit as people write it: ``Decimal("14.00")`` → ``"14"``, ``3.50`` → ``"3,5"``.

    >>> from decimal import Decimal
    >>> german_number(Decimal("14.00")), german_number(Decimal("3.50")), german_number(110)
    ('14', '3,5', '110')
    """
    text = format(Decimal(value).normalize(), "f")
    return text.replace(".", ",")


@dataclass
class Step:
    """One page of the survey: an optional section heading and its questions."""

    section: object
    questions: list


def build_steps(questions):
    """Group the ordered questions into steps; every section item starts a new step.

    >>> from types import SimpleNamespace as Q
    >>> steps = build_steps([Q(kind="einfach"), Q(kind="abschnitt"), Q(kind="zahl")])
    >>> [len(step.questions) for step in steps]
    [1, 1]
    """
    steps = []
    current = None
    for question in questions:
        if question.kind == QuestionKind.SECTION:
            current = Step(section=question, questions=[])
            steps.append(current)
            continue
        if current is None:
            current = Step(section=None, questions=[])
            steps.append(current)
        current.questions.append(question)
    return [step for step in steps if step.questions]


def answer_matches(value, expected):
    """Does a stored answer (single value or multiple-choice dict) contain ``expected``?"""
    if isinstance(value, dict):
        return expected in value.get("c", [])
    return value == expected


def is_visible(question, answers):
    """A question with a display condition shows only when the earlier answer matches."""
    if not question.condition_key:
        return True
    return answer_matches(answers.get(question.condition_key), question.condition_value)


def visible_steps(steps, answers):
    """Steps with at least one question visible under the answers given so far."""
    result = []
    for step in steps:
        shown = [q for q in step.questions if is_visible(q, answers)]
        if shown:
            result.append(Step(section=step.section, questions=shown))
    return result


def clean_answers(steps, answers):
    """Drop answers of questions hidden by later changes, in question order.

    Conditions refer to earlier questions only, so one pass in order settles them.
    """
    kept = {}
    for step in steps:
        for question in step.questions:
            if question.key in answers and is_visible(question, kept):
                kept[question.key] = answers[question.key]
    return kept


@dataclass
class SurveyContext:
    """What the step forms need besides the questions: the project's places and partners."""

    districts: list = field(default_factory=list)
    institutions: list = field(default_factory=list)  # [(id, name)]
    own_institution_id: int | None = None

    @classmethod
    def for_survey(cls, survey, own_institution_id=None, questions=None):
        """Choices the survey's questions need; ``questions`` saves loading them again."""
        from network.models import District, Institution

        kinds = {q.kind for q in (survey.questions.all() if questions is None else questions)}
        districts = []
        institutions = []
        if QuestionKind.DISTRICT in kinds:
            districts = list(
                District.objects.filter(project_id=survey.project_id)
                .order_by("name")
                .values_list("name", flat=True)
            )
        if QuestionKind.INSTITUTIONS in kinds:
            offered = Institution.objects.filter(project_id=survey.project_id)
            # Invited institutions of a network survey see the whole network; everyone else
            # only the institutions that agreed to appear in public (as on the partner map).
            offered = (
                offered.filter(active=True)
                if survey.is_network_survey
                else (offered.shown_in_public())
            )
            institutions = [
                (pk, name)
                for pk, name in offered.order_by("name", "pk").values_list("pk", "name")
                if pk != own_institution_id
            ]
        return cls(districts, institutions, own_institution_id)


@dataclass
class AnswerState:
    """Everything the resident has done so far; signed into a hidden form field."""

    survey_id: int
    step: int = 0
    answers: dict = field(default_factory=dict)
    language: str = "de"
    seed: int = 0
    key: str = ""
    started: float = 0.0
    token: str | None = None

    @classmethod
    def start(cls, survey, language="de", token=None):
        return cls(
            survey_id=survey.pk,
            language=language,
            seed=random.SystemRandom().randrange(1 << 30),
            key=str(uuid.uuid4()),
            started=time.time(),
            token=token,
        )

    @staticmethod
    def for_new_respondent(value):
        """The signed state ``value`` (a first step's) made fresh: own key, seed and start time.

        Lets a stored first step serve every respondent (see :mod:`cms.cache`); ``""`` when
        ``value`` is not a state this site signed.
        """
        try:
            payload = signing.loads(value, salt=STATE_SALT)
        except signing.BadSignature:
            return ""
        payload.update(
            k=str(uuid.uuid4()), r=random.SystemRandom().randrange(1 << 30), t0=time.time()
        )
        return signing.dumps(payload, salt=STATE_SALT, compress=True)

    def dumps(self):
        payload = {
            "s": self.survey_id,
            "p": self.step,
            "a": self.answers,
            "l": self.language,
            "r": self.seed,
            "k": self.key,
            "t0": self.started,
            "tok": self.token,
        }
        return signing.dumps(payload, salt=STATE_SALT, compress=True)

    @classmethod
    def loads(cls, value, survey):
        """Read signed state; ``None`` when it is missing, forged, stale or for another survey."""
        try:
            payload = signing.loads(value or "", salt=STATE_SALT, max_age=STATE_MAX_AGE)
            state = cls(
                survey_id=int(payload["s"]),
                step=int(payload["p"]),
                answers=dict(payload["a"]),
                language=str(payload["l"]),
                seed=int(payload["r"]),
                key=str(uuid.UUID(payload["k"])),
                started=float(payload["t0"]),
                token=payload.get("tok"),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None
        if state.survey_id != survey.pk:
            return None
        return state


# Marked for extraction here, translated when a form is built (in the survey's language).
REQUIRED = gettext_noop("Bitte beantworten Sie diese Frage.")


def _messages(**extra):
    return {"required": _(REQUIRED), **extra}


def ordered_choices(question, language, seed):
    """Choices in the order this respondent sees them (shuffled with a per-respondent seed)."""
    pairs = question.choice_list(language)
    if question.shuffle_choices:
        random.Random(f"{seed}:{question.key}").shuffle(pairs)
    return pairs


def ordered_likert_items(question, language, seed):
    """Likert statements ``(stored German text, shown text)`` in this respondent's order."""
    items = question.likert_items(language)
    if question.shuffle_choices:
        random.Random(f"{seed}:{question.key}").shuffle(items)
    return items


class StepForm(forms.Form):
    """The form of one step; field names derive from the question keys.

    Answers come out of :meth:`answers` in the compact form kept in the state:
    single choice and district ``"label"``, multiple choice ``{"c": [...], "o": "..."}``,
    Likert ``{"statement": level}``, rating ``int``, number ``"12.5"``, date ``"2026-05-01"``,
    institutions ``{"<id>": intensity}``, texts ``"..."``.
    """

    def __init__(self, step, context, language="de", seed=0, answers=None, **kwargs):
        super().__init__(**kwargs)
        self.step = step
        self.context = context
        self.language = language
        self.seed = seed
        answers = answers or {}
        self.items = []
        #: Chosen institutions whose intensity has not been asked yet (see ``clean``).
        self.pending_intensities = []
        for question in step.questions:
            self._add_question(question, answers.get(question.key))

    # --- building -------------------------------------------------------------------------

    def _add_question(self, question, value):
        lang = self.language
        name = f"q_{question.key}"
        required = question.required
        kind = question.kind
        label = question.translated("text", lang)
        if kind == QuestionKind.SINGLE:
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=required,
                choices=ordered_choices(question, lang, self.seed),
                error_messages=_messages(invalid_choice=_("Bitte wählen Sie eine der Antworten.")),
                widget=forms.RadioSelect,
                initial=value,
            )
        elif kind == QuestionKind.MULTIPLE:
            choices = ordered_choices(question, lang, self.seed)
            if question.allow_other:
                choices.append((OTHER_CHOICE, _("Sonstiges")))
                self.fields[f"{name}__other"] = forms.CharField(
                    label=_("Sonstiges, und zwar"),
                    required=False,
                    max_length=500,
                    initial=(value or {}).get("o", ""),
                )
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                required=required,
                choices=choices,
                error_messages=_messages(
                    invalid_choice=_("Bitte wählen Sie nur angebotene Antworten.")
                ),
                widget=forms.CheckboxSelectMultiple,
                initial=(value or {}).get("c", []),
            )
        elif kind == QuestionKind.LIKERT:
            scale = [(str(level), text) for level, text in question.scale(lang)]
            items = ordered_likert_items(question, lang, self.seed)
            for index, (stored, shown) in enumerate(items):
                self.fields[f"{name}__{index}"] = forms.TypedChoiceField(
                    label=shown,
                    required=required,
                    choices=scale,
                    coerce=int,
                    error_messages=_messages(
                        invalid_choice=_("Bitte wählen Sie eine Stufe der Skala.")
                    ),
                    widget=forms.RadioSelect,
                    initial=str((value or {}).get(stored, "")),
                )
        elif kind == QuestionKind.RATING:
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                required=required,
                choices=[(str(n), str(n)) for n in question.rating_range()],
                coerce=int,
                error_messages=_messages(
                    invalid_choice=_("Bitte wählen Sie einen Wert der Skala.")
                ),
                widget=forms.RadioSelect,
                initial=None if value is None else str(value),
            )
        elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            long = kind == QuestionKind.LONG_TEXT
            self.fields[name] = forms.CharField(
                label=label,
                required=required,
                max_length=5000 if long else 255,
                widget=forms.Textarea if long else forms.TextInput,
                error_messages=_messages(
                    max_length=_("Bitte höchstens %(limit_value)d Zeichen eingeben.")
                ),
                initial=value or "",
            )
        elif kind == QuestionKind.NUMBER:
            validators = []
            messages = _messages(invalid=_("Bitte geben Sie eine Zahl ein, z. B. 12 oder 3,5."))
            if question.min_value is not None:
                validators.append(MinValueValidator(question.min_value))
                messages["min_value"] = _("Bitte geben Sie eine Zahl ab %(limit)s ein.") % {
                    "limit": german_number(question.min_value)
                }
            if question.max_value is not None:
                validators.append(MaxValueValidator(question.max_value))
                messages["max_value"] = _("Bitte geben Sie eine Zahl bis %(limit)s ein.") % {
                    "limit": german_number(question.max_value)
                }
            self.fields[name] = GermanDecimalField(
                label=label,
                required=required,
                max_digits=12,
                decimal_places=2,
                min_value=question.min_value,
                max_value=question.max_value,
                error_messages={
                    **messages,
                    "max_digits": _("Diese Zahl ist zu groß."),
                    "max_decimal_places": _("Bitte höchstens zwei Nachkommastellen angeben."),
                    "max_whole_digits": _("Diese Zahl ist zu groß."),
                },
                initial=value,
            )
        elif kind == QuestionKind.DATE:
            self.fields[name] = forms.DateField(
                label=label,
                required=required,
                input_formats=["%Y-%m-%d", "%d.%m.%Y"],
                error_messages=_messages(
                    invalid=_("Bitte geben Sie ein gültiges Datum ein, z. B. 31.12.2026.")
                ),
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                initial=value,
            )
        elif kind == QuestionKind.DISTRICT:
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=required,
                choices=[("", _("Bitte wählen"))] + [(d, d) for d in self.context.districts],
                error_messages=_messages(invalid_choice=_("Bitte wählen Sie einen Stadtteil.")),
                initial=value,
            )
        elif kind == QuestionKind.INSTITUTIONS:
            # One choice of institutions; an intensity only for the chosen ones (their fields
            # exist for every offered institution, the template shows those of the chosen).
            chosen = value or {}
            self.fields[name] = forms.MultipleChoiceField(
                label=label,
                required=required,
                choices=[(str(pk), inst_name) for pk, inst_name in self.context.institutions],
                error_messages=_messages(
                    required=_("Bitte wählen Sie mindestens eine Institution."),
                    invalid_choice=_("Bitte wählen Sie nur angebotene Institutionen."),
                ),
                widget=forms.CheckboxSelectMultiple,
                initial=list(chosen),
            )
            levels = [("", _("Bitte wählen"))] + [(str(n), text) for n, text in intensity_labels()]
            for pk, inst_name in self.context.institutions:
                self.fields[f"{name}__{pk}"] = forms.TypedChoiceField(
                    label=inst_name,
                    required=False,
                    choices=levels,
                    coerce=int,
                    empty_value=None,
                    error_messages={"invalid_choice": _("Bitte wählen Sie eine Intensität.")},
                    initial=str(chosen.get(str(pk)) or ""),
                )
        self.items.append(question)

    # --- validation -----------------------------------------------------------------------

    def clean(self):
        cleaned = super().clean()
        for question in self.step.questions:
            name = f"q_{question.key}"
            if question.kind == QuestionKind.MULTIPLE and question.allow_other:
                chosen = cleaned.get(name) or []
                other = (cleaned.get(f"{name}__other") or "").strip()
                if other and OTHER_CHOICE not in chosen and name not in self.errors:
                    cleaned[name] = [*chosen, OTHER_CHOICE]
                    self.errors.pop(name, None)
                elif OTHER_CHOICE in chosen and not other:
                    self.add_error(
                        f"{name}__other", _("Bitte beschreiben Sie „Sonstiges“ in einigen Worten.")
                    )
            if question.kind == QuestionKind.INSTITUTIONS:
                self._check_intensities(question)
        return cleaned

    def _check_intensities(self, question):
        """Every chosen institution needs an intensity, asked once it was chosen.

        An intensity field sent back (even empty) was on the page: leaving it empty is an
        error. One not sent back was not shown yet (a choice made without JavaScript): the
        step is shown again with it, without an error (``pending_intensities``).
        """
        name = f"q_{question.key}"
        for pk in self.cleaned_data.get(name) or []:
            field = f"{name}__{pk}"
            if self.cleaned_data.get(field) is not None or field in self.errors:
                continue
            if self.add_prefix(field) in self.data:
                self.add_error(field, _("Bitte wählen Sie, wie oft oder wie eng."))
            else:
                self.pending_intensities.append(pk)

    def shown_institutions(self, question):
        """Ids (text) of the institutions whose intensity field is shown: the chosen ones."""
        name = f"q_{question.key}"
        if self.is_bound:
            offered = {str(pk) for pk, _n in self.context.institutions}
            sent = self.fields[name].widget.value_from_datadict(
                self.data, self.files, self.add_prefix(name)
            )
            return [pk for pk in sent or [] if pk in offered]
        return [str(pk) for pk in self.fields[name].initial]

    def answers(self):
        """The valid answers of this step, encoded for the state (empty answers omitted)."""
        data = getattr(self, "cleaned_data", {})
        result = {}
        for question in self.step.questions:
            name = f"q_{question.key}"
            kind = question.kind
            if kind == QuestionKind.MULTIPLE:
                chosen = data.get(name)
                if chosen:
                    entry = {"c": list(chosen)}
                    if OTHER_CHOICE in chosen:
                        entry["o"] = (data.get(f"{name}__other") or "").strip()
                    result[question.key] = entry
            elif kind == QuestionKind.LIKERT:
                levels = {}
                for index, (stored, _shown) in enumerate(self._likert_items(question)):
                    level = data.get(f"{name}__{index}")
                    if level not in (None, ""):
                        levels[stored] = int(level)
                if levels:
                    result[question.key] = levels
            elif kind == QuestionKind.INSTITUTIONS:
                # A chosen institution without intensity yet is kept as 0 (never stored).
                chosen = {pk: data.get(f"{name}__{pk}") or 0 for pk in data.get(name) or []}
                if chosen:
                    result[question.key] = chosen
            elif kind == QuestionKind.NUMBER:
                if data.get(name) is not None:
                    result[question.key] = str(data[name])
            elif kind == QuestionKind.DATE:
                if data.get(name):
                    result[question.key] = data[name].isoformat()
            elif kind == QuestionKind.RATING:
                if data.get(name) not in (None, ""):
                    result[question.key] = int(data[name])
            else:
                value = data.get(name)
                if value not in (None, ""):
                    result[question.key] = value.strip() if isinstance(value, str) else value
        return result

    def _likert_items(self, question):
        return ordered_likert_items(question, self.language, self.seed)

    # --- presentation -----------------------------------------------------------------------

    def error_summary(self):
        """``(anchor id, question text, message)`` for the summary at the top of the page."""
        summary = []
        for name, errors in self.errors.items():
            if name == "__all__":
                summary.extend(("", "", message) for message in errors)
                continue
            bound = self[name]
            summary.extend((bound.auto_id, bound.label, message) for message in errors)
        return summary

    def blocks(self):
        """Per question, the bound fields to render, in step order."""
        result = []
        for question in self.step.questions:
            name = f"q_{question.key}"
            fields = [self[n] for n in self.fields if n == name or n.startswith(f"{name}__")]
            institutions = []
            if question.kind == QuestionKind.INSTITUTIONS:
                shown = set(self.shown_institutions(question))
                institutions = [
                    {
                        "id": f"{self[name].auto_id}_{index}",
                        "value": str(pk),
                        "name": inst_name,
                        "chosen": str(pk) in shown,
                        "intensity": self[f"{name}__{pk}"],
                    }
                    for index, (pk, inst_name) in enumerate(self.context.institutions)
                ]
            result.append(
                {
                    "question": question,
                    "text": question.translated("text", self.language),
                    "help": question.translated("help_text", self.language),
                    "fields": fields,
                    "main": self[name] if name in self.fields else None,
                    "other": self[f"{name}__other"] if f"{name}__other" in self.fields else None,
                    "kind": question.kind,
                    "has_error": any(f.errors for f in fields),
                    "institutions": institutions,
                    "any_chosen": any(item["chosen"] for item in institutions),
                    "pending": bool(self.pending_intensities),
                }
            )
        return result


class GermanDecimalField(forms.DecimalField):
    """Accepts a decimal comma as well as a point (``3,5`` and ``3.5``)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if "," in value and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)


def intensity_labels():
    """Labels of the five intensity levels of a cooperation."""
    return [
        (1, _("1 – gelegentlich")),
        (2, _("2 – ab und zu")),
        (3, _("3 – regelmäßig")),
        (4, _("4 – häufig")),
        (5, _("5 – sehr eng")),
    ]


def decode_number(value):
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError):
        return None


def decode_date(value):
    return parse_date(value) if value else None


def preview_steps(survey, language="de"):
    """Steps of a (possibly unsaved) survey as unbound forms, for the editors' preview."""
    questions = list(survey.questions.all())
    context = SurveyContext.for_survey(survey) if survey.project_id else SurveyContext()
    steps = build_steps(questions)
    return [
        {"step": step, "form": StepForm(step, context, language=language, seed=0)} for step in steps
    ]
