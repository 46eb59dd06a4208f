"""The graph API's history: every cooperation ever under way, for replaying the network's growth."""

import datetime

from django.core.cache import cache
from django.urls import reverse

import pytest

from network import services
from network.analysis import METRICS
from network.graph import GraphFilters
from network.models import Cooperation, CooperationStatus, CooperationType, Institution
from tests.network.conftest import API_ACCESS

D = datetime.date


@pytest.fixture
def history(kaarst, kl):
    """A–B today; B–C and A–Z ended (Z archived since); A–C planned; a foreign cooperation."""
    cache.clear()
    inst = {key: Institution.objects.create(project=kaarst, name=f"Verlauf {key}") for key in "ABC"}
    inst["Z"] = Institution.objects.create(
        project=kaarst, name="Verlauf Z", active=False, archived_on=D(2023, 6, 30)
    )

    def cooperation(u, v, kind, status, start, end=None):
        return Cooperation.objects.create(
            project=kaarst,
            source=inst[u],
            target=inst[v],
            type=kind,
            status=status,
            intensity=3,
            valid_from=start,
            valid_to=end,
        )

    coops = {
        "AB": cooperation("A", "B", CooperationType.COOPERATION, "aktiv", D(2021, 1, 1)),
        "BC": cooperation(
            "B", "C", CooperationType.INFORMATION, "beendet", D(2021, 3, 1), D(2022, 12, 31)
        ),
        "AZ": cooperation(
            "A", "Z", CooperationType.COOPERATION, "beendet", D(2020, 5, 1), D(2023, 6, 30)
        ),
        "AC": cooperation("A", "C", CooperationType.COOPERATION, "geplant", D(2027, 1, 1)),
    }
    x, y = (Institution.objects.create(project=kl, name=f"Fremd {i}") for i in range(2))
    Cooperation.objects.create(project=kl, source=x, target=y, status="beendet")
    yield {"inst": inst, "coops": coops}
    cache.clear()


def url(project="kaarst"):
    return reverse("network-analysis:graph", kwargs={"project": project})


@pytest.fixture
def manager(client, manager_kaarst):
    client.force_login(manager_kaarst)
    return client


def test_history_lists_every_cooperation_that_was_under_way(manager, history):
    inst, coops = history["inst"], history["coops"]
    data = manager.get(url(), {"history": "true"}).json()
    assert data["history"] is True
    assert [
        (
            e["id"],
            e["source"],
            e["target"],
            e["valid_from"],
            e["valid_to"],
            e["status"],
            e["current"],
        )
        for e in data["edges"]
    ] == [
        (coops["AB"].pk, inst["A"].pk, inst["B"].pk, "2021-01-01", None, "aktiv", True),
        (coops["BC"].pk, inst["B"].pk, inst["C"].pk, "2021-03-01", "2022-12-31", "beendet", False),
        (coops["AZ"].pk, inst["A"].pk, inst["Z"].pk, "2020-05-01", "2023-06-30", "beendet", False),
    ]
    assert [(n["id"], n["current"], n["archived_on"]) for n in data["nodes"]] == [
        (inst["A"].pk, True, None),
        (inst["B"].pk, True, None),
        (inst["C"].pk, True, None),
        (inst["Z"].pk, False, "2023-06-30"),
    ]
    archived = data["nodes"][3]
    assert archived["community"] is None
    assert archived["metrics"] == dict.fromkeys(METRICS)
    # Measures and figures stay those of today's network: A–B, C alone.
    a = data["nodes"][0]
    assert a["metrics"]["degree"] == 1 and a["community"] is not None
    assert data["network"]["institutions"] == 3 and data["network"]["cooperations"] == 1


def test_without_history_only_todays_network(manager, history):
    data = manager.get(url()).json()
    assert [e["id"] for e in data["edges"]] == [history["coops"]["AB"].pk]
    assert "history" not in data
    assert all("current" not in e for e in data["edges"])


def test_history_keeps_the_other_filters_and_ignores_the_date(manager, history):
    coops = history["coops"]
    data = manager.get(url(), {"history": "true", "type": "kooperation"}).json()
    assert [e["id"] for e in data["edges"]] == [coops["AB"].pk, coops["AZ"].pk]
    dated = manager.get(url(), {"history": "true", "date": "2021-06-01"}).json()
    assert [e["id"] for e in dated["edges"]] == [coops["AB"].pk, coops["BC"].pk, coops["AZ"].pk]
    assert manager.get(url(), {"history": "vielleicht"}).status_code == 400


@pytest.mark.parametrize("who,status", API_ACCESS)
def test_history_permissions(client, request, history, who, status):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(url(), {"history": "true"}).status_code == status


def test_history_reads_a_fixed_number_of_queries(kaarst, history, django_assert_num_queries):
    # Data version; the current network (3) for the measures; the history (3).
    with django_assert_num_queries(7):
        services.graph_history_json(kaarst, GraphFilters())
    with django_assert_num_queries(1):
        services.graph_history_json(kaarst, GraphFilters())


def test_history_changes_with_the_data(manager, history):
    before = manager.get(url(), {"history": "true"}).json()
    coops = history["coops"]
    coops["AB"].status = CooperationStatus.ENDED
    coops["AB"].valid_to = D(2024, 12, 31)
    coops["AB"].save()
    after = manager.get(url(), {"history": "true"}).json()
    assert [e["current"] for e in before["edges"]] == [True, False, False]
    assert [e["current"] for e in after["edges"]] == [False, False, False]
    assert after["edges"][0]["valid_to"] == "2024-12-31"


def test_schema_documents_the_history_parameter(client, superuser):
    client.force_login(superuser)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/projects/{project}/network/graph/"]["get"]
    history = next(p for p in operation["parameters"] if p["name"] == "history")
    assert history["in"] == "query" and history["schema"]["type"] == "boolean"
    assert "history=true" in operation["description"]
