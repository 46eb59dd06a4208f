"""Answering a survey through the SurveyPage: steps, back/next, conditions, errors, states."""

import datetime
import re
import time

from django.test import Client
from django.utils import timezone

import pytest

from surveys.models import Answer, Response, SurveyAccess, SurveyStatus

HOST = {"HTTP_HOST": "kaarst.localhost"}


def state_of(response):
    match = re.search(r'name="state" value="([^"]+)"', response.content.decode())
    assert match, "no answering state in the page"
    return match.group(1)


def post(client, path, state, **data):
    return client.post(path, {"state": state, **data}, **HOST)


STEP1 = {
    "q_besuch": "Nein",
    "q_angebote": ["Café", "Sonstiges"],
    "q_angebote__other": "Näh-Treff",
    "q_stadtteil": "Büttgen",
    "q_alter": "35",
}


@pytest.mark.django_db
def test_multi_step_navigation_without_javascript(client, survey_page):
    page, path = survey_page
    first = client.get(path, **HOST)
    assert first.status_code == 200
    html = first.content.decode()
    assert "Schritt 1 von 2" in html
    assert 'name="q_besuch"' in html and 'name="q_meinung__0"' not in html

    second = post(client, path, state_of(first), action="next", **STEP1)
    html = second.content.decode()
    assert "Schritt 2 von 2" in html
    assert "Warum nicht?" in html  # shown because "Nein" was chosen
    assert Response.objects.count() == 0  # nothing stored before the final submit

    back = post(client, path, state_of(second), action="back", q_note="4")
    html = back.content.decode()
    assert "Schritt 1 von 2" in html
    assert re.search(r'value="Nein" checked', html)
    assert 'value="35"' in html
    assert 'value="Näh-Treff"' in html

    again = post(client, path, state_of(back), action="next", **STEP1)
    assert 'value="4" checked' in again.content.decode()  # the rating given before going back
    done = post(
        client,
        path,
        state_of(again),
        action="next",
        q_meinung__0="4",
        q_meinung__1="5",
        q_note="4",
        q_grund="Keine Zeit",
        q_wunsch="Mehr Abendangebote",
        q_seit="01.03.2020",
    )
    assert done.status_code == 200
    assert "Danke schön!" in done.content.decode()
    response = Response.objects.get()
    rows = sorted(
        (a.question.key, a.choice, a.number, a.text, a.date)
        for a in Answer.objects.filter(response=response).select_related("question")
    )
    assert rows == [
        ("alter", "", 35, "", None),
        ("angebote", "Café", None, "", None),
        ("angebote", "Sonstiges", None, "Näh-Treff", None),
        ("besuch", "Nein", None, "", None),
        ("grund", "", None, "Keine Zeit", None),
        ("meinung", "Das Forum ist gut erreichbar", 4, "", None),
        ("meinung", "Ich fühle mich willkommen", 5, "", None),
        ("note", "", 4, "", None),
        ("seit", "", None, "", datetime.date(2020, 3, 1)),
        ("stadtteil", "Büttgen", None, "", None),
        ("wunsch", "", None, "Mehr Abendangebote", None),
    ]


@pytest.mark.django_db
def test_condition_hides_question_and_drops_its_answer(client, survey_page):
    page, path = survey_page
    first = client.get(path, **HOST)
    step2 = post(client, path, state_of(first), action="next", **{**STEP1, "q_besuch": "Nein"})
    # Answer the conditional question, go back, change the condition: the answer is dropped.
    back = post(client, path, state_of(step2), action="back", q_grund="Keine Zeit")
    step2 = post(client, path, state_of(back), action="next", **{**STEP1, "q_besuch": "Ja"})
    assert "Warum nicht?" not in step2.content.decode()
    post(client, path, state_of(step2), action="next", q_note="2")
    assert Response.objects.count() == 1
    keys = sorted(Answer.objects.values_list("question__key", flat=True))
    assert "grund" not in keys
    assert keys == ["alter", "angebote", "angebote", "besuch", "note", "stadtteil"]


@pytest.mark.django_db
def test_error_summary_and_field_message_in_german(client, survey_page):
    page, path = survey_page
    first = client.get(path, **HOST)
    result = post(client, path, state_of(first), action="next", q_alter="zwölf")
    html = result.content.decode()
    assert result.status_code == 400
    assert "Bitte prüfen Sie Ihre Angaben" in html
    assert 'href="#id_q_besuch"' in html
    assert html.count("Bitte beantworten Sie diese Frage.") == 2  # summary + at the field
    assert html.count("Bitte geben Sie eine Zahl ein, z. B. 12 oder 3,5.") == 2
    assert "Schritt 1 von 2" in html
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_error_state_names_the_error_in_the_title_and_focuses_the_summary(client, survey_page):
    """As the contact form: the title starts with "Fehler:", the summary takes the focus."""
    page, path = survey_page
    first = client.get(path, **HOST)
    assert re.search(r"<title>Angebote im Forum", first.content.decode())
    result = post(client, path, state_of(first), action="next", q_alter="zwölf")
    html = result.content.decode()
    assert re.search(r"<title>Fehler: Angebote im Forum", html)
    assert re.search(r'<div class="[^"]*qn-error-summary"[^>]* tabindex="-1" autofocus', html)
    assert "autofocus" not in first.content.decode()


