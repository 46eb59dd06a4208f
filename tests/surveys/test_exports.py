"""Exports: the exact CSV of all responses, the same table as XLSX, the results summary."""

import datetime
import io
import uuid

import pytest
from openpyxl import load_workbook

from surveys.exports import responses_csv, responses_xlsx, results_xlsx
from surveys.models import Survey, SurveyStatus
from surveys.results import survey_results
from surveys.services import submit_response

from .conftest import add_questions


@pytest.fixture
def small_survey(kaarst, districts):
    survey = Survey.objects.create(project=kaarst, title="Export", status=SurveyStatus.OPEN)
    add_questions(
        survey,
        [
            ("einfach", "besuch", "Besucht?", {"choices": "Ja\nNein"}),
            ("mehrfach", "angebote", "Angebote?", {"choices": "Kurs\nCafé", "allow_other": True}),
            ("likert", "meinung", "Meinung?", {"choices": "Erreichbar\nFreundlich"}),
            ("abschnitt", "s2", "Teil 2", {}),
            ("zahl", "alter", "Alter?", {}),
            ("stadtteil", "ort", "Wo?", {}),
            ("datum", "seit", "Seit?", {}),
            ("kurztext", "notiz", "Notiz?", {}),
        ],
    )
    rows = [
        (
            {
                "besuch": "Ja",
                "angebote": {"c": ["Café", "Sonstiges"], "o": '=HYPERLINK("x")'},
                "meinung": {"Erreichbar": 4, "Freundlich": 5},
                "alter": "34.5",
                "ort": "Büttgen",
                "seit": "2020-03-01",
                "notiz": "-5 Grad; kalt",
            },
            datetime.date(2026, 5, 4),
            "de",
        ),
        ({"besuch": "Nein", "notiz": "@home"}, datetime.date(2026, 5, 5), "en"),
        ({"angebote": {"c": ["Kurs"]}, "alter": "70"}, datetime.date(2026, 5, 5), "de"),
    ]
    for answers, day, language in rows:
        submit_response(
            survey, answers, submission_key=str(uuid.uuid4()), language=language, today=day
        )
    return survey


@pytest.mark.django_db
def test_csv_export_has_exact_contents_and_neutralises_formulas(small_survey):
    text = responses_csv(small_survey)
    assert text.startswith("\ufeff")
    assert text.lstrip("\ufeff").split("\r\n") == [
        "Nr.;abgegeben am;Sprache;besuch;angebote: Kurs;angebote: Café;angebote: Sonstiges;"
        "angebote: Sonstiges (Text);meinung: Erreichbar;meinung: Freundlich;alter;ort;seit;notiz",
        '1;2026-05-04;de;Ja;0;1;1;"\'=HYPERLINK(""x"")";4;5;34,5;Büttgen;2020-03-01;'
        '"\'-5 Grad; kalt"',
        "2;2026-05-05;en;Nein;;;;;;;;;;'@home",
        "3;2026-05-05;de;;1;0;0;;;;70;;;",
        "",
    ]


@pytest.mark.django_db
def test_export_query_count_does_not_grow_with_responses(small_survey, django_assert_num_queries):
    with django_assert_num_queries(3):
        responses_csv(small_survey)
    for _ in range(27):
        submit_response(small_survey, {"besuch": "Ja"}, submission_key=str(uuid.uuid4()))
    with django_assert_num_queries(3):
        responses_csv(small_survey)


@pytest.mark.django_db
def test_xlsx_export_matches_the_csv_table(small_survey):
    workbook = load_workbook(io.BytesIO(responses_xlsx(small_survey)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nr.", "abgegeben am", "Sprache", "besuch")
    assert rows[1] == (
        1,
        "2026-05-04",
        "de",
        "Ja",
        0,
        1,
        1,
        '\'=HYPERLINK("x")',
        4,
        5,
        34.5,
        "Büttgen",
        "2020-03-01",
        "'-5 Grad; kalt",
    )
    assert rows[2][-1] == "'@home"


@pytest.mark.django_db
def test_results_summary_xlsx_lists_counts_per_answer(small_survey):
    small_survey.min_group_size = 2
    small_survey.save()
    workbook = load_workbook(io.BytesIO(results_xlsx(survey_results(small_survey))))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[1][:2] == ("Antworten insgesamt", 3)
    start = [row[0] for row in rows].index("besuch: Besucht?")
    assert rows[start + 1][:2] == ("beantwortet", 2)
    assert rows[start + 3][:3] == ("Ja", 1, 50.0)
    assert rows[start + 4][:3] == ("Nein", 1, 50.0)
