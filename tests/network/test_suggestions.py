"""Suggested cooperations, ego networks and shortest paths."""

import math

import networkx as nx
import pytest

from network.analysis.suggestions import ego_network, partners_sentence, shortest_path, suggestions


def named():
    # 1 and 3 share partners 2 and 4; 1 and 5 share 4 only; 2 also works with 6.
    G = nx.Graph([(1, 2), (2, 3), (1, 4), (4, 3), (4, 5), (2, 6)])
    nx.set_node_attributes(
        G,
        {1: "Schule", 2: "Kita Sonne", 3: "Moschee", 4: "Awo", 5: "Tafel", 6: "Amt"},
        "name",
    )
    return G


def test_best_suggestion_names_both_common_partners():
    ranked = suggestions(named(), limit=2)
    # 2 and 4 share partners 1 and 3, each with 2 partners: 2 / log 2 ≈ 2.885.
    # 1 and 3 share 2 and 4, each with 3 partners: 2 / log 3 ≈ 1.820.
    first, second = ranked
    assert (first["source"], first["target"]) == (2, 4)
    assert first["adamic_adar"] == pytest.approx(2 / math.log(2))
    assert first["common_partners"] == 2
    assert first["partners"] == [3, 1]  # by name: Moschee, Schule
    assert first["reason"] == "beide arbeiten mit Moschee und Schule zusammen"
    assert (second["source"], second["target"]) == (1, 3)
    assert second["adamic_adar"] == pytest.approx(2 / math.log(3))
    assert second["reason"] == "beide arbeiten mit Awo und Kita Sonne zusammen"


def test_scores_equal_networkx_adamic_adar_and_exclude_existing_cooperations():
    G = nx.karate_club_graph()
    ours = suggestions(G, limit=10_000)
    expected = {(u, v): p for u, v, p in nx.adamic_adar_index(G) if p > 0}
    assert {(s["source"], s["target"]) for s in ours} == set(expected)
    for s in ours:
        assert s["adamic_adar"] == pytest.approx(expected[(s["source"], s["target"])])
    scores = [s["adamic_adar"] for s in ours]
    assert scores == sorted(scores, reverse=True)


def test_suggestions_repeat_identically():
    G = nx.karate_club_graph()
    assert suggestions(G) == suggestions(G)


def test_partners_sentence_shortens_long_lists():
    assert (
        partners_sentence(["A", "B", "C", "D"])
        == "beide arbeiten mit A, B, C und 1 weiteren zusammen"
    )


def test_ego_network_radius_one_and_two():
    G = nx.path_graph(6)
    assert sorted(ego_network(G, 2, radius=1)) == [1, 2, 3]
    assert sorted(ego_network(G, 2, radius=2)) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        ego_network(G, 2, radius=3)


def test_shortest_path_and_unreachable():
    G = named()
    assert shortest_path(G, 5, 6) == [5, 4, 1, 2, 6]
    G.add_node(7)
    assert shortest_path(G, 5, 7) is None
