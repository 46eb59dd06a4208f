"""The fast engines give networkx's values on undirected, directed, weighted, disconnected graphs."""

import math
import random

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from network.analysis import engine


def assert_same(ours, theirs):
    assert ours.keys() == theirs.keys()
    for node, expected in theirs.items():
        if math.isnan(expected):
            assert math.isnan(ours[node]), node
        else:
            assert ours[node] == pytest.approx(expected, abs=1e-9), node


def weighted(G, seed):
    rng = random.Random(seed)
    for u, v in sorted(G.edges()):
        G[u][v]["weight"] = rng.randint(1, 5)
    return G


def disconnected_graph():
    G = weighted(nx.gnm_random_graph(60, 150, seed=3), 1)
    G.add_nodes_from([100, 101])  # isolates
    G.add_edge(102, 103, weight=2)  # a second component
    return G


def directed_graph():
    D = weighted(nx.gnm_random_graph(50, 160, seed=4, directed=True), 2)
    D.add_node(99)
    D.add_edge(98, 97, weight=3)  # 97 has only an incoming arc
    return D


GRAPHS = {
    "karate": nx.karate_club_graph,
    "disconnected_weighted": disconnected_graph,
    "directed_weighted": directed_graph,
    "barbell": lambda: nx.barbell_graph(5, 2),
}


@pytest.fixture(scope="module", params=sorted(GRAPHS))
def graph(request):
    return GRAPHS[request.param]()


def test_betweenness_equals_networkx(graph):
    assert_same(engine.betweenness_centrality(graph), nx.betweenness_centrality(graph))


def test_sampled_betweenness_equals_networkx_with_the_same_sample(graph):
    ours = engine.betweenness_centrality(graph, k=12, seed=5)
    assert_same(ours, nx.betweenness_centrality(graph, k=12, seed=5))


def test_closeness_equals_networkx(graph):
    assert_same(engine.closeness_centrality(graph), nx.closeness_centrality(graph))


def test_closeness_from_the_betweenness_pass_equals_networkx(graph):
    # Once betweenness has searched from every node, closeness reuses those searches.
    indexed = engine.IndexedGraph(graph, weight=None)
    engine.betweenness_centrality(indexed)
    assert indexed._all_sources is not None
    assert_same(engine.closeness_centrality(indexed), nx.closeness_centrality(graph))


@pytest.mark.parametrize("weight", [None, "weight"])
def test_pagerank_equals_networkx(graph, weight):
    assert_same(engine.pagerank(graph, weight=weight), _pagerank_python(graph, weight=weight))


# With SciPy installed, networkx 3.6 computes Burt's measures for all nodes through sparse
# matrices, and that path disagrees with its own per-node definition on weighted and directed
# graphs (see the triangle below). Asking for the nodes by name takes the per-node definition.
def burt_reference(measure, graph, weight=None):
    return measure(graph, nodes=list(graph), weight=weight)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_equals_networkx(graph, weight):
    expected = burt_reference(nx.constraint, graph, weight)
    assert_same(engine.constraint(graph, weight=weight), expected)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_effective_size_equals_networkx(graph, weight):
    ours = engine.effective_size(graph, weight=weight)
    assert_same(ours, burt_reference(nx.effective_size, graph, weight))


def test_weighted_effective_size_by_hand():
    # a–b weight 1, a–c weight 2, b–c weight 1. For a: p(a,b) = 2/6, p(a,c) = 4/6; c's largest
    # tie is to a (4), so m(c,b) = 2/4; b's ties are equal, so m(b,c) = 1.
    # Redundancy of b for a: 2/3 · 1; of c: 1/3 · 1/2. Effective size 2 − 2/3 − 1/6 = 7/6.
    G = nx.Graph()
    G.add_weighted_edges_from([("a", "b", 1), ("a", "c", 2), ("b", "c", 1)])
    ours = engine.effective_size(G)
    assert ours == pytest.approx({"a": 7 / 6, "b": 1.0, "c": 7 / 6}, abs=1e-12)
    assert burt_reference(nx.effective_size, G, "weight") == pytest.approx(ours, abs=1e-12)
    # networkx's sparse path, taken for all nodes at once, gives 4/3 for a.
    assert nx.effective_size(G, weight="weight")["a"] == pytest.approx(4 / 3, abs=1e-12)


