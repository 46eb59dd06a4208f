"""Whole-network figures: size, cohesion, centralisation, sector mixing and sector gaps."""

from itertools import combinations_with_replacement

import networkx as nx

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
    G : networkx.Graph
        Undirected cooperation graph.
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
    n = len(G)
    m = G.number_of_edges()
    ig = indexed or engine.IndexedGraph(G)
    largest = largest_component(G)
    if len(largest) > 1:
        distances = engine.distance_figures(ig, largest)
    else:
        distances = {"average_shortest_path_length": 0.0, "diameter": 0, "approximate": False}
    return {
        "institutions": n,
        "cooperations": m,
        "density": float(nx.density(G)) if n > 1 else 0.0,
        "components": nx.number_connected_components(G),
        "isolates": nx.number_of_isolates(G),
        "largest_component_size": len(largest),
        "largest_component_share": len(largest) / n if n else 0.0,
        "average_shortest_path_length": distances["average_shortest_path_length"],
        "diameter": distances["diameter"],
        "distances_approximate": distances["approximate"],
        "transitivity": engine.transitivity(ig),
        "average_clustering": (
            float(sum((clustering or nx.clustering(G)).values()) / n) if n else 0.0
        ),
        "average_degree": 2 * m / n if n else 0.0,
        "degree_centralization": degree_centralization(G),
    }


def _sectors(G, v):
    return tuple(G.nodes[v].get("sectors") or ())


def sector_mixing(G):
    """Sector-by-sector cooperation counts and mixing indices.

    A cooperation between an institution active in sectors A, B and one in C
    counts once for each sector pair it joins ({A, C} and {B, C}).

    Parameters
    ----------
    G : networkx.Graph
        Nodes carry ``sectors`` (sequence of names), ``type`` and ``district``.

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
    sectors_of = {v: _sectors(G, v) for v in G}
    names = sorted({s for sectors in sectors_of.values() for s in sectors})
    position = {s: i for i, s in enumerate(names)}
    matrix = [[0] * len(names) for _ in names]
    for u, v in G.edges():
        a_sectors, b_sectors = sectors_of[u], sectors_of[v]
        if not a_sectors or not b_sectors:
            continue
        pairs = {(a, b) if a <= b else (b, a) for a in a_sectors for b in b_sectors}
        for a, b in pairs:
            matrix[position[a]][position[b]] += 1
            if a != b:
                matrix[position[b]][position[a]] += 1
    assortativity = {
        "type": attribute_assortativity(G, lambda v: G.nodes[v].get("type")),
        "district": attribute_assortativity(G, lambda v: G.nodes[v].get("district")),
        "sector": attribute_assortativity(G, lambda v: min(_sectors(G, v), default=None)),
    }
    return {
        "sectors": names,
        "matrix": matrix,
        "ei_index": ei_index(G),
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
    counts = {}
    total = 0
    for u, v in G.edges():
        a, b = value_of(u), value_of(v)
        counts[(a, b)] = counts.get((a, b), 0) + 1
        counts[(b, a)] = counts.get((b, a), 0) + 1
        total += 2
    if not total:
        return None
    rows, cols = {}, {}
    trace = 0.0
    for (a, b), c in counts.items():
        rows[a] = rows.get(a, 0) + c
        cols[b] = cols.get(b, 0) + c
        if a == b:
            trace += c / total
    expected = sum(rows[k] * cols.get(k, 0) for k in rows) / total**2
    if expected >= 1.0 - 1e-15:
        return None
    return (trace - expected) / (1.0 - expected)


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
    internal = external = 0
    for u, v in G.edges():
        a, b = set(_sectors(G, u)), set(_sectors(G, v))
        if not a or not b:
            continue
        if a & b:
            internal += 1
        else:
            external += 1
    total = internal + external
    return (external - internal) / total if total else None


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
