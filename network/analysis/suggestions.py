"""Suggested new cooperations (common partners, Adamic–Adar), ego networks and shortest paths."""

import networkx as nx
import numpy as np

from network.analysis import engine, kernels

__all__ = ["suggestions", "partners_sentence", "ego_network", "shortest_path"]


def partners_sentence(names, shown=3):
    """German reason for a suggestion from the names of the common partners.

    Examples
    --------
    >>> partners_sentence(["Kita Sonne"])
    'beide arbeiten mit Kita Sonne zusammen'
    >>> partners_sentence(["A", "B"])
    'beide arbeiten mit A und B zusammen'
    >>> partners_sentence(["A", "B", "C", "D", "E"])
    'beide arbeiten mit A, B, C und 2 weiteren zusammen'
    """
    names = list(names)
    if len(names) > shown:
        listed = ", ".join(names[:shown]) + f" und {len(names) - shown} weiteren"
    elif len(names) > 1:
        listed = ", ".join(names[:-1]) + " und " + names[-1]
    else:
        listed = names[0]
    return f"beide arbeiten mit {listed} zusammen"


def suggestions(G, limit=20, label="name", indexed=None):
    """Pairs without a cooperation that share partners, ranked by Adamic–Adar.

    The score equals ``nx.adamic_adar_index``: the sum of ``1 / log(degree)``
    over the common partners, so a shared partner with few contacts weighs more
    than a hub everyone works with.

    Parameters
    ----------
    G : networkx.Graph
        Undirected cooperation graph.
    limit : int
        How many suggestions to return.
    label : str
        Node attribute naming the institution in the reason (falls back to the node).
    indexed : engine.IndexedGraph, optional

    Returns
    -------
    list of dict
        ``source`` < ``target`` (nodes), ``adamic_adar``, ``common_partners``
        (count), ``partners`` (nodes, by name) and ``reason`` in German; sorted by
        decreasing score and common partners, then by the pair.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (1, 4), (4, 3), (3, 5)])
    >>> nx.set_node_attributes(G, {2: "Kita", 4: "Moschee"}, "name")
    >>> s = suggestions(G, limit=1)[0]
    >>> s["source"], s["target"], s["common_partners"], s["reason"]
    (1, 3, 2, 'beide arbeiten mit Kita und Moschee zusammen')
    """
    ig = indexed or engine.IndexedGraph(G)
    n = ig.n
    if n == 0 or len(ig.src) == 0:
        return []
    degree = np.diff(ig.indptr)
    weight_of = np.zeros(n)
    many = degree > 1
    weight_of[many] = 1.0 / np.log(degree[many])
    u_index, v_index, score, common = kernels.open_triads(ig.indptr, ig.dst, weight_of, n)
    # Best first; ties broken by common partners, then by the pair's node numbers. Only the
    # pairs scoring at least the limit-th best score can make it: sort those alone.
    rounded = np.round(score, 12)
    if len(rounded) > limit > 0:
        threshold = np.partition(rounded, len(rounded) - limit)[len(rounded) - limit]
        keep = np.flatnonzero(rounded >= threshold)
    else:
        keep = np.arange(len(rounded))
    order = keep[np.lexsort((v_index[keep], u_index[keep], -common[keep], -rounded[keep]))[:limit]]
    result = []
    for i in order.tolist():
        a, b = ig.nodes[u_index[i]], ig.nodes[v_index[i]]
        shared = sorted(
            nx.common_neighbors(G, a, b), key=lambda x: (str(G.nodes[x].get(label, x)), x)
        )
        result.append(
            {
                "source": a,
                "target": b,
                "adamic_adar": float(score[i]),
                "common_partners": int(common[i]),
                "partners": shared,
                "reason": partners_sentence(str(G.nodes[x].get(label, x)) for x in shared),
            }
        )
    return result


def ego_network(G, node, radius=1):
    """The institution with its partners (radius 1) and their partners (radius 2).

    Examples
    --------
    >>> sorted(ego_network(nx.path_graph(5), 2, radius=1))
    [1, 2, 3]
    """
    if radius not in (1, 2):
        raise ValueError("radius must be 1 or 2")
    return nx.ego_graph(G, node, radius=radius)


def shortest_path(G, source, target):
    """One shortest chain of cooperations from ``source`` to ``target``, or ``None``.

    Deterministic for a given graph (breadth-first in node insertion order).

    Examples
    --------
    >>> shortest_path(nx.path_graph(4), 0, 3)
    [0, 1, 2, 3]
    >>> G = nx.Graph([(1, 2)]); G.add_node(3)
    >>> shortest_path(G, 1, 3) is None
    True
    """
    try:
        return nx.shortest_path(G, source, target)
    except nx.NetworkXNoPath:
        return None
