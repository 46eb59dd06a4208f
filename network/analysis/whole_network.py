"""Whole-network figures: size, cohesion, centralisation, sector mixing and sector gaps."""

from itertools import combinations_with_replacement

import networkx as nx
import numpy as np

from network.analysis import engine

__all__ = [
    "largest_component",
    "degree_centralization",
    "network_figures",
    "sector_mixing",
    "ei_index",
    "attribute_assortativity",
    "sector_gaps",
]


def largest_component(G):
    """Nodes of the largest connected component (ties: the one with the smallest node).

    Examples
    --------
    >>> G = nx.path_graph(3); G.add_edge(5, 6)
    >>> sorted(largest_component(G))
    [0, 1, 2]
    """
    components = sorted(nx.connected_components(G), key=lambda c: (-len(c), min(c)))
    return components[0] if components else set()


def degree_centralization(G):
    """Freeman's degree centralisation: ``Σ(max − deg) / ((n − 1)(n − 2))``.

    1 for a star, 0 when every node has the same degree.

    Examples
    --------
    >>> degree_centralization(nx.star_graph(4)), degree_centralization(nx.cycle_graph(5))
    (1.0, 0.0)
    """
    n = len(G)
    if n < 3:
        return 0.0
    degrees = [d for _, d in G.degree()]
    top = max(degrees)
    return sum(top - d for d in degrees) / ((n - 1) * (n - 2))


def network_figures(G, indexed=None, clustering=None):
    """Size and cohesion of the network as a whole.

    Parameters
    ----------
    G : networkx.Graph or None
        Undirected cooperation graph (``None`` when ``indexed`` is given alone).
    indexed : engine.IndexedGraph, optional
        ``G`` already converted (shares the distance computations).
    clustering : dict, optional
        ``nx.clustering(G)`` if already computed.

    Returns
    -------
    dict
        ``institutions``, ``cooperations``, ``density``, ``components``,
        ``isolates``, ``largest_component_size``, ``largest_component_share``,
        ``average_shortest_path_length`` and ``diameter`` (of the largest
        component; ``distances_approximate`` tells whether they were estimated),
        ``transitivity``, ``average_clustering``, ``average_degree``,
        ``degree_centralization``.

    Examples
    --------
    >>> G = nx.path_graph(4); G.add_node(9)
    >>> f = network_figures(G)
    >>> f["cooperations"], f["components"], f["isolates"], f["largest_component_share"], f["diameter"]
    (3, 2, 1, 0.8, 3)
    """
    ig = indexed or engine.IndexedGraph(G)
    n = ig.n
    m = G.number_of_edges() if G is not None else len(ig.edge_u)
    labels = ig.components()
    sizes = np.bincount(labels, minlength=n)
    degrees = np.diff(ig.indptr)
    if n:
        # Largest component; ties: the one with the smallest node (as largest_component).
        tied = np.flatnonzero(sizes == sizes.max()).tolist()
        members = [np.flatnonzero(labels == c).tolist() for c in tied]
        chosen = min(members, key=lambda c: min(ig.nodes[i] for i in c))
        largest = [ig.nodes[i] for i in chosen]
    else:
        largest = []
    if len(largest) > 1:
        distances = engine.distance_figures(ig, largest)
    else:
        distances = {"average_shortest_path_length": 0.0, "diameter": 0, "approximate": False}
    if clustering is None:
        clustering = engine.clustering(ig)
    return {
        "institutions": n,
        "cooperations": m,
        "density": m / (n * (n - 1)) * 2 if n > 1 else 0.0,
        "components": int((sizes > 0).sum()),
        "isolates": int((degrees == 0).sum()),
        "largest_component_size": len(largest),
        "largest_component_share": len(largest) / n if n else 0.0,
        "average_shortest_path_length": distances["average_shortest_path_length"],
        "diameter": distances["diameter"],
        "distances_approximate": distances["approximate"],
        "transitivity": engine.transitivity(ig),
        "average_clustering": float(sum(clustering.values()) / n) if n else 0.0,
        "average_degree": 2 * m / n if n else 0.0,
        "degree_centralization": (
            int((degrees.max() - degrees).sum()) / ((n - 1) * (n - 2)) if n >= 3 else 0.0
        ),
    }


def _sectors(G, v):
    return tuple(G.nodes[v].get("sectors") or ())


def _edge_arrays(G, indexed=None):
    """Nodes in order and the edges as two index arrays (from ``indexed`` when given)."""
    if indexed is not None and not indexed.directed:
        return indexed.nodes, indexed.edge_u, indexed.edge_v
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in G.edges()]
    eu = np.array([p[0] for p in pairs], dtype=np.int64)
    ev = np.array([p[1] for p in pairs], dtype=np.int64)
    return nodes, eu, ev


def _codes(values):
    """Integer code of each value (``None`` included as a category of its own)."""
    table = {}
    return np.array([table.setdefault(x, len(table)) for x in values], dtype=np.int64), len(table)


def _assortativity(codes, size, eu, ev):
    """Newman's attribute assortativity from category codes and edge arrays (see below)."""
    total = 2 * len(eu)
    if not total:
        return None
    counts = np.bincount(codes[eu] * size + codes[ev], minlength=size * size).reshape(size, size)
    counts = counts + counts.T
    trace = float(np.trace(counts)) / total
    expected = float(counts.sum(axis=1) @ counts.sum(axis=0)) / total**2
    if expected >= 1.0 - 1e-15:
        return None
    return (trace - expected) / (1.0 - expected)


