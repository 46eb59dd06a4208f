"""Whole-network figures, sector mixing and gaps on hand-checked graphs."""

import networkx as nx
import pytest

from network.analysis.whole_network import (
    degree_centralization,
    ei_index,
    network_figures,
    sector_gaps,
    sector_mixing,
)


def sectored():
    # 1 Bildung — 2 Bildung+Sprache — 3 Sport — 4 Sport; 5 Gesundheit isolated.
    G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    G.add_node(5)
    sectors = {
        1: ["Bildung"],
        2: ["Bildung", "Sprache"],
        3: ["Sport"],
        4: ["Sport"],
        5: ["Gesundheit"],
    }
    types = {1: "Schule", 2: "Verein", 3: "Verein", 4: "Verein", 5: "Kita"}
    nx.set_node_attributes(G, sectors, "sectors")
    nx.set_node_attributes(G, types, "type")
    nx.set_node_attributes(G, {v: "Mitte" if v < 3 else "Nord" for v in G}, "district")
    return G


def test_figures_of_a_path_with_an_isolate():
    G = nx.path_graph(4)
    G.add_node(9)
    f = network_figures(G)
    # 3 of the 10 possible pairs cooperate.
    assert f["density"] == pytest.approx(0.3)
    assert (f["institutions"], f["cooperations"], f["components"], f["isolates"]) == (5, 3, 2, 1)
    assert (f["largest_component_size"], f["largest_component_share"]) == (4, 0.8)
    # Distances in the path 0-1-2-3: 1,2,3,1,2,1 → 10/6.
    assert f["average_shortest_path_length"] == pytest.approx(10 / 6)
    assert f["diameter"] == 3
    assert f["transitivity"] == 0.0
    assert f["average_degree"] == pytest.approx(1.2)


def test_figures_of_an_empty_network():
    f = network_figures(nx.Graph())
    assert (f["institutions"], f["density"], f["largest_component_share"]) == (0, 0.0, 0.0)


def test_transitivity_of_a_triangle_with_tail():
    G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    # 1 triangle, 5 connected triples → 3·1/5.
    assert network_figures(G)["transitivity"] == pytest.approx(0.6)


def test_degree_centralization_star_and_path():
    assert degree_centralization(nx.star_graph(5)) == 1.0
    # Path of 4: max 2, degrees 1,2,2,1 → (1+0+0+1)/(3·2) = 1/3.
    assert degree_centralization(nx.path_graph(4)) == pytest.approx(1 / 3)


def test_sector_matrix_counts_each_sector_pair_a_cooperation_joins():
    mix = sector_mixing(sectored())
    assert mix["sectors"] == ["Bildung", "Gesundheit", "Sport", "Sprache"]
    # (1,2) joins Bildung–Bildung and Bildung–Sprache; (2,3) Bildung–Sport and
    # Sprache–Sport; (3,4) Sport–Sport.
    assert mix["matrix"] == [
        [1, 0, 1, 1],
        [0, 0, 0, 0],
        [1, 0, 1, 1],
        [1, 0, 1, 0],
    ]


def test_ei_index_counts_shared_sectors_as_internal():
    # Internal: (1,2) share Bildung, (3,4) share Sport; external: (2,3) → (1 − 2)/3.
    assert ei_index(sectored()) == pytest.approx(-1 / 3)
    assert ei_index(nx.path_graph(3)) is None


def test_assortativity_matches_networkx():
    G = sectored()
    mix = sector_mixing(G)
    assert mix["assortativity"]["type"] == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "type")
    )
    assert mix["assortativity"]["district"] == pytest.approx(
        nx.attribute_assortativity_coefficient(G, "district")
    )


def test_gaps_list_sector_pairs_without_cooperation():
    gaps = [tuple(g["sectors"]) for g in sector_gaps(sectored())]
    # Gesundheit has one isolated institution: a gap to every sector, not to itself.
    assert gaps == [
        ("Bildung", "Gesundheit"),
        ("Gesundheit", "Sport"),
        ("Gesundheit", "Sprache"),
    ]
    # Sprache–Sprache is no gap: only one institution works in Sprache.


def test_attribute_assortativity_equals_networkx_on_a_random_graph():
    import random

    from network.analysis.whole_network import attribute_assortativity

    G = nx.gnm_random_graph(80, 200, seed=7)
    rng = random.Random(1)
    for v in G:
        G.nodes[v]["kind"] = rng.choice(["a", "b", "c", None])
    ours = attribute_assortativity(G, lambda v: G.nodes[v]["kind"])
    assert ours == pytest.approx(nx.attribute_assortativity_coefficient(G, "kind"), abs=1e-12)
