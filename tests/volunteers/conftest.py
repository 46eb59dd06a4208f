"""Fixtures of the volunteering tests: two projects with sites, coordinators, a small world."""

import datetime

from django.contrib.auth.models import Group, User

import pytest

from cms.models import Project
from cms.snippets import OfferLanguage
from network.models import District, Institution
from tests.cms.builders import build_site
from volunteers.models import (
    FieldOfActivity,
    Opportunity,
    OpportunityKind,
    OpportunitySlot,
    OpportunityStatus,
    Placement,
    QualificationType,
    Skill,
    Volunteer,
    VolunteerStatus,
)
from volunteers.pages import VolunteeringIndexPage
from volunteers.permissions import grant_volunteer_permissions


def make_project(slug, name):
    pages = build_site(hostname=f"{slug}.localhost", name=name, default=slug == "kaarst")
    project = Project.objects.create(
        slug=slug,
        name=name,
        site=pages["site"],
        editor_group=Group.objects.create(name=f"Redaktion {name}"),
        manager_group=Group.objects.create(name=f"Netzwerk {name}"),
    )
    grant_volunteer_permissions(project.manager_group)
    page = pages["home"].add_child(
        instance=VolunteeringIndexPage(title="Mitmachen", slug="engagement")
    )
    pages["engagement"] = page
    return project, pages


def make_opportunity(project, title, **fields):
    slots = fields.pop("slots", [])
    languages = fields.pop("languages", [])
    fields.setdefault("status", OpportunityStatus.PUBLISHED)
    opportunity = Opportunity.objects.create(project=project, title=title, **fields)
    if languages:
        opportunity.languages.set(languages)
        opportunity.save()
    for day, start, end in slots:
        OpportunitySlot.objects.create(
            opportunity=opportunity, weekday=day, start=datetime.time(start), end=datetime.time(end)
        )
    return opportunity


@pytest.fixture
def languages(db):
    return {
        code: OfferLanguage.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("de", "Deutsch"), ("ar", "Arabisch"), ("tr", "Türkisch")]
    }


@pytest.fixture
def world(db, languages):
    """Two projects; Kaarst with districts, institutions, vocabularies and three opportunities."""
    kaarst, kaarst_pages = make_project("kaarst", "Kaarst")
    kl, kl_pages = make_project("kaiserslautern", "Kaiserslautern")
    mitte = District.objects.create(project=kaarst, name="Kaarst-Mitte")
    buettgen = District.objects.create(project=kaarst, name="Büttgen")
    treff = Institution.objects.create(
        project=kaarst, name="Nachbarschaftstreff", district=buettgen, address="Hauptstr. 1"
    )
    language = FieldOfActivity.objects.create(project=kaarst, name="Sprachpatenschaft")
    sport = FieldOfActivity.objects.create(project=kaarst, name="Sport")
    first_aid = QualificationType.objects.create(
        project=kaarst, name="Erste Hilfe", validity_months=24
    )
    cooking = Skill.objects.create(project=kaarst, name="Kochen")
    cafe = make_opportunity(
        kaarst,
        "Frauencafé",
        field=language,
        kind=OpportunityKind.REGULAR,
        institution=treff,
        district=buettgen,
        without_german=True,
        accessible=True,
        languages=[languages["ar"], languages["tr"]],
        slots=[(4, 15, 18)],
    )
    fest = make_opportunity(
        kaarst,
        "Stadtteilfest",
        field=sport,
        kind=OpportunityKind.ONE_OFF,
        district=mitte,
        min_age=18,
        slots=[(5, 10, 13)],
    )
    draft = make_opportunity(kaarst, "Entwurf", status=OpportunityStatus.DRAFT)
    other = make_opportunity(kl, "Lesepatenschaft Kaiserslautern")
    return {
        "kaarst": kaarst,
        "kl": kl,
        "kaarst_pages": kaarst_pages,
        "kl_pages": kl_pages,
        "mitte": mitte,
        "buettgen": buettgen,
        "treff": treff,
        "language_field": language,
        "sport_field": sport,
        "first_aid": first_aid,
        "cooking": cooking,
        "cafe": cafe,
        "fest": fest,
        "draft": draft,
        "other": other,
    }


@pytest.fixture
def coordinator_kaarst(world):
    user = User.objects.create_user("koordination-kaarst", "kk@example.org", "pw")
    user.groups.add(world["kaarst"].manager_group)
    return user


@pytest.fixture
def coordinator_kl(world):
    user = User.objects.create_user("koordination-kl", "kkl@example.org", "pw")
    user.groups.add(world["kl"].manager_group)
    return user


@pytest.fixture
def volunteer(world):
    return Volunteer.objects.create(
        project=world["kaarst"],
        name="Erika Beispiel",
        email="erika@example.org",
        status=VolunteerStatus.ACTIVE,
    )


@pytest.fixture
def placement(volunteer, world):
    return Placement.objects.create(
        volunteer=volunteer, opportunity=world["cafe"], start=datetime.date(2026, 1, 5)
    )
