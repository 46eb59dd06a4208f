"""Network map in the admin: who sees which project, the table without JavaScript, its queries."""

import datetime
import json
import re

from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest
from bs4 import BeautifulSoup

from network.models import Contact, Cooperation, Institution, Sector

MAP = "/admin/network/map/"


@pytest.fixture
def world(kaarst, kl, three, categories, managers_with_permissions, editor_kaarst):
    """Kaarst: A–B cooperation (2021–2022, ended), B–C (from 2023); Kaiserslautern: Pfalz-Treff."""
    kaarst.editor_group.permissions.add(Permission.objects.get(codename="access_admin"))
    a, b, c = three
    a.sectors.add(categories["bildung"])
    b.sectors.add(categories["bildung"], categories["sprache"])
    Cooperation.objects.create(
        project=kaarst,
        source=a,
        target=b,
        intensity=2,
        valid_from=datetime.date(2021, 1, 1),
        valid_to=datetime.date(2022, 12, 31),
        status="beendet",
    )
    Cooperation.objects.create(
        project=kaarst, source=b, target=c, intensity=4, valid_from=datetime.date(2023, 3, 1)
    )
    Contact.objects.create(project=kaarst, name="Erika Kaarster", email="erika@ka.de")
    pfalz = Institution.objects.create(project=kl, name="Pfalz-Treff")
    return {"a": a, "b": b, "c": c, "pfalz": pfalz}


def table_rows(response):
    """(name, cooperations) of the table rows, in order."""
    html = response.content.decode()
    start = html.index("<tbody>", html.index("qn-netmap__table"))
    table = html[start : html.index("</tbody>", start)]
    names = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>', table)
    counts = re.findall(r'<td class="qn-num">(\d+)</td>', table)
    return list(zip(names, map(int, counts), strict=True))


def map_config(response):
    html = response.content.decode()
    match = re.search(r'<script id="netmap-config" type="application/json">(.*?)</script>', html)
    return json.loads(match.group(1))


# --- permission matrix


@pytest.mark.parametrize(
    "who, query, status",
    [
        ("manager_kaarst", "", 200),
        ("manager_kaarst", "?project=kaarst", 200),
        ("manager_kaarst", "?project=kaiserslautern", 404),
        ("manager_kl", "", 200),
        ("manager_kl", "?project=kaarst", 404),
        ("manager_kl", "?project=kaiserslautern", 200),
        ("editor_kaarst", "", 302),
        ("editor_kaarst", "?project=kaarst", 302),
        ("superuser", "", 200),
        ("superuser", "?project=kaarst", 200),
        ("superuser", "?project=kaiserslautern", 200),
        ("superuser", "?project=nirgendwo", 404),
    ],
)
def test_map_answers_by_project(client, world, request, who, query, status):
    client.force_login(request.getfixturevalue(who))
    response = client.get(MAP + query)
    assert response.status_code == status
    if status == 302:  # Wagtail turns "permission denied" into a redirect to the dashboard
        assert response["Location"] == "/admin/"


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(MAP + "?project=kaarst")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_manager_sees_own_project_without_choosing(client, world, manager_kl):
    client.force_login(manager_kl)
    response = client.get(MAP)
    assert response.context["project"].slug == "kaiserslautern"
    assert table_rows(response) == [("Pfalz-Treff", 0)]


def test_superuser_chooses_between_projects(client, world, superuser):
    client.force_login(superuser)
    response = client.get(MAP)
    html = response.content.decode()
    assert "Projekt wählen" in html
    assert 'href="/admin/network/map/?project=kaarst"' in html
    assert 'href="/admin/network/map/?project=kaiserslautern"' in html
    assert "qn-netmap__table" not in html


