"""Exports: GraphML and GEXF read back by networkx, CSV and XLSX with neutralised formulas."""

import csv
import datetime
import io
import zipfile

from django.core.cache import cache
from django.urls import reverse

import networkx as nx
import pytest
from openpyxl import load_workbook

from network import exports
from network.graph import build_graph
from network.models import Cooperation, CooperationType, Institution
from network.services import export_tables

D = datetime.date


@pytest.fixture
def full(kaarst, categories):
    cache.clear()
    a = Institution.objects.create(
        project=kaarst,
        name='=HYPERLINK("http://x")',
        type=categories["verein"],
        district=categories["mitte"],
        latitude=51.2,
        longitude=6.6,
        public=True,
    )
    b = Institution.objects.create(project=kaarst, name="Beta Schule", short_name="Beta")
    c = Institution.objects.create(project=kaarst, name="@Gamma")
    Institution.objects.create(project=kaarst, name="Isoliert")
    a.sectors.add(categories["bildung"], categories["sprache"])
    Cooperation.objects.create(
        project=kaarst, source=a, target=b, intensity=4, valid_from=D(2021, 3, 1)
    )
    Cooperation.objects.create(
        project=kaarst, source=b, target=a, type=CooperationType.ROOMS, intensity=1
    )
    Cooperation.objects.create(
        project=kaarst,
        source=b,
        target=c,
        type=CooperationType.FUNDING,
        valid_from=D(2022, 1, 1),
        valid_to=D(2030, 1, 1),
    )
    yield export_tables(kaarst)
    cache.clear()


def same_graph(read, expected, edge_ids=False):
    assert sorted(read.nodes) == sorted(expected.nodes)
    assert sorted(map(sorted, read.edges)) == sorted(map(sorted, expected.edges))
    for v, data in expected.nodes(data=True):
        assert read.nodes[v] == pytest.approx(data), v
    for u, v, data in expected.edges(data=True):
        attributes = dict(read[u][v])
        if edge_ids:  # GEXF numbers its edges
            assert attributes.pop("id").isdigit()
        assert attributes == pytest.approx(data), (u, v)


def test_graphml_reads_back_with_all_attributes(kaarst, full):
    read = nx.read_graphml(io.BytesIO(exports.to_graphml(full)), node_type=int)
    expected = exports.export_graph(full)
    same_graph(read, expected)
    # …and it is the analysed network.
    assert sorted(map(sorted, read.edges)) == sorted(map(sorted, build_graph(kaarst).edges))
    a = min(read.nodes)
    assert read.nodes[a]["sectors"] == "Bildung; Sprache"
    assert read.nodes[a]["public"] is True
    assert read.nodes[a]["latitude"] == 51.2
    assert "betweenness_centrality" in read.nodes[a]


def test_gexf_reads_back_with_all_attributes(full):
    read = nx.read_gexf(io.BytesIO(exports.to_gexf(full)), node_type=int)
    expected = exports.export_graph(full)
    same_graph(read, expected, edge_ids=True)
    edge = next(d for _, _, d in read.edges(data=True) if d["cooperation_type"] == "foerderung")
    assert edge["directed"] is True
    assert (edge["valid_from"], edge["valid_to"]) == ("2022-01-01", "2030-01-01")


def test_merged_edge_carries_both_cooperations(full):
    G = exports.export_graph(full)
    (u, v, data) = next(e for e in G.edges(data=True) if e[2]["weight"] == 5)
    assert data["cooperation_types"] == "kooperation; raumnutzung"
    assert data["intensity"] == 4
    # One of them has no dates: the pair's cooperation span is open at both ends.
    assert "valid_from" not in data and "valid_to" not in data


def read_csv(archive, name):
    text = archive.read(name).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_zip_lists_institutions_with_measures_and_cooperations(full):
    archive = zipfile.ZipFile(io.BytesIO(exports.to_csv_zip(full)))
    assert sorted(archive.namelist()) == [
        "institutionen.csv",
        "kennzahlen.csv",
        "kooperationen.csv",
    ]
    institutions = read_csv(archive, "institutionen.csv")
    assert [row["Name"] for row in institutions] == [
        '\'=HYPERLINK("http://x")',
        "Beta Schule",
        "'@Gamma",
        "Isoliert",
    ]
    measures = read_csv(archive, "kennzahlen.csv")
    assert measures[1]["degree"] == "2"
    assert measures[3]["constraint"] == ""
    cooperations = read_csv(archive, "kooperationen.csv")
    assert [row["Art"] for row in cooperations] == [
        "Kooperation/Projektpartnerschaft",
        "Raumnutzung",
        "Förderung/Finanzierung",
    ]
    assert cooperations[0]["Quelle"].startswith("'=")