def sector_mixing(G, indexed=None):
    """Sector-by-sector cooperation counts and mixing indices.

    A cooperation between an institution active in sectors A, B and one in C
    counts once for each sector pair it joins ({A, C} and {B, C}).

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``sectors`` (sequence of names), ``type`` and ``district``.
    indexed : engine.IndexedGraph, optional
        ``G`` already converted.

    Returns
    -------
    dict
        ``sectors`` (sorted names), ``matrix`` (symmetric counts in that order),
        ``ei_index`` (see :func:`ei_index`) and ``assortativity``: networkx's
        ``attribute_assortativity_coefficient`` for ``type``, ``district`` and
        ``sector`` (an institution's alphabetically first sector); ``None`` where
        undefined.

    Examples
    --------
    >>> G = nx.path_graph(3)
    >>> nx.set_node_attributes(G, {0: ["Bildung"], 1: ["Bildung"], 2: ["Sport"]}, "sectors")
    >>> mix = sector_mixing(G)
    >>> mix["sectors"], mix["matrix"], mix["ei_index"]
    (['Bildung', 'Sport'], [[1, 1], [1, 0]], 0.0)
    """
    nodes, eu, ev = _edge_arrays(G, indexed)
    attributes = [G.nodes[v] for v in nodes]
    sectors_of = [tuple(a.get("sectors") or ()) for a in attributes]
    names = sorted({s for sectors in sectors_of for s in sectors})
    position = {s: i for i, s in enumerate(names)}
    # Node × sector incidence; per edge the pairs {a, b} with a at one end and b at the other.
    incidence = np.zeros((len(nodes), len(names)))
    for i, sectors in enumerate(sectors_of):
        incidence[i, [position[s] for s in sectors]] = 1.0
    U, V = incidence[eu], incidence[ev]
    both = U * V
    matrix = (U.T @ V + V.T @ U - both.T @ both).round().astype(int)
    assortativity = {
        "type": _assortativity(*_codes(a.get("type") for a in attributes), eu, ev),
        "district": _assortativity(*_codes(a.get("district") for a in attributes), eu, ev),
        "sector": _assortativity(*_codes(min(s, default=None) for s in sectors_of), eu, ev),
    }
    counted = U.any(axis=1) & V.any(axis=1)
    internal = int((counted & both.any(axis=1)).sum())
    external = int(counted.sum()) - internal
    total = internal + external
    return {
        "sectors": names,
        "matrix": matrix.tolist(),
        "ei_index": (external - internal) / total if total else None,
        "assortativity": assortativity,
    }


def attribute_assortativity(G, value_of):
    """Newman's attribute assortativity, as ``nx.attribute_assortativity_coefficient``.

    Parameters
    ----------
    G : networkx.Graph
    value_of : callable
        Node → category (``None`` is a category of its own, as in networkx).

    Returns
    -------
    float or None
        ``None`` where undefined (no edges, or a single category).

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (3, 4), (1, 3)])
    >>> kind = {1: "a", 2: "a", 3: "b", 4: "b"}
    >>> round(attribute_assortativity(G, kind.get), 4)
    0.3333
    """
    nodes, eu, ev = _edge_arrays(G)
    return _assortativity(*_codes(value_of(v) for v in nodes), eu, ev)


def ei_index(G):
    """Krackhardt's E-I index of sectors: ``(E − I) / (E + I)``.

    A cooperation is internal (I) when both institutions share a sector and
    external (E) otherwise; cooperations of institutions without any sector are
    left out. −1: only within sectors, +1: only across them.

    Examples
    --------
    >>> G = nx.Graph([(1, 2), (2, 3), (3, 4)])
    >>> nx.set_node_attributes(G, {1: ["A"], 2: ["A"], 3: ["B"], 4: []}, "sectors")
    >>> ei_index(G)
    0.0
    """
    return sector_mixing(G)["ei_index"]


def sector_gaps(G, mixing=None):
    """Sector pairs with no cooperation at all although both have institutions.

    A pair of one sector with itself counts when it has at least two institutions.
    ``mixing`` reuses a result of :func:`sector_mixing`.

    Returns
    -------
    list of dict
        ``sectors`` (pair, sorted) and ``institutions`` (how many in each), sorted by pair.

    Examples
    --------
    >>> G = nx.Graph([(1, 2)]); G.add_node(3)
    >>> nx.set_node_attributes(G, {1: ["A"], 2: ["B"], 3: ["C"]}, "sectors")
    >>> [g["sectors"] for g in sector_gaps(G)]
    [['A', 'C'], ['B', 'C']]
    """
    members = {}
    for v in G:
        for s in _sectors(G, v):
            members.setdefault(s, set()).add(v)
    mix = mixing or sector_mixing(G)
    position = {s: i for i, s in enumerate(mix["sectors"])}
    gaps = []
    for a, b in combinations_with_replacement(mix["sectors"], 2):
        if mix["matrix"][position[a]][position[b]]:
            continue
        if a == b and len(members[a]) < 2:
            continue
        gaps.append({"sectors": [a, b], "institutions": [len(members[a]), len(members[b])]})
    return gaps
