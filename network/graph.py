"""The only bridge from the database to networkx: a project's network with filters, in 3 queries.

``load_network(project, filters)`` reads institutions, their sectors and the
cooperations with three queries whatever the size of the network, and returns a
:class:`NetworkData` that builds

* ``graph()``: an undirected ``nx.Graph`` (what the analysis works on); several
  cooperations between the same pair merge into one edge,
* ``digraph()``: an ``nx.DiGraph`` in which directed types (Weitervermittlung,
  Förderung) point from ``source`` to ``target`` and the other types count in
  both directions.

Node attributes: ``name``, ``short_name``, ``label`` (short name or name),
``type``, ``sectors`` (sorted names), ``district``, ``public``, ``latitude``,
``longitude`` (floats or ``None``), ``archived_on``.

Edge attributes: ``weight`` (sum of intensities), ``intensity`` (highest),
``type`` (type of the most intense cooperation), ``types`` (all types, sorted),
``directed`` (whether any merged cooperation has a direction), ``valid_from``
(earliest, ``None`` = open), ``valid_to`` (latest, ``None`` = open),
``cooperations`` (ids, sorted).
"""

import dataclasses
import datetime

from django.db.models import Q

from network.models import (
    DIRECTED_COOPERATION_TYPES,
    Cooperation,
    CooperationStatus,
    CooperationType,
    Institution,
)

__all__ = ["GraphFilters", "NetworkData", "load_network", "build_graph"]

TYPE_ORDER = {value: i for i, value in enumerate(CooperationType.values)}


@dataclasses.dataclass(frozen=True)
class GraphFilters:
    """Which part of a project's network to look at.

    ``date``: cooperations valid on that day (from ≤ day ≤ to, open ends count;
    planned ones never) and institutions not archived by then. Without a date the
    current network: active cooperations and active institutions.
    ``types``: cooperation types; ``sectors``/``districts``: ids restricting the
    institutions; ``min_intensity``: 1–5; ``confirmed_only``: leave out
    unconfirmed cooperations.
    """

    date: datetime.date | None = None
    types: tuple = ()
    sectors: tuple = ()
    districts: tuple = ()
    min_intensity: int = 1
    confirmed_only: bool = False

    def __post_init__(self):
        # Normalised so equal filters give equal cache keys.
        object.__setattr__(self, "types", tuple(sorted(set(self.types))))
        object.__setattr__(self, "sectors", tuple(sorted({int(s) for s in self.sectors})))
        object.__setattr__(self, "districts", tuple(sorted({int(d) for d in self.districts})))

    def as_dict(self):
        """JSON-ready form (ISO date)."""
        data = dataclasses.asdict(self)
        data["date"] = self.date.isoformat() if self.date else None
        for name in ("types", "sectors", "districts"):
            data[name] = list(data[name])
        return data

    def key(self):
        """A short, stable text naming these filters (for cache keys)."""
        d = self.as_dict()
        return "|".join(
            [
                d["date"] or "-",
                ",".join(d["types"]),
                ",".join(map(str, d["sectors"])),
                ",".join(map(str, d["districts"])),
                str(self.min_intensity),
                "c" if self.confirmed_only else "a",
            ]
        )


@dataclasses.dataclass
class NetworkData:
    """Institutions (id → attributes) and cooperations (dicts) of one filtered network."""

    institutions: dict
    cooperations: list

    def _base(self, graph):
        for pk, attributes in self.institutions.items():
            graph.add_node(pk, **attributes)
        return graph

    @staticmethod
    def _merge(graph, u, v, c):
        if graph.has_edge(u, v):
            e = graph[u][v]
            e["weight"] += c["intensity"]
            if (c["intensity"], -TYPE_ORDER[c["type"]]) > (e["intensity"], -TYPE_ORDER[e["type"]]):
                e["type"] = c["type"]
            e["intensity"] = max(e["intensity"], c["intensity"])
            e["types"] = tuple(sorted(set(e["types"]) | {c["type"]}, key=TYPE_ORDER.get))
            e["directed"] = e["directed"] or c["directed"]
            e["valid_from"] = (
                None
                if e["valid_from"] is None or c["valid_from"] is None
                else min(e["valid_from"], c["valid_from"])
            )
            e["valid_to"] = (
                None
                if e["valid_to"] is None or c["valid_to"] is None
                else max(e["valid_to"], c["valid_to"])
            )
            e["cooperations"] = tuple(sorted((*e["cooperations"], c["id"])))
        else:
            graph.add_edge(
                u,
                v,
                weight=c["intensity"],
                intensity=c["intensity"],
                type=c["type"],
                types=(c["type"],),
                directed=c["directed"],
                valid_from=c["valid_from"],
                valid_to=c["valid_to"],
                cooperations=(c["id"],),
            )

    def graph(self):
        """Undirected graph; parallel cooperations merged (see module docstring)."""
        import networkx as nx  # only where a graph is built: web workers never load it

        graph = self._base(nx.Graph())
        for c in self.cooperations:
            self._merge(graph, c["source"], c["target"], c)
        return graph

    def arcs(self):
        """The directed view's arcs only (no attributes): cheap in- and out-degrees."""
        import networkx as nx

        graph = nx.DiGraph()
        graph.add_nodes_from(self.institutions)
        arcs = {(c["source"], c["target"]) for c in self.cooperations}
        arcs |= {(c["target"], c["source"]) for c in self.cooperations if not c["directed"]}
        graph.add_edges_from(sorted(arcs))
        return graph

    def arc_degrees(self):
        """In- and out-degrees of the directed view (as :meth:`arcs` gives them), without a graph.

        Returns
        -------
        tuple of dict
            ``(in_degrees, out_degrees)``, institution id → number of arcs.
        """
        arcs = {(c["source"], c["target"]) for c in self.cooperations}
        arcs |= {(c["target"], c["source"]) for c in self.cooperations if not c["directed"]}
        ins = dict.fromkeys(self.institutions, 0)
        outs = dict.fromkeys(self.institutions, 0)
        for u, v in arcs:
            outs[u] += 1
            ins[v] += 1
        return ins, outs

    def digraph(self):
        """Directed view: directed types one arc, the others two."""
        import networkx as nx

        graph = self._base(nx.DiGraph())
        for c in self.cooperations:
            self._merge(graph, c["source"], c["target"], c)
            if not c["directed"]:
                self._merge(graph, c["target"], c["source"], c)
        return graph


