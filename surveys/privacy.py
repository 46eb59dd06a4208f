"""Personal data of the surveys: invitation labels and what people write into free texts."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.privacy import Declaration, Retention, register
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
