"""Pure analysis functions of a cooperation network given as a networkx graph (no Django).

The functions are loaded on first use (PEP 562), so that importing this package, as the web
workers do through the admin hooks, costs nothing: networkx, numpy and numba are imported only
where an analysis runs.
"""

import importlib
import sys
import types

_SOURCES = {
    "analyse": "network.analysis.report",
    "betweenness_centrality": "network.analysis.engine",
    "brokers": "network.analysis.centrality",
    "closeness_centrality": "network.analysis.engine",
    "community_of": "network.analysis.communities",
    "constraint": "network.analysis.engine",
    "degree_centralization": "network.analysis.whole_network",
    "effective_size": "network.analysis.engine",
    "ego_network": "network.analysis.suggestions",
    "ei_index": "network.analysis.whole_network",
    "evolution": "network.analysis.evolution",
    "IndexedGraph": "network.analysis.engine",
    "isolates": "network.analysis.centrality",
    "louvain_communities": "network.analysis.communities",
    "METRICS": "network.analysis.centrality",
    "modularity": "network.analysis.communities",
    "network_figures": "network.analysis.whole_network",
    "node_metrics": "network.analysis.centrality",
    "pagerank": "network.analysis.engine",
    "partners_sentence": "network.analysis.suggestions",
    "periods": "network.analysis.evolution",
    "peripheral": "network.analysis.centrality",
    "sector_gaps": "network.analysis.whole_network",
    "sector_mixing": "network.analysis.whole_network",
    "shortest_path": "network.analysis.suggestions",
    "snapshot": "network.analysis.evolution",
    "suggestions": "network.analysis.suggestions",
}


def __getattr__(name):
    try:
        module = _SOURCES[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted([*globals(), *_SOURCES])


class _Package(types.ModuleType):
    """This package, whose lazy names win over submodules of the same name.

    Importing a submodule binds it on its package: once ``network.analysis.suggestions`` (the
    module) is loaded, ``analysis.suggestions`` would be the module, not the function, and a
    call would fail ("'module' object is not callable"). The binding is refused for those names;
    the module stays reachable through ``sys.modules`` and ``from … import``.
    """

    def __setattr__(self, name, value):
        if name in _SOURCES and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


__all__ = [
    "METRICS",
    "IndexedGraph",
    "analyse",
    "betweenness_centrality",
    "brokers",
    "closeness_centrality",
    "community_of",
    "constraint",
    "degree_centralization",
    "effective_size",
    "ego_network",
    "ei_index",
    "evolution",
    "isolates",
    "louvain_communities",
    "modularity",
    "network_figures",
    "node_metrics",
    "pagerank",
    "partners_sentence",
    "peripheral",
    "periods",
    "sector_gaps",
    "sector_mixing",
    "shortest_path",
    "snapshot",
    "suggestions",
]
