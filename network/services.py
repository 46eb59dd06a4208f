"""Network analyses of a project as JSON-ready data, computed once per data version and filters.

Views, exports and the dashboard call these functions; they read the graph
through ``network.graph``, compute with ``network.analysis`` and cache through
``network.cache``.

Node-link JSON (``graph_payload``), consumed by the network map::

    {
      "project": "kaarst", "data_version": 12, "filters": {...}, "directed": false,
      "network": {"institutions": 80, "cooperations": 240, "density": 0.07, ...},
      "communities": [{"id": 1, "label": "Bildung · Schule", "size": 14, ...}],
      "nodes": [{"id": 3, "label": "AWO", "name": "AWO Kreisverband", "type": "Verein",
                 "sectors": ["Bildung"], "district": "Mitte", "public": true,
                 "latitude": 51.14, "longitude": 6.61, "community": 1,
                 "metrics": {"degree": 5, "betweenness_centrality": 0.12, ...}}],
      "edges": [{"id": 17, "source": 3, "target": 5, "type": "kooperation",
                 "type_label": "Kooperation/Projektpartnerschaft", "intensity": 4,
                 "directed": false, "valid_from": "2021-03-01", "valid_to": null,
                 "status": "aktiv", "confirmed": true}]
    }

Every cooperation is one edge (several may join the same pair); ``metrics`` are
those of ``network.analysis.centrality.METRICS`` plus ``community``.
"""

import dataclasses
import datetime
import json

from django.utils.translation import gettext as _

from network import analysis
from network.cache import cache_key, cached, current_version
from network.graph import GraphFilters, NetworkData, load_network
from network.models import Cooperation, CooperationType, Institution

__all__ = [
    "analysis_json",
    "analysis_result",
    "graph_json",
    "graph_history_json",
    "graph_payload",
    "suggestion_list",
    "ego_payload",
    "path_payload",
    "evolution_payload",
    "default_evolution_range",
    "export_tables",
]

TYPE_LABELS = dict(CooperationType.choices)


def _iso(day):
    return day.isoformat() if day else None


def _node(pk, attributes, metrics=None):
    node = {
        "id": pk,
        "label": attributes["label"],
        "name": attributes["name"],
        "type": attributes["type"],
        "sectors": list(attributes["sectors"]),
        "district": attributes["district"],
        "public": attributes["public"],
        "latitude": attributes["latitude"],
        "longitude": attributes["longitude"],
    }
    if metrics is not None:
        node["community"] = metrics.get("community")
        node["metrics"] = {k: v for k, v in metrics.items() if k != "community"}
    return node


def _edge(c):
    return {
        "id": c["id"],
        "source": c["source"],
        "target": c["target"],
        "type": c["type"],
        "type_label": str(TYPE_LABELS.get(c["type"], c["type"])),
        "intensity": c["intensity"],
        "directed": c["directed"],
        "valid_from": _iso(c["valid_from"]),
        "valid_to": _iso(c["valid_to"]),
        "status": c["status"],
        "confirmed": c["confirmed"],
    }


def _reason(G, partners):
    names = [G.nodes[p]["name"] for p in partners]
    if len(names) == 1:
        return _("beide arbeiten mit %(a)s zusammen") % {"a": names[0]}
    if len(names) == 2:
        return _("beide arbeiten mit %(a)s und %(b)s zusammen") % {"a": names[0], "b": names[1]}
    if len(names) == 3:
        return _("beide arbeiten mit %(a)s, %(b)s und %(c)s zusammen") % dict(
            zip("abc", names, strict=True)
        )
    return _("beide arbeiten mit %(a)s, %(b)s, %(c)s und %(n)d weiteren zusammen") % {
        "a": names[0],
        "b": names[1],
        "c": names[2],
        "n": len(names) - 3,
    }


def _ref(G, pk):
    return {"id": pk, "name": G.nodes[pk]["name"]}


def _suggestions(G, raw):
    return [
        {
            "source": _ref(G, s["source"]),
            "target": _ref(G, s["target"]),
            "adamic_adar": s["adamic_adar"],
            "common_partners": s["common_partners"],
            "partners": [_ref(G, p) for p in s["partners"]],
            "reason": _reason(G, s["partners"]),
        }
        for s in raw
    ]


