"""Residents list, filter and open opportunities and apply; without consent nothing is stored."""

from django.core import mail

import pytest

from cms.spam import sign_timestamp
from volunteers.forms import consent_version
from volunteers.models import Application

HOST = "kaarst.localhost"


def get(client, path, **params):
    return client.get(path, params, HTTP_HOST=HOST)


def titles(response):
    return [o.title for o in response.context["opportunities"]]


def detail_path(opportunity):
    return f"/engagement/{opportunity.pk}-{opportunity.slug}/"


def application(**changes):
    data = {
        "name": "Samira Probe",
        "email": "samira@example.org",
        "phone": "",
        "languages": ["ar", "de"],
        "availability": ["4-nachmittags", "0-vormittags"],
        "message": "Ich koche gern.",
        "consent": "on",
        "website": "",
        "form_started": sign_timestamp(),
        **changes,
    }
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_the_list_shows_published_opportunities_of_the_own_project_only(client, world):
    response = get(client, "/engagement/")
    assert response.status_code == 200
    assert titles(response) == ["Frauencafé", "Stadtteilfest"]
    assert "Lesepatenschaft Kaiserslautern" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"art": "einmalig"}, ["Stadtteilfest"]),
        ({"wochentag": "4"}, ["Frauencafé"]),
        ({"tageszeit": "vormittags"}, ["Stadtteilfest"]),
        ({"wochentag": "4", "tageszeit": "vormittags"}, []),
        ({"sprache": "ar"}, ["Frauencafé"]),
        ({"ohne_deutsch": "on"}, ["Frauencafé"]),
        ({"alter": "16"}, ["Frauencafé"]),
        ({"alter": "18"}, ["Frauencafé", "Stadtteilfest"]),
        ({"barrierefrei": "on"}, ["Frauencafé"]),
    ],
)
def test_each_filter_works_with_a_plain_get_form(client, world, params, expected):
    response = get(client, "/engagement/", **params)
    assert response.status_code == 200
    assert titles(response) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "heading"),
    [
        ({}, "2 Engagementangebote"),
        ({"art": "einmalig"}, "1 Engagementangebot passt zu Ihrer Auswahl"),
        ({"alter": "18"}, "2 Engagementangebote passen zu Ihrer Auswahl"),
    ],
)
def test_the_count_agrees_with_its_number(client, world, params, heading):
    html = get(client, "/engagement/", **params).content.decode()
    assert html.split('id="opportunities-title">', 1)[1].split("</h2>", 1)[0] == heading


@pytest.mark.django_db
def test_field_and_district_filters_use_the_project_vocabulary(client, world):
    response = get(client, "/engagement/", feld=world["sport_field"].pk)
    assert titles(response) == ["Stadtteilfest"]
    response = get(client, "/engagement/", stadtteil=world["buettgen"].pk)
    assert titles(response) == ["Frauencafé"]


@pytest.mark.django_db
def test_a_value_not_offered_answers_400_with_a_german_message(client, world):
    response = get(client, "/engagement/", alter="alt")
    assert response.status_code == 400
    assert "Bitte das Alter als ganze Zahl angeben." in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()


@pytest.mark.django_db
def test_the_list_costs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries, django_assert_num_queries
):
    """Site frame, vocabularies, one query each for opportunities, slots, languages, donations."""
    from tests.volunteers.conftest import make_opportunity

    with django_assert_max_num_queries(23) as first:
        get(client, "/engagement/", wochentag="4")
    for index in range(5):
        make_opportunity(world["kaarst"], f"Mehr {index}", slots=[(4, 10, 11)])
    with django_assert_num_queries(len(first.captured_queries)):
        response = get(client, "/engagement/", wochentag="4")
    assert len(response.context["opportunities"]) == 6


