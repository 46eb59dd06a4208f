"""The full analysis of a network in one call: per-node measures, figures, roles, suggestions."""

from network.analysis import engine
from network.analysis.centrality import brokers, isolates, node_metrics, peripheral
from network.analysis.communities import best_louvain, community_of
from network.analysis.suggestions import suggestions
from network.analysis.whole_network import network_figures, sector_gaps, sector_mixing

__all__ = ["analyse"]


def analyse(G, directed=None, suggestion_limit=20, broker_limit=10, degrees=None):
    """Everything the dashboard shows, computed on one conversion of the graph.

    Parameters
    ----------
    G : networkx.Graph
        Undirected cooperation graph (node attributes ``name``, ``type``,
        ``sectors``, ``district``; edge attribute ``weight``).
    directed : networkx.DiGraph, optional
        Directed view for in- and out-degrees.
    degrees : tuple of dict, optional
        ``(in_degrees, out_degrees)`` of the directed view instead of ``directed``.
    suggestion_limit, broker_limit : int

    Returns
    -------
    dict
        ``nodes`` (node → measures incl. ``community``), ``network`` (whole-network
        figures plus ``modularity`` of the communities, the best of
        :data:`~network.analysis.communities.LOUVAIN_SEEDS`, and ``sampled`` —
        whether betweenness and closeness were estimated), ``mixing``, ``communities``, ``brokers``,
        ``peripheral``, ``isolates``, ``gaps`` and ``suggestions``.

    Examples
    --------
    >>> import networkx as nx
    >>> result = analyse(nx.barbell_graph(3, 1))
    >>> result["network"]["institutions"], [b["node"] for b in result["brokers"]]
    (7, [3, 2, 4])
    """
    ig = engine.IndexedGraph(G)
    metrics = node_metrics(G, directed=directed, indexed=ig, degrees=degrees)
    communities, _seed, q = best_louvain(G, indexed=ig)
    membership = community_of(communities)
    for v, values in metrics.items():
        values["community"] = membership.get(v)
    clustering = {v: m["clustering"] for v, m in metrics.items()}
    figures = network_figures(G, indexed=ig, clustering=clustering)
    figures["modularity"] = q
    figures["sampled"] = len(G) > engine.EXACT_NODE_LIMIT
    mixing = sector_mixing(G, indexed=ig)
    return {
        "nodes": metrics,
        "network": figures,
        "mixing": mixing,
        "communities": communities,
        "brokers": brokers(metrics, limit=broker_limit),
        "peripheral": peripheral(G),
        "isolates": isolates(G),
        "gaps": sector_gaps(G, mixing),
        "suggestions": suggestions(G, limit=suggestion_limit, indexed=ig),
    }