def test_sampled_centralities_with_every_source_are_exact():
    G = disconnected_graph()
    betweenness, closeness = engine.sampled_centralities(G, k=len(G))
    assert_same(betweenness, nx.betweenness_centrality(G))
    assert_same(closeness, nx.closeness_centrality(G))


def test_sampled_centralities_follow_networkx_sample():
    G = disconnected_graph()
    betweenness, closeness = engine.sampled_centralities(G, k=20, seed=9)
    assert_same(betweenness, nx.betweenness_centrality(G, k=20, seed=9))
    # The small component and the isolates are outside the sample's reach: exact values.
    exact = nx.closeness_centrality(G)
    for v in (100, 101, 102, 103):
        assert closeness[v] == pytest.approx(exact[v], abs=1e-12)


def test_distance_figures_exact_equal_networkx():
    G = disconnected_graph()
    largest = max(nx.connected_components(G), key=len)
    figures = engine.distance_figures(G, largest)
    sub = G.subgraph(largest)
    assert figures["average_shortest_path_length"] == pytest.approx(
        nx.average_shortest_path_length(sub), abs=1e-12
    )
    assert figures["diameter"] == nx.diameter(sub)
    assert figures["approximate"] is False


def test_distance_figures_estimated_on_large_components(monkeypatch):
    monkeypatch.setattr(engine, "EXACT_NODE_LIMIT", 10)
    monkeypatch.setattr(engine, "SAMPLE_SIZE", 60)
    G = nx.path_graph(60)  # every node sampled: the estimate is exact
    figures = engine.distance_figures(G, set(G))
    assert figures == {
        "average_shortest_path_length": pytest.approx(nx.average_shortest_path_length(G)),
        "diameter": 59,
        "approximate": True,
    }


def test_repeated_runs_are_identical():
    G = disconnected_graph()
    first = [engine.sampled_centralities(G, k=15), engine.constraint(G), engine.pagerank(G)]
    second = [engine.sampled_centralities(G, k=15), engine.constraint(G), engine.pagerank(G)]
    assert repr(first) == repr(second)


@pytest.mark.parametrize("G", [nx.empty_graph(3), nx.Graph()], ids=["edgeless", "empty"])
def test_graphs_without_edges(G):
    assert_same(engine.constraint(G), burt_reference(nx.constraint, G))
    assert_same(engine.effective_size(G), burt_reference(nx.effective_size, G))
    assert_same(engine.betweenness_centrality(G), nx.betweenness_centrality(G))
    assert_same(engine.closeness_centrality(G), nx.closeness_centrality(G))
    assert_same(engine.pagerank(G), _pagerank_python(G) if len(G) else {})


@pytest.mark.parametrize("name", ["karate", "disconnected_weighted", "barbell"])
def test_clustering_and_transitivity_equal_networkx(name):
    G = GRAPHS[name]()
    assert_same(engine.clustering(G), {v: float(c) for v, c in nx.clustering(G).items()})
    assert engine.transitivity(G) == pytest.approx(nx.transitivity(G), abs=1e-12)


def test_results_do_not_depend_on_the_number_of_cores(monkeypatch):
    # 64 nodes: the searches run in chunks on threads; the chunks never depend on the cores.
    G = disconnected_graph()

    def run():
        ig = engine.IndexedGraph(G, weight=None)
        return repr([engine.betweenness_centrality(ig), engine.closeness_centrality(ig)])

    spread = run()
    monkeypatch.setattr(engine.os, "cpu_count", lambda: 1)
    assert run() == spread


@pytest.mark.parametrize("name", ["karate", "disconnected_weighted", "barbell"])
def test_core_numbers_equal_networkx(name):
    G = GRAPHS[name]()
    ig = engine.IndexedGraph(G)
    assert dict(zip(ig.nodes, ig.core_numbers().tolist(), strict=True)) == nx.core_number(G)
