"""Evolution: whole-network figures per quarter or year, with cooperations gained and lost."""

import datetime

import networkx as nx
import numpy as np

from network.analysis import engine
from network.analysis.whole_network import network_figures

__all__ = ["FREQUENCIES", "periods", "is_valid_on", "snapshot", "evolution"]

#: Supported period lengths.
FREQUENCIES = ("quarter", "year")


def periods(start, end, freq="quarter"):
    """Calendar quarters or years overlapping ``start``–``end``, clipped to that range.

    Returns
    -------
    list of tuple
        ``(label, first_day, last_day)``.

    Examples
    --------
    >>> d = datetime.date
    >>> periods(d(2024, 2, 10), d(2024, 7, 1))
    [('2024-Q1', datetime.date(2024, 2, 10), datetime.date(2024, 3, 31)), ('2024-Q2', datetime.date(2024, 4, 1), datetime.date(2024, 6, 30)), ('2024-Q3', datetime.date(2024, 7, 1), datetime.date(2024, 7, 1))]
    >>> [p[0] for p in periods(d(2023, 5, 1), d(2024, 1, 1), "year")]
    ['2023', '2024']
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {FREQUENCIES}")
    if end < start:
        return []
    result = []
    year, quarter = start.year, (start.month - 1) // 3
    while True:
        if freq == "year":
            first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            label = str(year)
            year += 1
        else:
            first = datetime.date(year, 3 * quarter + 1, 1)
            nxt = datetime.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1)
            last = nxt - datetime.timedelta(days=1)
            label = f"{year}-Q{quarter + 1}"
            year, quarter = (year + 1, 0) if quarter == 3 else (year, quarter + 1)
        if first > end:
            return result
        result.append((label, max(first, start), min(last, end)))


def is_valid_on(cooperation, day):
    """Whether a cooperation (``valid_from``/``valid_to``, ``None`` = open) holds on ``day``.

    Examples
    --------
    >>> d = datetime.date
    >>> is_valid_on({"valid_from": d(2024, 1, 1), "valid_to": None}, d(2024, 1, 1))
    True
    >>> is_valid_on({"valid_from": None, "valid_to": d(2023, 12, 31)}, d(2024, 1, 1))
    False
    """
    start, end = cooperation.get("valid_from"), cooperation.get("valid_to")
    return (start is None or start <= day) and (end is None or end >= day)


def snapshot(G, cooperations, day):
    """The undirected network on ``day``: institutions not archived then, cooperations valid then.

    Parameters
    ----------
    G : networkx.Graph
        All institutions as nodes (optional node attribute ``archived_on``).
    cooperations : iterable of dict
        ``source``, ``target``, ``valid_from``, ``valid_to``.
    day : datetime.date

    Examples
    --------
    >>> G = nx.Graph(); G.add_nodes_from([1, 2, 3])
    >>> coop = [{"source": 1, "target": 2, "valid_from": datetime.date(2024, 1, 1), "valid_to": None}]
    >>> snapshot(G, coop, datetime.date(2023, 1, 1)).number_of_edges()
    0
    """
    H = nx.Graph()
    for v, data in G.nodes(data=True):
        archived = data.get("archived_on")
        if archived is None or archived > day:
            H.add_node(v, **data)
    for c in cooperations:
        if c["source"] in H and c["target"] in H and is_valid_on(c, day):
            H.add_edge(c["source"], c["target"])
    return H


def evolution(G, cooperations, start, end, freq="quarter"):
    """Whole-network figures at the end of each period, plus cooperations gained and lost.

    Equal to :func:`network_figures` of :func:`snapshot` on each period's last
    day, but without building a networkx graph per period: the validity of all
    cooperations is compared as arrays and each snapshot goes straight into the
    engine's integer-indexed form.

    Parameters
    ----------
    G : networkx.Graph
        All institutions as nodes (optional ``archived_on``).
    cooperations : list of dict
        ``id``, ``source``, ``target``, ``valid_from``, ``valid_to``.
    start, end : datetime.date
    freq : {"quarter", "year"}

    Returns
    -------
    list of dict
        Per period: ``period``, ``start``, ``end`` (ISO dates), the figures of
        :func:`network_figures` on the last day, ``gained`` and ``lost`` (numbers
        of cooperations valid at the period's end but not at the previous one, and
        vice versa) and ``gained_ids``/``lost_ids`` (sorted).

    Examples
    --------
    >>> d = datetime.date
    >>> G = nx.Graph(); G.add_nodes_from([1, 2, 3])
    >>> coop = [
    ...     {"id": 7, "source": 1, "target": 2, "valid_from": d(2024, 2, 1), "valid_to": d(2024, 5, 1)},
    ...     {"id": 8, "source": 2, "target": 3, "valid_from": d(2024, 4, 2), "valid_to": None},
    ... ]
    >>> [(r["period"], r["cooperations"], r["gained_ids"], r["lost_ids"])
    ...  for r in evolution(G, coop, d(2024, 1, 1), d(2024, 9, 30))]
    [('2024-Q1', 1, [7], []), ('2024-Q2', 1, [8], [7]), ('2024-Q3', 1, [], [])]
    """
    cooperations = list(cooperations)
    nodes = list(G)
    index = {v: i for i, v in enumerate(nodes)}
    never = datetime.date.max.toordinal() + 1
    archived = np.array(
        [_ordinal(G.nodes[v].get("archived_on"), never) for v in nodes], dtype=np.int64
    )
    source = np.array([index.get(c["source"], -1) for c in cooperations], dtype=np.int64)
    target = np.array([index.get(c["target"], -1) for c in cooperations], dtype=np.int64)
    valid_from = np.array([_ordinal(c.get("valid_from"), -never) for c in cooperations])
    valid_to = np.array([_ordinal(c.get("valid_to"), never) for c in cooperations])
    ids = np.array([c["id"] for c in cooperations], dtype=np.int64)
    known = (source >= 0) & (target >= 0)
    # An undirected pair counts once, however many cooperations join it.
    pair = np.minimum(source, target) * max(len(nodes), 1) + np.maximum(source, target)

    def valid_on(day):
        day = day.toordinal()
        return (valid_from <= day) & (valid_to >= day), archived > day

    result = []
    before = set(ids[valid_on(start - datetime.timedelta(days=1))[0]].tolist())
    for label, first, last in periods(start, end, freq):
        valid, alive = valid_on(last)
        valid &= known
        valid[valid] = alive[source[valid]] & alive[target[valid]]
        kept = np.flatnonzero(alive)
        position = np.full(len(nodes), -1, dtype=np.int64)
        position[kept] = np.arange(len(kept))
        _, once = np.unique(pair[valid], return_index=True)
        once = np.flatnonzero(valid)[np.sort(once)]
        indexed = engine.IndexedGraph.from_edges(
            [nodes[i] for i in kept.tolist()], position[source[once]], position[target[once]]
        )
        row = {"period": label, "start": first.isoformat(), "end": last.isoformat()}
        row.update(network_figures(None, indexed=indexed))
        now = set(ids[valid].tolist())
        gained, lost = sorted(now - before), sorted(before - now)
        row.update(gained=len(gained), lost=len(lost), gained_ids=gained, lost_ids=lost)
        result.append(row)
        before = now
    return result


def _ordinal(day, missing):
    return missing if day is None else day.toordinal()
