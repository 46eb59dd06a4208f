"""The retention purge removes exactly what its dry run listed, and nothing on a second run."""

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from wagtail.contrib.forms.models import FormSubmission
from wagtail.log_actions import log

import pytest

from network.models import Contact, Institution, Membership, NetworkLogEntry
from surveys.models import Invitation, Survey

DAY = datetime.timedelta(days=1)


def purge(*args):
    out = io.StringIO()
    call_command("purge_personal_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def aged(projects, superuser):
    """Rows just past and just inside their periods, in both projects."""
    now = timezone.now()
    kaarst, kl = projects["kaarst"], projects["kl"]
    page = projects["kaarst_pages"]["contact"]
    old_message = FormSubmission.objects.create(page=page, form_data={"name": "Alt"})
    new_message = FormSubmission.objects.create(page=page, form_data={"name": "Neu"})
    FormSubmission.objects.filter(pk=old_message.pk).update(submit_time=now - 184 * DAY)
    FormSubmission.objects.filter(pk=new_message.pk).update(submit_time=now - 182 * DAY)
    institution = Institution.objects.create(project=kaarst, name="Treff e. V.")
    stale = Contact.objects.create(project=kaarst, name="Lange Still", email="still@example.org")
    active = Contact.objects.create(project=kl, name="Neu Aktiv", email="aktiv@example.org")
    soon = Contact.objects.create(project=kaarst, name="Bald Dran", email="bald@example.org")
    membership = Membership.objects.create(institution=institution, contact=stale)
    log(stale, "wagtail.edit", user=superuser)
    Contact.objects.filter(pk=stale.pk).update(updated_at=now - 3 * 365 * DAY - DAY)
    Contact.objects.filter(pk=soon.pk).update(updated_at=now - 3 * 365 * DAY + 29 * DAY + DAY / 2)
    closed = Survey.objects.create(project=kaarst, title="Alt", closes_at=now - 31 * DAY)
    recent = Survey.objects.create(project=kaarst, title="Neu", closes_at=now - 29 * DAY)
    old_invitation = Invitation.objects.create(survey=closed, token_hash="a" * 64, label="X")
    new_invitation = Invitation.objects.create(survey=recent, token_hash="b" * 64, label="Y")
    return {
        "old_message": old_message,
        "new_message": new_message,
        "stale": stale,
        "active": active,
        "soon": soon,
        "membership": membership,
        "old_invitation": old_invitation,
        "new_invitation": new_invitation,
    }


def test_dry_run_lists_and_changes_nothing(aged):
    text = purge()
    assert (
        f"Nachrichten über das Kontaktformular: 1 (wird gelöscht) – Nr. {aged['old_message'].pk}"
        in text
    )
    assert f"Kontaktpersonen im Netzwerk: 1 (wird gelöscht) – Nr. {aged['stale'].pk}" in text
    assert (
        f"Zugehörigkeiten zu Einrichtungen: 1 (wird gelöscht) – Nr. {aged['membership'].pk}" in text
    )
    assert f"Einladungen zu Umfragen: 1 (wird gelöscht) – Nr. {aged['old_invitation'].pk}" in text
    assert (
        f"Hinweis: in 30 Tagen wird gelöscht – Kontaktpersonen im Netzwerk: Nr. {aged['soon'].pk}"
        in text
    )
    assert "Probelauf: nichts geändert." in text
    assert FormSubmission.objects.count() == 2
    assert Contact.objects.count() == 3
    assert Invitation.objects.count() == 2


def test_apply_removes_exactly_the_listed_rows_and_is_idempotent(aged):
    purge()
    purge("--apply")
    assert list(FormSubmission.objects.values_list("pk", flat=True)) == [aged["new_message"].pk]
    assert sorted(Contact.objects.values_list("pk", flat=True)) == sorted(
        [aged["active"].pk, aged["soon"].pk]
    )
    assert not Membership.objects.exists()
    assert list(Invitation.objects.values_list("pk", flat=True)) == [aged["new_invitation"].pk]
    assert not NetworkLogEntry.objects.filter(label__contains="Lange Still").exists()
    second = purge("--apply")
    assert "Kontaktpersonen im Netzwerk" not in second.split("Hinweis")[0]
    assert FormSubmission.objects.count() == 1
    assert Contact.objects.count() == 2


def test_the_log_names_kinds_and_numbers_but_no_person(aged, caplog):
    with caplog.at_level("INFO", logger="cms.privacy"):
        purge("--apply")
    text = caplog.text
    assert f"Löschfrist network.Contact: 1 Datensätze (delete), Nr. {aged['stale'].pk}" in text
    assert "Lange Still" not in text
    assert "still@example.org" not in text
