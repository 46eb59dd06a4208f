"""Model rules: privacy of responses, survey availability, question checks."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

import pytest

from surveys.models import Answer, Question, Response, Survey, SurveyAccess, SurveyStatus

HOST = {"HTTP_HOST": "kaarst.localhost"}


def test_response_has_no_field_for_ip_user_agent_session_or_user():
    fields = sorted(f.name for f in Response._meta.get_fields())
    assert fields == [
        "answers",
        "id",
        "institution",
        "language",
        "submission_key",
        "submitted_on",
        "survey",
    ]
    assert Response._meta.get_field("submitted_on").get_internal_type() == "DateField"


@pytest.mark.django_db
@override_settings(FORM_MIN_FILL_SECONDS=0)
def test_no_stored_row_holds_the_address_agent_or_session_of_the_respondent(client, survey_page):
    page, path = survey_page
    meta = {**HOST, "REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "Testbrowser/9.9"}
    first = client.get(path, **meta)
    state = re.search(r'name="state" value="([^"]+)"', first.content.decode()).group(1)
    second = client.post(
        path, {"state": state, "action": "next", "q_besuch": "Ja", "q_alter": "40"}, **meta
    )
    state = re.search(r'name="state" value="([^"]+)"', second.content.decode()).group(1)
    client.post(path, {"state": state, "action": "next", "q_wunsch": "Mehr Bänke"}, **meta)
    assert Response.objects.count() == 1
    session_key = client.session.session_key or "no-session"
    stored = [str(value) for row in Response.objects.values_list() for value in row] + [
        str(value) for row in Answer.objects.values_list() for value in row
    ]
    for secret in ("203.0.113.77", "Testbrowser", session_key):
        assert not any(secret in value for value in stored)
    assert Response.objects.get().submitted_on == timezone.localdate()


@pytest.mark.django_db
def test_availability_follows_status_and_dates(kaarst):
    now = timezone.now()
    survey = Survey(project=kaarst, title="T", status=SurveyStatus.DRAFT)
    assert survey.availability(now) == "draft"
    survey.status = SurveyStatus.OPEN
    assert survey.availability(now) == "open"
    survey.opens_at = now + datetime.timedelta(hours=1)
    assert survey.availability(now) == "not_yet_open"
    survey.opens_at, survey.closes_at = None, now
    assert survey.availability(now) == "closed"
    survey.closes_at = None
    survey.status = SurveyStatus.CLOSED
    assert survey.availability(now) == "closed"


@pytest.mark.django_db
def test_survey_rules_are_checked_with_german_messages(kaarst):
    now = timezone.now()
    survey = Survey(project=kaarst, title="T", opens_at=now, closes_at=now, anonymous=False)
    with pytest.raises(ValidationError) as raised:
        survey.full_clean()
    assert raised.value.message_dict["closes_at"] == ["Das Ende muss nach dem Beginn liegen."]
    survey.closes_at = None
    with pytest.raises(ValidationError) as raised:
        survey.full_clean()
    assert raised.value.message_dict["anonymous"] == ["Nicht anonym geht nur mit Einladungslinks."]
    survey.access = SurveyAccess.INVITATIONS
    survey.full_clean()


def test_question_rules_are_checked_with_german_messages():
    question = Question(kind="einfach", key="f", text="F", choices="Nur eine")
    with pytest.raises(ValidationError) as raised:
        question.clean()
    assert raised.value.message_dict["choices"] == [
        "Bitte mindestens zwei Antwortmöglichkeiten angeben."
    ]
    question = Question(kind="zahl", key="f", text="F", min_value=10, max_value=5)
    with pytest.raises(ValidationError) as raised:
        question.clean()
    assert raised.value.message_dict["max_value"] == [
        "Der größte Wert darf nicht kleiner als der kleinste sein."
    ]


def test_translations_fall_back_to_german():
    question = Question(
        kind="einfach",
        key="f",
        text="Besucht?",
        text_en="Visited?",
        choices="Ja\nNein",
        choices_en="Yes\nNo",
        choices_tr="Evet",
    )
    assert question.translated("text", "en") == "Visited?"
    assert question.translated("text", "tr") == "Besucht?"
    assert question.choice_list("en") == [("Ja", "Yes"), ("Nein", "No")]
    # A translation with a different number of lines is ignored rather than mismatched.
    assert question.choice_list("tr") == [("Ja", "Ja"), ("Nein", "Nein")]


def test_survey_page_can_be_placed_below_home_and_standard_pages():
    from cms.pages import HomePage, StandardPage
    from surveys.models import SurveyPage

    assert SurveyPage in HomePage.allowed_subpage_models()
    assert SurveyPage in StandardPage.allowed_subpage_models()
    assert set(SurveyPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    assert SurveyPage.allowed_subpage_models() == []
