"""Fast engines for the slow measures, giving networkx's values (numpy and numba).

networkx stays the graph model. Its pure-Python betweenness, closeness and
structural-hole measures take seconds on a few thousand institutions, so this
module converts a graph once into integer-indexed arrays and computes the same
quantities there:

* betweenness, closeness and the distance figures: Brandes' algorithm compiled
  (:mod:`network.analysis.kernels`), one pass from every node giving all three,
  with the sources spread over the machine's cores; above
  :data:`EXACT_NODE_LIMIT` institutions betweenness is estimated from a fixed
  sample of source nodes (the same sample and rescaling as
  ``nx.betweenness_centrality(G, k=..., seed=...)``, so it equals networkx's
  sampled values), closeness of the largest component from the same sources;
* ``pagerank``: numpy power iteration of networkx's algorithm (networkx's own
  ``pagerank`` needs scipy);
* ``constraint`` and ``effective_size``: Burt's measures, vectorised over the
  two-step paths of the graph.

Tests prove every function equal to networkx (to 1e-9) on undirected, directed,
weighted and disconnected graphs.
"""

import math
import os
import random
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from network.analysis import kernels

__all__ = [
    "EXACT_NODE_LIMIT",
    "SAMPLE_SIZE",
    "SAMPLE_SEED",
    "IndexedGraph",
    "betweenness_centrality",
    "closeness_centrality",
    "pagerank",
    "clustering",
    "transitivity",
    "constraint",
    "effective_size",
    "sampled_centralities",
    "distance_figures",
]

#: Up to this many nodes betweenness and closeness are exact.
EXACT_NODE_LIMIT = 5000
#: Number of source nodes sampled above :data:`EXACT_NODE_LIMIT`.
SAMPLE_SIZE = 250
#: Seed of the source sample, so repeated runs agree.
SAMPLE_SEED = 42
#: Breadth-first searches from this many sources or more run in :data:`SOURCE_CHUNKS`
#: chunks on parallel threads; the chunks depend only on the number of sources, so the
#: results are the same on any number of cores.
PARALLEL_MIN_SOURCES = 64
SOURCE_CHUNKS = 4


