"""Exports of a project's analysed network: GraphML, GEXF, CSV (zip), XLSX and node-link JSON.

GraphML and GEXF hold the undirected analysis graph (parallel cooperations merged,
as in ``network.graph``) with every institution's attributes and measures, so
Gephi shows what the dashboard shows. An edge whose directed cooperations (funding,
referral) all point one way carries ``arc_source`` and ``arc_target`` (institution ids).
CSV and XLSX list each institution and each
cooperation in the import's German columns (``network.importer.COLUMNS``), so an
exported network imports again unchanged; the measures go to their own file or sheet.
Every CSV and XLSX cell passes through ``cms.spreadsheets.neutralise`` (formulas defused,
control characters removed); GraphML and GEXF text loses its control characters, which
XML cannot hold.
"""

import csv
import io
import zipfile

from django.utils import translation

from cms.spreadsheets import neutralise, strip_control
from network import analysis
from network.graph import NetworkData
from network.importer import COLUMNS, COOPERATIONS, INSTITUTIONS
from network.models import CooperationStatus, CooperationType

__all__ = [
    "FORMATS",
    "export_graph",
    "to_graphml",
    "to_gexf",
    "to_csv_zip",
    "to_xlsx",
]

#: format → (content type, file extension)
FORMATS = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "csv": ("application/zip", "zip"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
}

INSTITUTION_COLUMNS = tuple(COLUMNS[INSTITUTIONS].values())
COOPERATION_COLUMNS = tuple(COLUMNS[COOPERATIONS].values())

#: Sheet (XLSX) and file (CSV) names; the import recognises the first two by name and
#: leaves the other two alone.
INSTITUTION_SHEET, COOPERATION_SHEET = "Institutionen", "Kooperationen"
MEASURE_SHEET, FIGURE_SHEET = "Kennzahlen", "Gesamtnetzwerk"


def _xml_safe(attributes):
    return {
        k: strip_control(v) if isinstance(v, str) else v
        for k, v in attributes.items()
        if v is not None
    }


def _measure_columns():
    """Columns of the measures file or sheet (the analysis package loads on first use)."""
    return ("id", "name", *analysis.METRICS, "community")


def _join(values):
    return "; ".join(values)


def export_graph(full):
    """The analysis graph with exportable attributes (no ``None``, lists joined by "; ")."""
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    G = NetworkData(nodes, full["_graph"]["cooperations"]).graph()
    directions = {}
    for c in full["_graph"]["cooperations"]:
        if c["directed"]:
            directions.setdefault(frozenset((c["source"], c["target"])), set()).add(
                (c["source"], c["target"])
            )
    import networkx as nx  # loaded with the export, not with the web worker

    H = nx.Graph()
    for pk in sorted(nodes):
        a = nodes[pk]
        attributes = {
            "label": a["label"],
            "name": a["name"],
            "short_name": a["short_name"],
            "type": a["type"] or "",
            "sectors": _join(a["sectors"]),
            "district": a["district"] or "",
            "public": bool(a["public"]),
            "latitude": a["latitude"],
            "longitude": a["longitude"],
            **metrics[pk],
        }
        H.add_node(pk, **_xml_safe(attributes))
    for u, v, e in sorted(G.edges(data=True), key=lambda x: (min(x[:2]), max(x[:2]))):
        attributes = {
            "weight": e["weight"],
            "intensity": e["intensity"],
            "cooperation_type": e["type"],
            "cooperation_types": _join(e["types"]),
            "directed": bool(e["directed"]),
            "valid_from": e["valid_from"].isoformat() if e["valid_from"] else None,
            "valid_to": e["valid_to"].isoformat() if e["valid_to"] else None,
            "cooperation_ids": _join(str(i) for i in e["cooperations"]),
        }
        arcs = directions.get(frozenset((u, v)), set())
        if len(arcs) == 1:
            # Funding and referral point one way: keep it (both formats read it back).
            (u, v) = next(iter(arcs))
            attributes["arc_source"], attributes["arc_target"] = u, v
        H.add_edge(u, v, **_xml_safe(attributes))
    return H