def _compute(project, filters):
    data = load_network(project, filters)
    G = data.graph()
    result = analysis.analyse(G, degrees=data.arc_degrees())
    for community in result["communities"]:
        if community["label"] is None:
            community["label"] = _("Gruppe %(number)d") % {"number": community["id"]}
    sector_names = result["mixing"]["sectors"]
    return {
        "filters": filters.as_dict(),
        "network": result["network"],
        "mixing": result["mixing"],
        "communities": result["communities"],
        "institutions": [
            {"id": pk, "name": G.nodes[pk]["name"], **metrics}
            for pk, metrics in sorted(result["nodes"].items())
        ],
        "brokers": [{**_ref(G, b["node"]), **b} for b in result["brokers"]],
        "peripheral": [_ref(G, pk) for pk in result["peripheral"]],
        "isolates": [_ref(G, pk) for pk in result["isolates"]],
        "gaps": result["gaps"],
        "suggestions": _suggestions(G, result["suggestions"]),
        "sectors": sector_names,
        "_graph": {"nodes": data.institutions, "cooperations": data.cooperations},
        "_metrics": result["nodes"],
    }


def _full(project, filters, version=None):
    key = cache_key(project, "analysis", filters, version=version)
    return cached(key, lambda: _compute(project, filters))


def _json(project, kind, filters, build):
    """Cached UTF-8 JSON of ``build(version)`` (rendered once per data version and filters)."""
    version = current_version(project)

    def compute():
        payload = build(version)
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    return cached(cache_key(project, kind, filters, version=version), compute).encode("utf-8")


def _analysis(project, filters, version):
    result = dict(_full(project, filters, version))
    for private in ("_graph", "_metrics"):
        result.pop(private)
    result["data_version"] = version
    return result


def _graph(project, filters, version):
    full = _full(project, filters, version)
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    return {
        "project": project.slug,
        "data_version": version,
        "filters": full["filters"],
        "directed": False,
        "network": full["network"],
        "communities": [
            {k: c[k] for k in ("id", "label", "size", "sector", "type")}
            for c in full["communities"]
        ],
        "nodes": [_node(pk, nodes[pk], metrics[pk]) for pk in sorted(nodes)],
        "edges": [_edge(c) for c in full["_graph"]["cooperations"]],
    }


def analysis_json(project, filters=None):
    """The full analysis as JSON bytes (figures, communities, measures, roles, suggestions)."""
    filters = filters or GraphFilters()
    return _json(project, "analysis-json", filters, lambda v: _analysis(project, filters, v))


def graph_json(project, filters=None):
    """Node-link JSON bytes of the filtered network with every institution's measures."""
    filters = filters or GraphFilters()
    return _json(project, "graph-json", filters, lambda v: _graph(project, filters, v))


def analysis_result(project, filters=None):
    """The full analysis as a dict (see :func:`analysis_json`)."""
    return json.loads(analysis_json(project, filters))


def graph_payload(project, filters=None):
    """Node-link data as a dict (see :func:`graph_json`)."""
    return json.loads(graph_json(project, filters))


def export_tables(project, filters=None):
    """Institutions with measures, cooperations and figures, for the file exports.

    Adds what the analysis does not keep but the import reads (addresses, descriptions,
    …): two more queries, never cached.
    """
    filters = filters or GraphFilters()
    full = _full(project, filters)
    nodes = full["_graph"]["nodes"]
    # Filtered in Python: a list of ids in SQL would exceed SQLite's limit on big networks.
    details = {
        row["pk"]: row
        for row in Institution.objects.filter(project=project).values(
            "pk",
            "address",
            "latitude",
            "longitude",
            "website",
            "description",
            "target_groups",
            "languages",
            "active",
        )
        if row["pk"] in nodes
    }
    ids = {c["id"] for c in full["_graph"]["cooperations"]}
    descriptions = {
        pk: text
        for pk, text in Cooperation.objects.filter(project=project)
        .exclude(description="")
        .values_list("pk", "description")
        if pk in ids
    }
    return {**full, "_institution_details": details, "_cooperation_descriptions": descriptions}


