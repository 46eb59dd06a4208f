"""Writes of the volunteering: store an application, mail it, take it over as a volunteer."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.snippets import OfferLanguage, Weekday
from volunteers.models import (
    TIME_OF_DAY_WINDOWS,
    Application,
    ApplicationStatus,
    TimeOfDay,
    Volunteer,
    VolunteerAvailability,
    VolunteerLanguage,
    VolunteerStatus,
)

__all__ = ["create_application", "mail_coordinator", "take_over"]


def create_application(project, opportunity, data, version):
    """Store the cleaned form ``data`` of a resident who consented to text ``version``."""
    with transaction.atomic():
        application = Application.objects.create(
            project=project,
            opportunity=opportunity,
            name=data["name"].strip(),
            email=data.get("email") or "",
            phone=(data.get("phone") or "").strip(),
            availability=sorted(data.get("availability") or []),
            message=data.get("message") or "",
            consent_version=version,
            consented_at=timezone.now(),
        )
        codes = data.get("languages") or []
        if codes:
            application.languages.set(OfferLanguage.objects.filter(code__in=codes))
    return application


def mail_coordinator(application, recipients, admin_url=""):
    """Tell the coordinator about a new application, in German."""
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        opportunity = application.opportunity
        lines = [
            f"{_('Angebot')}: {opportunity.title if opportunity else '-'}",
            f"{_('Name')}: {application.name}",
            f"{_('E-Mail')}: {application.email or '-'}",
            f"{_('Telefon')}: {application.phone or '-'}",
            f"{_('Sprachen')}: {', '.join(str(lang) for lang in application.languages.all()) or '-'}",
            f"{_('Zeiten')}: {', '.join(application.availability_labels()) or '-'}",
            f"{_('Nachricht')}: {application.message or '-'}",
        ]
        if admin_url:
            lines.append(f"{_('Im Verwaltungsbereich')}: {admin_url}")
        subject = _("Neue Anfrage: Ich möchte mitmachen")
    return send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)


def take_over(application):
    """Make ``application`` a volunteer record (status "angefragt"), without retyping.

    Name, contact, languages, times and consent move over; the opportunity's district
    becomes the volunteer's. A second call returns the volunteer made the first time.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.volunteer_id:
            return application.volunteer
        volunteer = Volunteer.objects.create(
            project=application.project,
            name=application.name,
            email=application.email,
            phone=application.phone,
            status=VolunteerStatus.REQUESTED,
            notes=application.message,
            consent_version=application.consent_version,
            consented_at=application.consented_at,
        )
        for order, language in enumerate(application.languages.all()):
            VolunteerLanguage.objects.create(
                volunteer=volunteer, language=language, sort_order=order
            )
        for order, (day, part) in enumerate(application.availability_pairs()):
            start, end = TIME_OF_DAY_WINDOWS[part]
            VolunteerAvailability.objects.create(
                volunteer=volunteer,
                weekday=Weekday(day),
                start=max(start, datetime.time(8)) if part == TimeOfDay.MORNING else start,
                end=min(end, datetime.time(21)) if part == TimeOfDay.EVENING else end,
                sort_order=order,
            )
        opportunity = application.opportunity
        if opportunity is not None and opportunity.district_id:
            volunteer.districts.add(opportunity.district)
            volunteer.save()
        application.volunteer = volunteer
        application.status = ApplicationStatus.TAKEN_OVER
        application.save(update_fields=["volunteer", "status"])
    return volunteer


# --- matching and hours: model rows as the plain values of matching.py and hours.py ---------


def _candidate(volunteer, on):
    from volunteers.matching import Candidate, QualificationRecord

    return Candidate(
        id=volunteer.pk,
        name=volunteer.name,
        age=volunteer.age_on(on),
        languages=frozenset(entry.language.code for entry in volunteer.languages.all()),
        skills=frozenset(skill.name for skill in volunteer.skills.all()),
        districts=frozenset(district.pk for district in volunteer.districts.all()),
        times=tuple((slot.weekday, slot.start, slot.end) for slot in volunteer.availability.all()),
        qualifications=tuple(
            QualificationRecord(q.type_id, q.obtained_on, q.expires_on)
            for q in volunteer.qualifications.all()
        ),
    )


def _need(opportunity):
    from volunteers.matching import Need

    return Need(
        id=opportunity.pk,
        title=opportunity.title,
        min_age=opportunity.min_age,
        languages=frozenset(language.code for language in opportunity.languages.all()),
        skills=frozenset(skill.name for skill in opportunity.skills.all()),
        district=opportunity.district_id,
        times=tuple((slot.weekday, slot.start, slot.end) for slot in opportunity.slots.all()),
        required_qualifications=frozenset(q.pk for q in opportunity.required_qualifications.all()),
    )


VOLUNTEER_PREFETCH = (
    "languages__language",
    "skills",
    "districts",
    "availability",
    "qualifications",
)
OPPORTUNITY_PREFETCH = ("languages", "skills", "slots", "required_qualifications")


def volunteers_for(opportunity, on):
    """Ranked suggestions of the project's active, paused and talking-to volunteers.

    Returns ``(suggestions, excluded)`` as :func:`volunteers.matching.suggest_volunteers`,
    plus ``{id: volunteer row}`` to show them.
    """
    from volunteers.matching import suggest_volunteers

    rows = list(
        Volunteer.objects.for_project(opportunity.project)
        .exclude(status=VolunteerStatus.ENDED)
        .prefetch_related(*VOLUNTEER_PREFETCH)
    )
    opportunity = (
        type(opportunity).objects.prefetch_related(*OPPORTUNITY_PREFETCH).get(pk=opportunity.pk)
    )
    suggestions, excluded = suggest_volunteers(
        _need(opportunity), [_candidate(row, on) for row in rows], on
    )
    return suggestions, excluded, {row.pk: row for row in rows}


def opportunities_for(volunteer, on):
    """Ranked published or paused opportunities of the volunteer's project."""
    from volunteers.matching import suggest_opportunities
    from volunteers.models import Opportunity, OpportunityStatus

    rows = list(
        Opportunity.objects.for_project(volunteer.project)
        .filter(status__in=[OpportunityStatus.PUBLISHED, OpportunityStatus.PAUSED])
        .prefetch_related(*OPPORTUNITY_PREFETCH)
    )
    volunteer = type(volunteer).objects.prefetch_related(*VOLUNTEER_PREFETCH).get(pk=volunteer.pk)
    suggestions, excluded = suggest_opportunities(
        _candidate(volunteer, on), [_need(row) for row in rows], on
    )
    return suggestions, excluded, {row.pk: row for row in rows}


def approved_entries(volunteer):
    """``(date, hours)`` of the volunteer's approved hours across all placements."""
    from volunteers.models import HoursEntry

    return list(
        HoursEntry.objects.filter(placement__volunteer=volunteer, approved=True)
        .order_by("date", "pk")
        .values_list("date", "hours")
    )


def card_check(volunteer, on, state):
    """The Ehrenamtskarte verdict of ``volunteer`` on ``on`` under the rule of ``state``."""
    from volunteers.hours import CARD_RULES, card_verdict

    starts = list(volunteer.placements.values_list("start", flat=True))
    engaged_since = min(starts) if starts else on
    return card_verdict(
        approved_entries(volunteer), CARD_RULES[state], on, engaged_since, volunteer.age_on(on)
    )


@transaction.atomic
def approve_hours(entries, user):
    """Approve ``entries`` (a queryset already scoped to the user's projects)."""
    return entries.filter(approved=False).update(approved=True, approved_by=user)
