"""Building the project graph from the database: filters, attributes, directed view, queries."""

import datetime

import networkx as nx
import pytest

from network.graph import GraphFilters, build_graph, load_network
from network.models import (
    Cooperation,
    CooperationStatus,
    CooperationType,
    District,
    Institution,
    Sector,
)

D = datetime.date


@pytest.fixture
def network(kaarst, kl, categories):
    """A, B, C, D in Kaarst plus one institution of Kaiserslautern (never in Kaarst's graph)."""
    nord = District.objects.create(project=kaarst, name="Büttgen")
    a, b, c = (
        Institution.objects.create(
            project=kaarst,
            name=name,
            short_name=short,
            type=categories["verein"],
            district=categories["mitte"],
            latitude=lat,
            longitude=6.6 if lat else None,
            public=public,
        )
        for name, short, lat, public in (
            ("Alpha e. V.", "Alpha", 51.2, True),
            ("Beta Schule", "", None, False),
            ("Gamma Treff", "", None, False),
        )
    )
    d = Institution.objects.create(project=kaarst, name="Delta Amt", district=nord)
    archived = Institution.objects.create(
        project=kaarst, name="Epsilon", active=False, archived_on=D(2023, 6, 30)
    )
    a.sectors.add(categories["bildung"], categories["sprache"])
    b.sectors.add(categories["bildung"])
    other = Institution.objects.create(project=kl, name="Fremd")

    def coop(source, target, **kw):
        return Cooperation.objects.create(project=kaarst, source=source, target=target, **kw)

    coops = {
        "ab": coop(a, b, intensity=4, valid_from=D(2021, 1, 1)),
        "ab_room": coop(b, a, type=CooperationType.ROOMS, intensity=2, valid_from=D(2022, 1, 1)),
        "bc": coop(
            b,
            c,
            type=CooperationType.REFERRAL,
            intensity=3,
            valid_from=D(2022, 5, 1),
            confirmed=False,
        ),
        "cd_ended": coop(
            c,
            d,
            intensity=1,
            valid_from=D(2020, 1, 1),
            valid_to=D(2022, 12, 31),
            status=CooperationStatus.ENDED,
        ),
        "ad_planned": coop(a, d, status=CooperationStatus.PLANNED, valid_from=D(2030, 1, 1)),
        "ae": coop(a, archived, valid_from=D(2020, 1, 1), valid_to=D(2023, 6, 30)),
    }
    return {"a": a, "b": b, "c": c, "d": d, "e": archived, "other": other, "coops": coops}


def test_current_network_has_active_cooperations_and_institutions(kaarst, network):
    G = build_graph(kaarst)
    n = network
    assert sorted(G) == sorted([n["a"].pk, n["b"].pk, n["c"].pk, n["d"].pk])
    assert sorted(tuple(sorted(e)) for e in G.edges()) == sorted(
        [tuple(sorted((n["a"].pk, n["b"].pk))), tuple(sorted((n["b"].pk, n["c"].pk)))]
    )


def test_parallel_cooperations_merge_into_one_weighted_edge(kaarst, network):
    n = network
    edge = build_graph(kaarst)[n["a"].pk][n["b"].pk]
    assert edge["weight"] == 6  # 4 + 2
    assert edge["intensity"] == 4
    assert edge["type"] == CooperationType.COOPERATION
    assert edge["types"] == (CooperationType.COOPERATION, CooperationType.ROOMS)
    assert edge["valid_from"] == D(2021, 1, 1)
    assert edge["valid_to"] is None
    assert edge["directed"] is False
    assert edge["cooperations"] == tuple(sorted([n["coops"]["ab"].pk, n["coops"]["ab_room"].pk]))


def test_node_attributes(kaarst, network):
    G = build_graph(kaarst)
    alpha = G.nodes[network["a"].pk]
    assert alpha == {
        "name": "Alpha e. V.",
        "short_name": "Alpha",
        "label": "Alpha",
        "type": "Verein",
        "sectors": ["Bildung", "Sprache"],
        "district": "Kaarst-Mitte",
        "public": True,
        "latitude": 51.2,
        "longitude": 6.6,
        "archived_on": None,
    }
    assert G.nodes[network["d"].pk]["label"] == "Delta Amt"


