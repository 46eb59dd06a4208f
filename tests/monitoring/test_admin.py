"""The "Monitoring" admin: indicator catalogue per project, values table, import."""

import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from monitoring.models import Flag, ImportBatch, Indicator, IndicatorVersion, Observation
from monitoring.permissions import grant_monitoring_permissions
from tests.monitoring.conftest import make_project, make_town, make_user, observe

HOST = "kaarst.localhost"


def rate(project, code="Q", name="Quote der Leistungsbeziehenden"):
    return Indicator.objects.create(
        project=project,
        code=code,
        name=name,
        definition="Leistungsbeziehende je 100 Einwohner (31.12.)",
        unit="%",
        decimals=1,
        topic="Arbeitsmarkt",
        source="Statistikstelle",
    )


@pytest.fixture
def projects(db):
    kaarst = make_project("kaarst", "Kaarst")
    lautern = make_project("kaiserslautern", "Kaiserslautern")
    for project in (kaarst, lautern):
        grant_monitoring_permissions(project.manager_group)
    return kaarst, lautern


@pytest.fixture
def managers(projects):
    kaarst, lautern = projects
    return {
        "kaarst": make_user("monitoring-kaarst", kaarst.manager_group),
        "kaiserslautern": make_user("monitoring-kaiserslautern", lautern.manager_group),
    }


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def table(projects):
    """Kaarst with three districts and a rate, hand-built (see the test for the expected cells).

    2025 holds a numerator of 2 in Süd (primary suppression) and so Nord, the smallest other
    part of the city's sum, is suppressed too (secondary); West 2024 came as secret.
    """
    kaarst, _lautern = projects
    city, (nord, sued, west) = make_town(kaarst)
    indicator = rate(kaarst)
    for offset in range(8):
        year = 2018 + offset
        observe(indicator, city, year, 10 + offset * 0.5, numerator=72 if year == 2025 else None)
    observe(indicator, nord, 2024, 11.0)
    observe(indicator, nord, 2025, 12.0, numerator=30, denominator=250)
    observe(indicator, sued, 2025, 5.0, numerator=2, denominator=40)
    observe(indicator, west, 2024, None, flag=Flag.SECRET)
    observe(indicator, west, 2025, 8.5, numerator=40, denominator=470, flag=Flag.PROVISIONAL)
    return indicator


def cells_of(html, label):
    """The cell texts of the row headed ``label`` in the values table."""
    import re

    row = re.search(rf"<tr[^>]*><th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", html, re.S)
    assert row, html[:3000]
    return re.findall(r"<td>(.*?)</td>", row.group(1))


# --- catalogue ---------------------------------------------------------------------------------


def test_each_manager_lists_only_the_own_projects_indicators(projects, managers):
    kaarst, lautern = projects
    rate(kaarst, "KA1", "Kaarster Quote")
    rate(lautern, "KL1", "Lauterer Quote")
    seen = {}
    for slug, user in managers.items():
        response = client_for(user).get("/admin/monitoring/indicators/", HTTP_HOST=HOST)
        assert response.status_code == 200
        body = response.content.decode()
        seen[slug] = ("Kaarster Quote" in body, "Lauterer Quote" in body)
    assert seen == {"kaarst": (True, False), "kaiserslautern": (False, True)}


def test_catalogue_searches_and_filters_by_topic(projects, managers):
    kaarst, _lautern = projects
    rate(kaarst, "KA1", "Kaarster Quote")
    other = rate(kaarst, "KA2", "Einbürgerungsquote")
    other.topic = "Rechtliche Integration"
    other.save()
    client = client_for(managers["kaarst"])
    by_search = client.get("/admin/monitoring/indicators/?q=Einbürgerung", HTTP_HOST=HOST)
    by_topic = client.get(
        "/admin/monitoring/indicators/?topic=Arbeitsmarkt", HTTP_HOST=HOST
    ).content.decode()
    assert "Kaarster Quote" not in by_search.content.decode()
    assert "Einbürgerungsquote" in by_search.content.decode()
    assert "Kaarster Quote" in by_topic
    assert "Einbürgerungsquote" not in by_topic.split("</thead>", 1)[-1]