def test_map_is_in_the_network_menu(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    html = client.get("/admin/").content.decode()
    assert "Netzwerkkarte" in html
    assert MAP in html


# --- the table without JavaScript


def test_table_lists_exactly_the_projects_institutions(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(MAP)
    # the current network: the ended A–B cooperation does not count
    assert table_rows(response) == [("Alpha e. V.", 0), ("Beta Schule", 1), ("Gamma Treff", 1)]
    assert "Pfalz-Treff" not in response.content.decode()
    assert "Erika" not in response.content.decode()


def test_table_follows_the_filters(client, world, manager_kaarst, categories):
    client.force_login(manager_kaarst)
    on_2022 = client.get(MAP + "?date=2022-06-30")
    assert table_rows(on_2022) == [("Alpha e. V.", 1), ("Beta Schule", 1), ("Gamma Treff", 0)]
    strong = client.get(MAP + "?min_intensity=3")
    assert table_rows(strong) == [("Alpha e. V.", 0), ("Beta Schule", 1), ("Gamma Treff", 1)]
    sprache = client.get(MAP + f"?sector={categories['sprache'].pk}")
    assert table_rows(sprache) == [("Beta Schule", 0)]
    bildung = client.get(MAP + f"?sector={categories['bildung'].pk}&date=2022-01-01")
    assert table_rows(bildung) == [("Alpha e. V.", 1), ("Beta Schule", 1)]


def test_bad_filter_gets_a_german_message_and_the_unfiltered_table(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(MAP + "?date=gestern&min_intensity=9")
    html = response.content.decode()
    assert response.status_code == 400  # refused filters: the message and the whole network
    assert "Die Filter enthalten Fehler" in html
    assert "Bitte ein Datum im Format TT.MM.JJJJ angeben." in html
    assert "Die Intensität liegt zwischen 1 und 5." in html
    assert len(table_rows(response)) == 3


def test_sector_of_another_project_is_refused(client, world, manager_kaarst, kl):
    foreign = Sector.objects.create(project=kl, name="Pfalz-Sport")
    client.force_login(manager_kaarst)
    response = client.get(MAP + f"?sector={foreign.pk}")
    assert "Dieses Handlungsfeld gibt es in diesem Projekt nicht." in response.content.decode()


def test_table_is_paginated(client, world, manager_kaarst, kaarst):
    Institution.objects.bulk_create(
        Institution(project=kaarst, name=f"Verein {i:02d}") for i in range(60)
    )
    kaarst.bump_data_version()  # bulk_create sends no signals
    client.force_login(manager_kaarst)
    first = client.get(MAP)
    assert len(table_rows(first)) == 50
    assert "Seite 1 von 2" in first.content.decode()
    second = client.get(MAP + "?project=kaarst&page=2")
    assert [name for name, _ in table_rows(second)][-3:] == ["Verein 57", "Verein 58", "Verein 59"]
    assert len(table_rows(second)) == 13


def make_institutions(project, n, start=0):
    institutions = Institution.objects.bulk_create(
        Institution(project=project, name=f"Institution {i:02d}") for i in range(start, start + n)
    )
    sectors = [Sector.objects.get_or_create(project=project, name=f"Feld {i}")[0] for i in range(3)]
    for i, institution in enumerate(institutions):
        institution.sectors.add(sectors[i % 3])
    Cooperation.objects.bulk_create(
        Cooperation(project=project, source=institutions[i], target=institutions[i + 1])
        for i in range(n - 1)
    )


def network_queries(captured):
    return [q["sql"] for q in captured if '"network_' in q["sql"]]


def test_table_queries_do_not_grow_with_institutions(
    client, kaarst, managers_with_permissions, manager_kaarst, django_assert_num_queries
):
    """3 and 30 institutions cost the same queries; of the network tables the page reads five:
    institutions, their sectors and cooperations (the graph), and the sectors and districts
    of the filter form."""
    make_institutions(kaarst, 3)
    client.force_login(manager_kaarst)
    client.get(MAP)  # warm Django's caches (content types, site) outside the count
    cache.clear()  # but compute the network afresh
    with CaptureQueriesContext(connection) as three:
        assert len(table_rows(client.get(MAP))) == 3
    assert len(network_queries(three.captured_queries)) == 5
    make_institutions(kaarst, 27, start=3)
    cache.clear()
    with django_assert_num_queries(len(three.captured_queries)) as thirty:
        assert len(table_rows(client.get(MAP))) == 30
    assert len(network_queries(thirty.captured_queries)) == 5


# --- the map's data and configuration


def test_page_passes_filters_to_the_map_as_json(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(MAP + "?project=kaarst&date=2022-06-30&type=foerderung&confirmed=on")
    config = map_config(response)
    assert config["graphUrl"] == (
        "/api/v1/projects/kaarst/network/graph/?date=2022-06-30&type=foerderung&confirmed=true"
    )
    assert "/static/network/fa2-worker" in config["workerUrl"]
    assert config["editUrlTemplate"] == "/admin/network/institutions/edit/__id__/"
    assert config["labels"]["allDates"] == "alle Zeiträume"
    html = response.content.decode()
    assert re.search(r'<script src="/static/network/network-map(\.[0-9a-f]+)?\.js" defer>', html)
    assert 'data-netmap-config="netmap-config"' in html


# --- analysis dashboard

DASHBOARD = "/admin/network/analysis/"


@pytest.mark.parametrize(
    "who, query, status",
    [
        ("manager_kaarst", "", 200),
        ("manager_kaarst", "?project=kaiserslautern", 404),
        ("manager_kl", "?project=kaarst", 404),
        ("manager_kl", "?project=kaiserslautern", 200),
        ("editor_kaarst", "?project=kaarst", 302),
        ("superuser", "", 200),
        ("superuser", "?project=kaiserslautern", 200),
    ],
)
def test_dashboard_answers_by_project(client, world, request, who, query, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(DASHBOARD + query).status_code == status


def test_anonymous_is_sent_to_login_from_dashboard(client, world):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def figures_of(response):
    html = response.content.decode()
    section = html[html.index('id="dash-figures"') : html.index('id="dash-brokers"')]
    return dict(
        re.findall(r'<th scope="row">([^<]+)</th>\s*<td class="qn-num">([^<]+)</td>', section)
    )


def test_dashboard_shows_the_current_networks_figures(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(DASHBOARD)
    figures = figures_of(response)
    # A, B, C; only B–C is active today; A has no partner
    assert figures["Institutionen"] == "3"
    assert figures["Kooperationsbeziehungen (Paare)"] == "1"
    assert figures["Isolierte Institutionen"] == "1"
    assert figures["Zusammenhangskomponenten"] == "2"
    assert figures["Dichte"] == "0,333"
    html = response.content.decode()
    isolates = html[html.index("Isolierte Institutionen (ohne") : html.index("Randständige")]
    assert "Alpha e. V." in isolates
    assert "Pfalz-Treff" not in html


def test_dashboard_filters_by_date_and_pairs_each_chart_with_a_table(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(DASHBOARD + "?date=2022-06-30&freq=year")
    assert figures_of(response)["Kooperationsbeziehungen (Paare)"] == "1"
    html = response.content.decode()
    for chart in ("chart-brokers", "chart-communities", "chart-growth", "chart-changes"):
        assert f'<script id="{chart}" type="application/json">' in html
    growth = json.loads(
        re.search(r'<script id="chart-growth" type="application/json">(.*?)</script>', html)[1]
    )
    changes = json.loads(
        re.search(r'<script id="chart-changes" type="application/json">(.*?)</script>', html)[1]
    )
    # at each year's end: A–B (2021-01-01 to 2022-12-31), then B–C (from 2023-03-01)
    assert growth["labels"][:4] == ["2021", "2022", "2023", "2024"]
    assert growth["datasets"][0]["data"][:4] == [1, 1, 1, 1]
    assert changes["datasets"][0]["data"][:4] == [1, 0, 1, 0]  # gained
    assert changes["datasets"][1]["data"][:4] == [0, 0, 1, 0]  # lost
    assert re.search(
        r'<script src="/static/vendor/chartjs/chart\.umd\.min(\.[0-9a-f]+)?\.js"', html
    )
    assert 'data-chart-data="chart-growth"' in html


# --- phones: wide tables scroll inside labelled regions


def regions_of(response):
    """(label id, tabindex, label text, table inside) of each scroll region, in order."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [
        (
            region["aria-labelledby"],
            region["tabindex"],
            soup.find(id=region["aria-labelledby"]).get_text(" ", strip=True),
            region.find("table") is not None,
        )
        for region in soup.select('[role="region"]')
    ]


def test_map_table_scrolls_in_a_labelled_region(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    assert regions_of(client.get(MAP)) == [
        ("netmap-table-caption", "0", "3 Institutionen im gefilterten Netzwerk", True)
    ]


def test_dashboard_tables_scroll_in_labelled_regions(client, world, manager_kaarst):
    client.force_login(manager_kaarst)
    response = client.get(DASHBOARD)
    # B–C is the only current cooperation: no brokers and no suggestions (no common partners).
    assert regions_of(response) == [
        (
            "dash-groups-caption",
            "0",
            "Gruppen mit Größe, vorherrschendem Handlungsfeld und Typ",
            True,
        ),
        ("dash-gaps-caption", "0", "Paare von Handlungsfeldern ohne Kooperation", True),
        ("dash-periods-caption", "0", "Kennzahlen je Zeitraum", True),
    ]


@pytest.mark.parametrize(
    "path, label",
    [
        ("/admin/network/institutions/", "Institutionen"),
        ("/admin/network/contacts/", "Kontakte"),
        ("/admin/network/cooperations/", "Kooperationen"),
        ("/admin/network/sectors/", "Handlungsfelder"),
    ],
)
def test_network_lists_scroll_in_labelled_regions(client, world, manager_kaarst, path, label):
    client.force_login(manager_kaarst)
    assert regions_of(client.get(path)) == [("qn-listing-label", "0", label, True)]


def test_dashboard_shows_the_modularity_of_the_best_louvain_seed(
    client, kaarst, managers_with_permissions, manager_kaarst, karate_club
):
    # Unweighted karate club: seed 42 alone gives Q = 0.385; the best of seeds 0..9, 0.41979.
    cache.clear()
    client.force_login(manager_kaarst)
    response = client.get(DASHBOARD)
    assert figures_of(response)["Modularität der Gruppen"] == "0,420"
    text = BeautifulSoup(response.content, "html.parser").find(id="dash-modularity").get_text()
    assert text.startswith("Modularität Q = 0,420: die beste Aufteilung aus mehreren festen")
    cache.clear()
