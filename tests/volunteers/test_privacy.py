"""Retention of the volunteering's personal data: the purge deletes exactly what is due."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

import pytest

from cms.privacy import Subject
from cms.privacy.services import erase, find
from volunteers.models import (
    Application,
    Placement,
    PoliceCertificate,
    Volunteer,
    VolunteerStatus,
    add_months,
)

DAY = datetime.timedelta(days=1)


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


def certificate(volunteer, day=datetime.date(2026, 1, 2)):
    return PoliceCertificate.objects.create(
        volunteer=volunteer,
        certificate_date=day,
        inspected_on=day + DAY,
        inspected_by="Frau Duran",
    )


def test_add_months_clips_to_the_end_of_the_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 10, 15), 3) == datetime.date(2027, 1, 15)


@pytest.mark.django_db
def test_certificate_keeps_no_deletion_date_while_the_volunteering_goes_on(volunteer, placement):
    row = certificate(volunteer)
    assert row.delete_on is None
    assert row.next_due == datetime.date(2031, 1, 2)


@pytest.mark.django_db
def test_certificate_is_due_three_months_after_the_last_placement_ends(volunteer, placement):
    row = certificate(volunteer)
    placement.end = datetime.date(2026, 6, 30)
    placement.save()
    volunteer.status = VolunteerStatus.ENDED
    volunteer.end_reason = "weggezogen"
    volunteer.save()
    row.refresh_from_db()
    assert row.delete_on == datetime.date(2026, 9, 30)


@pytest.mark.django_db
def test_certificate_is_due_at_once_when_the_volunteering_never_starts(world):
    person = Volunteer.objects.create(project=world["kaarst"], name="Nie Begonnen")
    row = certificate(person)
    person.status = VolunteerStatus.ENDED
    person.end_reason = "abgesagt"
    person.save()
    row.refresh_from_db()
    assert row.delete_on == timezone.localdate()


@pytest.mark.django_db
def test_purge_deletes_due_certificates_and_old_applicants_and_nothing_else(
    world, volunteer, placement
):
    now = timezone.now()
    kaarst = world["kaarst"]
    kept_certificate = certificate(volunteer)
    gone = Volunteer.objects.create(
        project=kaarst, name="Nie Begonnen", status=VolunteerStatus.IN_TALKS
    )
    gone_certificate = certificate(gone)
    gone.status = VolunteerStatus.ENDED
    gone.end_reason = "abgesagt"
    gone.save()
    old = Application.objects.create(
        project=kaarst,
        name="Alt Anfrage",
        email="alt@example.org",
        consent_version="x",
        consented_at=now,
        created_at=now - 184 * DAY,
    )
    recent = Application.objects.create(
        project=kaarst,
        name="Neu Anfrage",
        email="neu@example.org",
        consent_version="x",
        consented_at=now,
        created_at=now - 182 * DAY,
    )
    old_applicant = Volunteer.objects.create(project=kaarst, name="Lange Wartend")
    Volunteer.objects.filter(pk=old_applicant.pk).update(created_at=now - 184 * DAY)
    text = purge()
    assert (
        f"Einsichtnahmen in erweiterte Führungszeugnisse: 1 (wird gelöscht) – Nr. {gone_certificate.pk}"
        in text
    )
    assert f"Anfragen „Ich möchte mitmachen“: 1 (wird gelöscht) – Nr. {old.pk}" in text
    assert PoliceCertificate.objects.count() == 2  # a dry run changes nothing
    purge("--apply")
    assert list(PoliceCertificate.objects.all()) == [kept_certificate]
    assert list(Application.objects.all()) == [recent]
    assert not Volunteer.objects.filter(pk=old_applicant.pk).exists()
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()
    assert Placement.objects.filter(pk=placement.pk).exists()
    assert "Nr." not in purge().replace("Abgelaufene Sitzungen", "")


@pytest.mark.django_db
def test_a_volunteer_is_found_and_erased_with_everything_about_them(world, volunteer, placement):
    certificate(volunteer)
    subject = Subject(email="erika@example.org")
    kinds = {finding.declaration.kind: finding.count for finding in find(world["kaarst"], subject)}
    assert kinds == {"ehrenamtliche": 1, "ehrenamt_einsaetze": 1, "fuehrungszeugnisse": 1}
    assert find(world["kl"], subject) == []
    erase(world["kaarst"], subject)
    assert not Volunteer.objects.exists()
    assert not PoliceCertificate.objects.exists()
