"""Demo network: realistic size, growth after each project's start, deterministic, idempotent."""

import datetime

from django.db.models import Q

import pytest

from network import demo
from network.models import Contact, Cooperation, Institution


@pytest.fixture
def loaded(kaarst, kl):
    demo.load({"kaarst": kaarst, "kaiserslautern": kl})
    return {"kaarst": kaarst, "kaiserslautern": kl}


def valid_on(project, day):
    return (
        Cooperation.objects.filter(project=project, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .count()
    )


def test_demo_network_size_seed_growth_and_permissions(loaded, manager_kaarst, editor_kaarst):
    check_sizes(loaded)
    check_values_fixed_by_the_seed(loaded)
    check_growth_after_each_projects_start(loaded)
    check_permissions(manager_kaarst, editor_kaarst)


def check_sizes(loaded):
    for project in loaded.values():
        assert Institution.objects.filter(project=project).count() == 80
        assert Cooperation.objects.filter(project=project).count() == 250
        contacts = Contact.objects.filter(project=project)
        assert contacts.count() == 6
        assert not contacts.filter(consent_date__isnull=True).exists()
        assert all(c.memberships.count() == 1 for c in contacts)


def check_values_fixed_by_the_seed(loaded):
    kaarst, kl = loaded["kaarst"], loaded["kaiserslautern"]
    assert Institution.objects.filter(project=kaarst, public=True).count() == 17
    assert Institution.objects.filter(project=kl, public=True).count() == 14
    assert Cooperation.objects.filter(project=kaarst, confirmed=False).count() == 4
    assert Cooperation.objects.filter(project=kl, confirmed=False).count() == 7
    assert Institution.objects.get(project=kaarst, public=True, name__startswith="Albert")
    assert Institution.objects.filter(project=kl, district__name="Morlautern").exists()


def check_growth_after_each_projects_start(loaded):
    kaarst, kl = loaded["kaarst"], loaded["kaiserslautern"]
    before_kaarst = datetime.date(2020, 8, 27)
    before_kl = datetime.date(2021, 2, 28)
    assert [
        valid_on(kaarst, d) for d in (before_kaarst, datetime.date(2023, 1, 1), demo.ANCHOR_DATE)
    ] == [22, 90, 215]
    assert [valid_on(kl, d) for d in (before_kl, datetime.date(2023, 1, 1), demo.ANCHOR_DATE)] == [
        20,
        60,
        213,
    ]


def test_second_run_changes_nothing(loaded):
    kaarst = loaded["kaarst"]
    kaarst.refresh_from_db()
    version = kaarst.data_version
    snapshot = sorted(
        Cooperation.objects.values_list(
            "source__name", "target__name", "type", "valid_from", "updated_at"
        )
    )
    demo.load(loaded)
    kaarst.refresh_from_db()
    assert kaarst.data_version == version
    assert (
        sorted(
            Cooperation.objects.values_list(
                "source__name", "target__name", "type", "valid_from", "updated_at"
            )
        )
        == snapshot
    )


def check_permissions(manager_kaarst, editor_kaarst):
    assert manager_kaarst.has_perm("network.change_cooperation")
    assert manager_kaarst.has_perm("network.add_institution")
    assert not editor_kaarst.has_perm("network.view_institution")
