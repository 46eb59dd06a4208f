"""Communities: Louvain, the best of fixed seeds, labelled by their dominant sector and type.

The Louvain method is networkx's own (``nx.community.louvain_communities`` with
resolution 1 and threshold 1e-7), step by step: the same shuffled node order from
the same seeded random generator, the same moves with the same gains and
tie-breaking, the same aggregated graphs with networkx's adjacency order, the
same modularity test between levels. Only the node moves run compiled
(:func:`network.analysis.kernels.louvain_level`) and the aggregation in numpy, so
for a graph without self-loops and with integer weights (the cooperation
graphs) the partition is networkx's, about a hundred times faster. Tests compare
both on random and structured graphs.

One seed alone can land in a poor local optimum (seed 42 finds Q = 0.385 on
Zachary's karate club, where most seeds find about 0.42), so
:func:`louvain_communities` runs every seed of :data:`LOUVAIN_SEEDS` and keeps
the partition of highest modularity, the lowest seed among equals: still the same
communities for the same network on every run.
"""

import random
from collections import Counter

import networkx as nx
import numpy as np

from network.analysis import engine, kernels

__all__ = [
    "LOUVAIN_SEED",
    "LOUVAIN_SEEDS",
    "best_louvain",
    "louvain_partition",
    "louvain_communities",
    "community_of",
    "modularity",
]

#: Default seed of a single Louvain run (:func:`louvain_partition`).
LOUVAIN_SEED = 42

#: Seeds tried by :func:`louvain_communities`; the best modularity wins, ties the lowest seed.
LOUVAIN_SEEDS = tuple(range(10))

#: Modularities closer than this count as equal (summation order, not a better partition).
MODULARITY_TOLERANCE = 1e-12


