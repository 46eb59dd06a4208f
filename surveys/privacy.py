"""Personal data of the surveys: invitation labels and what people write into free texts."""

import datetime
import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.privacy import Declaration, Retention, register
from network.models import Contact
from surveys.models import Answer, Invitation

INVITATION_RETENTION = datetime.timedelta(days=30)


def _find_invitations(project, subject):
    query = models.Q()
    if subject.email:
        query |= models.Q(label__icontains=subject.email)
    if subject.name:
        query |= models.Q(label__icontains=subject.name)
    if not query:
        return Invitation.objects.none()
    return Invitation.objects.filter(query, survey__project=project).order_by("pk")


def _anonymise_invitations(queryset):
    return queryset.update(label="")


def _find_answers(project, subject):
    query = models.Q()
    if subject.email:
        query |= models.Q(text__icontains=subject.email)
    if subject.name:
        query |= models.Q(text__icontains=subject.name)
    if not query:
        return Answer.objects.none()
    return (
        Answer.objects.filter(query, response__survey__project=project)
        .select_related("question", "response__survey")
        .order_by("pk")
    )


def _anonymise_answers(queryset):
    return queryset.update(text="")


def _answer_export(answer):
    return {"umfrage": answer.response.survey.title, "frage": answer.question.text}


register(
    Declaration(
        model=Invitation,
        kind="einladungen",
        title=_("Einladungen zu Umfragen"),
        fields={"label": _("Bezeichnung"), "used": _("genutzt"), "created_on": _("erstellt am")},
        find=_find_invitations,
        erase=_anonymise_invitations,
        erasure="anonymise",
        purpose=_("Einladung ausgewählter Einrichtungen zu einer Umfrage."),
        legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO"),
        retention=Retention(
            _(
                "30 Tage nach dem Ende der Umfrage gelöscht: danach kann niemand mehr "
                "antworten, die Einladung ist ohne Zweck."
            ),
            "delete",
            INVITATION_RETENTION,
            expired=lambda now: Invitation.objects.filter(
                survey__closes_at__lt=now - INVITATION_RETENTION
            ).order_by("pk"),
        ),
        data_subjects=_("Ansprechpersonen eingeladener Einrichtungen"),
        data_categories=_("Bezeichnung der Einladung (kann einen Namen enthalten)"),
        recipients=_("Netzwerk-Team des Projekts"),
    )
)

register(
    Declaration(
        model=Answer,
        kind="umfrageantworten",
        title=_("Freitext-Antworten in Umfragen"),
        fields={"text": _("Text"), "choice": _("Auswahl"), "date": _("Datum")},
        find=_find_answers,
        erase=_anonymise_answers,
        erasure="anonymise",
        export=_answer_export,
        purpose=_(
            "Auswertung von Beteiligungsumfragen; Antworten sind anonym, nennen in Freitexten "
            "aber manchmal Personen."
        ),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (freiwillige Teilnahme)"),
        retention=Retention(
            _("Freitexte werden mit der Umfrage gelöscht; genannte Personen auf Antrag."),
            "anonymise",
        ),
        data_subjects=_("Teilnehmende und in Freitexten genannte Personen"),
        data_categories=_("Freitext"),
        recipients=_("Projektteam; Ergebnisseite der Umfrage, wenn sie veröffentlicht ist"),
    )
)


EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: a phone number: optional +, then digits with spaces, slashes, dots, dashes or brackets
PHONE_PATTERN = re.compile(r"(?<![\w+])\+?\(?\d[\d ()/.-]*\d")
PHONE_MIN_DIGITS = 6


def mask_free_text(text, names):
    """``text`` with e-mail addresses, phone numbers and the given names replaced.

    Numbers with fewer than six digits (years, counts, times such as 16-18) stay.

    >>> mask_free_text("Frau Erika Muster, 0171 5550123, e@x.de", ["Erika Muster"])
    'Frau [Name entfernt], [Telefonnummer entfernt], [E-Mail entfernt]'
    """
    text = EMAIL_PATTERN.sub(str(_("[E-Mail entfernt]")), text)

    def phone(match):
        value = match.group(0)
        if sum(char.isdigit() for char in value) < PHONE_MIN_DIGITS:
            return value
        return str(_("[Telefonnummer entfernt]"))

    text = PHONE_PATTERN.sub(phone, text)
    for name in sorted({name.strip() for name in names if len(name.strip()) >= 4}, key=len)[::-1]:
        text = re.sub(
            rf"(?<!\w){re.escape(name)}(?!\w)", str(_("[Name entfernt]")), text, flags=re.I
        )
    return text


def mask_public_texts(survey, results):
    """Mask the free texts of ``results`` before they are shown to the public."""
    if not any(result.texts for result in results.questions):
        return results
    names = list(Contact.objects.filter(project=survey.project_id).values_list("name", flat=True))
    for result in results.questions:
        result.texts = [mask_free_text(text, names) for text in result.texts]
    return results
