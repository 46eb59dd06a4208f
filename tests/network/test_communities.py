"""Louvain communities with a fixed seed, labelled by dominant sector and type."""

import networkx as nx
import pytest

from network.analysis.communities import community_of, louvain_communities, modularity


def two_cliques():
    G = nx.complete_graph(4)
    G.add_edges_from((u + 4, v + 4) for u, v in nx.complete_graph(4).edges())
    G.add_edge(3, 4)
    for v in G:
        G.nodes[v]["sectors"] = ["Bildung", "Sprache"] if v < 4 else ["Sport"]
        G.nodes[v]["type"] = "Schule" if v in (0, 1, 2) else "Verein"
    return G


def test_two_cliques_form_two_labelled_communities():
    communities = louvain_communities(two_cliques())
    assert [(c["id"], c["members"]) for c in communities] == [(1, [0, 1, 2, 3]), (2, [4, 5, 6, 7])]
    # Bildung and Sprache tie at 4: alphabetical first wins; Schule is 3 of 4.
    assert [c["label"] for c in communities] == ["Bildung · Schule", "Sport · Verein"]


def test_modularity_of_the_two_cliques_by_hand():
    G = two_cliques()
    communities = louvain_communities(G)
    # m = 13; inside: 6 + 6 edges; degree sums 13 each → 2·(6/13 − (13/26)²) = 12/13 − 1/2.
    assert modularity(G, communities) == pytest.approx(12 / 13 - 0.5)
    assert modularity(G, communities) == pytest.approx(
        nx.community.modularity(G, [set(range(4)), set(range(4, 8))])
    )


def test_isolates_get_their_own_community_without_label():
    G = nx.Graph()
    G.add_node(1)
    assert louvain_communities(G) == [
        {"id": 1, "members": [1], "size": 1, "sector": None, "type": None, "label": None}
    ]


def test_same_partition_on_every_run():
    G = nx.karate_club_graph()
    runs = {repr(louvain_communities(G)) for _ in range(3)}
    assert len(runs) == 1


def test_community_of_maps_members():
    assert community_of(louvain_communities(two_cliques())) == {
        **dict.fromkeys(range(4), 1),
        **dict.fromkeys(range(4, 8), 2),
    }
