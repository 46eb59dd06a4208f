"""Public forms of the volunteering: the opportunity filter (GET) and "Ich möchte mitmachen"."""

import hashlib

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cms.forms import GermanOptionsSelect, limit_text_fields
from cms.snippets import OfferLanguage, Weekday
from cms.spam import SpamProtectionMixin
from volunteers.models import (
    FieldOfActivity,
    OpportunityKind,
    TimeOfDay,
)

__all__ = ["ApplicationForm", "OpportunityFilterForm", "availability_choices", "consent_version"]


def _languages():
    return sorted(
        OfferLanguage.objects.all(), key=lambda language: language.display_name.casefold()
    )


class OpportunityFilterForm(forms.Form):
    """Filters of the opportunity list; parameters are German words, all optional."""

    feld = forms.ChoiceField(label=_("Engagementfeld"), required=False)
    stadtteil = forms.ChoiceField(label=_("Stadtteil"), required=False)
    art = forms.ChoiceField(label=_("Art"), required=False)
    wochentag = forms.TypedChoiceField(
        label=_("Wochentag"), required=False, coerce=int, empty_value=None
    )
    tageszeit = forms.ChoiceField(label=_("Tageszeit"), required=False)
    sprache = forms.ChoiceField(
        label=_("Sprache vor Ort"), required=False, widget=GermanOptionsSelect
    )
    alter = forms.IntegerField(
        label=_("Ihr Alter"),
        required=False,
        min_value=0,
        max_value=120,
        help_text=_("Zeigt nur Angebote, die in diesem Alter möglich sind."),
        error_messages={
            "invalid": _("Bitte das Alter als ganze Zahl angeben."),
            "min_value": _("Bitte ein Alter ab 0 angeben."),
            "max_value": _("Bitte ein Alter bis 120 angeben."),
        },
    )
    ohne_deutsch = forms.BooleanField(label=_("ohne Deutschkenntnisse möglich"), required=False)
    barrierefrei = forms.BooleanField(label=_("barrierefreier Ort"), required=False)

    def __init__(self, *args, project=None, **kwargs):
        from network.models import District

        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        fields = FieldOfActivity.objects.for_project(project).values_list("pk", "name")
        self.fields["feld"].choices = everything + [(str(pk), name) for pk, name in fields]
        districts = District.objects.for_project(project).values_list("pk", "name")
        self.fields["stadtteil"].choices = everything + [(str(pk), name) for pk, name in districts]
        self.fields["art"].choices = everything + list(OpportunityKind.choices)
        self.fields["wochentag"].choices = everything + list(Weekday.choices)
        self.fields["tageszeit"].choices = everything + list(TimeOfDay.choices)
        languages = _languages()
        self.fields["sprache"].choices = everything + [
            (language.code, language.display_name) for language in languages
        ]
        self.fields["sprache"].widget.german = {
            language.code for language in languages if not language.named_in_active_language
        }

    def criteria(self):
        """The cleaned filters as keyword arguments of ``OpportunityQuerySet.filtered``."""
        data = self.cleaned_data
        return {
            "field": int(data["feld"]) if data.get("feld") else None,
            "district": int(data["stadtteil"]) if data.get("stadtteil") else None,
            "kind": data.get("art") or None,
            "weekday": data.get("wochentag"),
            "time_of_day": data.get("tageszeit") or None,
            "language": data.get("sprache") or None,
            "without_german": bool(data.get("ohne_deutsch")),
            "age": data.get("alter"),
            "accessible": bool(data.get("barrierefrei")),
        }


def availability_choices():
    """``("<weekday>-<time of day>", "Montag vormittags")`` for the week's 21 parts."""
    return [
        (f"{day.value}-{part.value}", f"{day.label} {part.label}")
        for day in Weekday
        for part in TimeOfDay
    ]


def consent_label(privacy_url):
    if privacy_url:
        return format_html(
            _(
                'Ich habe die <a href="{}">Datenschutzerklärung</a> gelesen und bin '
                "einverstanden, dass meine Angaben zur Vermittlung in ein Ehrenamt gespeichert "
                "werden."
            ),
            privacy_url,
        )
    return _(
        "Ich bin einverstanden, dass meine Angaben zur Vermittlung in ein Ehrenamt gespeichert "
        "werden."
    )


def consent_version(privacy_page, language="de"):
    """A fingerprint of the privacy text a resident agreed to: the consent sentence and the
    published revision of the privacy page. It changes whenever either text changes.
    """
    from django.utils import translation

    with translation.override(language):
        sentence = str(consent_label("-"))
    revision = f"{privacy_page.pk}:{privacy_page.live_revision_id}" if privacy_page else "-"
    return hashlib.sha256(f"{sentence}|{revision}".encode()).hexdigest()


class ApplicationForm(SpamProtectionMixin, forms.Form):
    """ "Ich möchte mitmachen": who, how to reach them, languages, times, a message, consent."""

    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie Ihren Namen an.")},
    )
    email = forms.EmailField(
        label=_("E-Mail"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Bitte eine gültige E-Mail-Adresse angeben.")},
    )
    phone = forms.CharField(
        label=_("Telefon"),
        required=False,
        max_length=50,
        help_text=_("E-Mail oder Telefon: wir brauchen eins von beiden, um Sie zu erreichen."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Welche Sprachen sprechen Sie?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("Wann haben Sie Zeit?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=availability_choices,
    )
    message = forms.CharField(label=_("Ihre Nachricht"), required=False, widget=forms.Textarea)

    def __init__(self, *args, privacy_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [
            (language.code, language.display_name) for language in _languages()
        ]
        limit_text_fields(self)
        self.fields["consent"] = forms.BooleanField(
            label=consent_label(privacy_url),
            required=True,
            error_messages={
                "required": _(
                    "Bitte stimmen Sie der Datenschutzerklärung zu. Ohne Ihre Zustimmung "
                    "speichern wir nichts."
                )
            },
        )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("email") and not (cleaned.get("phone") or "").strip():
            if "email" not in self.errors:
                self.add_error(
                    "email", _("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.")
                )
        return cleaned