def to_graphml(full):
    """GraphML bytes of :func:`export_graph`."""
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_graphml(export_graph(full), buffer, infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(full):
    """GEXF 1.2 bytes of :func:`export_graph`."""
    buffer = io.BytesIO()
    import networkx as nx

    nx.write_gexf(export_graph(full), buffer)
    return buffer.getvalue()


def _yes_no(value):
    return "ja" if value else "nein"


def _day(value, as_text):
    if value is None:
        return ""
    return value.strftime("%d.%m.%Y") if as_text else value


def _institution_rows(full, as_text=True):
    """One row per institution in :data:`INSTITUTION_COLUMNS` order."""
    nodes, details = full["_graph"]["nodes"], full.get("_institution_details", {})
    for pk in sorted(nodes):
        a, d = nodes[pk], details.get(pk, {})
        coordinates = [d.get("latitude", a["latitude"]), d.get("longitude", a["longitude"])]
        if as_text:
            coordinates = ["" if c is None else str(c) for c in coordinates]
        yield [
            a["name"],
            a["short_name"],
            a["type"] or "",
            _join(a["sectors"]),
            a["district"] or "",
            d.get("address", ""),
            *coordinates,
            d.get("website", ""),
            d.get("description", ""),
            d.get("target_groups", ""),
            d.get("languages", ""),
            _yes_no(a["public"]),
            _yes_no(d.get("active", True)),
        ]


def _cooperation_rows(full, as_text=True):
    """One row per cooperation in :data:`COOPERATION_COLUMNS` order, labels in German."""
    nodes = full["_graph"]["nodes"]
    descriptions = full.get("_cooperation_descriptions", {})
    with translation.override("de"):
        types = {value: str(label) for value, label in CooperationType.choices}
        statuses = {value: str(label) for value, label in CooperationStatus.choices}
    for c in full["_graph"]["cooperations"]:
        yield [
            nodes[c["source"]]["name"],
            nodes[c["target"]]["name"],
            types.get(c["type"], c["type"]),
            c["intensity"],
            _day(c["valid_from"], as_text),
            _day(c["valid_to"], as_text),
            statuses.get(c["status"], c["status"]),
            descriptions.get(c["id"], ""),
            _yes_no(c["confirmed"]),
        ]


def _measure_rows(full):
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    for pk in sorted(nodes):
        yield [
            pk,
            nodes[pk]["name"],
            *(metrics[pk].get(m) for m in (*analysis.METRICS, "community")),
        ]


def _csv(header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if x is None else neutralise(x) for x in row])
    # A byte-order mark lets spreadsheet programs read the umlauts as UTF-8.
    return "\ufeff" + out.getvalue()


def to_csv_zip(full):
    """A zip with ``institutionen.csv`` and ``kooperationen.csv`` (import columns) and
    ``kennzahlen.csv`` (each institution's measures)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            f"{INSTITUTION_SHEET.lower()}.csv", _csv(INSTITUTION_COLUMNS, _institution_rows(full))
        )
        archive.writestr(
            f"{COOPERATION_SHEET.lower()}.csv", _csv(COOPERATION_COLUMNS, _cooperation_rows(full))
        )
        archive.writestr(
            f"{MEASURE_SHEET.lower()}.csv", _csv(_measure_columns(), _measure_rows(full))
        )
    return buffer.getvalue()


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([neutralise(x) for x in row])


def to_xlsx(full):
    """Workbook: institutions and cooperations (import columns), measures, whole-network figures."""
    from openpyxl import Workbook  # openpyxl loads numpy: only where a workbook is made

    workbook = Workbook(write_only=True)
    _sheet(workbook, INSTITUTION_SHEET, INSTITUTION_COLUMNS, _institution_rows(full, False))
    _sheet(workbook, COOPERATION_SHEET, COOPERATION_COLUMNS, _cooperation_rows(full, False))
    _sheet(workbook, MEASURE_SHEET, _measure_columns(), _measure_rows(full))
    figures = dict(full["network"])
    figures["ei_index"] = full["mixing"]["ei_index"]
    for attribute, value in full["mixing"]["assortativity"].items():
        figures[f"assortativity_{attribute}"] = value
    _sheet(
        workbook,
        FIGURE_SHEET,
        ("Kennzahl", "Wert"),
        ([name, value] for name, value in figures.items()),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
