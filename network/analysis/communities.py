"""Communities: Louvain with a fixed seed, labelled by their dominant sector and type."""

from collections import Counter

import networkx as nx

__all__ = ["LOUVAIN_SEED", "louvain_communities", "community_of", "modularity"]

#: Seed of the Louvain method, so the same network always yields the same communities.
LOUVAIN_SEED = 42


def _dominant(values):
    """Most frequent value (ties: alphabetically first), or ``None``."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def louvain_communities(G, weight="weight", seed=LOUVAIN_SEED):
    """Louvain communities, largest first, each with its dominant sector and type.

    Parameters
    ----------
    G : networkx.Graph
        Nodes may carry ``sectors`` (sequence of names) and ``type`` (name).
        Isolated nodes form communities of their own.
    weight : str or None
        Edge attribute used as tie strength.
    seed : int
        Seed of ``nx.community.louvain_communities``.

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
    if len(G) == 0:
        return []
    parts = nx.community.louvain_communities(G, weight=weight, seed=seed)
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


def community_of(communities):
    """Map each node to its community number.

    Examples
    --------
    >>> community_of([{"id": 1, "members": [3, 1]}, {"id": 2, "members": [2]}])
    {1: 1, 2: 2, 3: 1}
    """
    return dict(sorted((v, c["id"]) for c in communities for v in c["members"]))


def modularity(G, communities, weight="weight"):
    """Modularity of the partition, as ``nx.community.modularity``.

    Examples
    --------
    >>> G = nx.barbell_graph(3, 0)
    >>> round(modularity(G, [{"members": [0, 1, 2]}, {"members": [3, 4, 5]}]), 4)
    0.3571
    """
    if G.number_of_edges() == 0:
        return 0.0
    return float(
        nx.community.modularity(G, [set(c["members"]) for c in communities], weight=weight)
    )
