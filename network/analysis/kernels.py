"""Compiled inner loops of the analysis engine (numba, BSD-licensed).

Two loops dominate the analysis of a network of a few thousand institutions and
are hopeless in Python: the breadth-first searches of Brandes' betweenness (one
per source node) and the node moves of the Louvain method. They live here,
compiled by numba on first use (and cached on disk next to this file where it is
writable, so later processes load them in milliseconds).

Both work on integer-indexed arrays (CSR layout: ``indptr``, ``dst``) prepared by
:mod:`network.analysis.engine` and :mod:`network.analysis.communities`, release
the GIL (``nogil``) so that the engine can spread the sources of Brandes'
algorithm over the machine's cores with plain threads, and do exactly the same
floating-point operations as networkx, so their results equal networkx's.
"""

import numpy as np
from numba import njit

__all__ = [
    "brandes",
    "bfs_distances",
    "farthest",
    "component_labels",
    "louvain_level",
    "core_numbers",
    "structural_holes",
    "open_triads",
]


def _compiled(**options):
    """``njit`` with an on-disk cache where a cache directory can be had, without one otherwise."""

    def decorate(fn):
        try:
            return njit(cache=True, **options)(fn)
        except RuntimeError:  # no writable cache location: compile per process
            return njit(**options)(fn)

    return decorate


@_compiled(nogil=True)
def brandes(indptr, dst, sources, n):
    """Brandes' accumulation and hop-distance statistics from each of ``sources``.

    Parameters
    ----------
    indptr, dst : int64 arrays
        Out-arcs in CSR layout (both directions of undirected edges).
    sources : int64 array
    n : int

    Returns
    -------
    betweenness : float64[n]
        Sum over the sources of the dependencies (networkx's unscaled values).
    dist_sum, dist_count : float64[n]
        Per node: sum of its distances from the sources that reach it (itself
        left out) and their number.
    source_total, source_ecc : int64[len(sources)]
        Per source: sum of the distances to the nodes it reaches, and the largest.
    """
    betweenness = np.zeros(n)
    dist_sum = np.zeros(n)
    dist_count = np.zeros(n)
    source_total = np.zeros(len(sources), dtype=np.int64)
    source_ecc = np.zeros(len(sources), dtype=np.int64)
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    delta = np.zeros(n)
    order = np.empty(n, dtype=np.int64)
    # Arcs of the shortest-path DAG, recorded during the search: (predecessor, node).
    dag_from = np.empty(len(dst), dtype=np.int64)
    dag_to = np.empty(len(dst), dtype=np.int64)
    for i in range(len(sources)):
        s = sources[i]
        dist[s] = 0
        sigma[s] = 1.0
        order[0] = s
        head, tail, arcs = 0, 1, 0
        while head < tail:
            u = order[head]
            head += 1
            du = dist[u] + 1
            su = sigma[u]
            for a in range(indptr[u], indptr[u + 1]):
                v = dst[a]
                dv = dist[v]
                if dv < 0:
                    dist[v] = du
                    order[tail] = v
                    tail += 1
                    dv = du
                if dv == du:
                    sigma[v] += su
                    dag_from[arcs] = u
                    dag_to[arcs] = v
                    arcs += 1
        # DAG arcs come grouped by predecessor in search order; walking them backwards
        # finishes every node's dependency before it is passed on to its predecessors.
        for j in range(arcs - 1, -1, -1):
            v = dag_from[j]
            w = dag_to[j]
            delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w])
        total = 0
        for j in range(1, tail):
            w = order[j]
            dw = dist[w]
            total += dw
            dist_sum[w] += dw
            dist_count[w] += 1.0
            betweenness[w] += delta[w]
        source_total[i] = total
        source_ecc[i] = dist[order[tail - 1]]
        for j in range(tail):
            w = order[j]
            dist[w] = -1
            sigma[w] = 0.0
            delta[w] = 0.0
    return betweenness, dist_sum, dist_count, source_total, source_ecc


#: Position of the lowest set bit of a 64-bit word from its de Bruijn product.
_DEBRUIJN = np.uint64(0x03F79D71B4CB0A89)
_DEBRUIJN_INDEX = np.array(
    [
        0, 1, 48, 2, 57, 49, 28, 3, 61, 58, 50, 42, 38, 29, 17, 4,
        62, 55, 59, 36, 53, 51, 43, 22, 45, 39, 33, 30, 24, 18, 12, 5,
        63, 47, 56, 27, 60, 41, 37, 16, 54, 35, 52, 21, 44, 32, 23, 11,
        46, 26, 40, 15, 34, 20, 31, 10, 25, 14, 19, 9, 13, 8, 7, 6,
    ],
    dtype=np.int64,
)  # fmt: skip