@pytest.mark.django_db
def test_double_submit_stores_one_response(client, survey_page):
    page, path = survey_page
    first = client.get(path, **HOST)
    step2 = post(client, path, state_of(first), action="next", **{**STEP1, "q_besuch": "Ja"})
    final_state = state_of(step2)
    one = post(client, path, final_state, action="next", q_note="5")
    two = post(client, path, final_state, action="next", q_note="5")  # refresh / double click
    assert one.status_code == two.status_code == 200
    assert "Danke schön!" in two.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_closed_survey_answers_410_with_german_page(client, survey, survey_page):
    page, path = survey_page
    survey.status = SurveyStatus.CLOSED
    survey.save()
    result = client.get(path, **HOST)
    assert result.status_code == 410
    assert "Diese Umfrage ist beendet" in result.content.decode()


@pytest.mark.django_db
def test_survey_past_its_end_is_closed(client, survey, survey_page):
    page, path = survey_page
    survey.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    survey.save()
    assert client.get(path, **HOST).status_code == 410


@pytest.mark.django_db
def test_not_yet_open_survey_names_its_start(client, survey, survey_page):
    page, path = survey_page
    survey.opens_at = timezone.make_aware(datetime.datetime(2099, 6, 1, 10, 0))
    survey.save()
    result = client.get(path, **HOST)
    html = result.content.decode()
    assert result.status_code == 200
    assert "Diese Umfrage beginnt bald" in html
    assert "1. Juni 2099" in html
    assert 'name="state"' not in html


@pytest.mark.django_db
def test_draft_survey_is_not_found(client, survey, survey_page):
    page, path = survey_page
    survey.status = SurveyStatus.DRAFT
    survey.save()
    assert client.get(path, **HOST).status_code == 404


@pytest.mark.django_db
def test_forged_state_starts_again_and_stores_nothing(client, survey_page):
    page, path = survey_page
    result = post(client, path, "forged:state", action="next", q_note="5")
    assert result.status_code == 400
    assert "Neu begonnen" in result.content.decode()
    assert Response.objects.count() == 0


# --- invitations --------------------------------------------------------------------------


@pytest.fixture
def invitation_survey(survey):
    from surveys.models import SurveyAccess

    survey.access = SurveyAccess.INVITATIONS
    survey.save()
    return survey


@pytest.mark.django_db
def test_invitation_survey_needs_a_token(client, invitation_survey, survey_page):
    page, path = survey_page
    result = client.get(path, **HOST)
    assert result.status_code == 403
    assert "Einladung erforderlich" in result.content.decode()


@pytest.mark.django_db
def test_unknown_token_answers_404_with_german_page(client, invitation_survey, survey_page):
    page, path = survey_page
    result = client.get(f"{path}t/gibt-es-nicht/", **HOST)
    assert result.status_code == 404
    assert "Einladungslink unbekannt" in result.content.decode()


@pytest.mark.django_db
def test_token_answers_once_then_410(client, invitation_survey, survey_page):
    from surveys.models import Invitation
    from surveys.services import create_invitations

    page, path = survey_page
    [(invitation, token)] = create_invitations(invitation_survey, count=1)
    first = client.get(f"{path}t/{token}/", **HOST)
    assert first.status_code == 200
    step2 = post(client, path, state_of(first), action="next", **{**STEP1, "q_besuch": "Ja"})
    done = post(client, path, state_of(step2), action="next", q_note="3")
    assert "Danke schön!" in done.content.decode()
    assert Invitation.objects.get().used
    again = client.get(f"{path}t/{token}/", **HOST)
    assert again.status_code == 410
    assert "Einladung bereits genutzt" in again.content.decode()
    # Re-sending the very same final form still thanks instead of failing.
    repeat = post(client, path, state_of(step2), action="next", q_note="3")
    assert "Danke schön!" in repeat.content.decode()
    assert Response.objects.count() == 1


# --- spam protection ------------------------------------------------------------------------


def _to_last_step(client, path):
    first = client.get(path, **HOST)
    return post(client, path, state_of(first), action="next", **{**STEP1, "q_besuch": "Ja"})


