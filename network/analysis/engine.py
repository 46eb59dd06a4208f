"""Fast engines for the slow measures, giving networkx's values (rustworkx and numpy).

networkx stays the graph model. Its pure-Python betweenness, closeness and
structural-hole measures take seconds on a few thousand institutions, so this
module converts a graph once into integer-indexed arrays (and a rustworkx graph)
and computes the same quantities there:

* betweenness and closeness: exact through rustworkx; above
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
import random

import numpy as np
import rustworkx as rx

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
#: Up to this many nodes the all-pairs distance matrix is held in memory.
DISTANCE_MATRIX_LIMIT = 4000
#: Number of source nodes sampled above :data:`EXACT_NODE_LIMIT`.
SAMPLE_SIZE = 250
#: Seed of the source sample, so repeated runs agree.
SAMPLE_SEED = 42


class IndexedGraph:
    """A networkx graph converted once into arrays and a rustworkx graph.

    Nodes are numbered in the graph's iteration order. ``src``/``dst``/``wgt``
    hold the arcs (both directions of every undirected edge), sorted by
    source then target, with ``indptr`` as the row index (CSR layout).

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
        self.n = n = len(self.nodes)
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
        u = np.array(us, dtype=np.int64)
        v = np.array(vs, dtype=np.int64)
        w = np.array(ws, dtype=np.float64)
        if not self.directed:
            u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
        order = np.lexsort((v, u))
        self.src, self.dst, self.wgt = u[order], v[order], w[order]
        self.indptr = np.concatenate([[0], np.cumsum(np.bincount(self.src, minlength=n))])
        self._rx = None
        self._mutual = None
        self._distances = None
        #: Sum of distances and eccentricity of each sampled source searched so far.
        self.source_distances = {}

    @property
    def rx(self):
        """The rustworkx twin of the graph (built on first use)."""
        if self._rx is None:
            graph = rx.PyDiGraph() if self.directed else rx.PyGraph()
            graph.add_nodes_from(range(self.n))
            if self.directed:
                pairs = zip(self.src.tolist(), self.dst.tolist(), strict=True)
            else:
                keep = self.src < self.dst
                pairs = zip(self.src[keep].tolist(), self.dst[keep].tolist(), strict=True)
            graph.add_edges_from_no_data(list(pairs))
            self._rx = graph
        return self._rx

    def distance_matrix(self):
        """All-pairs hop distances (``inf`` where unreachable), or ``None`` when too large."""
        if self.n > DISTANCE_MATRIX_LIMIT:
            return None
        if self._distances is None:
            self._distances = rx.distance_matrix(self.rx, null_value=np.inf)
        return self._distances

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
    n = ig.n
    src, dst, m, indptr = ig.mutual()
    strength = np.bincount(src, weights=m, minlength=n)
    p = m / strength[src] if len(m) else m
    indirect = np.zeros(len(m))
    for e1, e2 in _two_paths(indptr, src, dst):
        closing = _closing_arc(n, src, dst, e1, e2)
        keep = closing >= 0
        indirect += np.bincount(closing[keep], weights=p[e1[keep]] * p[e2[keep]], minlength=len(m))
    values = np.bincount(src, weights=(p + indirect) ** 2, minlength=n).astype(float)
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
    n = ig.n
    src, dst, m, indptr = ig.mutual()
    strength = np.bincount(src, weights=m, minlength=n)
    largest = np.zeros(n)
    np.maximum.at(largest, src, m)
    p = m / strength[src] if len(m) else m
    redundancy = np.zeros(n)
    for e1, e2 in _two_paths(indptr, src, dst):
        closing = _closing_arc(n, src, dst, e1, e2)
        keep = closing >= 0
        e1, e2 = e1[keep], e2[keep]
        # p_uw * m_vw / max_x m_vx for u→w→v with v a neighbour of u
        redundancy += np.bincount(src[e1], weights=p[e1] * m[e2] / largest[dst[e2]], minlength=n)
    degree = np.diff(indptr).astype(float)
    values = degree - redundancy
    values[np.diff(ig.indptr) == 0] = np.nan
    return ig.as_dict(values)


def _triangles(ig):
    """Per node: twice its number of triangles, and its degree (undirected graphs)."""
    n = ig.n
    twice = np.zeros(n)
    for e1, e2 in _two_paths(ig.indptr, ig.src, ig.dst):
        closing = _closing_arc(n, ig.src, ig.dst, e1, e2)
        twice += np.bincount(ig.src[e1[closing >= 0]], minlength=n)
    return twice, np.diff(ig.indptr).astype(float)


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


def _bfs_levels(ig, source):
    """Breadth-first levels from ``source``: ``dist``, ``sigma`` and the DAG arcs per level."""
    n = ig.n
    indptr, dst = ig.indptr, ig.dst
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    dist[source] = 0
    sigma[source] = 1.0
    frontier = np.array([source], dtype=np.int64)
    levels = []
    depth = 0
    while len(frontier):
        starts = indptr[frontier]
        counts = indptr[frontier + 1] - starts
        offsets = np.repeat(np.cumsum(counts) - counts, counts)
        arcs = np.repeat(starts, counts) + (np.arange(counts.sum()) - offsets)
        u = np.repeat(frontier, counts)
        v = dst[arcs]
        fresh = np.zeros(n, dtype=bool)
        fresh[v[dist[v] == -1]] = True
        frontier = np.flatnonzero(fresh)
        dist[frontier] = depth + 1
        on_dag = dist[v] == depth + 1
        u, v = u[on_dag], v[on_dag]
        sigma += np.bincount(v, weights=sigma[u], minlength=n)
        levels.append((u, v))
        depth += 1
    return dist, sigma, levels


