"""Erasure leaves none of the person's values anywhere: rows, logs, revisions, index, cache."""

import io
import json

from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backend

import pytest

from cms.models import ErasureRecord
from cms.snippets import Person
from cms.spam import sign_timestamp
from network.models import Contact, Institution, Membership, NetworkLogEntry
from tests.privacy.conftest import EMAIL, NAME, PHONE

#: what must not be found after erasure; single words too, since a full-text index keeps words
NEEDLES = [NAME, EMAIL, PHONE, "Mustermann", "5550123"]


def indexed_people(query):
    return len(list(get_search_backend().search(query, Person)))


def dump_all():
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def search_tables():
    """The raw rows of every table of the search index (full-text tables included)."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if "search" in table and "promotion" not in table and "query" not in table:
                cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the schema)
                rows.extend(str(row) for row in cursor.fetchall())
    return "\n".join(rows)


def cache_contents():
    """Every value stored in the (in-memory) caches, as bytes."""
    return b"\n".join(
        value for cache in caches.all() for value in getattr(cache, "_cache", {}).values()
    )


def hits(text):
    text = text.casefold()
    return {
        needle: text.count(json.dumps(needle)[1:-1].casefold()) + text.count(needle.casefold())
        for needle in NEEDLES
    }


def use_everywhere(client, projects, erika, superuser):
    """The person as an admin user would leave her: edits, a message, a cached page."""
    kaarst = projects["kaarst"]
    client.force_login(superuser)
    contact, person = erika["contact"], erika["person"]
    response = client.post(
        f"/admin/network/contacts/edit/{contact.pk}/",
        {
            "project": kaarst.pk,
            "name": NAME,
            "email": EMAIL,
            "phone": PHONE,
            "languages": "Deutsch, Polnisch",
            "notes": f"Erreichbar unter {PHONE}",
            "consent_date": "2026-03-02",
            "consent_purpose": "Kontaktpflege im Integrationsnetzwerk",
            "consent_method": "schriftlich",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/admin/snippets/cms/person/edit/{person.pk}/",
        {
            "project": kaarst.pk,
            "name": NAME,
            "role": "Sprachpatin",
            "responsibility": "",
            "photo": "",
            "email": EMAIL,
            "phone": PHONE,
        },
    )
    assert response.status_code == 302
    client.logout()
    response = client.post(
        "/kontakt/",
        {
            "name": NAME,
            "e_mail": EMAIL,
            "nachricht": f"Bitte rufen Sie mich an: {PHONE}",
            "consent": "on",
            "website": "",
            "form_started": sign_timestamp(),
        },
        headers={"host": "kaarst.localhost"},
    )
    assert response.status_code == 200
    assert client.get("/team/", headers={"host": "kaarst.localhost"}).status_code == 200


@pytest.fixture
def used(client, projects, erika, superuser):
    use_everywhere(client, projects, erika, superuser)
    return erika


def test_before_erasure_the_checks_find_the_person_everywhere(used):
    assert all(hits(dump_all()).values())
    assert hits(search_tables())["Mustermann"] > 0
    assert ModelLogEntry.objects.filter(label__contains=NAME).exists()
    assert NetworkLogEntry.objects.filter(label=NAME).exists()
    assert FormSubmission.objects.count() == 1
    assert indexed_people("Mustermann") == 1


def test_after_erasure_nothing_anywhere_holds_name_email_or_phone(used, projects, superuser):
    out = io.StringIO()
    call_command(
        "erase_personal_data", project="kaarst", email=EMAIL, name=NAME, yes=True, stdout=out
    )
    assert "Gelöscht." in out.getvalue()
    assert hits(dump_all()) == dict.fromkeys(NEEDLES, 0)
    assert hits(search_tables()) == dict.fromkeys(NEEDLES, 0)
    assert indexed_people("Mustermann") == 0
    cached = cache_contents().decode("utf-8", "replace")
    assert hits(cached) == dict.fromkeys(NEEDLES, 0)


def test_erasure_keeps_institutions_and_a_proof_without_the_person(used, projects):
    call_command(
        "erase_personal_data", project="kaarst", email=EMAIL, yes=True, stdout=io.StringIO()
    )
    assert not Contact.objects.exists()
    assert not Membership.objects.exists()
    assert not FormSubmission.objects.exists()
    assert list(Institution.objects.values_list("name", flat=True)) == ["Sprachtreff Kaarst e. V."]
    record = ErasureRecord.objects.get()
    assert record.project == projects["kaarst"]
    assert record.consents == [
        {
            "einwilligung_am": "2026-03-02",
            "zweck": "Kontaktpflege im Integrationsnetzwerk",
            "eingeholt": "schriftlich",
        }
    ]
    assert record.counts["kontakte"] == 1
    assert record.counts["zugehoerigkeiten"] == 1
    assert record.counts["kontaktformular"] == 1
    assert record.counts["team"] == 1


def test_without_yes_the_command_lists_and_changes_nothing(used):
    out = io.StringIO()
    call_command("erase_personal_data", project="kaarst", email=EMAIL, stdout=out)
    text = out.getvalue()
    assert "- Kontaktpersonen im Netzwerk: 1 (wird gelöscht)" in text
    assert "- Zugehörigkeiten zu Einrichtungen: 1 (wird gelöscht)" in text
    assert "- Nachrichten über das Kontaktformular: 1 (wird gelöscht)" in text
    assert "Nichts geändert." in text
    assert Contact.objects.count() == 1
    assert FormSubmission.objects.count() == 1
    assert not ErasureRecord.objects.exists()


def test_the_other_project_keeps_its_person_of_the_same_address(used, projects):
    other = Contact.objects.create(project=projects["kl"], name=NAME, email=EMAIL)
    call_command(
        "erase_personal_data", project="kaarst", email=EMAIL, yes=True, stdout=io.StringIO()
    )
    assert list(Contact.objects.values_list("pk", flat=True)) == [other.pk]


def test_bad_input_gets_a_german_message(projects):
    with pytest.raises(CommandError, match="Projekt mit dem Kürzel „nirgendwo“ gibt es nicht"):
        call_command("erase_personal_data", project="nirgendwo", email=EMAIL)
    with pytest.raises(CommandError, match="gültige E-Mail-Adresse"):
        call_command("erase_personal_data", project="kaarst", email="kein-at-zeichen")
