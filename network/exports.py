"""Exports of a project's analysed network: GraphML, GEXF, CSV (zip), XLSX and node-link JSON.

GraphML and GEXF hold the undirected analysis graph (parallel cooperations merged,
as in ``network.graph``) with every institution's attributes and measures, so
Gephi shows what the dashboard shows. CSV and XLSX list each cooperation.
Text cells that a spreadsheet could read as a formula (starting with ``=``,
``+``, ``-``, ``@``, tab or carriage return) get a leading apostrophe.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from network import analysis
from network.graph import NetworkData
from network.models import CooperationType

__all__ = [
    "FORMATS",
    "neutralise",
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

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

INSTITUTION_COLUMNS = (
    "id",
    "name",
    "short_name",
    "type",
    "sectors",
    "district",
    "public",
    "latitude",
    "longitude",
)
COOPERATION_COLUMNS = (
    "id",
    "source_id",
    "source",
    "target_id",
    "target",
    "type",
    "type_label",
    "intensity",
    "directed",
    "valid_from",
    "valid_to",
    "status",
    "confirmed",
    "provenance",
)


def neutralise(value):
    """Make a text cell safe for spreadsheets; other values pass unchanged.

    Examples
    --------
    >>> neutralise("=HYPERLINK(1)"), neutralise("-5"), neutralise("AWO"), neutralise(-5)
    ("'=HYPERLINK(1)", "'-5", 'AWO', -5)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _join(values):
    return "; ".join(values)


def export_graph(full):
    """The analysis graph with exportable attributes (no ``None``, lists joined by "; ")."""
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    G = NetworkData(nodes, full["_graph"]["cooperations"]).graph()
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
        H.add_node(pk, **{k: v for k, v in attributes.items() if v is not None})
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
        H.add_edge(u, v, **{k: v for k, v in attributes.items() if v is not None})
    return H


def to_graphml(full):
    """GraphML bytes of :func:`export_graph`."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(export_graph(full), buffer, infer_numeric_types=True)
    return buffer.getvalue()


def to_gexf(full):
    """GEXF 1.2 bytes of :func:`export_graph`."""
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_gexf(export_graph(full), buffer)
    return buffer.getvalue()


def _institution_rows(full):
    nodes, metrics = full["_graph"]["nodes"], full["_metrics"]
    for pk in sorted(nodes):
        a = nodes[pk]
        yield [
            pk,
            a["name"],
            a["short_name"],
            a["type"] or "",
            _join(a["sectors"]),
            a["district"] or "",
            a["public"],
            a["latitude"],
            a["longitude"],
        ] + [metrics[pk].get(m) for m in (*analysis.METRICS, "community")]


def _cooperation_rows(full):
    nodes = full["_graph"]["nodes"]
    labels = dict(CooperationType.choices)
    for c in full["_graph"]["cooperations"]:
        yield [
            c["id"],
            c["source"],
            nodes[c["source"]]["name"],
            c["target"],
            nodes[c["target"]]["name"],
            c["type"],
            str(labels.get(c["type"], c["type"])),
            c["intensity"],
            c["directed"],
            c["valid_from"].isoformat() if c["valid_from"] else "",
            c["valid_to"].isoformat() if c["valid_to"] else "",
            c["status"],
            c["confirmed"],
            c["provenance"],
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
    """A zip with ``institutions.csv`` (with measures) and ``cooperations.csv``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "institutions.csv",
            _csv((*INSTITUTION_COLUMNS, *analysis.METRICS, "community"), _institution_rows(full)),
        )
        archive.writestr("cooperations.csv", _csv(COOPERATION_COLUMNS, _cooperation_rows(full)))
    return buffer.getvalue()


def _sheet(workbook, title, header, rows):
    sheet = workbook.create_sheet(title)
    sheet.append(list(header))
    for row in rows:
        sheet.append([neutralise(x) for x in row])


def to_xlsx(full):
    """Workbook: institutions, cooperations, per-institution measures, whole-network figures."""
    from openpyxl import Workbook  # openpyxl loads numpy: only where a workbook is made

    workbook = Workbook(write_only=True)
    nodes = full["_graph"]["nodes"]
    _sheet(
        workbook,
        _("Institutionen"),
        INSTITUTION_COLUMNS,
        (row[: len(INSTITUTION_COLUMNS)] for row in _institution_rows(full)),
    )
    _sheet(workbook, _("Kooperationen"), COOPERATION_COLUMNS, _cooperation_rows(full))
    _sheet(
        workbook,
        _("Kennzahlen"),
        ("id", "name", *analysis.METRICS, "community"),
        (
            [
                pk,
                nodes[pk]["name"],
                *(full["_metrics"][pk].get(m) for m in (*analysis.METRICS, "community")),
            ]
            for pk in sorted(nodes)
        ),
    )
    figures = dict(full["network"])
    figures["ei_index"] = full["mixing"]["ei_index"]
    for attribute, value in full["mixing"]["assortativity"].items():
        figures[f"assortativity_{attribute}"] = value
    _sheet(
        workbook,
        _("Gesamtnetzwerk"),
        (_("Kennzahl"), _("Wert")),
        ([name, value] for name, value in figures.items()),
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