def test_foreign_indicator_answers_like_a_missing_one(table, managers):
    client = client_for(managers["kaiserslautern"])
    for view in ("edit", "values", "delete", "history", "usage"):
        foreign = client.get(f"/admin/monitoring/indicators/{view}/{table.pk}/", HTTP_HOST=HOST)
        missing = client.get(f"/admin/monitoring/indicators/{view}/987654/", HTTP_HOST=HOST)
        assert (view, foreign.status_code, missing.status_code) == (view, 404, 404)


def test_create_form_is_german_with_help_and_offers_own_projects_only(projects, managers):
    response = client_for(managers["kaarst"]).get(
        "/admin/monitoring/indicators/add/", HTTP_HOST=HOST
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kürzel" in body and "IntMK/KGSt-Code, wo es einen gibt, z. B. B2a." in body
    assert "Geheimhaltungsschwelle" in body
    assert ">Kaarst<" in body and ">Kaiserslautern<" not in body


def test_manager_creates_an_indicator(projects, managers):
    kaarst, _lautern = projects
    response = client_for(managers["kaarst"]).post(
        "/admin/monitoring/indicators/add/",
        {
            "project": kaarst.pk,
            "code": "B2a",
            "name": "Einbürgerungsquote I",
            "definition": "Einbürgerungen je 100 Ausländer mit 8 Jahren Aufenthalt",
            "unit": "%",
            "decimals": "1",
            "polarity": "higher_better",
            "topic": "Rechtliche Integration",
            "source": "Statistisches Landesamt",
            "update_interval": "yearly",
            "suppression_threshold": "3",
            "classification": "quantiles",
            "classes": "5",
            "manual_breaks": "[]",
            "periods": "1",
        },
        HTTP_HOST=HOST,
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Indicator.objects.get(code="B2a").project == kaarst


# --- values table ------------------------------------------------------------------------------


def test_values_table_shows_hand_checked_cells_with_suppression(table, managers):
    response = client_for(managers["kaarst"]).get(
        f"/admin/monitoring/indicators/values/{table.pk}/", HTTP_HOST=HOST
    )
    body = response.content.decode()
    assert response.status_code == 200
    years = "".join(f'<th scope="col">{year}</th>' for year in range(2018, 2026))
    assert years in body
    assert cells_of(body, "<strong>Kaarst (Stadt)</strong>") == [
        "10,0", "10,5", "11,0", "11,5", "12,0", "12,5", "13,0", "13,5"
    ]  # fmt: skip
    assert cells_of(body, "Nord") == ["", "", "", "", "", "", "11,0", "."]
    assert cells_of(body, "Süd") == ["", "", "", "", "", "", "", "."]
    assert cells_of(body, "West") == ["", "", "", "", "", "", ".", "8,5 p"]
    assert "<code>p</code> vorläufig" in body and "<code>.</code> geheim" in body
    # City series 10.0 + 0.5 per year: slope 0.5 on a first value of 10 is a trend of 5 %,
    # and the linear trend (back-test error 0) continues it exactly.
    assert "Trend 2018–2025: +5,0 % des Anfangswerts je Jahr" in body
    assert "Prognose 2026: 14,0 % (80 %-Intervall 14,0–14,0, 95 %-Intervall 14,0–14,0)" in body
    assert "Prognose 2028: 15,0 %" in body
    assert "Fortschreibung/Extrapolation mit linearer Trend, Werte 2018–2025" in body


def test_values_forecast_starts_after_a_series_break(table, managers):
    IndicatorVersion.objects.create(
        indicator=table, valid_from="2022-01-01", definition="neu", is_break=True
    )
    body = (
        client_for(managers["kaarst"])
        .get(f"/admin/monitoring/indicators/values/{table.pk}/", HTTP_HOST=HOST)
        .content.decode()
    )
    assert "Prognose" not in body
    assert "mindestens 6 Jahreswerte derselben Definition (vorhanden: 4)" in body
    assert "Neue Definition ab 2022" in body


def test_values_table_takes_a_fixed_number_of_queries(table, managers, django_assert_num_queries):
    client = client_for(managers["kaarst"])
    url = f"/admin/monitoring/indicators/values/{table.pk}/"
    client.get(url, HTTP_HOST=HOST)
    with django_assert_num_queries(VALUES_QUERIES):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200
    # More districts and years cost no further query.
    city = table.observations.get(year=2018).district
    for name in ("Ost", "Mitte"):
        district = city.children.create(project=table.project, name=name)
        for year in range(2012, 2018):
            observe(table, district, year, 9.0)
    with django_assert_num_queries(VALUES_QUERIES):
        assert client.get(url, HTTP_HOST=HOST).status_code == 200


# The view's own three (indicator with project, its versions, observations with districts)
# and one scope check of the menu; the rest are session, user, permissions and the admin's
# menu and sidebar.
VALUES_QUERIES = 17


# --- import ------------------------------------------------------------------------------------


def upload(text, name="werte.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), "text/csv")


def test_import_stores_the_file_and_says_how_much(table, managers, projects):
    kaarst, _lautern = projects
    client = client_for(managers["kaarst"])
    response = client.post(
        "/admin/monitoring/import/",
        {
            "project": kaarst.pk,
            "file": upload("Indikator;Raumeinheit;Jahr;Wert\nQ;001;2023;10,4\nQ;Süd;2024;4,5\n"),
        },
        HTTP_HOST=HOST,
        follow=True,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Import von „werte.csv“ in Kaarst abgeschlossen: 2 Werte: 2 neu, 0 geändert" in body
    batch = ImportBatch.objects.get()
    assert (batch.rows, batch.created, batch.imported_by) == (2, 2, managers["kaarst"])
    assert Observation.objects.get(district__name="Nord", year=2023).value == Decimal("10.4")


def test_bad_import_file_names_the_rows_in_german_and_stores_nothing(table, managers, projects):
    kaarst, _lautern = projects
    before = Observation.objects.count()
    response = client_for(managers["kaarst"]).post(
        "/admin/monitoring/import/",
        {
            "project": kaarst.pk,
            "file": upload(
                "Indikator;Raumeinheit;Jahr;Wert\nQ;001;2023;10,4\nXY;001;2023;1\nQ;Mitte;20x;1\n"
            ),
        },
        HTTP_HOST=HOST,
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary" role="alert" tabindex="-1" autofocus' in body
    assert "werte.csv: 3 Fehler – es wurde nichts importiert." in body
    assert "Zeile 3, Indikator: Den Indikator „XY“ gibt es in diesem Projekt nicht" in body
    assert "Zeile 4, Raumeinheit: Die Raumeinheit „Mitte“ gibt es nicht" in body
    assert "Zeile 4, Jahr: „20x“ ist kein Jahr (z. B. 2024)." in body
    assert Observation.objects.count() == before
    assert not ImportBatch.objects.exists()


def test_import_into_a_foreign_project_is_refused(table, managers, projects):
    kaarst, _lautern = projects
    response = client_for(managers["kaiserslautern"]).post(
        "/admin/monitoring/import/",
        {"project": kaarst.pk, "file": upload("Indikator;Raumeinheit;Jahr;Wert\nQ;001;2023;1\n")},
        HTTP_HOST=HOST,
    )
    assert response.status_code == 400
    assert "Bitte eine gültige Auswahl treffen" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_values_rows_follow_the_german_alphabet(table, managers):
    # Umlauts sort like their base letter (DIN 5007-1), not after "z" as in code point order.
    city = table.observations.get(year=2018).district
    district = city.children.create(project=table.project, name="Ährenfeld")
    observe(table, district, 2024, 9.0)
    body = (
        client_for(managers["kaarst"])
        .get(f"/admin/monitoring/indicators/values/{table.pk}/", HTTP_HOST=HOST)
        .content.decode()
    )
    table_html = body[body.index("Werte nach Raumeinheit und Jahr") :].split("</table>")[0]
    rows = re.findall(r'<th scope="row">(.*?)</th>', table_html)
    assert rows == ["<strong>Kaarst (Stadt)</strong>", "Ährenfeld", "Nord", "Süd", "West"]
