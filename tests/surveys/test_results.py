"""Results: counts, percentages, scales, cross-tabs, suppression of small groups, query counts."""

import uuid
from decimal import Decimal

import pytest

from surveys.models import Survey, SurveyStatus
from surveys.results import reciprocity, survey_results
from surveys.services import submit_response

from .conftest import add_questions


def make_survey(project, min_group=5):
    survey = Survey.objects.create(
        project=project, title="Ergebnisse", status=SurveyStatus.OPEN, min_group_size=min_group
    )
    return add_questions(
        survey,
        [
            ("einfach", "besuch", "Besucht?", {"choices": "Ja\nNein"}),
            ("mehrfach", "angebote", "Angebote?", {"choices": "Kurs\nCafé\nBeratung"}),
            ("stadtteil", "ort", "Wo?", {}),
            ("likert", "meinung", "Meinung?", {"choices": "Erreichbar"}),
            ("bewertung", "note", "Note?", {}),
            ("langtext", "wunsch", "Wunsch?", {}),
        ],
    )


def answer(survey, **answers):
    submit_response(survey, answers, submission_key=str(uuid.uuid4()))


# Six Büttgen residents and three from Kaarst-Mitte, hand-made so the figures can be checked.
PEOPLE = [
    ("Ja", ["Kurs", "Café"], "Büttgen", 5, 5, "Mehr Kurse"),
    ("Ja", ["Kurs"], "Büttgen", 4, 4, ""),
    ("Ja", ["Café"], "Büttgen", 4, 4, ""),
    ("Nein", ["Kurs"], "Büttgen", 2, 3, "Abends"),
    ("Nein", [], "Büttgen", 3, 2, ""),
    ("Ja", ["Beratung"], "Büttgen", 5, 5, ""),
    ("Nein", ["Kurs"], "Kaarst-Mitte", 1, 1, ""),
    ("Ja", ["Café"], "Kaarst-Mitte", 3, 3, ""),
    ("Ja", [], "Kaarst-Mitte", 4, 4, ""),
]


@pytest.fixture
def answered(kaarst, districts):
    survey = make_survey(kaarst)
    for visited, offers, place, level, grade, wish in PEOPLE:
        answers = {"besuch": visited, "ort": place, "meinung": {"Erreichbar": level}, "note": grade}
        if offers:
            answers["angebote"] = {"c": offers}
        if wish:
            answers["wunsch"] = wish
        answer(survey, **answers)
    return survey


def by_key(results):
    return {r.question.key: r for r in results.questions}


@pytest.mark.django_db
def test_counts_percentages_mean_and_median(answered):
    results = survey_results(answered)
    assert results.total == 9 and not results.suppressed
    r = by_key(results)
    assert [(row["label"], row["count"], row["percent"]) for row in r["besuch"].rows] == [
        ("Ja", 6, Decimal(6) * 100 / 9),
        ("Nein", 3, Decimal(3) * 100 / 9),
    ]
    assert r["angebote"].answered == 7
    assert [(row["label"], row["count"]) for row in r["angebote"].rows] == [
        ("Kurs", 4),
        ("Café", 3),
        ("Beratung", 1),
    ]
    assert [(row["label"], row["count"]) for row in r["ort"].rows] == [
        ("Büttgen", 6),
        ("Holzbüttgen", 0),
        ("Kaarst-Mitte", 3),
    ]
    # grades 5,4,4,3,2,5,1,3,4 → mean 31/9, median 4
    assert r["note"].mean == Decimal(31) / 9
    assert r["note"].median == Decimal(4)
    assert [row["count"] for row in r["note"].rows] == [1, 1, 2, 3, 2]
    likert = r["meinung"].likert_rows[0]
    assert [count for count, _pct in likert["cells"]] == [1, 1, 2, 3, 2]
    assert likert["median"] == Decimal(4)
    assert r["wunsch"].texts == ["Abends", "Mehr Kurse"]
    assert [count for _day, count in results.timeline] == [9]


