"""Step forms: validation of every question type, display conditions, signed state."""

from decimal import Decimal

import pytest

from surveys.flow import (
    AnswerState,
    StepForm,
    SurveyContext,
    build_steps,
    clean_answers,
    is_visible,
    visible_steps,
)
from surveys.models import Question, Survey

from .conftest import add_questions


def q(kind, key="f", **extra):
    """An unsaved question (the form needs no database for these checks)."""
    return Question(kind=kind, key=key, text=f"Frage {key}", **extra)


CONTEXT = SurveyContext(
    districts=["Büttgen", "Kaarst-Mitte"], institutions=[(7, "Alpha e. V."), (9, "Beta Schule")]
)


def form_for(question, data):
    step = build_steps([question])[0]
    form = StepForm(step, CONTEXT, data=data)
    return form, form.is_valid()


BAD_INPUT = [
    (
        q("einfach", choices="Ja\nNein"),
        {"q_f": "Vielleicht"},
        "q_f",
        "Bitte wählen Sie eine der Antworten.",
    ),
    (
        q("einfach", choices="Ja\nNein", required=True),
        {},
        "q_f",
        "Bitte beantworten Sie diese Frage.",
    ),
    (
        q("mehrfach", choices="A\nB"),
        {"q_f": ["A", "C"]},
        "q_f",
        "Bitte wählen Sie nur angebotene Antworten.",
    ),
    (
        q("mehrfach", choices="A\nB", allow_other=True),
        {"q_f": ["Sonstiges"]},
        "q_f__other",
        "Bitte beschreiben Sie „Sonstiges“ in einigen Worten.",
    ),
    (
        q("likert", choices="Gut erreichbar"),
        {"q_f__0": "6"},
        "q_f__0",
        "Bitte wählen Sie eine Stufe der Skala.",
    ),
    (
        q("likert", choices="Gut erreichbar\nFreundlich", required=True),
        {"q_f__0": "3"},
        "q_f__1",
        "Bitte beantworten Sie diese Frage.",
    ),
    (
        q("bewertung", rating_scale="1-5"),
        {"q_f": "0"},
        "q_f",
        "Bitte wählen Sie einen Wert der Skala.",
    ),
    (
        q("bewertung", rating_scale="0-10"),
        {"q_f": "11"},
        "q_f",
        "Bitte wählen Sie einen Wert der Skala.",
    ),
    (q("kurztext"), {"q_f": "x" * 256}, "q_f", "Bitte höchstens 255 Zeichen eingeben."),
    (q("langtext"), {"q_f": "x" * 5001}, "q_f", "Bitte höchstens 5000 Zeichen eingeben."),
    (
        q("zahl", min_value=14, max_value=110),
        {"q_f": "13"},
        "q_f",
        "Bitte geben Sie eine Zahl ab 14 ein.",
    ),
    (
        q("zahl", min_value=14, max_value=110),
        {"q_f": "111"},
        "q_f",
        "Bitte geben Sie eine Zahl bis 110 ein.",
    ),
    (
        # Limits as the database returns them (decimal places) read as people write them.
        q("zahl", min_value=Decimal("14.00"), max_value=Decimal("110.50")),
        {"q_f": "13"},
        "q_f",
        "Bitte geben Sie eine Zahl ab 14 ein.",
    ),
    (
        q("zahl", min_value=Decimal("14.00"), max_value=Decimal("110.50")),
        {"q_f": "111"},
        "q_f",
        "Bitte geben Sie eine Zahl bis 110,5 ein.",
    ),
    (q("zahl"), {"q_f": "zwölf"}, "q_f", "Bitte geben Sie eine Zahl ein, z. B. 12 oder 3,5."),
    (
        q("datum"),
        {"q_f": "31.02.2026"},
        "q_f",
        "Bitte geben Sie ein gültiges Datum ein, z. B. 31.12.2026.",
    ),
    (q("stadtteil"), {"q_f": "Atlantis"}, "q_f", "Bitte wählen Sie einen Stadtteil."),
    (
        q("institutionen"),
        {"q_f": ["7"], "q_f__7": "9"},
        "q_f__7",
        "Bitte wählen Sie eine Intensität.",
    ),
    (
        # The intensity field was on the page (it was sent back) and left empty.
        q("institutionen"),
        {"q_f": ["7"], "q_f__7": ""},
        "q_f__7",
        "Bitte wählen Sie, wie oft oder wie eng.",
    ),
    (q("institutionen"), {"q_f": ["8"]}, "q_f", "Bitte wählen Sie nur angebotene Institutionen."),
    (
        q("institutionen", required=True),
        {"q_f__7": "", "q_f__9": "3"},
        "q_f",
        "Bitte wählen Sie mindestens eine Institution.",
    ),
]


@pytest.mark.parametrize(("question", "data", "field", "message"), BAD_INPUT)
def test_bad_input_gives_german_message_at_the_field(question, data, field, message):
    form, valid = form_for(question, data)
    assert not valid
    assert form.errors[field] == [message]
    assert (form[field].auto_id, form[field].label, message) in form.error_summary()


