"""Personal data of the volunteering: applicants, volunteers, qualifications, certificates, hours."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.privacy import Declaration, Retention, register, register_exemption
from volunteers.models import (
    APPLICANT_RETENTION,
    VOLUNTEER_RETENTION_AFTER_END,
    Application,
    HoursEntry,
    Placement,
    PoliceCertificate,
    Qualification,
    Volunteer,
    VolunteerStatus,
)

RECIPIENTS = _("Ehrenamtskoordination des Projekts; keine Weitergabe, nie öffentlich")


def _person_query(subject, prefix=""):
    query = models.Q()
    if subject.email:
        query |= models.Q(**{f"{prefix}email__iexact": subject.email})
    if subject.name:
        query |= models.Q(**{f"{prefix}name__iexact": subject.name})
    return query


def _finder(model, prefix, project_lookup):
    def find(project, subject):
        query = _person_query(subject, prefix)
        if not query:
            return model.objects.none()
        return model.objects.filter(query, **{project_lookup: project}).order_by("pk")

    return find


def _delete(queryset):
    count = 0
    for obj in queryset:
        obj.delete()
        count += 1
    return count


def _consent_proof(row):
    """What stays of a consent after erasure: when and to which text version; no person."""
    if not row.consented_at:
        return None
    return {
        "einwilligung_am": row.consented_at.isoformat(),
        "fassung": row.consent_version,
        "zweck": "Vermittlung in ein Ehrenamt",
    }


def _application_export(application):
    return {
        "angebot": application.opportunity.title if application.opportunity_id else "",
        "sprachen": ", ".join(str(language) for language in application.languages.all()),
    }


def _volunteer_export(volunteer):
    return {
        "sprachen": ", ".join(str(language) for language in volunteer.languages.all()),
        "faehigkeiten": ", ".join(skill.name for skill in volunteer.skills.all()),
        "stadtteile": ", ".join(district.name for district in volunteer.districts.all()),
        "zeiten": ", ".join(str(slot) for slot in volunteer.availability.all()),
    }


def _expired_applications(now):
    return Application.objects.filter(created_at__lt=now - APPLICANT_RETENTION).order_by("pk")


def _expired_volunteers(now):
    """Applicants who never started (6 months after applying) and ended ones after 3 years."""
    never_started = models.Q(pk__in=Volunteer.objects.never_started().values("pk")) & models.Q(
        created_at__lt=now - APPLICANT_RETENTION
    )
    ended = models.Q(
        status=VolunteerStatus.ENDED,
        placements__isnull=False,
        ended_on__lt=timezone.localdate(now) - VOLUNTEER_RETENTION_AFTER_END,
    )
    return Volunteer.objects.filter(never_started | ended).distinct().order_by("pk")


def _expired_certificates(now):
    return PoliceCertificate.objects.filter(delete_on__lte=timezone.localdate(now)).order_by("pk")


def _due_certificates(start, end):
    return PoliceCertificate.objects.filter(
        delete_on__gt=timezone.localdate(start), delete_on__lte=timezone.localdate(end)
    ).order_by("pk")


register(
    Declaration(
        model=Application,
        kind="ehrenamt_anfragen",
        title=_("Anfragen „Ich möchte mitmachen“"),
        fields={
            "name": _("Name"),
            "email": _("E-Mail"),
            "phone": _("Telefon"),
            "availability": _("Zeiten"),
            "message": _("Nachricht"),
            "status": _("Status"),
            "consent_version": _("Fassung des Datenschutztexts"),
            "consented_at": _("Einwilligung am"),
            "created_at": _("eingegangen am"),
        },
        identifiers=("name", "email", "phone"),
        find=_finder(Application, "", "project"),
        erase=_delete,
        erasure="delete",
        export=_application_export,
        proof=_consent_proof,
        purpose=_("Vermittlung von Interessierten in ein Ehrenamt."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        retention=Retention(
            _(
                "6 Monate nach Eingang gelöscht; wer mitmacht, steht bis dahin schon als "
                "Ehrenamtliche/r in der Kartei."
            ),
            "delete",
            APPLICANT_RETENTION,
            expired=_expired_applications,
        ),
        data_subjects=_("Interessierte an einem Ehrenamt"),
        data_categories=_("Name, Kontaktdaten, Sprachen, Zeiten, Nachricht, Einwilligung"),
        recipients=RECIPIENTS,
    )
)

register(
    Declaration(
        model=Volunteer,
        kind="ehrenamtliche",
        title=_("Ehrenamtliche"),
        fields={
            "name": _("Name"),
            "email": _("E-Mail"),
            "phone": _("Telefon"),
            "birth_date": _("Geburtsdatum"),
            "status": _("Status"),
            "end_reason": _("Grund des Endes"),
            "ended_on": _("beendet am"),
            "notes": _("interne Notizen"),
            "consent_version": _("Fassung des Datenschutztexts"),
            "consented_at": _("Einwilligung am"),
            "created_at": _("angelegt am"),
            "updated_at": _("geändert am"),
        },
        identifiers=("name", "email", "phone"),
        find=_finder(Volunteer, "", "project"),
        erase=_delete,
        erasure="delete",
        export=_volunteer_export,
        proof=_consent_proof,
        purpose=_("Begleitung, Qualifizierung und Einsatzplanung der Ehrenamtlichen."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        retention=Retention(
            _(
                "Wer nie anfängt, wird 6 Monate nach der Anfrage gelöscht; nach dem Ende des "
                "Engagements 3 Jahre aufbewahrt (Nachweise, Ehrenamtskarte), dann gelöscht."
            ),
            "delete",
            APPLICANT_RETENTION,
            expired=_expired_volunteers,
        ),
        data_subjects=_("Ehrenamtliche und Interessierte"),
        data_categories=_(
            "Name, Kontaktdaten, Geburtsdatum, Sprachen, Fähigkeiten, Zeiten, Stadtteile, "
            "Status, Notizen, Einwilligung"
        ),
        recipients=RECIPIENTS,
    )
)


def _volunteer_finder(model):
    return _finder(model, "volunteer__", "volunteer__project")


def _with_volunteer(model, prefix="volunteer__"):
    """Rows of ``model`` whose volunteer the retention rule deletes now."""

    def expired(now):
        return model.objects.filter(
            **{f"{prefix}pk__in": _expired_volunteers(now).values("pk")}
        ).order_by("pk")

    return expired


register(
    Declaration(
        model=Qualification,
        kind="ehrenamt_qualifikationen",
        title=_("Qualifikationen von Ehrenamtlichen"),
        fields={"obtained_on": _("erworben am"), "expires_on": _("gültig bis")},
        find=_volunteer_finder(Qualification),
        erase=_delete,
        erasure="delete",
        export=lambda row: {"art": row.type.name},
        purpose=_("Nachweis, dass Ehrenamtliche für eine Tätigkeit qualifiziert sind."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        retention=Retention(
            _("Gelöscht mit der/dem Ehrenamtlichen."),
            "delete",
            expired=_with_volunteer(Qualification),
        ),
        data_subjects=_("Ehrenamtliche"),
        data_categories=_("Art und Gültigkeit von Qualifikationen"),
        recipients=RECIPIENTS,
    )
)

register(
    Declaration(
        model=PoliceCertificate,
        kind="fuehrungszeugnisse",
        title=_("Einsichtnahmen in erweiterte Führungszeugnisse"),
        fields={
            "certificate_date": _("Datum des Führungszeugnisses"),
            "inspected_on": _("eingesehen am"),
            "inspected_by": _("eingesehen von"),
            "relevant_entry": _("einschlägiger Eintrag vorhanden"),
            "next_due": _("erneut vorzulegen bis"),
            "delete_on": _("löschen am"),
        },
        find=_volunteer_finder(PoliceCertificate),
        erase=_delete,
        erasure="delete",
        purpose=_(
            "Nachweis der Einsichtnahme nach § 72a SGB VIII bei Tätigkeiten mit Kindern und "
            "Jugendlichen; nur Datum, Einsicht und ob ein einschlägiger Eintrag besteht."
        ),
        legal_basis=_("Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 72a Abs. 5 SGB VIII"),
        retention=Retention(
            _(
                "Gelöscht 3 Monate nach dem Ende der Tätigkeit, sofort, wenn sie nicht "
                "aufgenommen wird (§ 72a Abs. 5 SGB VIII)."
            ),
            "delete",
            datetime.timedelta(days=91),
            expired=_expired_certificates,
            due=_due_certificates,
        ),
        data_subjects=_("Ehrenamtliche in der Kinder- und Jugendarbeit"),
        data_categories=_("Datum, Einsicht (wann, durch wen), ja/nein zu einschlägigem Eintrag"),
        recipients=RECIPIENTS,
    )
)

register(
    Declaration(
        model=Placement,
        kind="ehrenamt_einsaetze",
        title=_("Einsätze von Ehrenamtlichen"),
        fields={"start": _("von"), "end": _("bis"), "tasks": _("Tätigkeit")},
        find=_volunteer_finder(Placement),
        erase=_delete,
        erasure="delete",
        export=lambda row: {"angebot": row.opportunity.title},
        purpose=_("Einsatzplanung und Nachweise über das Engagement."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        retention=Retention(
            _("Gelöscht mit der/dem Ehrenamtlichen."),
            "delete",
            expired=_with_volunteer(Placement),
        ),
        data_subjects=_("Ehrenamtliche"),
        data_categories=_("Einsatzstelle, Zeitraum, Tätigkeit"),
        recipients=_(
            "Ehrenamtskoordination; Einrichtungen sehen öffentlich nur Anzahlen, nie Namen"
        ),
    )
)

register(
    Declaration(
        model=HoursEntry,
        kind="ehrenamt_stunden",
        title=_("Geleistete Stunden"),
        fields={"date": _("Datum"), "hours": _("Stunden"), "approved": _("bestätigt")},
        find=_finder(HoursEntry, "placement__volunteer__", "placement__volunteer__project"),
        erase=_delete,
        erasure="delete",
        export=lambda row: {"angebot": row.placement.opportunity.title},
        purpose=_("Nachweise über geleistete Stunden (Ehrenamtsnachweis, Ehrenamtskarte)."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        retention=Retention(
            _("Gelöscht mit der/dem Ehrenamtlichen."),
            "delete",
            expired=_with_volunteer(HoursEntry, "placement__volunteer__"),
        ),
        data_subjects=_("Ehrenamtliche"),
        data_categories=_("Datum und Dauer des Engagements"),
        recipients=RECIPIENTS,
    )
)

for _model in ("FieldOfActivity", "Skill", "QualificationType"):
    register_exemption(f"volunteers.{_model}", "name", _("Bezeichnung einer Kategorie."))