def _brandes(ig, sources):
    """Unscaled betweenness summed over ``sources``, with the sums and counts of their distances."""
    n = ig.n
    betweenness = np.zeros(n)
    dist_sum = np.zeros(n)
    dist_count = np.zeros(n)
    for s in sources:
        dist, sigma, levels = _bfs_levels(ig, s)
        delta = np.zeros(n)
        for u, v in reversed(levels):
            delta += np.bincount(u, weights=sigma[u] / sigma[v] * (1.0 + delta[v]), minlength=n)
        delta[s] = 0.0
        betweenness += delta
        reached = dist > 0
        dist_sum[reached] += dist[reached]
        dist_count[reached] += 1
        ig.source_distances[s] = (float(dist[reached].sum()), int(dist.max()))
    return betweenness, dist_sum, dist_count


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

    Exact through rustworkx when ``k`` is ``None``; otherwise Brandes'
    accumulation from the same ``k`` sampled sources networkx would draw.

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
        values = rx.betweenness_centrality(ig.rx, normalized=True)
        return ig.as_dict([values[i] for i in range(ig.n)])
    sampled = [ig.index[v] for v in _sample(ig.nodes, k, seed)]
    return ig.as_dict(_rescale(_brandes(ig, sampled)[0], ig.n, sampled))


def closeness_centrality(G):
    """Closeness with Wasserman–Faust scaling, as ``nx.closeness_centrality(G)``.

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
    distances = ig.distance_matrix()
    if distances is None:
        values = rx.closeness_centrality(ig.rx, wf_improved=True)
        return ig.as_dict([values[i] for i in range(n)])
    # Column u holds the distances d(v, u) of every v to u.
    finite = np.isfinite(distances)
    reach = finite.sum(axis=0) - 1.0
    total = np.where(finite, distances, 0.0).sum(axis=0)
    values = np.zeros(n)
    ok = (total > 0) & (n > 1)
    values[ok] = reach[ok] / total[ok] * (reach[ok] / (n - 1))
    return ig.as_dict(values)


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
    raw, dist_sum, dist_count = _brandes(ig, sampled)
    betweenness = ig.as_dict(_rescale(raw, n, sampled) if k < n else _rescale(raw, n))
    closeness = np.zeros(n)
    for component in rx.connected_components(ig.rx):
        members = np.fromiter(component, dtype=np.int64)
        reach = len(members) - 1
        if reach == 0:
            continue
        estimated = members[dist_count[members] > 0]
        mean = dist_sum[estimated] / dist_count[estimated]
        closeness[estimated] = (1.0 / mean) * (reach / (n - 1))
        missing = members[dist_count[members] == 0]
        for u in missing.tolist():
            dist = _bfs_levels(ig, u)[0]
            total = dist[dist > 0].sum()
            closeness[u] = reach / total * (reach / (n - 1))
    return betweenness, ig.as_dict(closeness)


def distance_figures(G, component):
    """Average shortest path length and diameter of a connected node set.

    Exact (as ``nx.average_shortest_path_length`` and ``nx.diameter`` of the
    subgraph) up to :data:`EXACT_NODE_LIMIT` nodes; above, estimated from
    :data:`SAMPLE_SIZE` sampled sources (the diameter is then a lower bound).

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
    distances = ig.distance_matrix()
    if distances is not None:
        block = distances[np.ix_(members, members)]
        return {
            "average_shortest_path_length": float(block.sum() / (size * (size - 1))),
            "diameter": int(block.max()),
            "approximate": False,
        }
    if size <= EXACT_NODE_LIMIT:
        sub = ig.rx.subgraph(members.tolist())
        block = rx.distance_matrix(sub)
        return {
            "average_shortest_path_length": float(block.sum() / (size * (size - 1))),
            "diameter": int(block.max()),
            "approximate": False,
        }
    # Reuse the searches of sampled_centralities where they ran, else sample now.
    inside = set(members.tolist())
    known = {s: v for s, v in ig.source_distances.items() if s in inside}
    if not known:
        rng = random.Random(SAMPLE_SEED)
        for s in rng.sample(sorted(inside), min(SAMPLE_SIZE, size)):
            dist = _bfs_levels(ig, s)[0]
            known[s] = (float(dist[dist > 0].sum()), int(dist.max()))
    total = sum(v[0] for v in known.values())
    diameter = max(v[1] for v in known.values())
    # A second sweep from a node farthest from the most eccentric source tightens the bound.
    start = max(known, key=lambda s: (known[s][1], -s))
    dist = _bfs_levels(ig, start)[0]
    far = int(np.argmax(dist))
    diameter = max(diameter, int(_bfs_levels(ig, far)[0].max()))
    return {
        "average_shortest_path_length": float(total / (len(known) * (size - 1))),
        "diameter": diameter,
        "approximate": True,
    }