def test_snapshot_date_keeps_cooperations_valid_that_day(kaarst, network):
    n = network
    pair = lambda u, v: tuple(sorted((n[u].pk, n[v].pk)))  # noqa: E731
    edges = lambda day: sorted(  # noqa: E731
        tuple(sorted(e)) for e in build_graph(kaarst, GraphFilters(date=day)).edges()
    )
    # 2020: only c–d and a–e had begun.
    assert edges(D(2020, 6, 1)) == sorted([pair("c", "d"), pair("a", "e")])
    # Last day of c–d (ended) and of a–e: both still count; a–b runs, b–c began.
    assert edges(D(2022, 12, 31)) == sorted(
        [pair("a", "b"), pair("b", "c"), pair("c", "d"), pair("a", "e")]
    )
    # After Epsilon's archive date it drops out of the graph entirely.
    G = build_graph(kaarst, GraphFilters(date=D(2023, 7, 1)))
    assert n["e"].pk not in G
    assert sorted(tuple(sorted(e)) for e in G.edges()) == sorted([pair("a", "b"), pair("b", "c")])
    # Planned cooperations never count, even on their start date.
    assert pair("a", "d") not in edges(D(2030, 1, 1))


def test_directed_types_point_one_way_in_the_digraph(kaarst, network):
    n = network
    D_ = build_graph(kaarst, directed=True)
    assert isinstance(D_, nx.DiGraph)
    # Referral b → c only one way; cooperation a–b both ways.
    assert D_.has_edge(n["b"].pk, n["c"].pk) and not D_.has_edge(n["c"].pk, n["b"].pk)
    assert D_[n["b"].pk][n["c"].pk]["directed"] is True
    assert D_.has_edge(n["a"].pk, n["b"].pk) and D_.has_edge(n["b"].pk, n["a"].pk)


def test_filters_types_sectors_districts_intensity_confirmed(kaarst, network, categories):
    n = network
    referrals = build_graph(kaarst, GraphFilters(types=[CooperationType.REFERRAL]))
    assert list(referrals.edges()) == [(n["b"].pk, n["c"].pk)]
    bildung = build_graph(kaarst, GraphFilters(sectors=[categories["bildung"].pk]))
    assert sorted(bildung) == sorted([n["a"].pk, n["b"].pk])
    mitte = build_graph(kaarst, GraphFilters(districts=[categories["mitte"].pk]))
    assert n["d"].pk not in mitte and n["a"].pk in mitte
    strong = build_graph(kaarst, GraphFilters(min_intensity=3))
    assert strong[n["a"].pk][n["b"].pk]["weight"] == 4
    assert strong.number_of_edges() == 2
    confirmed = build_graph(kaarst, GraphFilters(confirmed_only=True))
    assert not confirmed.has_edge(n["b"].pk, n["c"].pk)


def test_filters_normalise_for_equal_keys():
    one = GraphFilters(types=["raumnutzung", "kooperation", "kooperation"], sectors=["3", 1])
    two = GraphFilters(types=("kooperation", "raumnutzung"), sectors=(1, 3))
    assert one == two and one.key() == two.key()
    assert GraphFilters(date=D(2024, 1, 2)).key() != GraphFilters().key()


def test_history_keeps_ended_and_archived_but_not_planned(kaarst, network):
    data = load_network(kaarst, history=True)
    ids = {c["id"] for c in data.cooperations}
    coops = network["coops"]
    assert coops["cd_ended"].pk in ids and coops["ae"].pk in ids
    assert coops["ad_planned"].pk not in ids
    assert network["e"].pk in data.institutions


def make_network(project, size):
    sector = Sector.objects.create(project=project, name=f"Sektor {size}")
    institutions = Institution.objects.bulk_create(
        Institution(project=project, name=f"Institution {size}-{i}") for i in range(size)
    )
    Institution.sectors.through.objects.bulk_create(
        Institution.sectors.through(institution_id=i.pk, sector_id=sector.pk) for i in institutions
    )
    Cooperation.objects.bulk_create(
        Cooperation(project=project, source=institutions[i], target=institutions[i + 1])
        for i in range(size - 1)
    )
    return sector


@pytest.mark.parametrize("size", [3, 30])
def test_fixed_number_of_queries(kaarst, size, django_assert_num_queries):
    sector = make_network(kaarst, size)
    with django_assert_num_queries(3):
        G = build_graph(kaarst, GraphFilters(sectors=[sector.pk], date=D(2024, 1, 1)))
    assert (len(G), G.number_of_edges()) == (size, size - 1)


def test_arcs_give_the_digraph_degrees(kaarst, network):
    data = load_network(kaarst)
    full, arcs = data.digraph(), data.arcs()
    assert sorted(full.edges()) == sorted(arcs.edges())
    assert dict(full.in_degree()) == dict(arcs.in_degree())
    assert data.arc_degrees() == (dict(full.in_degree()), dict(full.out_degree()))