class IndexedGraph:
    """A networkx graph converted once into integer-indexed arrays.

    Nodes are numbered in the graph's iteration order. ``src``/``dst``/``wgt``
    hold the arcs (both directions of every undirected edge), sorted by
    source then target, with ``indptr`` as the row index (CSR layout).
    ``edge_u``/``edge_v``/``edge_w`` keep the edges in networkx's iteration order.

    Parameters
    ----------
    G : networkx.Graph or networkx.DiGraph
        Graph without self-loops or parallel edges.
    weight : str or None
        Edge attribute holding the weight; missing values count as 1.

    Examples
    --------
    >>> import networkx as nx
    >>> ig = IndexedGraph(nx.path_graph(3))
    >>> ig.n, ig.src.tolist(), ig.dst.tolist()
    (3, [0, 1, 1, 2], [1, 0, 2, 1])
    """

    def __init__(self, G, weight="weight"):
        self.graph = G
        self.weight = weight
        self.nodes = list(G)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        self.directed = G.is_directed()
        index = self.index
        us, vs, ws = [], [], []
        for u, v, data in G.edges(data=True):
            if u == v:
                continue
            w = 1.0 if weight is None else float(data.get(weight, 1))
            us.append(index[u])
            vs.append(index[v])
            ws.append(w)
        self._arrange(
            np.array(us, dtype=np.int64), np.array(vs, dtype=np.int64), np.array(ws, dtype=float)
        )

    @classmethod
    def from_edges(cls, nodes, u, v, w=None):
        """An undirected graph given by its nodes and its edges as index arrays (no graph object).

        Parameters
        ----------
        nodes : sequence
            The nodes; edges refer to them by position.
        u, v : int arrays
            Endpoints of each edge (no self-loops, no pair twice).
        w : float array, optional
            Weights (1 when missing).

        Examples
        --------
        >>> ig = IndexedGraph.from_edges(["a", "b", "c"], [0, 1], [1, 2])
        >>> ig.n, ig.indptr.tolist(), distance_figures(ig, ["a", "b", "c"])["diameter"]
        (3, [0, 1, 3, 4], 2)
        """
        self = cls.__new__(cls)
        self.graph = None
        self.weight = "weight"
        self.nodes = list(nodes)
        self.index = {node: i for i, node in enumerate(self.nodes)}
        self.directed = False
        u = np.asarray(u, dtype=np.int64)
        v = np.asarray(v, dtype=np.int64)
        w = np.ones(len(u)) if w is None else np.asarray(w, dtype=float)
        self._arrange(u, v, w)
        return self

    def _arrange(self, u, v, w):
        self.n = n = len(self.nodes)
        self.edge_u, self.edge_v, self.edge_w = u, v, w
        if not self.directed:
            u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
        order = np.lexsort((v, u))
        self.src, self.dst, self.wgt = u[order], v[order], w[order]
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(self.src, minlength=n))])
        self._in_arcs = None
        self._mutual = None
        self._all_sources = None
        self._components = None
        self._triangles = None
        self._holes = None
        #: Sum of distances and eccentricity of each source searched so far.
        self.source_distances = {}

    def in_arcs(self):
        """Arcs into each node in CSR layout ``(indptr, sources)`` (the out-arcs if undirected)."""
        if not self.directed:
            return self.indptr, self.dst
        if self._in_arcs is None:
            order = np.lexsort((self.src, self.dst))
            indptr = np.concatenate([[0], np.cumsum(np.bincount(self.dst, minlength=self.n))])
            self._in_arcs = (indptr, self.src[order])
        return self._in_arcs

    def all_sources(self):
        """Brandes' pass from every node: raw betweenness, distance sums and counts per node."""
        if self._all_sources is None:
            self._all_sources = _run_brandes(self, np.arange(self.n))
        return self._all_sources

    def components(self):
        """Connected components (undirected graphs): each node's label is its component's smallest index."""
        if self._components is None:
            self._components = kernels.component_labels(self.indptr, self.dst, self.n)
        return self._components

    def mutual(self):
        """Symmetric mutual weights ``a_uv + a_vu`` as sorted arcs ``(src, dst, m, indptr)``."""
        if self._mutual is None:
            n = self.n
            if self.directed:
                keys = np.concatenate([self.src * n + self.dst, self.dst * n + self.src])
                weights = np.concatenate([self.wgt, self.wgt])
            else:
                keys = self.src * n + self.dst
                weights = 2 * self.wgt
            unique, inverse = np.unique(keys, return_inverse=True)
            m = np.bincount(inverse, weights=weights, minlength=len(unique))
            src, dst = unique // max(n, 1), unique % max(n, 1)
            indptr = np.concatenate([[0], np.cumsum(np.bincount(src, minlength=n))])
            self._mutual = (src, dst, m, indptr)
        return self._mutual

    def structural_holes(self):
        """Burt's constraint and the redundancy of effective size per node (see kernels)."""
        if self._holes is None:
            src, dst, m, indptr = self.mutual()
            self._holes = kernels.structural_holes(indptr, dst, m, self.n)
        return self._holes

    def core_numbers(self):
        """k-core number per node, as ``nx.core_number`` (undirected graphs)."""
        return kernels.core_numbers(self.indptr, self.dst, self.n)

    def as_dict(self, values):
        """Map an array indexed like ``nodes`` back to ``{node: float}``."""
        return dict(zip(self.nodes, (float(x) for x in values), strict=True))


def _indexed(G, weight="weight"):
    return G if isinstance(G, IndexedGraph) else IndexedGraph(G, weight=weight)