@pytest.mark.django_db
def test_an_opportunity_has_its_own_page_with_place_and_requirements(client, world):
    response = get(client, detail_path(world["cafe"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nachbarschaftstreff" in text
    assert "ohne Deutschkenntnisse möglich" in text
    assert "Versicherung des Trägers" in text
    assert "Ich möchte mitmachen" in text


@pytest.mark.django_db
def test_a_wrong_slug_redirects_and_drafts_or_other_projects_are_404(client, world):
    response = get(client, f"/engagement/{world['cafe'].pk}-alt/")
    assert response.status_code == 302
    assert response["Location"].endswith(detail_path(world["cafe"]))
    assert get(client, detail_path(world["draft"])).status_code == 404
    assert get(client, detail_path(world["other"])).status_code == 404


@pytest.mark.django_db
def test_applying_stores_the_application_with_the_consent_version_and_mails(client, world):
    privacy = world["kaarst_pages"]["privacy"]
    response = client.post(detail_path(world["cafe"]), application(), HTTP_HOST=HOST)
    assert response.status_code == 200
    assert "Vielen Dank, Ihre Anfrage ist angekommen." in response.content.decode()
    stored = Application.objects.get()
    assert stored.project == world["kaarst"]
    assert stored.opportunity == world["cafe"]
    assert stored.name == "Samira Probe"
    assert sorted(stored.languages.values_list("code", flat=True)) == ["ar", "de"]
    assert stored.availability == ["0-vormittags", "4-nachmittags"]
    assert stored.consent_version == consent_version(privacy)
    assert len(stored.consent_version) == 64
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["post@example.org"]
    assert "Angebot: Frauencafé" in message.body
    assert "Zeiten: Montag vormittags, Freitag nachmittags" in message.body


@pytest.mark.django_db
def test_without_consent_nothing_is_stored_and_the_form_comes_back(client, world):
    response = client.post(detail_path(world["cafe"]), application(consent=None), HTTP_HOST=HOST)
    text = response.content.decode()
    assert response.status_code == 400
    assert Application.objects.count() == 0
    assert mail.outbox == []
    assert 'id="error-summary"' in text and "autofocus" in text
    assert "Ohne Ihre Zustimmung speichern wir nichts." in text
    assert 'value="Samira Probe"' in text  # nothing typed is lost


@pytest.mark.django_db
def test_email_or_phone_is_needed(client, world):
    response = client.post(
        detail_path(world["cafe"]), application(email="", phone=""), HTTP_HOST=HOST
    )
    assert response.status_code == 400
    assert "Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an." in (
        response.content.decode()
    )
    response = client.post(
        detail_path(world["cafe"]), application(email="", phone="0151 555"), HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert Application.objects.get().phone == "0151 555"


@pytest.mark.django_db
def test_a_filled_honeypot_pretends_success_and_stores_nothing(client, world):
    response = client.post(
        detail_path(world["cafe"]), application(website="http://spam"), HTTP_HOST=HOST
    )
    assert response.status_code == 200
    assert Application.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_resent_form_is_stored_once(client, world):
    data = application()
    client.post(detail_path(world["cafe"]), data, HTTP_HOST=HOST)
    response = client.post(detail_path(world["cafe"]), data, HTTP_HOST=HOST)
    assert response.status_code == 200
    assert Application.objects.count() == 1


@pytest.mark.django_db
def test_a_changed_privacy_page_changes_the_consent_version(world):
    privacy = world["kaarst_pages"]["privacy"]
    before = consent_version(privacy)
    privacy.save_revision().publish()
    privacy.refresh_from_db()
    assert consent_version(privacy) != before


@pytest.mark.django_db
def test_donation_needs_are_shown_on_the_index_page(client, world):
    from volunteers.models import DonationNeed, DonationStatus

    DonationNeed.objects.create(
        project=world["kaarst"],
        item="Kinderwagen",
        quantity="2",
        status=DonationStatus.STOP,
        not_accepted="Keine Autositze.",
    )
    DonationNeed.objects.create(project=world["kl"], item="Fahrräder")
    text = get(client, "/engagement/").content.decode()
    assert "Kinderwagen" in text and "Spendenstopp" in text and "Keine Autositze." in text
    assert "Fahrräder" not in text
