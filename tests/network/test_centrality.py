"""Per-institution measures on hand-checked graphs, and the roles derived from them."""

import networkx as nx
import pytest

from network.analysis.centrality import METRICS, brokers, isolates, node_metrics, peripheral


@pytest.fixture(scope="module")
def star():
    # Centre 0 with leaves 1, 2, 3.
    return node_metrics(nx.star_graph(3))


@pytest.fixture(scope="module")
def path():
    return node_metrics(nx.path_graph(4))


def two_cliques():
    # Two 4-cliques {0, 1, 2, 3} and {4, 5, 6, 7} joined by the single bridge 3–4.
    G = nx.complete_graph(4)
    G.add_edges_from((u + 4, v + 4) for u, v in nx.complete_graph(4).edges())
    G.add_edge(3, 4)
    return G


@pytest.fixture(scope="module")
def cliques():
    return node_metrics(two_cliques())


def test_star_centre_has_every_path_and_least_constraint(star):
    # Betweenness of the centre: all 3 leaf pairs pass it; normalised by the
    # (n-1)(n-2)/2 = 3 pairs that could → 3/3 = 1.
    # Constraint of the centre: p = 1/3 to each leaf, leaves unlinked → 3·(1/3)² = 1/3.
    # A leaf depends on its one partner entirely: (1)² = 1.
    assert star[0]["betweenness_centrality"] == 1.0
    assert star[1]["betweenness_centrality"] == 0.0
    assert star[0]["constraint"] == pytest.approx(1 / 3)
    assert star[1]["constraint"] == 1.0
    # Effective size: 3 partners, no ties among them → 3; a leaf → 1.
    assert star[0]["effective_size"] == 3.0
    assert star[1]["effective_size"] == 1.0
    # Closeness of a leaf: distances 1 + 2 + 2 = 5 to the 3 others → 3/5.
    assert star[0]["closeness_centrality"] == 1.0
    assert star[1]["closeness_centrality"] == pytest.approx(0.6)
    assert (star[0]["degree"], star[0]["core_number"], star[0]["clustering"]) == (3, 1, 0)


def test_path_inner_nodes_broker_two_thirds(path):
    # Node 1 lies on the paths 0–2 and 0–3: 2 of the 3 possible pairs → 2/3.
    # Its constraint: p = 1/2 to 0 and 2, which are unlinked → 2·(1/2)² = 1/2.
    assert path[1]["betweenness_centrality"] == pytest.approx(2 / 3)
    assert path[0]["betweenness_centrality"] == 0.0
    assert path[1]["constraint"] == pytest.approx(0.5)
    assert path[0]["constraint"] == 1.0
    # PageRank is symmetric along the path.
    assert path[0]["pagerank"] == pytest.approx(path[3]["pagerank"], abs=1e-12)


def test_two_cliques_bridge_by_hand(cliques):
    # Betweenness of bridge end 3: the 3·4 = 12 pairs between {0,1,2} and {4,…,7}
    # all pass it; normalised by (8-1)(8-2)/2 = 21 → 12/21 = 4/7.
    assert cliques[3]["betweenness_centrality"] == pytest.approx(4 / 7)
    assert cliques[4]["betweenness_centrality"] == pytest.approx(4 / 7)
    assert cliques[0]["betweenness_centrality"] == 0.0
    # Constraint of 3 (partners 0, 1, 2, 4; p = 1/4 each):
    #   to 0: 1/4 + p31·p10 + p32·p20 = 1/4 + 1/12 + 1/12 = 5/12, squared 25/144 (same for 1, 2)
    #   to 4: 1/4 and no indirect path → 9/144
    #   total (3·25 + 9)/144 = 84/144 = 7/12.
    assert cliques[3]["constraint"] == pytest.approx(7 / 12)
    # Constraint of 0 (partners 1, 2, 3; p = 1/3 each):
    #   to 1: 1/3 + p02·p21 + p03·p31 = 1/3 + 1/9 + 1/12 = 19/36 (same for 2)
    #   to 3: 1/3 + p01·p13 + p02·p23 = 1/3 + 1/9 + 1/9 = 20/36
    #   total (2·19² + 20²)/36² = 1122/1296.
    assert cliques[0]["constraint"] == pytest.approx(1122 / 1296)
    # Effective size: 4 partners with 3 ties among them → 4 − 2·3/4 = 2.5; node 0: 3 − 2·3/3 = 1.
    assert cliques[3]["effective_size"] == pytest.approx(2.5)
    assert cliques[0]["effective_size"] == pytest.approx(1.0)
    assert cliques[0]["core_number"] == 3


def test_every_metric_is_reported_for_every_node(cliques):
    assert sorted(cliques) == list(range(8))
    assert all(tuple(values) == METRICS for values in cliques.values())


def test_weighted_degree_and_in_out_degrees_from_directed_view():
    G = nx.Graph()
    G.add_edge("a", "b", weight=3)
    G.add_edge("b", "c", weight=1)
    D = nx.DiGraph([("a", "b"), ("b", "a"), ("c", "b")])
    metrics = node_metrics(G, directed=D)
    assert metrics["b"]["weighted_degree"] == 4
    assert (metrics["b"]["in_degree"], metrics["b"]["out_degree"]) == (2, 1)
    assert (metrics["c"]["in_degree"], metrics["c"]["out_degree"]) == (0, 1)


def test_isolated_node_has_undefined_structural_holes():
    G = nx.path_graph(2)
    G.add_node(9)
    metrics = node_metrics(G)
    assert metrics[9]["constraint"] is None
    assert metrics[9]["effective_size"] is None
    assert metrics[9]["betweenness_centrality"] == 0.0


def test_sampled_mode_above_the_exact_limit_matches_networkx_sample():
    G = nx.karate_club_graph()
    metrics = node_metrics(G, exact_limit=10)
    expected = nx.betweenness_centrality(G, k=len(G), seed=42)
    assert metrics[0]["betweenness_centrality"] == pytest.approx(expected[0], abs=1e-12)


def test_brokers_are_the_bridge_ends():
    assert [b["node"] for b in brokers(node_metrics(two_cliques()))] == [3, 4]


def test_brokers_need_low_constraint():
    # A path: ends have constraint 1, inner nodes 0.5 and 0.5 — none below the median (0.75)
    # except the inner ones, which also carry betweenness.
    assert [b["node"] for b in brokers(node_metrics(nx.path_graph(4)))] == [1, 2]


def test_isolates_and_peripheral():
    G = two_cliques()
    G.add_edge(0, 20)  # a pendant
    G.add_edge(30, 31)  # a separate pair
    G.add_node(40)
    assert isolates(G) == [40]
    assert peripheral(G) == [20, 30, 31]


def test_repeated_runs_identical():
    G = two_cliques()
    assert repr(node_metrics(G)) == repr(node_metrics(G))