def _two_paths(indptr, src, dst, chunk=4_000_000):
    """Yield arrays ``(e1, e2)`` of arc pairs ``u→w→v`` (``e1 = (u, w)``, ``e2 = (w, v)``)."""
    counts = indptr[dst + 1] - indptr[dst]
    start = 0
    total = len(src)
    while start < total:
        # Grow the slice of first arcs until the expansion reaches `chunk` pairs.
        csum = np.cumsum(counts[start:])
        stop = start + max(1, int(np.searchsorted(csum, chunk, side="right")))
        stop = min(stop, total)
        c = counts[start:stop]
        e1 = np.repeat(np.arange(start, stop), c)
        offsets = np.repeat(np.cumsum(c) - c, c)
        e2 = indptr[dst[e1]] + (np.arange(len(e1)) - offsets)
        yield e1, e2
        start = stop


def _closing_arc(n, src, dst, e1, e2):
    """For two-paths ``u→w→v`` the index of arc ``u→v`` (or -1 where absent)."""
    keys = src * n + dst
    wanted = src[e1] * n + dst[e2]
    pos = np.searchsorted(keys, wanted)
    pos[pos >= len(keys)] = 0
    found = keys[pos] == wanted
    return np.where(found, pos, -1)


def constraint(G, weight="weight"):
    """Burt's constraint of every node, as ``nx.constraint(G, weight=weight)``.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or IndexedGraph
    weight : str or None

    Returns
    -------
    dict
        Node → constraint; ``nan`` for nodes without (out-)neighbours, as networkx.

    Examples
    --------
    >>> import networkx as nx
    >>> c = constraint(nx.star_graph(3), weight=None)
    >>> round(c[0], 4), c[1]
    (0.3333, 1.0)
    """
    ig = _indexed(G, weight)
    values = ig.structural_holes()[0].copy()
    # networkx leaves nodes without (out-)neighbours undefined.
    values[np.diff(ig.indptr) == 0] = np.nan
    return ig.as_dict(values)


def effective_size(G, weight="weight"):
    """Burt's effective size of every node, as ``nx.effective_size(G, weight=weight)``.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or IndexedGraph
    weight : str or None

    Returns
    -------
    dict
        Node → effective size; ``nan`` for nodes without (out-)neighbours, as networkx.

    Examples
    --------
    >>> import networkx as nx
    >>> effective_size(nx.complete_graph(3), weight=None)[0]
    1.0
    """
    ig = _indexed(G, weight)
    src, dst, m, indptr = ig.mutual()
    values = np.diff(indptr).astype(float) - ig.structural_holes()[1]
    values[np.diff(ig.indptr) == 0] = np.nan
    return ig.as_dict(values)


def _triangles(ig):
    """Per node: twice its number of triangles, and its degree (undirected graphs)."""
    if ig._triangles is None:
        n = ig.n
        twice = np.zeros(n)
        for e1, e2 in _two_paths(ig.indptr, ig.src, ig.dst):
            closing = _closing_arc(n, ig.src, ig.dst, e1, e2)
            twice += np.bincount(ig.src[e1[closing >= 0]], minlength=n)
        ig._triangles = (twice, np.diff(ig.indptr).astype(float))
    return ig._triangles


def clustering(G):
    """Unweighted clustering coefficient, as ``nx.clustering(G)`` (undirected graphs).

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)])
    >>> clustering(G)
    {0: 1.0, 1: 1.0, 2: 0.3333333333333333, 3: 0.0}
    """
    ig = _indexed(G, None)
    twice, degree = _triangles(ig)
    pairs = degree * (degree - 1)
    values = np.divide(twice, pairs, out=np.zeros(ig.n), where=twice > 0)
    return ig.as_dict(values)


def transitivity(G):
    """Share of closed triples, as ``nx.transitivity(G)`` (undirected graphs).

    Examples
    --------
    >>> import networkx as nx
    >>> transitivity(nx.Graph([(0, 1), (1, 2), (2, 0), (2, 3)]))
    0.6
    """
    ig = _indexed(G, None)
    twice, degree = _triangles(ig)
    total = float(twice.sum())
    return 0.0 if total == 0 else total / float((degree * (degree - 1)).sum())


