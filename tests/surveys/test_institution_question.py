"""The institution question: one choice of institutions, intensities only for the chosen ones."""

import re

import pytest

from network.models import Cooperation, Provenance
from surveys.models import Answer, Response, Survey, SurveyAccess
from surveys.services import create_invitations

from .conftest import add_questions, publish

HOST = {"HTTP_HOST": "kaarst.localhost"}


def checkboxes(html, name):
    """Names next to the institution checkboxes of question ``name``, in page order."""
    return re.findall(
        rf'type="checkbox" id="[^"]+" name="{name}" value="\d+"[^>]*>\s*'
        r'<label class="kern-label" for="[^"]+">([^<]+)</label>',
        html,
    )


def shown_intensities(html):
    """Ids of the institutions whose intensity field is shown (neither hidden nor disabled)."""
    return re.findall(r'data-qn-intensity="(\d+)">', html)


def state_of(response):
    return re.search(r'name="state" value="([^"]+)"', response.content.decode()).group(1)


# --- the flow without JavaScript ---------------------------------------------------------


@pytest.fixture
def network_survey(kaarst, institutions):
    alpha, beta, gamma, delta = institutions
    beta.public = True
    beta.save()
    survey = Survey.objects.create(
        project=kaarst,
        title="Netzwerk",
        status="offen",
        access=SurveyAccess.INVITATIONS,
        anonymous=False,
        thank_you="Danke schön!",
    )
    add_questions(
        survey, [("institutionen", "partner", "Mit wem arbeiten Sie zusammen?", {"required": True})]
    )
    return survey


@pytest.mark.django_db
def test_network_survey_without_javascript_asks_intensities_after_the_choice(
    client, network_survey, institutions
):
    alpha, beta, gamma, delta = institutions
    page, path = publish(network_survey)
    [(_invitation, token)] = create_invitations(network_survey, institutions=[alpha])
    first = client.get(f"{path}t/{token}/", **HOST)
    html = first.content.decode()
    # The whole network but the respondent itself, none of it chosen yet.
    assert checkboxes(html, "q_partner") == ["Beta Schule", "Delta Kita", "Gamma Treff"]

    chosen = client.post(
        path, {"state": state_of(first), "action": "next", "q_partner": [beta.pk, delta.pk]}, **HOST
    )
    html = chosen.content.decode()
    assert chosen.status_code == 200
    assert "Bitte wählen Sie jetzt für jede gewählte Einrichtung" in html
    assert "qn-error-summary" not in html
    assert shown_intensities(html) == [str(beta.pk), str(delta.pk)]
    assert f'id="id_q_partner__{gamma.pk}" name="q_partner__{gamma.pk}" disabled' in html
    assert Response.objects.count() == 0

    # Sending an intensity field empty is an error; the choice stays.
    missing = client.post(
        path,
        {
            "state": state_of(chosen),
            "action": "next",
            "q_partner": [beta.pk, delta.pk],
            f"q_partner__{beta.pk}": "4",
            f"q_partner__{delta.pk}": "",
        },
        **HOST,
    )
    html = missing.content.decode()
    assert missing.status_code == 400
    assert (
        f'href="#id_q_partner__{delta.pk}">Delta Kita – Bitte wählen Sie, wie oft oder wie eng.'
        in html
    )
    assert 'value="4" selected' in html

    done = client.post(
        path,
        {
            "state": state_of(missing),
            "action": "next",
            "q_partner": [beta.pk, delta.pk],
            f"q_partner__{beta.pk}": "4",
            f"q_partner__{delta.pk}": "2",
        },
        **HOST,
    )
    assert "Danke schön!" in done.content.decode()
    assert sorted(Answer.objects.values_list("choice", "institution_id", "number")) == [
        ("Beta Schule", beta.pk, 4),
        ("Delta Kita", delta.pk, 2),
    ]
    assert sorted(
        Cooperation.objects.values_list(
            "source_id", "target_id", "intensity", "confirmed", "provenance"
        )
    ) == [
        (alpha.pk, beta.pk, 4, False, Provenance.SURVEY),
        (alpha.pk, delta.pk, 2, False, Provenance.SURVEY),
    ]


@pytest.mark.django_db
def test_open_survey_offers_only_public_institutions(client, network_survey, institutions):
    alpha, beta, gamma, delta = institutions
    network_survey.access = SurveyAccess.OPEN
    network_survey.anonymous = True
    network_survey.save()
    page, path = publish(network_survey)
    html = client.get(path, **HOST).content.decode()
    assert checkboxes(html, "q_partner") == ["Beta Schule"]
    # A forged choice of a non-public institution is refused.
    refused = client.post(
        path,
        {
            "state": state_of(client.get(path, **HOST)),
            "action": "next",
            "q_partner": [alpha.pk],
            f"q_partner__{alpha.pk}": "3",
        },
        **HOST,
    )
    assert refused.status_code == 400
    assert "Bitte wählen Sie nur angebotene Institutionen." in refused.content.decode()
    assert Response.objects.count() == 0