@pytest.mark.django_db
def test_filled_honeypot_is_thanked_but_stores_nothing(client, survey_page):
    page, path = survey_page
    step2 = _to_last_step(client, path)
    result = post(client, path, state_of(step2), action="next", q_note="3", website="spam.example")
    assert "Danke schön!" in result.content.decode()
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_too_fast_submission_is_asked_to_send_again(client, survey_page, settings):
    settings.FORM_MIN_FILL_SECONDS = 3600
    page, path = survey_page
    step2 = _to_last_step(client, path)
    result = post(client, path, state_of(step2), action="next", q_note="3")
    html = result.content.decode()
    assert "Das ging sehr schnell." in html
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_rate_limit_per_client_answers_429(client, survey_page, settings):
    from django.core.cache import cache

    cache.clear()
    settings.FORM_RATE_LIMIT = "2/h"
    page, path = survey_page
    statuses = []
    for _ in range(3):
        step2 = _to_last_step(client, path)
        statuses.append(post(client, path, state_of(step2), action="next", q_note="3").status_code)
    assert statuses == [200, 200, 429]
    assert Response.objects.count() == 2
    cache.clear()


@pytest.mark.django_db
def test_rate_limit_counts_stored_responses_of_each_survey_only(client, survey_page, settings):
    settings.FORM_RATE_LIMIT = "1/h"
    page, path = survey_page
    step2 = _to_last_step(client, path)
    state = state_of(step2)
    assert post(client, path, state, action="next", q_note="3").status_code == 200
    # The same response sent again is thanked, not counted and not refused.
    assert post(client, path, state, action="next", q_note="3").status_code == 200
    assert Response.objects.count() == 1
    step2 = _to_last_step(client, path)
    assert post(client, path, state_of(step2), action="next", q_note="3").status_code == 429


@pytest.mark.django_db
def test_unreachable_limit_cache_brings_the_last_step_back_with_the_answers(
    client, survey_page, settings
):
    page, path = survey_page
    step2 = _to_last_step(client, path)
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "unreachable": {"BACKEND": "tests.unreachable_cache.UnreachableCache"},
    }
    settings.RATELIMIT_USE_CACHE = "unreachable"
    result = post(client, path, state_of(step2), action="next", q_note="3")
    html = result.content.decode()
    assert result.status_code == 503
    assert "Ihre Antworten können gerade nicht angenommen werden." in html
    assert re.search(r'name="q_note"[^>]*value="3"[^>]*checked', html), "answer kept"
    assert Response.objects.count() == 0


@pytest.mark.django_db
def test_submit_whose_rate_limit_cannot_be_checked_is_refused(client, survey_page):
    from django.test import override_settings

    from tests.broken_cache import broken_caches

    page, path = survey_page
    step2 = _to_last_step(client, path)
    with override_settings(CACHES=broken_caches()):
        result = post(client, path, state_of(step2), action="next", q_note="3")
        # Reading on goes on uncached.
        assert client.get(path, **HOST).status_code == 200
    assert result.status_code == 503
    assert "Ihre Antworten können gerade nicht angenommen werden." in result.content.decode()
    assert Response.objects.count() == 0


# --- public results -----------------------------------------------------------------------


@pytest.mark.django_db
def test_public_results_only_when_enabled(client, survey, survey_page):
    import uuid

    from surveys.services import submit_response

    page, path = survey_page
    assert client.get(f"{path}ergebnisse/", **HOST).status_code == 404
    page.show_results = True
    page.save()
    for i in range(5):
        submit_response(
            survey, {"besuch": "Ja" if i else "Nein", "note": 4}, submission_key=str(uuid.uuid4())
        )
    result = client.get(f"{path}ergebnisse/", **HOST)
    html = result.content.decode()
    assert result.status_code == 200
    assert "5 Antworten" in html
    assert 'data-chart="' in html and "<table" in html
    assert "vendor/chartjs/chart.umd.min.js" in html
    assert "<script>" not in html  # no inline scripts (CSP 'self')


