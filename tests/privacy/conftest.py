"""Fixtures of the privacy tests: two projects with sites, one person used everywhere."""

from django.contrib.auth.models import Group, User

import pytest

from cms.models import Project
from cms.snippets import Person
from network.models import Contact, Institution, Membership
from tests.cms.builders import build_site

NAME = "Erika Mustermann"
EMAIL = "erika.m@example.org"
PHONE = "0171 5550123"


def make_project(slug, name):
    pages = build_site(hostname=f"{slug}.localhost", name=name, default=slug == "kaarst")
    project = Project.objects.create(
        slug=slug,
        name=name,
        site=pages["site"],
        editor_group=Group.objects.create(name=f"Redaktion {name}"),
        manager_group=Group.objects.create(name=f"Netzwerk {name}"),
    )
    return project, pages


@pytest.fixture
def projects(db):
    kaarst, kaarst_pages = make_project("kaarst", "Kaarst")
    kl, kl_pages = make_project("kaiserslautern", "Kaiserslautern")
    return {"kaarst": kaarst, "kl": kl, "kaarst_pages": kaarst_pages, "kl_pages": kl_pages}


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", "pw")


@pytest.fixture
def manager_kaarst(projects):
    user = User.objects.create_user("netzwerk-kaarst", "nk@example.org", "pw")
    user.groups.add(projects["kaarst"].manager_group)
    return user


@pytest.fixture
def manager_kl(projects):
    user = User.objects.create_user("netzwerk-kl", "nkl@example.org", "pw")
    user.groups.add(projects["kl"].manager_group)
    return user


@pytest.fixture
def erika(projects):
    """The person as a contact of Kaarst with a membership, and as a Kaarst team member."""
    kaarst = projects["kaarst"]
    institution = Institution.objects.create(project=kaarst, name="Sprachtreff Kaarst e. V.")
    contact = Contact.objects.create(
        project=kaarst,
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        consent_date="2026-03-02",
        consent_purpose="Kontaktpflege im Integrationsnetzwerk",
        consent_method="schriftlich",
    )
    Membership.objects.create(institution=institution, contact=contact, role="Vorsitz")
    person = Person.objects.create(project=kaarst, name=NAME, email=EMAIL, phone=PHONE)
    return {"contact": contact, "institution": institution, "person": person}