@pytest.mark.django_db
def test_fewer_responses_than_the_minimum_are_suppressed(kaarst, districts):
    survey = make_survey(kaarst)
    for _ in range(4):
        answer(survey, besuch="Ja", wunsch="Ich bin die einzige Person aus Holzbüttgen")
    results = survey_results(survey)
    assert results.total == 4
    assert results.suppressed
    assert all(not r.rows and not r.texts for r in results.questions)
    answer(survey, besuch="Nein")
    assert not survey_results(survey).suppressed


@pytest.mark.django_db
def test_filter_to_a_group_below_the_minimum_is_suppressed(answered):
    kaarst_mitte = survey_results(answered, filter_key="ort", filter_value="Kaarst-Mitte")
    assert kaarst_mitte.total == 3
    assert kaarst_mitte.suppressed
    buettgen = survey_results(answered, filter_key="ort", filter_value="Büttgen")
    assert buettgen.total == 6 and not buettgen.suppressed
    assert [row["count"] for row in by_key(buettgen)["besuch"].rows] == [4, 2]


@pytest.mark.django_db
def test_configured_minimum_group_size_applies(answered):
    answered.min_group_size = 3
    answered.save()
    assert not survey_results(answered, filter_key="ort", filter_value="Kaarst-Mitte").suppressed


@pytest.mark.django_db
def test_crosstab_hides_groups_below_the_minimum(answered):
    results = survey_results(answered, by_key="ort")
    tab = by_key(results)["besuch"].crosstab
    assert [(c["label"], c["size"], c["suppressed"]) for c in tab["columns"]] == [
        ("Büttgen", 6, False),
        ("Kaarst-Mitte", 3, True),
    ]
    assert [(row["label"], [cell and cell[0] for cell in row["cells"]]) for row in tab["rows"]] == [
        ("Ja", [4, None]),
        ("Nein", [2, None]),
    ]
    assert tab["any_suppressed"]


@pytest.mark.django_db
def test_results_query_count_does_not_depend_on_the_number_of_responses(
    kaarst, districts, django_assert_num_queries
):
    survey = make_survey(kaarst)
    questions = list(survey.questions.all())

    def add(n):
        for i in range(n):
            answer(
                survey,
                besuch="Ja" if i % 2 else "Nein",
                angebote={"c": ["Kurs"]},
                ort="Büttgen",
                meinung={"Erreichbar": 1 + i % 5},
                note=1 + i % 5,
                wunsch=f"Text {i}",
            )

    add(5)
    with django_assert_num_queries(8):
        survey_results(survey, questions, by_key="ort")
    add(25)
    with django_assert_num_queries(8):
        survey_results(survey, questions, by_key="ort")


@pytest.mark.django_db
def test_reciprocity_lists_one_sided_and_mutual_pairs(kaarst, institutions):
    from surveys.models import Invitation, SurveyAccess, hash_token

    alpha, beta, gamma, delta = institutions
    survey = Survey.objects.create(
        project=kaarst,
        title="Netz",
        status=SurveyStatus.OPEN,
        access=SurveyAccess.INVITATIONS,
        anonymous=False,
    )
    add_questions(survey, [("institutionen", "partner", "Partner?", {})])
    for institution, picks in ((alpha, [beta, gamma]), (beta, [alpha]), (gamma, [delta])):
        token = f"t-{institution.pk}"
        Invitation.objects.create(
            survey=survey, token_hash=hash_token(token), institution=institution
        )
        submit_response(
            survey,
            {"partner": {str(p.pk): 3 for p in picks}},
            submission_key=str(uuid.uuid4()),
            token=token,
        )
    report = reciprocity(survey)
    assert report["mutual"] == [("Alpha e. V.", "Beta Schule")]
    assert report["one_sided"] == [
        ("Alpha e. V.", "Gamma Treff", True),
        ("Gamma Treff", "Delta Kita", False),
    ]