def suggestion_list(project, filters=None, limit=20):
    """The ``limit`` best suggested new cooperations with their reasons."""
    filters = filters or GraphFilters()

    def compute():
        G = load_network(project, filters).graph()
        return _suggestions(G, analysis.suggestions(G, limit=limit))

    return cached(cache_key(project, "suggestions", filters, limit), compute)


def ego_payload(project, institution_id, filters=None, radius=1):
    """Node-link JSON of an institution's ego network (``None`` if it is not in the network)."""
    filters = filters or GraphFilters()
    full = _full(project, filters)
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    if institution_id not in nodes:
        return None
    G = _graph_from(full)
    ego = analysis.ego_network(G, institution_id, radius=radius)
    members = set(ego)
    return {
        "center": institution_id,
        "radius": radius,
        "nodes": [_node(pk, nodes[pk], metrics[pk]) for pk in sorted(members)],
        "edges": [
            _edge(c)
            for c in full["_graph"]["cooperations"]
            if c["source"] in members and c["target"] in members
        ],
    }


def _graph_from(full):
    return NetworkData(full["_graph"]["nodes"], full["_graph"]["cooperations"]).graph()


def path_payload(project, source, target, filters=None):
    """The shortest chain of cooperations between two institutions (``path`` ``None`` if none).

    Returns ``None`` when either institution is not in the filtered network.
    """
    filters = filters or GraphFilters()
    full = _full(project, filters)
    nodes = full["_graph"]["nodes"]
    if source not in nodes or target not in nodes:
        return None
    G = _graph_from(full)
    path = analysis.shortest_path(G, source, target)
    return {
        "source": _ref(G, source),
        "target": _ref(G, target),
        "length": None if path is None else len(path) - 1,
        "path": None if path is None else [_ref(G, pk) for pk in path],
    }


def default_evolution_range(project, today=None):
    """From the first quarter with a cooperation (or 1 Jan 2020) until today."""
    first = (
        Cooperation.objects.filter(project=project, valid_from__isnull=False)
        .order_by("valid_from")
        .values_list("valid_from", flat=True)
        .first()
    )
    today = today or datetime.date.today()
    return (first or datetime.date(2020, 1, 1)), today


def evolution_payload(project, start, end, freq="quarter", filters=None):
    """Whole-network figures per period between two dates, with cooperations gained and lost."""
    filters = filters or GraphFilters()

    def compute():
        data = load_network(project, filters, history=True)
        base = NetworkData(data.institutions, []).graph()
        rows = analysis.evolution(base, data.cooperations, start, end, freq)
        return {"start": start.isoformat(), "end": end.isoformat(), "freq": freq, "periods": rows}

    return cached(cache_key(project, "evolution", filters, start, end, freq), compute)


def graph_history_json(project, filters=None):
    """Node-link JSON of every cooperation that was ever under way, for replaying the growth.

    Like :func:`graph_json` for the current network (same measures and communities,
    the type, sector, district, intensity and confirmation filters apply), plus
    archived institutions and ended cooperations; the date filter does not apply.
    Each node and edge says whether it belongs to the current network
    (``current``); nodes carry ``archived_on``. Institutions outside the current
    network have ``community`` ``null`` and every measure ``null``.
    """
    filters = dataclasses.replace(filters or GraphFilters(), date=None)
    return _json(project, "graph-history-json", filters, lambda v: _history(project, filters, v))


def _history(project, filters, version):
    payload = _graph(project, filters, version)
    current_nodes = {node["id"] for node in payload["nodes"]}
    current_edges = {edge["id"] for edge in payload["edges"]}
    metrics = _full(project, filters, version)["_metrics"]
    empty = dict.fromkeys(analysis.METRICS) | {"community": None}
    data = load_network(project, filters, history=True)
    nodes = []
    for pk in sorted(data.institutions):
        attributes = data.institutions[pk]
        node = _node(pk, attributes, metrics.get(pk, empty))
        node["current"] = pk in current_nodes
        node["archived_on"] = _iso(attributes["archived_on"])
        nodes.append(node)
    payload["history"] = True
    payload["nodes"] = nodes
    payload["edges"] = [
        {**_edge(c), "current": c["id"] in current_edges} for c in data.cooperations
    ]
    return payload
