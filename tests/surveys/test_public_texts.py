"""Free texts on the public results page never show e-mail addresses, phones or contacts' names."""

import uuid

import pytest

from network.models import Contact
from surveys.privacy import mask_free_text
from surveys.services import submit_response
from tests.surveys.conftest import publish

HOST = {"HTTP_HOST": "kaarst.localhost"}
TYPED = "Frau Erika Mustermann hilft gern. Tel. 0171 5550123, erika.m@example.org"


def test_mask_hides_addresses_phones_and_known_names():
    assert mask_free_text(TYPED, ["Erika Mustermann"]) == (
        "Frau [Name entfernt] hilft gern. Tel. [Telefonnummer entfernt], [E-Mail entfernt]"
    )


def test_mask_keeps_years_counts_and_other_words():
    assert mask_free_text("Seit 2019 kommen 120 Kinder, mittwochs 16-18 Uhr.", []) == (
        "Seit 2019 kommen 120 Kinder, mittwochs 16-18 Uhr."
    )
    assert mask_free_text("+49 (2131) 51 23-0 anrufen", []) == "[Telefonnummer entfernt] anrufen"


@pytest.mark.django_db
def test_public_results_mask_the_typed_test_answer(client, survey, kaarst):
    Contact.objects.create(project=kaarst, name="Erika Mustermann", email="erika.m@example.org")
    page, path = publish(survey)
    page.show_results = True
    page.save()
    for _ in range(5):
        submit_response(survey, {"wunsch": TYPED}, submission_key=str(uuid.uuid4()))
    html = client.get(f"{path}ergebnisse/", **HOST).content.decode()
    assert (
        html.count(
            "Frau [Name entfernt] hilft gern. Tel. [Telefonnummer entfernt], [E-Mail entfernt]"
        )
        == 5  # one line per response
    )
    for value in ("Mustermann", "0171 5550123", "erika.m@example.org"):
        assert value not in html