def test_xlsx_has_four_sheets_and_no_formulas(full):
    workbook = load_workbook(io.BytesIO(exports.to_xlsx(full)))
    assert workbook.sheetnames == ["Institutionen", "Kooperationen", "Kennzahlen", "Gesamtnetzwerk"]
    names = [row[0] for row in workbook["Institutionen"].iter_rows(min_row=2, values_only=True)]
    assert names[0] == '\'=HYPERLINK("http://x")'
    for sheet in workbook:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
    figures = dict(workbook["Gesamtnetzwerk"].iter_rows(min_row=2, values_only=True))
    assert figures["institutions"] == 4 and figures["cooperations"] == 2
    metrics = list(workbook["Kennzahlen"].iter_rows(values_only=True))
    assert metrics[0][:4] == ("id", "name", "degree", "weighted_degree")


@pytest.mark.parametrize("file_format", sorted(exports.FORMATS))
def test_export_endpoint_sends_a_named_file(client, manager_kaarst, full, file_format):
    client.force_login(manager_kaarst)
    url = reverse(
        "network-analysis:export", kwargs={"project": "kaarst", "file_format": file_format}
    )
    response = client.get(url, {"date": "2024-01-01"})
    assert response.status_code == 200
    content_type, extension = exports.FORMATS[file_format]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="netzwerk-kaarst-2024-01-01.{extension}"'
    )


@pytest.fixture
def demo_kaarst(kaarst, kl):
    from network import demo

    demo.load({"kaarst": kaarst, "kaiserslautern": kl})
    cache.clear()
    return kaarst


def unzip_for_import(body):
    archive = zipfile.ZipFile(io.BytesIO(body))
    return [(name, archive.read(name)) for name in sorted(archive.namelist())]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_of_an_unchanged_network_imports_again_without_changes(demo_kaarst, file_format):
    from network.importer import import_network

    full = export_tables(demo_kaarst)
    if file_format == "csv":
        files = unzip_for_import(exports.to_csv_zip(full))
    else:
        files = [("netzwerk.xlsx", exports.to_xlsx(full))]
    report = import_network(demo_kaarst, files, dry_run=True)
    assert [str(e) for e in report.errors] == []
    assert report.created == {"institutions": 0, "contacts": 0, "cooperations": 0}
    assert report.updated == {"institutions": 0, "contacts": 0, "cooperations": 0}
    active = Institution.objects.filter(project=demo_kaarst, active=True).count()
    cooperations = Cooperation.objects.filter(
        project=demo_kaarst, status="aktiv", source__active=True, target__active=True
    ).count()
    assert report.unchanged == {"institutions": active, "contacts": 0, "cooperations": cooperations}
    assert (active, cooperations) == (
        len(full["_graph"]["nodes"]),
        len(full["_graph"]["cooperations"]),
    )


def test_csv_export_uses_the_import_columns(full):
    archive = zipfile.ZipFile(io.BytesIO(exports.to_csv_zip(full)))
    institutions = read_csv(archive, "institutionen.csv")
    assert list(institutions[1].items()) == [
        ("Name", "Beta Schule"),
        ("Kurzname", "Beta"),
        ("Typ", ""),
        ("Handlungsfelder", ""),
        ("Stadtteil", ""),
        ("Adresse", ""),
        ("Breitengrad", ""),
        ("Längengrad", ""),
        ("Website", ""),
        ("Beschreibung", ""),
        ("Zielgruppen", ""),
        ("Sprachen", ""),
        ("Öffentlich", "nein"),
        ("Aktiv", "ja"),
    ]
    cooperations = read_csv(archive, "kooperationen.csv")
    assert list(cooperations[2].items()) == [
        ("Quelle", "Beta Schule"),
        ("Ziel", "'@Gamma"),
        ("Art", "Förderung/Finanzierung"),
        ("Intensität", "3"),
        ("Gültig ab", "01.01.2022"),
        ("Gültig bis", "01.01.2030"),
        ("Status", "aktiv"),
        ("Beschreibung", ""),
        ("Bestätigt", "ja"),
    ]


@pytest.mark.parametrize("reader", [nx.read_graphml, nx.read_gexf])
def test_directed_cooperation_keeps_its_source_and_target(full, reader):
    body = exports.to_graphml(full) if reader is nx.read_graphml else exports.to_gexf(full)
    read = reader(io.BytesIO(body), node_type=int)
    beta = Institution.objects.get(name="Beta Schule").pk
    gamma = Institution.objects.get(name="@Gamma").pk
    edge = read.edges[beta, gamma]
    assert (edge["arc_source"], edge["arc_target"]) == (beta, gamma)
    undirected = [d for _, _, d in read.edges(data=True) if d["cooperation_type"] == "kooperation"]
    assert len(undirected) == 1 and "arc_source" not in undirected[0]
