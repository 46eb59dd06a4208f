"""Fixtures of the survey tests: a project with a site, districts, institutions and a survey."""

import datetime

from django.contrib.auth.models import Group, User

from wagtail.models import Locale, Page, Site

import pytest

from cms.models import Project
from network.models import District, Institution
from surveys.flow import AnswerState
from surveys.models import Question, Survey, SurveyPage, SurveyStatus


def make_project(slug, name):
    """A project with its own site, editor group and manager group."""
    root = Page.get_first_root_node()
    if root is None:  # a transactional test flushed the tree that migrations created
        Locale.objects.get_or_create(language_code="de")
        root = Page.add_root(title="Root", slug="root")
    home = root.add_child(title=name, slug=f"home-{slug}")
    site = Site.objects.create(hostname=f"{slug}.localhost", port=80, root_page=home)
    editors = Group.objects.create(name=f"Redaktion {name}")
    managers = Group.objects.create(name=f"Netzwerk {name}")
    return Project.objects.create(
        slug=slug, name=name, site=site, editor_group=editors, manager_group=managers
    )


def make_user(username, *groups, superuser=False):
    user = User.objects.create_user(
        username, f"{username}@example.org", "pw", is_superuser=superuser, is_staff=superuser
    )
    user.groups.set(groups)
    return user


def add_questions(survey, specs):
    """Create questions from ``(kind, key, text, extra fields)`` tuples, in order."""
    for order, (kind, key, text, extra) in enumerate(specs):
        Question.objects.create(
            survey=survey, sort_order=order, kind=kind, key=key, text=text, **extra
        )
    return survey


def publish(survey, slug="beteiligung"):
    """A live SurveyPage for ``survey`` under its project's home page; returns its path."""
    home = survey.project.site.root_page
    page = home.add_child(instance=SurveyPage(title="Beteiligung", slug=slug, survey=survey))
    return page, page.get_url_parts()[2]


@pytest.fixture
def kaarst(db):
    return make_project("kaarst", "Kaarst")


@pytest.fixture
def kl(db):
    return make_project("kaiserslautern", "Kaiserslautern")


@pytest.fixture
def districts(kaarst):
    return [
        District.objects.create(project=kaarst, name=name)
        for name in ("Büttgen", "Holzbüttgen", "Kaarst-Mitte")
    ]


@pytest.fixture
def institutions(kaarst):
    return [
        Institution.objects.create(project=kaarst, name=name)
        for name in ("Alpha e. V.", "Beta Schule", "Gamma Treff", "Delta Kita")
    ]


ALL_TYPES = [
    ("abschnitt", "teil1", "Über Sie", {}),
    (
        "einfach",
        "besuch",
        "Waren Sie schon im Forum?",
        {"choices": "Ja\nNein", "required": True},
    ),
    (
        "mehrfach",
        "angebote",
        "Welche Angebote wünschen Sie sich?",
        {"choices": "Sprachkurs\nCafé\nBeratung", "allow_other": True},
    ),
    ("stadtteil", "stadtteil", "Wo wohnen Sie?", {}),
    ("zahl", "alter", "Wie alt sind Sie?", {"min_value": 14, "max_value": 110}),
    ("abschnitt", "teil2", "Ihre Meinung", {}),
    (
        "likert",
        "meinung",
        "Wie sehr stimmen Sie zu?",
        {"choices": "Das Forum ist gut erreichbar\nIch fühle mich willkommen"},
    ),
    ("bewertung", "note", "Wie zufrieden sind Sie insgesamt?", {"rating_scale": "1-5"}),
    (
        "kurztext",
        "grund",
        "Warum nicht?",
        {"condition_key": "besuch", "condition_value": "Nein"},
    ),
    ("langtext", "wunsch", "Was möchten Sie uns noch sagen?", {}),
    ("datum", "seit", "Seit wann wohnen Sie hier?", {}),
]


@pytest.fixture
def survey(kaarst, districts):
    """An open, anonymous survey with every question type but the institution picker."""
    survey = Survey.objects.create(
        project=kaarst,
        title="Angebote im Forum",
        status=SurveyStatus.OPEN,
        thank_you="Danke schön!",
        min_group_size=5,
    )
    return add_questions(survey, ALL_TYPES)


@pytest.fixture
def survey_page(survey):
    return publish(survey)


def state_for(survey, answers=None, step=0, token=None, started=None, key=None):
    """A signed answering state, as the form would carry it."""
    state = AnswerState.start(survey, token=token)
    state.answers = answers or {}
    state.step = step
    if started is not None:
        state.started = started
    if key is not None:
        state.key = key
    return state


TODAY = datetime.date(2026, 5, 4)
