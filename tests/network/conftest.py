"""Fixtures of the network tests: two projects, their groups and users, a small network."""

from django.contrib.auth.models import Group, User

from wagtail.models import Page, Site

import pytest

from cms.models import Project
from network.models import District, Institution, InstitutionType, Sector


def make_project(slug, name):
    """A project with its own site, editor group and manager group."""
    root = Page.get_first_root_node()
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


@pytest.fixture
def kaarst(db):
    return make_project("kaarst", "Kaarst")


@pytest.fixture
def kl(db):
    return make_project("kaiserslautern", "Kaiserslautern")


@pytest.fixture
def manager_kaarst(kaarst):
    return make_user("netzwerk-kaarst", kaarst.manager_group)


@pytest.fixture
def manager_kl(kl):
    return make_user("netzwerk-kaiserslautern", kl.manager_group)


@pytest.fixture
def editor_kaarst(kaarst):
    return make_user("redaktion-kaarst", kaarst.editor_group)


@pytest.fixture
def superuser(db):
    return make_user("admin", superuser=True)


@pytest.fixture
def categories(kaarst):
    """One type, two sectors and one district in Kaarst."""
    return {
        "verein": InstitutionType.objects.create(project=kaarst, name="Verein"),
        "bildung": Sector.objects.create(project=kaarst, name="Bildung"),
        "sprache": Sector.objects.create(project=kaarst, name="Sprache"),
        "mitte": District.objects.create(project=kaarst, name="Kaarst-Mitte"),
    }


@pytest.fixture
def three(kaarst, categories):
    """Three Kaarst institutions A, B, C."""
    return [
        Institution.objects.create(
            project=kaarst, name=name, type=categories["verein"], district=categories["mitte"]
        )
        for name in ("Alpha e. V.", "Beta Schule", "Gamma Treff")
    ]


@pytest.fixture
def managers_with_permissions(kaarst, kl):
    """Both manager groups hold the network permissions (as the demo data sets them up)."""
    from network.permissions import grant_network_permissions

    grant_network_permissions(kaarst.manager_group)
    grant_network_permissions(kl.manager_group)


#: Who may read a project's network API, by the demo fixtures' user names: the project's
#: manager and a superuser; everyone else gets 404, as if the project did not exist.
API_ACCESS = [
    ("manager_kaarst", 200),
    ("superuser", 200),
    ("manager_kl", 404),
    ("editor_kaarst", 404),
    ("anonymous", 404),
]


@pytest.fixture
def karate_club(kaarst):
    """Zachary's karate club in Kaarst: member ``v`` is "Mitglied v", every tie intensity 1."""
    import datetime

    import networkx as nx

    from network.models import Cooperation

    G = nx.karate_club_graph()
    members = {v: Institution.objects.create(project=kaarst, name=f"Mitglied {v:02d}") for v in G}
    for u, v in G.edges():
        Cooperation.objects.create(
            project=kaarst,
            source=members[u],
            target=members[v],
            intensity=1,
            valid_from=datetime.date(2020, 1, 1),
        )
    return members