@_compiled(nogil=True)
def bfs_distances(indptr, dst, sources, n):
    """Per source: number of nodes reached (itself included), sum and maximum of the hop distances.

    Searches from 64 sources at once: every node holds a 64-bit word saying which
    of them have reached it, so one sweep over the arcs advances all 64 searches
    by one level.
    """
    count = len(sources)
    reached = np.zeros(count, dtype=np.int64)
    totals = np.zeros(count, dtype=np.int64)
    eccentricity = np.zeros(count, dtype=np.int64)
    seen = np.zeros(n, dtype=np.uint64)
    frontier = np.zeros(n, dtype=np.uint64)
    ahead = np.zeros(n, dtype=np.uint64)
    one = np.uint64(1)
    for first in range(0, count, 64):
        last = min(first + 64, count)
        seen[:] = 0
        frontier[:] = 0
        for j in range(first, last):
            bit = one << np.uint64(j - first)
            seen[sources[j]] |= bit
            frontier[sources[j]] |= bit
            reached[j] = 1
        level = 0
        moving = True
        while moving:
            level += 1
            ahead[:] = 0
            for u in range(n):
                f = frontier[u]
                if f:
                    for a in range(indptr[u], indptr[u + 1]):
                        ahead[dst[a]] |= f
            moving = False
            for v in range(n):
                new = ahead[v] & ~seen[v]
                frontier[v] = new
                if new:
                    moving = True
                    seen[v] |= new
                    while new:
                        low = new & (~new + one)
                        j = first + _DEBRUIJN_INDEX[(low * _DEBRUIJN) >> np.uint64(58)]
                        reached[j] += 1
                        totals[j] += level
                        eccentricity[j] = level
                        new ^= low
    return reached, totals, eccentricity


@_compiled()
def louvain_level(indptr, nbr, wgt, degrees, m, order):
    """One level of networkx's Louvain method: move nodes while modularity rises.

    Visits the nodes in ``order`` (networkx's shuffled order) again and again and
    moves each into the neighbouring community of best positive gain, with the
    very expressions, comparisons and tie-breaking of networkx's ``_one_level``
    (undirected, resolution 1): neighbouring communities are tried in the order
    their first member appears among the node's neighbours, the node's own
    community last unless a neighbour shares it, and only a strictly better gain
    wins.

    Parameters
    ----------
    indptr, nbr, wgt : arrays
        Adjacency in networkx's order (CSR), self-loops included.
    degrees : float64 array
        Weighted degrees (self-loops counted twice).
    m : float
        Total edge weight of the original graph.
    order : int64 array

    Returns
    -------
    community : int64 array
        Community index (a node's index at the start) of every node.
    improved : bool
        Whether any node moved.
    """
    k = len(degrees)
    community = np.arange(k)
    stot = degrees.copy()
    weights = np.zeros(k)
    seen = np.zeros(k, dtype=np.bool_)
    found = np.empty(k, dtype=np.int64)
    improved = False
    moves = 1
    two_m2 = 2 * m**2
    while moves > 0:
        moves = 0
        for u in order:
            best_gain = 0.0
            best = community[u]
            count = 0
            for a in range(indptr[u], indptr[u + 1]):
                v = nbr[a]
                if v == u:
                    continue
                c = community[v]
                if not seen[c]:
                    seen[c] = True
                    weights[c] = 0.0
                    found[count] = c
                    count += 1
                weights[c] += wgt[a]
            if not seen[best]:
                seen[best] = True
                weights[best] = 0.0
                found[count] = best
                count += 1
            degree = degrees[u]
            stot[best] -= degree
            remove_cost = -weights[best] / m + (stot[best] * degree) / two_m2
            for j in range(count):
                c = found[j]
                gain = remove_cost + weights[c] / m - (stot[c] * degree) / two_m2
                if gain > best_gain:
                    best_gain = gain
                    best = c
            stot[best] += degree
            if best != community[u]:
                community[u] = best
                improved = True
                moves += 1
            for j in range(count):
                seen[found[j]] = False
    return community, improved