@pytest.mark.django_db
def test_published_results_show_a_new_response_despite_the_page_cache(
    client, survey, survey_page, settings, django_capture_on_commit_callbacks
):
    import uuid

    from django.core.cache import cache

    from surveys.services import submit_response

    cache.clear()
    settings.PAGE_CACHE_ENABLED = True
    page, path = survey_page
    page.show_results = True
    page.save()
    for _ in range(5):
        submit_response(survey, {"besuch": "Ja"}, submission_key=str(uuid.uuid4()))
    client.get(f"{path}ergebnisse/", **HOST)  # creates the site settings once (a purge)
    first = client.get(f"{path}ergebnisse/", **HOST)
    cached = client.get(f"{path}ergebnisse/", **HOST)
    assert (first["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    with django_capture_on_commit_callbacks(execute=True):
        submit_response(survey, {"besuch": "Nein"}, submission_key=str(uuid.uuid4()))
    fresh = client.get(f"{path}ergebnisse/", **HOST)
    assert fresh["X-Page-Cache"] == "miss"
    assert "6 Antworten" in fresh.content.decode()
    cache.clear()


@pytest.mark.django_db
def test_resident_switches_the_survey_language_and_keeps_answers(client, survey, survey_page):
    from surveys.models import Question

    survey.languages = ["en", "ar"]
    survey.title_en = "Activities at the forum"
    survey.save()
    Question.objects.filter(key="besuch").update(text_en="Have you been to the forum?")
    page, path = survey_page
    first = client.get(path, **HOST)
    assert "Angebote im Forum" in first.content.decode()
    switched = post(client, path, state_of(first), action="sprache:en")
    html = switched.content.decode()
    assert "Activities at the forum" in html
    assert "Have you been to the forum?" in html
    assert 'lang="en"' in html
    arabic = post(client, path, state_of(switched), action="sprache:ar")
    assert 'dir="rtl"' in arabic.content.decode()
    step2 = post(client, path, state_of(arabic), action="next", **STEP1)
    post(client, path, state_of(step2), action="next", q_note="5")
    assert Response.objects.get().language == "ar"


@pytest.mark.django_db
def test_editor_preview_shows_every_step_as_residents_see_it(rf, survey, survey_page):
    request = rf.get("/", HTTP_HOST="kaarst.localhost")
    html = survey.serve_preview(request, "").render().content.decode()
    assert "Schritt 1 von 2" in html and "Schritt 2 von 2" in html
    assert "Waren Sie schon im Forum?" in html and "Wie sehr stimmen Sie zu?" in html
    assert "Nur sichtbar, wenn bei „besuch“ „Nein“ gewählt wurde." in html


@pytest.fixture
def page_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.PAGE_CACHE_ENABLED = True
    yield
    cache.clear()


def hidden(response, name):
    [value] = re.findall(rf'name="{name}" value="([^"]+)"', response.content.decode())
    return value


@pytest.mark.django_db
def test_first_step_is_stored_and_every_respondent_gets_an_own_state(
    survey, survey_page, page_cache
):
    from django.test import Client

    from surveys.flow import AnswerState

    _page, path = survey_page
    Client().get(path, **HOST)  # creates the site settings once (a purge)
    first = Client(enforce_csrf_checks=True).get(path, **HOST)
    respondent = Client(enforce_csrf_checks=True)
    second = respondent.get(path, **HOST)
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Cache-Control"] == first["Cache-Control"]  # browsers still keep nothing
    assert "no-store" in second["Cache-Control"]
    assert "qn-personal" not in second.content.decode()
    states = [AnswerState.loads(state_of(r), survey) for r in (first, second)]
    assert None not in states
    assert states[0].key != states[1].key
    assert states[0].seed != states[1].seed
    assert (states[1].step, states[1].answers, states[1].survey_id) == (0, {}, survey.pk)
    assert abs(states[1].started - time.time()) < 60
    # The respondent answers on from the stored step with their own state and CSRF token.
    step2 = respondent.post(
        path,
        {
            "csrfmiddlewaretoken": hidden(second, "csrfmiddlewaretoken"),
            "state": state_of(second),
            "action": "next",
            **STEP1,
        },
        **HOST,
    )
    assert step2.status_code == 200
    assert "Schritt 2 von 2" in step2.content.decode()
    assert AnswerState.loads(state_of(step2), survey).key == states[1].key


@pytest.mark.django_db
def test_shuffled_first_steps_and_invitation_links_are_never_stored(
    survey, survey_page, page_cache
):
    from surveys.models import Question
    from surveys.services import create_invitations

    _page, path = survey_page
    Client().get(path, **HOST)  # creates the site settings once (a purge)
    Question.objects.filter(survey=survey, key="angebote").update(shuffle_choices=True)
    answers = [Client().get(path, **HOST) for _ in range(2)]
    assert [r.status_code for r in answers] == [200, 200]
    assert ["X-Page-Cache" in r for r in answers] == [False, False]
    assert state_of(answers[0]) != state_of(answers[1])
    Question.objects.filter(survey=survey).update(shuffle_choices=False)
    survey.access = SurveyAccess.INVITATIONS
    survey.save()
    [(_invitation, token)] = create_invitations(survey, count=1)
    invited = [Client().get(f"{path}t/{token}/", **HOST) for _ in range(2)]
    assert [r.status_code for r in invited] == [200, 200]
    assert ["X-Page-Cache" in r for r in invited] == [False, False]