def load_network(project, filters=None, history=False):
    """Read a project's filtered network with three queries.

    Parameters
    ----------
    project : cms.models.Project
    filters : GraphFilters, optional
    history : bool
        Ignore the date and status filters and keep archived institutions (every
        cooperation that was ever under way, for the evolution over time).

    Returns
    -------
    NetworkData
        Institutions ordered by id; cooperations ordered by id, only between
        institutions that passed the filters.
    """
    filters = filters or GraphFilters()
    institutions = Institution.objects.filter(project=project)
    cooperations = Cooperation.objects.filter(project=project)
    if history:
        cooperations = cooperations.exclude(status=CooperationStatus.PLANNED)
    elif filters.date is None:
        institutions = institutions.filter(active=True)
        cooperations = cooperations.filter(status=CooperationStatus.ACTIVE)
    else:
        day = filters.date
        institutions = institutions.filter(Q(archived_on__isnull=True) | Q(archived_on__gt=day))
        cooperations = cooperations.exclude(status=CooperationStatus.PLANNED).filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )
    if filters.sectors:
        institutions = institutions.filter(
            pk__in=Institution.sectors.through.objects.filter(sector_id__in=filters.sectors).values(
                "institution_id"
            )
        )
    if filters.districts:
        institutions = institutions.filter(district_id__in=filters.districts)
    if filters.types:
        cooperations = cooperations.filter(type__in=filters.types)
    if filters.min_intensity > 1:
        cooperations = cooperations.filter(intensity__gte=filters.min_intensity)
    if filters.confirmed_only:
        cooperations = cooperations.filter(confirmed=True)

    rows = institutions.order_by("pk").values_list(
        "pk",
        "name",
        "short_name",
        "type__name",
        "district__name",
        "public",
        "latitude",
        "longitude",
        "archived_on",
    )
    nodes = {}
    for pk, name, short_name, kind, district, public, lat, lon, archived in rows:
        nodes[pk] = {
            "name": name,
            "short_name": short_name,
            "label": short_name or name,
            "type": kind,
            "sectors": [],
            "district": district,
            "public": public,
            "latitude": None if lat is None else float(lat),
            "longitude": None if lon is None else float(lon),
            "archived_on": archived,
        }
    links = Institution.sectors.through.objects.filter(institution__project=project).values_list(
        "institution_id", "sector__name"
    )
    for institution_id, sector in links:
        if institution_id in nodes:
            nodes[institution_id]["sectors"].append(sector)
    for attributes in nodes.values():
        attributes["sectors"].sort()

    edges = []
    for (
        pk,
        source,
        target,
        kind,
        intensity,
        start,
        end,
        status,
        confirmed,
        provenance,
    ) in cooperations.order_by("pk").values_list(
        "pk",
        "source_id",
        "target_id",
        "type",
        "intensity",
        "valid_from",
        "valid_to",
        "status",
        "confirmed",
        "provenance",
    ):
        if source not in nodes or target not in nodes:
            continue
        edges.append(
            {
                "id": pk,
                "source": source,
                "target": target,
                "type": kind,
                "intensity": intensity,
                "directed": kind in DIRECTED_COOPERATION_TYPES,
                "valid_from": start,
                "valid_to": end,
                "status": status,
                "confirmed": confirmed,
                "provenance": provenance,
            }
        )
    return NetworkData(institutions=nodes, cooperations=edges)


def build_graph(project, filters=None, directed=False):
    """The project's filtered network as ``nx.Graph`` (or ``nx.DiGraph`` if ``directed``)."""
    data = load_network(project, filters)
    return data.digraph() if directed else data.graph()