def _dominant(values):
    """Most frequent value (ties: alphabetically first), or ``None``."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


#: networkx's defaults: modularity must rise by more than this from one level to the next.
LOUVAIN_THRESHOLD = 1e-7


def _adjacency(k, eu, ev, ew):
    """CSR adjacency of a graph whose edges were added in the order given, as networkx keeps it.

    networkx appends a new neighbour at the end of each endpoint's adjacency, so a
    node's neighbours come in the order their edges were created; a self-loop
    appears once. Returns ``indptr``, ``nbr``, ``wgt`` and the weighted degrees
    (self-loops twice).
    """
    loops = eu == ev
    created = np.arange(len(eu))
    nodes = np.concatenate([eu, ev[~loops]])
    nbr = np.concatenate([ev, eu[~loops]])
    wgt = np.concatenate([ew, ew[~loops]])
    when = np.concatenate([created, created[~loops]])
    order = np.lexsort((when, nodes))
    indptr = np.concatenate([[0], np.cumsum(np.bincount(nodes, minlength=k))])
    degrees = np.bincount(nodes, weights=wgt, minlength=k) + np.bincount(
        eu[loops], weights=ew[loops], minlength=k
    )
    return indptr, nbr[order], wgt[order], degrees


def _level_modularity(community, eu, ev, ew, degrees):
    """``nx.community.modularity`` of a partition given as community index per node.

    Communities are summed in the order of their index, each contribution
    computed with networkx's expression, so integer weights give its very value.
    """
    used, label = np.unique(community, return_inverse=True)
    inside = label[eu] == label[ev]
    internal = np.bincount(label[eu[inside]], weights=ew[inside], minlength=len(used))
    degree_sums = np.bincount(label, weights=degrees, minlength=len(used))
    deg_sum = float(sum(degrees.tolist()))
    m = deg_sum / 2
    norm = 1 / deg_sum**2
    return sum((internal / m - degree_sums * degree_sums * norm).tolist())


def louvain_partition(G, weight="weight", seed=LOUVAIN_SEED, indexed=None):
    """``nx.community.louvain_communities(G, weight=weight, seed=seed)``, compiled.

    Parameters
    ----------
    G : networkx.Graph
        Undirected. Graphs with self-loops or directed graphs are handed to networkx.
    weight : str or None
    seed : int
    indexed : engine.IndexedGraph, optional
        ``G`` already converted with the same ``weight``.

    Returns
    -------
    list of list
        The communities (members in the graph's node order), as networkx's sets.

    Examples
    --------
    >>> sorted(sorted(c) for c in louvain_partition(nx.barbell_graph(3, 0)))
    [[0, 1, 2], [3, 4, 5]]
    """
    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G):
        parts = nx.community.louvain_communities(G, weight=weight, seed=seed)
        return [[v for v in G if v in p] for p in parts]
    ig = indexed if indexed is not None and indexed.weight == weight else None
    ig = ig or engine.IndexedGraph(G, weight=weight)
    if len(ig.edge_u) == 0:
        return [[v] for v in ig.nodes]
    rng = random.Random(seed)
    k = ig.n
    eu, ev, ew = ig.edge_u, ig.edge_v, ig.edge_w
    indptr, nbr, wgt, degrees = _adjacency(k, eu, ev, ew)
    m = float(sum(degrees.tolist())) / 2
    mod = _level_modularity(np.arange(k), eu, ev, ew, degrees)
    membership = np.arange(k)  # original node → node of the current level

    def level(k):
        order = list(range(k))
        rng.shuffle(order)
        return kernels.louvain_level(indptr, nbr, wgt, degrees, m, np.array(order, dtype=np.int64))

    community, improvement = level(k)
    improvement = True
    while improvement:
        used, label = np.unique(community, return_inverse=True)
        result = label[membership]
        new_mod = _level_modularity(community, eu, ev, ew, degrees)
        if new_mod - mod <= LOUVAIN_THRESHOLD:
            break
        mod = new_mod
        # Aggregate as networkx's _gen_graph: edges in iteration order (each once, from its
        # lower endpoint), merged per pair of communities in order of first appearance.
        owner = np.repeat(np.arange(k), np.diff(indptr))
        once = nbr >= owner
        a, b, w = label[owner[once]], label[nbr[once]], wgt[once]
        k = len(used)
        pair = np.minimum(a, b) * k + np.maximum(a, b)
        _, first, inverse = np.unique(pair, return_index=True, return_inverse=True)
        summed = np.bincount(inverse, weights=w)
        created = np.argsort(first, kind="stable")
        eu, ev, ew = a[first[created]], b[first[created]], summed[created]
        indptr, nbr, wgt, degrees = _adjacency(k, eu, ev, ew)
        membership = result
        community, improvement = level(k)
    groups = {}
    for node, c in zip(ig.nodes, result.tolist(), strict=True):
        groups.setdefault(c, []).append(node)
    return [groups[c] for c in sorted(groups)]


def _labelled(G, parts):
    """Communities as dicts, largest first, each with its dominant sector and type."""
    parts = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    result = []
    for number, members in enumerate(parts, start=1):
        sector = _dominant(s for v in members for s in (G.nodes[v].get("sectors") or ()))
        kind = _dominant(G.nodes[v].get("type") for v in members)
        label = " · ".join(x for x in (sector, kind) if x) or None
        result.append(
            {
                "id": number,
                "members": members,
                "size": len(members),
                "sector": sector,
                "type": kind,
                "label": label,
            }
        )
    return result


def best_louvain(G, weight="weight", seeds=LOUVAIN_SEEDS, indexed=None):
    """Louvain run once per seed; the partition of highest modularity, ties the lowest seed.

    Parameters
    ----------
    G : networkx.Graph
    weight : str or None
    seeds : sequence of int
        Tried in increasing order.
    indexed : engine.IndexedGraph, optional
        ``G`` already converted with the same ``weight``.

    Returns
    -------
    tuple
        ``(communities, seed, modularity)``: the communities as
        :func:`louvain_communities` gives them, the seed that found them and their
        ``nx.community.modularity``.

    Examples
    --------
    >>> communities, seed, q = best_louvain(nx.barbell_graph(3, 0))
    >>> [c["members"] for c in communities], seed, round(q, 4)
    ([[0, 1, 2], [3, 4, 5]], 0, 0.3571)
    """
    seeds = sorted(seeds)
    if len(G) == 0:
        return [], seeds[0], 0.0
    if indexed is None or indexed.weight != weight:
        simple = not (G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G))
        indexed = engine.IndexedGraph(G, weight=weight) if simple else None
    best = None
    for seed in seeds:
        parts = louvain_partition(G, weight=weight, seed=seed, indexed=indexed)
        communities = [{"members": p} for p in parts]
        q = modularity(G, communities, weight=weight, indexed=indexed)
        if best is None or q > best[2] + MODULARITY_TOLERANCE:
            best = (parts, seed, q)
    parts, seed, q = best
    return _labelled(G, parts), seed, q


def louvain_communities(G, weight="weight", seeds=LOUVAIN_SEEDS, indexed=None):
    """Louvain communities (the best of ``seeds``), largest first, with sector and type.

    Parameters
    ----------
    G : networkx.Graph
        Nodes may carry ``sectors`` (sequence of names) and ``type`` (name).
        Isolated nodes form communities of their own.
    weight : str or None
        Edge attribute used as tie strength.
    seeds : sequence of int
        Seeds of ``nx.community.louvain_communities`` (see :func:`best_louvain`).
    indexed : engine.IndexedGraph, optional
        ``G`` already converted (see :func:`louvain_partition`).

    Returns
    -------
    list of dict
        ``id`` (1, 2, … by decreasing size, then smallest member), ``members``
        (sorted), ``size``, ``sector``, ``type`` and ``label`` ("Bildung · Schule";
        ``None`` when the members have neither sectors nor types).

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> nx.set_node_attributes(G, {v: ("Bildung",) if v < 3 else ("Sport",) for v in G}, "sectors")
    >>> [(c["id"], c["members"], c["label"]) for c in louvain_communities(G)]
    [(1, [0, 1, 2], 'Bildung'), (2, [3, 4, 5], 'Sport')]
    """
    return best_louvain(G, weight=weight, seeds=seeds, indexed=indexed)[0]


def community_of(communities):
    """Map each node to its community number.

    Examples
    --------
    >>> community_of([{"id": 1, "members": [3, 1]}, {"id": 2, "members": [2]}])
    {1: 1, 2: 2, 3: 1}
    """
    return dict(sorted((v, c["id"]) for c in communities for v in c["members"]))


def modularity(G, communities, weight="weight", indexed=None):
    """Modularity of the partition, as ``nx.community.modularity``.

    ``indexed`` is ``G`` already converted with the same ``weight``.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> round(modularity(G, [{"members": [0, 1, 2]}, {"members": [3, 4, 5]}]), 4)
    0.3571
    """
    if G.number_of_edges() == 0:
        return 0.0
    if G.is_directed() or G.is_multigraph() or nx.number_of_selfloops(G):
        return float(
            nx.community.modularity(G, [set(c["members"]) for c in communities], weight=weight)
        )
    ig = indexed if indexed is not None and indexed.weight == weight else None
    ig = ig or engine.IndexedGraph(G, weight=weight)
    label = np.empty(ig.n, dtype=np.int64)
    for number, c in enumerate(communities):
        label[[ig.index[v] for v in c["members"]]] = number
    degrees = np.bincount(ig.src, weights=ig.wgt, minlength=ig.n)
    return float(_level_modularity(label, ig.edge_u, ig.edge_v, ig.edge_w, degrees))
