"""Admin: surveys scoped by project (404 for others), results, exports, invitations."""

import uuid

from django.contrib.auth.models import Permission
from django.urls import reverse

import pytest

from surveys.models import Invitation, Survey, SurveyAccess
from surveys.services import submit_response

from .conftest import add_questions, make_user, publish


def admin_user(name, group):
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    return make_user(name, group)


@pytest.fixture
def editor(kaarst):
    return admin_user("redaktion-kaarst", kaarst.editor_group)


@pytest.fixture
def other_editor(kl):
    return admin_user("redaktion-kaiserslautern", kl.editor_group)


def admin_urls(survey):
    return [
        reverse("wagtailsnippets_surveys_survey:edit", args=[survey.pk]),
        reverse("wagtailsnippets_surveys_survey:delete", args=[survey.pk]),
        reverse("surveys_results", args=[survey.pk]),
        reverse("surveys_results_xlsx", args=[survey.pk]),
        reverse("surveys_export_csv", args=[survey.pk]),
        reverse("surveys_export_xlsx", args=[survey.pk]),
        reverse("surveys_invitations", args=[survey.pk]),
        reverse("surveys_reciprocity", args=[survey.pk]),
    ]


@pytest.mark.django_db
def test_survey_of_another_project_answers_404_everywhere(client, survey, other_editor):
    client.force_login(other_editor)
    assert [client.get(url).status_code for url in admin_urls(survey)] == [404] * 8


@pytest.mark.django_db
def test_editor_of_the_project_reaches_every_survey_view(client, survey, editor):
    client.force_login(editor)
    assert [client.get(url).status_code for url in admin_urls(survey)] == [200] * 8


@pytest.mark.django_db
def test_listing_shows_only_the_users_projects(client, survey, kl, editor, other_editor):
    Survey.objects.create(project=kl, title="Umfrage Kaiserslautern")
    client.force_login(editor)
    html = client.get(reverse("wagtailsnippets_surveys_survey:list")).content.decode()
    assert "Angebote im Forum" in html and "Umfrage Kaiserslautern" not in html
    client.force_login(other_editor)
    html = client.get(reverse("wagtailsnippets_surveys_survey:list")).content.decode()
    assert "Angebote im Forum" not in html and "Umfrage Kaiserslautern" in html


@pytest.mark.django_db
def test_admin_results_page_has_fixed_query_count(
    client, survey, editor, django_assert_max_num_queries
):
    client.force_login(editor)
    url = reverse("surveys_results", args=[survey.pk])
    for i in range(6):
        submit_response(
            survey, {"besuch": "Ja", "note": 1 + i % 5}, submission_key=str(uuid.uuid4())
        )
    client.get(url)  # warm caches of the admin (menus, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for _i in range(30):
        submit_response(survey, {"besuch": "Nein", "note": 2}, submission_key=str(uuid.uuid4()))
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "36 Antworten" in html


@pytest.mark.django_db
def test_generating_invitations_downloads_links_once(client, survey, editor, institutions):
    survey.access = SurveyAccess.INVITATIONS
    survey.save()
    publish(survey)
    client.force_login(editor)
    url = reverse("surveys_invitations", args=[survey.pk])
    bad = client.post(url, {"count": "-1"})
    assert "Bitte 0 oder mehr angeben." in bad.content.decode()
    assert Invitation.objects.count() == 0
    result = client.post(url, {"count": "2", "per_institution": "on"})
    assert result["Content-Type"] == "text/csv; charset=utf-8"
    lines = result.content.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 1 + 2 + 4
    assert lines[3].startswith("Alpha e. V.;Alpha e. V.;http://kaarst.localhost/beteiligung/t/")
    assert Invitation.objects.count() == 6
    listing = client.get(url).content.decode()
    assert "6 Einladungen, davon 0 genutzt" in listing
    token = lines[1].rsplit("/t/", 1)[1].rstrip("/")
    assert token not in listing


@pytest.mark.django_db
def test_editor_form_rejects_duplicate_keys_and_bad_conditions(kaarst, editor):
    from wagtail.admin.panels import get_edit_handler

    survey = add_questions(Survey.objects.create(project=kaarst, title="T"), [])
    form_class = get_edit_handler(Survey).get_form_class()
    prefix = "questions"
    rows = [
        {"kind": "einfach", "key": "a", "text": "A", "choices": "Ja\nNein"},
        {"kind": "kurztext", "key": "a", "text": "B"},
        {
            "kind": "kurztext",
            "key": "c",
            "text": "C",
            "condition_key": "a",
            "condition_value": "Vielleicht",
        },
    ]
    data = {
        "project": kaarst.pk,
        "title": "T",
        "status": "entwurf",
        "access": "offen",
        "anonymous": "on",
        "min_group_size": "5",
        "thank_you": "Danke",
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in {"rating_scale": "1-5", "ORDER": str(index + 1), **row}.items():
            data[f"{prefix}-{index}-{name}"] = value
    form = form_class(data, instance=survey, for_user=editor)
    assert not form.is_valid()
    questions = form.formsets["questions"].forms
    assert questions[1].errors["key"] == ["Diese Kennung kommt schon einmal vor."]
    assert questions[2].errors["condition_value"] == [
        "Diese Antwort gibt es bei der genannten Frage nicht."
    ]