def pagerank(G, alpha=0.85, weight="weight", max_iter=100, tol=1.0e-6):
    """PageRank by networkx's power iteration (networkx's ``pagerank`` itself needs scipy).

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or IndexedGraph
        Undirected edges count in both directions.
    alpha : float
        Damping factor.
    weight : str or None
    max_iter, tol
        As networkx: stop once the l1 change falls below ``n * tol``.

    Returns
    -------
    dict
        Node → PageRank, summing to 1.

    Examples
    --------
    >>> import networkx as nx
    >>> pr = pagerank(nx.path_graph(3))
    >>> [round(pr[v], 4) for v in range(3)]
    [0.2568, 0.4865, 0.2568]
    """
    ig = _indexed(G, weight)
    n = ig.n
    if n == 0:
        return {}
    out = np.bincount(ig.src, weights=ig.wgt, minlength=n)
    share = np.divide(ig.wgt, out[ig.src], out=np.zeros_like(ig.wgt), where=out[ig.src] != 0)
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    p = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        xlast = x
        x = alpha * np.bincount(ig.dst, weights=xlast[ig.src] * share, minlength=n)
        x += alpha * xlast[dangling].sum() * p + (1.0 - alpha) * p
        if np.abs(x - xlast).sum() < n * tol:
            return ig.as_dict(x)
    raise RuntimeError(f"PageRank did not converge in {max_iter} iterations")


def _chunks(sources):
    """Split source nodes into a fixed number of chunks (depending only on their number)."""
    sources = np.asarray(sources, dtype=np.int64)
    parts = 1 if len(sources) < PARALLEL_MIN_SOURCES else SOURCE_CHUNKS
    return np.array_split(sources, parts)


def _spread(run, chunks):
    """``run(chunk)`` for every chunk, on up to one thread per core, results in chunk order.

    The kernels release the GIL, so the chunks run in parallel; the sums taken
    from the results in chunk order never depend on the number of cores.
    """
    if len(chunks) == 1:
        return [run(chunks[0])]
    workers = min(len(chunks), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, chunks))


def _run_brandes(ig, sources):
    """Brandes' algorithm from ``sources``: raw betweenness and distance statistics (see kernels)."""
    n = ig.n
    parts = _spread(lambda chunk: kernels.brandes(ig.indptr, ig.dst, chunk, n), _chunks(sources))
    betweenness = np.zeros(n)
    dist_sum = np.zeros(n)
    dist_count = np.zeros(n)
    for b, total, count, _, _ in parts:
        betweenness += b
        dist_sum += total
        dist_count += count
    totals = np.concatenate([p[3] for p in parts])
    eccentricities = np.concatenate([p[4] for p in parts])
    for s, total, ecc in zip(
        np.asarray(sources, dtype=np.int64).tolist(),
        totals.tolist(),
        eccentricities.tolist(),
        strict=True,
    ):
        ig.source_distances[s] = (float(total), int(ecc))
    return betweenness, dist_sum, dist_count


def _bfs(ig, sources, reverse=False):
    """Per source: nodes reached (itself included), sum and maximum of their hop distances."""
    indptr, dst = ig.in_arcs() if reverse else (ig.indptr, ig.dst)
    n = ig.n
    parts = _spread(lambda chunk: kernels.bfs_distances(indptr, dst, chunk, n), _chunks(sources))
    return tuple(np.concatenate([p[i] for p in parts]) for i in range(3))


def _sample(nodes, k, seed):
    """The source sample networkx draws for ``betweenness_centrality(k=k, seed=seed)``."""
    return random.Random(seed).sample(list(nodes), k)


