"""The institution question on the demo sites: public surveys offer the partner map's institutions."""

import re

from django.test import Client

import pytest

from network.models import Institution
from network.pages import public_network
from surveys.models import Invitation, Survey
from surveys.services import create_invitations
from tests.demo_data import demo_content  # noqa: F401 (fixture)

from .conftest import state_for
from .test_institution_question import checkboxes

HOST = {"HTTP_HOST": "kaarst.localhost"}


@pytest.mark.django_db
def test_public_survey_lists_exactly_the_institutions_of_the_public_partner_map(demo_content):  # noqa: F811
    kaarst = demo_content["projects"]["kaarst"]
    survey = Survey.objects.get(project=kaarst, title="Angebote im Albert-Einstein-Forum")
    state = state_for(survey, answers={"besuch": "Ja, mehrmals"}, step=1).dumps()
    response = Client().post(
        "/beteiligung/",
        {"state": state, "action": "sprache:de"},
        **HOST,
    )
    html = response.content.decode()
    assert response.status_code == 200
    names = checkboxes(html, "q_einrichtungen")
    partner_map = [row["name"] for row in public_network(kaarst)[1]]
    assert len(names) == 17
    assert names == partner_map
    assert Institution.objects.filter(project=kaarst, active=True).count() == 78
    # One choice, not one select per institution; no intensity shown before a choice.
    assert html.count('<select class="kern-form-input__select" id="id_q_einrichtungen__') == 17
    assert html.count(" disabled") == 17
    assert re.search(r'data-qn-intensities="q_einrichtungen" hidden', html)


@pytest.mark.django_db
def test_invited_institution_sees_the_whole_active_network(demo_content):  # noqa: F811
    kl = demo_content["projects"]["kaiserslautern"]
    survey = Survey.objects.get(project=kl, title="Netzwerkbefragung 2026")
    own = Invitation.objects.filter(survey=survey, used=False).order_by("pk").first()
    [(_invitation, token)] = create_invitations(survey, institutions=[own.institution])
    response = Client().get(f"/netzwerkbefragung/t/{token}/", HTTP_HOST=kl.site.hostname)
    html = response.content.decode()
    assert response.status_code == 200
    active = list(
        Institution.objects.filter(project=kl, active=True)
        .exclude(pk=own.institution_id)
        .order_by("name", "pk")
        .values_list("name", flat=True)
    )
    public = Institution.objects.filter(project=kl, active=True, public=True).count()
    assert checkboxes(html, "q_partner") == active
    assert len(active) > public