GOOD_INPUT = [
    (q("einfach", choices="Ja\nNein"), {"q_f": "Nein"}, "Nein"),
    (
        q("mehrfach", choices="A\nB", allow_other=True),
        {"q_f": ["B"], "q_f__other": "Nähen"},
        {"c": ["B", "Sonstiges"], "o": "Nähen"},
    ),
    (
        q("likert", choices="Gut erreichbar\nFreundlich"),
        {"q_f__0": "2", "q_f__1": "5"},
        {"Gut erreichbar": 2, "Freundlich": 5},
    ),
    (q("likert"), {"q_f__0": "4"}, {"Frage f": 4}),
    (q("bewertung", rating_scale="0-10"), {"q_f": "0"}, 0),
    (q("kurztext"), {"q_f": "  Mehr Sport  "}, "Mehr Sport"),
    (q("zahl", min_value=14, max_value=110), {"q_f": "14,5"}, "14.5"),
    (q("datum"), {"q_f": "01.03.2020"}, "2020-03-01"),
    (q("datum"), {"q_f": "2020-03-01"}, "2020-03-01"),
    (q("stadtteil"), {"q_f": "Büttgen"}, "Büttgen"),
    (q("institutionen"), {"q_f": ["9"], "q_f__7": "", "q_f__9": "4"}, {"9": 4}),
]


@pytest.mark.parametrize(("question", "data", "expected"), GOOD_INPUT)
def test_valid_input_is_encoded_for_the_state(question, data, expected):
    form, valid = form_for(question, data)
    assert valid, form.errors
    assert form.answers() == {"f": expected}


def test_institutions_chosen_without_their_intensity_field_wait_for_it():
    """Without JavaScript the intensities of new choices were not on the page yet."""
    form, valid = form_for(q("institutionen"), {"q_f": ["7", "9"], "q_f__9": "2"})
    assert valid, form.errors
    assert form.pending_intensities == ["7"]
    assert form.answers() == {"f": {"7": 0, "9": 2}}
    [block] = form.blocks()
    assert [(i["name"], i["chosen"]) for i in block["institutions"]] == [
        ("Alpha e. V.", True),
        ("Beta Schule", True),
    ]
    assert block["pending"] is True
    # An intensity without its institution chosen counts for nothing.
    form, valid = form_for(q("institutionen"), {"q_f__7": "2", "q_f__9": "4"})
    assert valid
    assert form.answers() == {}


def test_institutions_question_shows_intensities_of_earlier_choices_only():
    step = build_steps([q("institutionen")])[0]
    form = StepForm(step, CONTEXT, answers={"f": {"9": 3}})
    [block] = form.blocks()
    assert [(i["value"], i["chosen"]) for i in block["institutions"]] == [
        ("7", False),
        ("9", True),
    ]
    assert block["institutions"][1]["intensity"].value() == "3"
    assert block["pending"] is False


def test_optional_question_left_empty_gives_no_answer():
    form, valid = form_for(q("zahl"), {"q_f": ""})
    assert valid
    assert form.answers() == {}


def test_display_condition_follows_the_earlier_answer():
    condition = q("kurztext", key="grund", condition_key="besuch", condition_value="Nein")
    assert is_visible(condition, {"besuch": "Nein"})
    assert not is_visible(condition, {"besuch": "Ja"})
    assert not is_visible(condition, {})
    multi = q("kurztext", key="x", condition_key="angebote", condition_value="Café")
    assert is_visible(multi, {"angebote": {"c": ["Sprachkurs", "Café"]}})
    assert not is_visible(multi, {"angebote": {"c": ["Sprachkurs"]}})


def test_step_with_only_hidden_questions_is_skipped_and_stale_answers_dropped():
    questions = [
        q("einfach", key="besuch", choices="Ja\nNein"),
        q("abschnitt", key="s2"),
        q("kurztext", key="grund", condition_key="besuch", condition_value="Nein"),
        q("abschnitt", key="s3"),
        q("langtext", key="wunsch"),
    ]
    steps = build_steps(questions)
    assert [len(s.questions) for s in visible_steps(steps, {"besuch": "Nein"})] == [1, 1, 1]
    assert [len(s.questions) for s in visible_steps(steps, {"besuch": "Ja"})] == [1, 1]
    answers = {"besuch": "Ja", "grund": "Keine Zeit", "wunsch": "Mehr"}
    assert clean_answers(steps, answers) == {"besuch": "Ja", "wunsch": "Mehr"}


def test_shuffled_choices_are_fixed_per_respondent():
    question = q("einfach", choices="A\nB\nC\nD\nE\nF", shuffle_choices=True)
    step = build_steps([question])[0]

    def order(seed):
        return [value for value, _l in StepForm(step, CONTEXT, seed=seed).fields["q_f"].choices]

    assert order(1) == order(1)
    assert sorted(order(1)) == ["A", "B", "C", "D", "E", "F"]
    assert len({tuple(order(seed)) for seed in range(10)}) > 1


@pytest.mark.django_db
def test_signed_state_round_trips_and_rejects_tampering(kaarst):
    survey = add_questions(Survey.objects.create(project=kaarst, title="T"), [])
    other = Survey.objects.create(project=kaarst, title="U")
    state = AnswerState.start(survey, language="en", token="abc")
    state.answers = {"besuch": "Ja"}
    signed = state.dumps()
    loaded = AnswerState.loads(signed, survey)
    assert (loaded.answers, loaded.language, loaded.token, loaded.key) == (
        {"besuch": "Ja"},
        "en",
        "abc",
        state.key,
    )
    assert AnswerState.loads(signed, other) is None
    assert AnswerState.loads(signed[:-2] + "xx", survey) is None
    assert AnswerState.loads("", survey) is None