def _rescale(values, n, sampled=None):
    """networkx's normalisation of betweenness (``endpoints=False``)."""
    big_n = n - 1
    if big_n < 2:
        return values
    if sampled is None:
        return values * (1.0 / (big_n * (big_n - 1)))
    k = len(sampled)
    scale_source = 1.0 / ((k - 1) * (big_n - 1)) if k > 1 else math.nan
    scale_other = 1.0 / (k * (big_n - 1))
    factors = np.full(n, scale_other)
    factors[np.asarray(sampled, dtype=np.int64)] = scale_source
    return values * factors


def betweenness_centrality(G, k=None, seed=SAMPLE_SEED):
    """Normalised betweenness, as ``nx.betweenness_centrality(G, k=k, seed=seed)``.

    Brandes' algorithm from every node when ``k`` is ``None`` (computed once per
    :class:`IndexedGraph`, together with the distances closeness and the
    distance figures need); otherwise from the same ``k`` sampled sources
    networkx would draw.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or IndexedGraph
    k : int or None
        Number of sampled source nodes; ``None`` for the exact value.
    seed : int
        Seed of the sample.

    Returns
    -------
    dict
        Node → betweenness in [0, 1].

    Examples
    --------
    >>> import networkx as nx
    >>> betweenness_centrality(nx.path_graph(3))
    {0: 0.0, 1: 1.0, 2: 0.0}
    """
    ig = _indexed(G, None)
    if k is None or k >= ig.n:
        if ig.n == 0:
            return {}
        return ig.as_dict(_rescale(ig.all_sources()[0], ig.n))
    sampled = [ig.index[v] for v in _sample(ig.nodes, k, seed)]
    return ig.as_dict(_rescale(_run_brandes(ig, sampled)[0], ig.n, sampled))


def _closeness(n, reach, total):
    """Wasserman–Faust closeness from the number of other nodes reached and their distance sum."""
    values = np.zeros(len(reach))
    ok = (total > 0) & (n > 1)
    values[ok] = reach[ok] / total[ok] * (reach[ok] / (n - 1))
    return values


def closeness_centrality(G):
    """Closeness with Wasserman–Faust scaling, as ``nx.closeness_centrality(G)``.

    Taken from the searches of :func:`betweenness_centrality` where they ran,
    otherwise from one breadth-first search per node.

    Parameters
    ----------
    G : networkx.Graph, networkx.DiGraph or IndexedGraph
        For directed graphs, incoming distances count (as networkx).

    Returns
    -------
    dict
        Node → closeness in [0, 1].

    Examples
    --------
    >>> import networkx as nx
    >>> closeness_centrality(nx.path_graph(3))
    {0: 0.6666666666666666, 1: 1.0, 2: 0.6666666666666666}
    """
    ig = _indexed(G, None)
    n = ig.n
    if n == 0:
        return {}
    if ig._all_sources is not None:
        _, dist_sum, dist_count = ig._all_sources
        return ig.as_dict(_closeness(n, dist_count, dist_sum))
    # From each node along the arcs into it: the distances of the others to it.
    reached, totals, _ = _bfs(ig, np.arange(n), reverse=True)
    return ig.as_dict(_closeness(n, (reached - 1).astype(float), totals.astype(float)))


