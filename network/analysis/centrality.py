"""Per-institution measures (centrality, structural holes, cores) and the roles they reveal."""

import math

import networkx as nx

from network.analysis import engine

__all__ = ["METRICS", "node_metrics", "brokers", "peripheral", "isolates"]

#: Names of the per-node measures, after the networkx functions defining them.
METRICS = (
    "degree",
    "weighted_degree",
    "in_degree",
    "out_degree",
    "betweenness_centrality",
    "closeness_centrality",
    "pagerank",
    "clustering",
    "constraint",
    "effective_size",
    "core_number",
)


def _clean(x):
    """``nan`` (undefined measure) becomes ``None`` so results serialise as JSON."""
    return None if isinstance(x, float) and math.isnan(x) else x


def node_metrics(G, directed=None, indexed=None, exact_limit=engine.EXACT_NODE_LIMIT, degrees=None):
    """All per-node measures of an undirected cooperation graph.

    Parameters
    ----------
    G : networkx.Graph
        Undirected; the edge attribute ``weight`` is the tie strength.
    directed : networkx.DiGraph, optional
        The directed view of the same network; gives ``in_degree`` and ``out_degree``
        (otherwise both equal ``degree``).
    indexed : engine.IndexedGraph, optional
        ``G`` already converted, to share the conversion with other analyses.
    exact_limit : int
        Above this many nodes betweenness and closeness are estimated from
        ``engine.SAMPLE_SIZE`` sampled sources (fixed seed).
    degrees : tuple of dict, optional
        ``(in_degrees, out_degrees)`` of the directed view, instead of ``directed``.

    Returns
    -------
    dict
        Node → {metric: value} for each name in :data:`METRICS`. ``degree`` and
        ``clustering``, ``core_number`` are unweighted; ``weighted_degree``,
        ``pagerank``, ``constraint`` and ``effective_size`` use ``weight``;
        betweenness and closeness count hops. Undefined values are ``None``.

    Examples
    --------
    >>> m = node_metrics(nx.star_graph(2))
    >>> m[0]["degree"], m[0]["betweenness_centrality"], m[0]["constraint"], m[1]["constraint"]
    (2, 1.0, 0.5, 1.0)
    """
    ig = indexed or engine.IndexedGraph(G)
    if len(G) > exact_limit:
        betweenness, closeness = engine.sampled_centralities(ig)
    else:
        betweenness = engine.betweenness_centrality(ig)
        closeness = engine.closeness_centrality(ig)
    pagerank = engine.pagerank(ig)
    constraint = engine.constraint(ig)
    effective = engine.effective_size(ig)
    clustering = engine.clustering(ig)
    if ig.directed or nx.number_of_selfloops(G):
        cores = nx.core_number(G)
    else:
        cores = dict(zip(ig.nodes, ig.core_numbers().tolist(), strict=True))
    strength = dict(G.degree(weight="weight"))
    if degrees is not None:
        ins, outs = degrees
    elif directed is not None:
        ins, outs = dict(directed.in_degree()), dict(directed.out_degree())
    else:
        ins = outs = dict(G.degree())
    result = {}
    for v in G:
        result[v] = {
            "degree": G.degree(v),
            "weighted_degree": strength[v],
            "in_degree": ins.get(v, 0),
            "out_degree": outs.get(v, 0),
            "betweenness_centrality": betweenness[v],
            "closeness_centrality": closeness[v],
            "pagerank": pagerank[v],
            "clustering": float(clustering[v]),
            "constraint": _clean(constraint[v]),
            "effective_size": _clean(effective[v]),
            "core_number": cores[v],
        }
    return result


def brokers(metrics, limit=10):
    """Brokers: high betweenness and low constraint (structural holes).

    A node qualifies when its betweenness is positive and its constraint lies
    below the median constraint of all nodes with cooperations.

    Parameters
    ----------
    metrics : dict
        Output of :func:`node_metrics`.
    limit : int

    Returns
    -------
    list of dict
        ``node``, ``betweenness_centrality``, ``constraint``; by decreasing
        betweenness, then increasing constraint, then node.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 1)
    >>> [b["node"] for b in brokers(node_metrics(G))]
    [3, 2, 4]
    """
    values = sorted(m["constraint"] for m in metrics.values() if m["constraint"] is not None)
    if not values:
        return []
    mid = len(values) // 2
    median = values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
    chosen = [
        {
            "node": v,
            "betweenness_centrality": m["betweenness_centrality"],
            "constraint": m["constraint"],
        }
        for v, m in metrics.items()
        if m["betweenness_centrality"] > 0
        and m["constraint"] is not None
        and m["constraint"] < median
    ]
    chosen.sort(key=lambda b: (-b["betweenness_centrality"], b["constraint"], b["node"]))
    return chosen[:limit]


def isolates(G):
    """Nodes without any cooperation, sorted.

    Examples
    --------
    >>> G = nx.path_graph(2); G.add_node(5)
    >>> isolates(G)
    [5]
    """
    return sorted(nx.isolates(G))


def peripheral(G):
    """Peripheral nodes: exactly one partner, or outside the largest component (not isolated).

    Examples
    --------
    >>> G = nx.path_graph(4); G.add_edge(7, 8); G.add_node(9)
    >>> peripheral(G)
    [0, 3, 7, 8]
    """
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    largest = components[0] if components else set()
    return sorted(v for v in G if G.degree(v) == 1 or (G.degree(v) > 0 and v not in largest))
