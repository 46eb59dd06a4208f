"""Pure analysis functions of a cooperation network given as a networkx graph (no Django)."""

from network.analysis.centrality import METRICS, brokers, isolates, node_metrics, peripheral
from network.analysis.communities import community_of, louvain_communities, modularity
from network.analysis.engine import (
    IndexedGraph,
    betweenness_centrality,
    closeness_centrality,
    constraint,
    effective_size,
    pagerank,
)
from network.analysis.evolution import evolution, periods, snapshot
from network.analysis.report import analyse
from network.analysis.suggestions import ego_network, partners_sentence, shortest_path, suggestions
from network.analysis.whole_network import (
    degree_centralization,
    ei_index,
    network_figures,
    sector_gaps,
    sector_mixing,
)

__all__ = [
    "METRICS",
    "IndexedGraph",
    "analyse",
    "betweenness_centrality",
    "brokers",
    "closeness_centrality",
    "community_of",
    "constraint",
    "degree_centralization",
    "effective_size",
    "ego_network",
    "ei_index",
    "evolution",
    "isolates",
    "louvain_communities",
    "modularity",
    "network_figures",
    "node_metrics",
    "pagerank",
    "partners_sentence",
    "peripheral",
    "periods",
    "sector_gaps",
    "sector_mixing",
    "shortest_path",
    "snapshot",
    "suggestions",
]