def sampled_centralities(G, k=SAMPLE_SIZE, seed=SAMPLE_SEED):
    """Betweenness and closeness estimated from ``k`` sampled sources (large graphs).

    Betweenness equals ``nx.betweenness_centrality(G, k=k, seed=seed)``. Closeness
    of a node is ``r / (n - 1)`` divided by its mean distance to the sampled
    sources of its component (``r`` = nodes it reaches); nodes whose component
    holds no other sampled source get their exact closeness.

    Parameters
    ----------
    G : networkx.Graph or IndexedGraph
        Undirected graph.
    k : int
    seed : int

    Returns
    -------
    tuple of dict
        ``(betweenness, closeness)``.

    Examples
    --------
    >>> import networkx as nx
    >>> b, c = sampled_centralities(nx.path_graph(3), k=3)
    >>> b[1], c[1]
    (1.0, 1.0)
    """
    ig = _indexed(G, None)
    n = ig.n
    k = min(k, n)
    sampled = [ig.index[v] for v in _sample(ig.nodes, k, seed)]
    raw, dist_sum, dist_count = _run_brandes(ig, sampled)
    betweenness = ig.as_dict(_rescale(raw, n, sampled) if k < n else _rescale(raw, n))
    closeness = np.zeros(n)
    labels = ig.components()
    sizes = np.bincount(labels, minlength=n)
    reach = (sizes[labels] - 1).astype(float)
    estimated = (dist_count > 0) & (reach > 0)
    mean = dist_sum[estimated] / dist_count[estimated]
    closeness[estimated] = (1.0 / mean) * (reach[estimated] / (n - 1))
    missing = np.flatnonzero((dist_count == 0) & (reach > 0))
    if len(missing):
        _, totals, _ = _bfs(ig, missing)
        closeness[missing] = _closeness(n, reach[missing], totals.astype(float))
    return betweenness, ig.as_dict(closeness)


def distance_figures(G, component):
    """Average shortest path length and diameter of a connected node set.

    Exact (as ``nx.average_shortest_path_length`` and ``nx.diameter`` of the
    subgraph) up to :data:`EXACT_NODE_LIMIT` nodes, from one breadth-first search
    per node (or those :func:`betweenness_centrality` already ran); above,
    estimated from :data:`SAMPLE_SIZE` sampled sources and a double sweep (the
    diameter is then a lower bound).

    Parameters
    ----------
    G : networkx.Graph or IndexedGraph
        Undirected graph.
    component : iterable
        Nodes of one connected component.

    Returns
    -------
    dict
        ``average_shortest_path_length``, ``diameter`` and ``approximate``.

    Examples
    --------
    >>> import networkx as nx
    >>> distance_figures(nx.path_graph(4), range(4))
    {'average_shortest_path_length': 1.6666666666666667, 'diameter': 3, 'approximate': False}
    """
    ig = _indexed(G, None)
    members = np.array(sorted(ig.index[v] for v in component), dtype=np.int64)
    size = len(members)
    if size < 2:
        return {"average_shortest_path_length": 0.0, "diameter": 0, "approximate": False}
    if size <= EXACT_NODE_LIMIT:
        known = ig.source_distances
        if all(s in known for s in members.tolist()):
            total = sum(known[s][0] for s in members.tolist())
            diameter = max(known[s][1] for s in members.tolist())
        else:
            _, totals, eccentricities = _bfs(ig, members)
            total, diameter = int(totals.sum()), int(eccentricities.max())
        return {
            "average_shortest_path_length": float(total / (size * (size - 1))),
            "diameter": int(diameter),
            "approximate": False,
        }
    # Reuse the searches of sampled_centralities where they ran, else sample now.
    inside = set(members.tolist())
    known = {s: v for s, v in ig.source_distances.items() if s in inside}
    if not known:
        rng = random.Random(SAMPLE_SEED)
        chosen = rng.sample(sorted(inside), min(SAMPLE_SIZE, size))
        _, totals, eccentricities = _bfs(ig, chosen)
        known = {
            s: (float(t), int(e))
            for s, t, e in zip(chosen, totals.tolist(), eccentricities.tolist(), strict=True)
        }
    total = sum(v[0] for v in known.values())
    diameter = max(v[1] for v in known.values())
    # A second sweep from a node farthest from the most eccentric source tightens the bound.
    start = max(known, key=lambda s: (known[s][1], -s))
    far, _ = kernels.farthest(ig.indptr, ig.dst, start, ig.n)
    diameter = max(diameter, int(kernels.farthest(ig.indptr, ig.dst, far, ig.n)[1]))
    return {
        "average_shortest_path_length": float(total / (len(known) * (size - 1))),
        "diameter": diameter,
        "approximate": True,
    }