@_compiled(nogil=True)
def farthest(indptr, dst, source, n):
    """The smallest-numbered node farthest from ``source``, and its distance."""
    dist = np.full(n, -1, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    dist[source] = 0
    order[0] = source
    head, tail = 0, 1
    while head < tail:
        u = order[head]
        head += 1
        for a in range(indptr[u], indptr[u + 1]):
            v = dst[a]
            if dist[v] < 0:
                dist[v] = dist[u] + 1
                order[tail] = v
                tail += 1
    best = source
    for j in range(tail):
        w = order[j]
        if dist[w] > dist[best] or (dist[w] == dist[best] and w < best):
            best = w
    return best, dist[best]


@_compiled(nogil=True)
def component_labels(indptr, dst, n):
    """Connected components: the label of each node is the smallest node of its component."""
    label = np.full(n, -1, dtype=np.int64)
    order = np.empty(n, dtype=np.int64)
    for s in range(n):
        if label[s] >= 0:
            continue
        label[s] = s
        order[0] = s
        head, tail = 0, 1
        while head < tail:
            u = order[head]
            head += 1
            for a in range(indptr[u], indptr[u + 1]):
                v = dst[a]
                if label[v] < 0:
                    label[v] = s
                    order[tail] = v
                    tail += 1
    return label


@_compiled(nogil=True)
def core_numbers(indptr, dst, n):
    """k-core number of every node (Batagelj and Zaversnik's bucket algorithm, undirected)."""
    degree = (indptr[1:] - indptr[:-1]).copy()
    top = 0
    for v in range(n):
        top = max(top, degree[v])
    bins = np.zeros(top + 1, dtype=np.int64)
    for v in range(n):
        bins[degree[v]] += 1
    start = 0
    for d in range(top + 1):
        count = bins[d]
        bins[d] = start
        start += count
    position = np.empty(n, dtype=np.int64)
    vertices = np.empty(n, dtype=np.int64)
    for v in range(n):
        position[v] = bins[degree[v]]
        vertices[position[v]] = v
        bins[degree[v]] += 1
    for d in range(top, 0, -1):
        bins[d] = bins[d - 1]
    if top >= 0 and n:
        bins[0] = 0
    for i in range(n):
        v = vertices[i]
        for a in range(indptr[v], indptr[v + 1]):
            u = dst[a]
            if degree[u] > degree[v]:
                du = degree[u]
                pu = position[u]
                pw = bins[du]
                w = vertices[pw]
                if u != w:
                    position[u] = pw
                    vertices[pu] = w
                    position[w] = pu
                    vertices[pw] = u
                bins[du] += 1
                degree[u] -= 1
    return degree


@_compiled(nogil=True)
def structural_holes(indptr, dst, m, n):
    """Burt's constraint and the redundancy of effective size from symmetric tie weights.

    ``indptr``/``dst``/``m`` hold every node's neighbours with the mutual weight
    ``m_uv`` (CSR, sorted). Returns per node ``Σ_v (p_uv + Σ_w p_uw p_wv)²`` and
    ``Σ_w Σ_v p_uw m_wv / max_x m_vx`` over neighbours ``v``, ``w`` of ``u``.
    """
    strength = np.zeros(n)
    largest = np.zeros(n)
    for u in range(n):
        for a in range(indptr[u], indptr[u + 1]):
            strength[u] += m[a]
            largest[u] = max(largest[u], m[a])
    constraint = np.zeros(n)
    redundancy = np.zeros(n)
    slot = np.full(n, -1, dtype=np.int64)  # position of a neighbour of u among its arcs
    indirect = np.zeros(len(dst))
    for u in range(n):
        for a in range(indptr[u], indptr[u + 1]):
            slot[dst[a]] = a
        for a in range(indptr[u], indptr[u + 1]):
            w = dst[a]
            p_uw = m[a] / strength[u]
            for b in range(indptr[w], indptr[w + 1]):
                v = dst[b]
                c = slot[v]
                if c >= 0 and v != u:
                    indirect[c] += p_uw * m[b] / strength[w]
                    redundancy[u] += p_uw * m[b] / largest[v]
        total = 0.0
        for a in range(indptr[u], indptr[u + 1]):
            value = m[a] / strength[u] + indirect[a]
            total += value * value
            indirect[a] = 0.0
            slot[dst[a]] = -1
        constraint[u] = total
    return constraint, redundancy


@_compiled(nogil=True)
def open_triads(indptr, dst, weight_of, n):
    """Pairs ``u < v`` without a tie that share partners: Adamic–Adar score and partner count."""
    capacity = 0
    for w in range(n):
        d = indptr[w + 1] - indptr[w]
        capacity += d * d
    sources = np.empty(capacity, dtype=np.int64)
    targets = np.empty(capacity, dtype=np.int64)
    scores = np.empty(capacity)
    counts = np.empty(capacity, dtype=np.int64)
    score = np.zeros(n)
    count = np.zeros(n, dtype=np.int64)
    tie = np.zeros(n, dtype=np.bool_)
    touched = np.empty(n, dtype=np.int64)
    found = 0
    for u in range(n):
        for a in range(indptr[u], indptr[u + 1]):
            tie[dst[a]] = True
        k = 0
        for a in range(indptr[u], indptr[u + 1]):
            w = dst[a]
            for b in range(indptr[w], indptr[w + 1]):
                v = dst[b]
                if v <= u or tie[v]:
                    continue
                if count[v] == 0:
                    touched[k] = v
                    k += 1
                count[v] += 1
                score[v] += weight_of[w]
        for j in range(k):
            v = touched[j]
            sources[found] = u
            targets[found] = v
            scores[found] = score[v]
            counts[found] = count[v]
            found += 1
            score[v] = 0.0
            count[v] = 0
        for a in range(indptr[u], indptr[u + 1]):
            tie[dst[a]] = False
    return sources[:found], targets[:found], scores[:found], counts[:found]
