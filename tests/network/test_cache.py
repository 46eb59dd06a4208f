"""Cached analyses: served without recomputing while the data stays, recomputed after any write."""

from django.core.cache import cache

import pytest

from network.cache import cache_key, current_version
from network.graph import GraphFilters
from network.models import Cooperation, Institution
from network.services import analysis_result, graph_payload


@pytest.fixture
def chain(kaarst):
    cache.clear()
    institutions = [
        Institution.objects.create(project=kaarst, name=f"Institution {i}") for i in range(4)
    ]
    for u, v in zip(institutions, institutions[1:], strict=False):
        Cooperation.objects.create(project=kaarst, source=u, target=v)
    yield institutions
    cache.clear()


def test_unchanged_network_is_read_from_the_cache(kaarst, chain, django_assert_num_queries):
    first = analysis_result(kaarst)
    # Only the current data version is read; no institution or cooperation query.
    with django_assert_num_queries(1):
        second = analysis_result(kaarst)
    assert second == first
    with django_assert_num_queries(1):
        graph_payload(kaarst)


def test_a_new_cooperation_invalidates_the_analysis(kaarst, chain):
    before = analysis_result(kaarst)
    Cooperation.objects.create(project=kaarst, source=chain[0], target=chain[3])
    after = analysis_result(kaarst)
    assert after["data_version"] > before["data_version"]
    assert (before["network"]["cooperations"], after["network"]["cooperations"]) == (3, 4)


def test_renaming_an_institution_invalidates_the_graph(kaarst, chain):
    assert graph_payload(kaarst)["nodes"][0]["name"] == "Institution 0"
    chain[0].name = "Neuer Name"
    chain[0].save()
    assert graph_payload(kaarst)["nodes"][0]["name"] == "Neuer Name"


def test_deleting_invalidates(kaarst, chain):
    analysis_result(kaarst)
    Cooperation.objects.filter(source=chain[0]).first().delete()
    assert analysis_result(kaarst)["network"]["cooperations"] == 2


def test_other_projects_writes_leave_the_cache_alone(kaarst, kl, chain, django_assert_num_queries):
    analysis_result(kaarst)
    Institution.objects.create(project=kl, name="Anderswo")
    with django_assert_num_queries(1):
        analysis_result(kaarst)


def test_each_filter_has_its_own_entry(kaarst, chain):
    strong = GraphFilters(min_intensity=4)
    assert analysis_result(kaarst, strong)["network"]["cooperations"] == 0
    assert analysis_result(kaarst)["network"]["cooperations"] == 3


def test_key_names_project_version_kind_and_filters(kaarst, chain):
    version = current_version(kaarst)
    key = cache_key(kaarst, "analysis", GraphFilters(types=["kooperation"], min_intensity=2))
    assert key == f"qn-network:{kaarst.pk}:v{version}:analysis:-|kooperation|||2|a"
