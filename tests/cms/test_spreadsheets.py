"""Every CSV/XLSX export survives hostile text: formulas defused, control characters gone."""

import csv
import inspect
import io
import json
import re
import uuid
import zipfile

from django.urls import URLResolver, get_resolver, reverse

from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.search_promotions.models import Query

import networkx as nx
import pytest
from openpyxl import load_workbook

from cms.models import ContactPage, FormField
from cms.spreadsheets import clean_data, neutralise, strip_control
from network.models import Cooperation, Institution
from surveys.models import Survey, SurveyStatus
from surveys.services import submit_response
from tests.surveys.conftest import add_questions, make_project, make_user, publish

#: hostile text → what a spreadsheet cell must hold
HOSTILE = {
    '=HYPERLINK("http://evil.example";"Klick")': '\'=HYPERLINK("http://evil.example";"Klick")',
    "+49 2131 1234": "'+49 2131 1234",
    "-3 Grad": "'-3 Grad",
    "@SUMME(A1)": "'@SUMME(A1)",
    "\t=1+1": "'\t=1+1",
    "  =2+2": "'  =2+2",
    "Esc\x1b[31mrot": "Esc[31mrot",
}
#: the search-terms report stores queries lower-cased
HOSTILE_QUERIES = {
    '=hyperlink("http://evil.example")': '\'=hyperlink("http://evil.example")',
    "@summe(a1)": "'@summe(a1)",
    "-3 grad\x1b": "'-3 grad",
}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_neutralise_defuses_text_and_keeps_numbers():
    assert [neutralise(value) for value in HOSTILE] == list(HOSTILE.values())
    assert neutralise("\rx") == "'\rx"
    assert neutralise("\n@x") == "'\n@x"
    assert neutralise("Kita Sonnenschein") == "Kita Sonnenschein"
    assert neutralise("e-mail@example.org") == "e-mail@example.org"
    assert neutralise(-3) == -3
    assert neutralise(-0.5) == -0.5
    assert neutralise(None) is None
    assert neutralise(neutralise("=1")) == "'=1"


def test_strip_control_keeps_tab_newline_and_umlauts():
    assert strip_control("Bü\x00ro\x07\t\r\nOst\x7f\x85ß") == "Büro\t\r\nOstß"
    assert clean_data([{"a\x1b": ["x\x1by", 3, None, True]}]) == [{"a": ["xy", 3, None, True]}]
    # the null character stays for the fields, which refuse it with a German message
    assert clean_data(["a\x00\x1b"]) == ["a\x00"]


# --- the exports the product serves ----------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            yield from _walk(
                pattern.url_patterns,
                prefix + str(pattern.pattern),
                f"{namespace}{inner}:" if inner else namespace,
            )
        else:
            yield prefix + str(pattern.pattern), f"{namespace}{pattern.name}", pattern.callback


def _source(view):
    try:
        return inspect.getsource(inspect.unwrap(view))
    except (OSError, TypeError):
        return ""


def discovered_exports():
    """URL names of every view that writes a file: Wagtail's spreadsheet exports with
    columns, every route that names a CSV, XLSX, export or submissions list, and every view
    whose code sends an attachment."""
    found = set()
    for route, name, callback in _walk(get_resolver().url_patterns):
        view_class = getattr(callback, "view_class", None)
        if view_class and issubclass(view_class, SpreadsheetExportMixin):
            if view_class.list_export:
                found.add(name)
        elif re.search(r"csv|xlsx|export|submissions", route, re.IGNORECASE) or re.search(
            r"attachment|Content-Disposition|FileResponse", _source(view_class or callback)
        ):
            found.add(name)
    return found


#: Every export, classified: how it is fetched in the hostile test below. A new export fails
#: ``test_every_export_is_classified`` until it is listed here (and so checked).
EXPORTS = {
    "network-analysis:export": "network API: csv (zip), xlsx, graphml, gexf, json",
    "surveys_export_csv": "survey responses CSV",
    "surveys_export_xlsx": "survey responses XLSX",
    "surveys_results_xlsx": "survey results XLSX",
    "surveys_invitations": "invitation links CSV (POST)",
    "wagtailforms:list_submissions": "contact-form submissions CSV and XLSX",
    "wagtailforms:list_submissions_results": "same view as list_submissions",
    "wagtailforms:delete_submissions": "no file: deletes submissions",
    "wagtailsearchpromotions:search_terms": "search-terms report CSV and XLSX",
    "wagtailsearchpromotions:search_terms_results": "same view as search_terms",
    **{
        f"wagtailadmin_reports:{name}{suffix}": "Wagtail report CSV and XLSX"
        for name in ("locked_pages", "workflow", "workflow_tasks", "site_history", "aging_pages")
        for suffix in ("", "_results")
    },
    "wagtailredirects:index": "redirects CSV and XLSX",
    "wagtailredirects:index_results": "same view as index",
    "wagtail_localize:download_pofile": "no spreadsheet: PO file of a translation",
    "wagtailimages:preview": "no spreadsheet: image",
    "wagtaildocs_serve": "no spreadsheet: an uploaded document as it is",
    "api-schema": "no spreadsheet: OpenAPI schema",
}


@pytest.mark.django_db
def test_every_export_is_classified():
    assert discovered_exports() == set(EXPORTS)


def _csv_cells(text, delimiter):
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def _xlsx_cells(content):
    workbook = load_workbook(io.BytesIO(content))
    return [
        value for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row
    ]


def _is_number(text):
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def assert_safe(cells, numbers_as_text=False):
    """No text cell holds a control character or starts (after blanks) as a formula."""
    for cell in cells:
        if not isinstance(cell, str):
            continue
        assert not CONTROL.search(cell), repr(cell)
        if cell.lstrip().startswith(("=", "+", "-", "@")) or cell.startswith(("\t", "\r")):
            assert cell.startswith("'") or (numbers_as_text and _is_number(cell)), repr(cell)


@pytest.fixture
def hostile(db):
    """A project whose institutions, survey answers, messages and search terms are hostile."""
    project = make_project("kaarst", "Kaarst")
    admin = make_user("admin", superuser=True)
    institutions = [
        Institution.objects.create(project=project, name=name, longitude=-6.6, latitude=51.2)
        for name in HOSTILE
    ]
    for source, target in zip(institutions, institutions[1:], strict=False):
        Cooperation.objects.create(project=project, source=source, target=target, intensity=3)
    survey = Survey.objects.create(
        project=project, title="=Umfrage", status=SurveyStatus.OPEN, min_group_size=1
    )
    add_questions(
        survey,
        [("kurztext", "notiz", "Notiz?", {}), ("zahl", "temperatur", "Temperatur?", {})],
    )
    for text in HOSTILE:
        submit_response(
            survey, {"notiz": text, "temperatur": "-3"}, submission_key=str(uuid.uuid4())
        )
    publish(survey)
    home = project.site.root_page
    contact = home.add_child(instance=ContactPage(title="Kontakt", slug="kontakt"))
    FormField.objects.create(
        page=contact, sort_order=0, label="Nachricht", field_type="multiline", locale=contact.locale
    )
    for text in HOSTILE:
        FormSubmission.objects.create(page=contact, form_data={"nachricht": text})
    for text in HOSTILE_QUERIES:
        Query.get(text).add_hit()
    return {"project": project, "admin": admin, "survey": survey, "contact": contact}


@pytest.mark.django_db
def test_hostile_text_is_defused_in_every_export(client, hostile):
    client.force_login(hostile["admin"])
    survey, contact = hostile["survey"], hostile["contact"]
    expected = set(HOSTILE.values())

    def get(url, **params):
        response = client.get(url, params)
        assert response.status_code == 200, url
        return b"".join(response.streaming_content) if response.streaming else response.content

    export = "/api/v1/projects/kaarst/network/export/{}/"
    archive = zipfile.ZipFile(io.BytesIO(get(export.format("csv"))))
    for name in archive.namelist():
        cells = _csv_cells(archive.read(name).decode("utf-8-sig"), ",")
        assert_safe(cells, numbers_as_text=True)
        assert expected <= set(cells), name
    # CSV holds text only: a negative coordinate is written as text and defused like any other.
    assert "'-6.600000" in _csv_cells(archive.read("institutionen.csv").decode("utf-8-sig"), ",")

    cells = _xlsx_cells(get(export.format("xlsx")))
    assert_safe(cells)
    assert expected <= set(cells)
    assert -6.6 in cells

    for file_format, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        graph = read(io.BytesIO(get(export.format(file_format))))
        names = {data["name"] for _node, data in graph.nodes(data=True)}
        assert names == {strip_control(name) for name in HOSTILE}, file_format
    assert json.loads(get(export.format("json")))

    cells = _csv_cells(
        get(reverse("surveys_export_csv", args=[survey.pk])).decode("utf-8-sig"), ";"
    )
    assert_safe(cells, numbers_as_text=True)
    assert expected <= set(cells)
    assert cells.count("-3") == len(HOSTILE)

    cells = _xlsx_cells(get(reverse("surveys_export_xlsx", args=[survey.pk])))
    assert_safe(cells)
    assert expected <= set(cells)
    assert [cell for cell in cells if cell == -3] == [-3] * len(HOSTILE)
    assert all(isinstance(cell, int) for cell in cells if cell == -3)

    cells = _xlsx_cells(get(reverse("surveys_results_xlsx", args=[survey.pk])))
    assert_safe(cells)
    assert expected <= set(cells)
    assert "'=Umfrage" in cells

    response = client.post(
        reverse("surveys_invitations", args=[survey.pk]), {"count": "0", "per_institution": "on"}
    )
    assert response.status_code == 200
    cells = _csv_cells(response.content.decode("utf-8-sig"), ";")
    assert_safe(cells)
    assert expected <= set(cells)

    submissions = reverse("wagtailforms:list_submissions", args=[contact.pk])
    cells = _csv_cells(get(submissions, export="csv").decode("utf-8"), ",")
    assert_safe(cells)
    assert expected <= set(cells)
    cells = _xlsx_cells(get(submissions, export="xlsx"))
    assert_safe(cells)
    assert expected <= set(cells)

    terms = reverse("wagtailsearchpromotions:search_terms")
    for export_format, read in (
        ("csv", lambda b: _csv_cells(b.decode(), ",")),
        ("xlsx", _xlsx_cells),
    ):
        cells = read(get(terms, export=export_format))
        assert_safe(cells)
        assert set(HOSTILE_QUERIES.values()) <= set(cells), export_format

    for name in ("locked_pages", "workflow", "workflow_tasks", "site_history", "aging_pages"):
        url = reverse(f"wagtailadmin_reports:{name}")
        assert_safe(_csv_cells(get(url, export="csv").decode(), ","))
        assert_safe(_xlsx_cells(get(url, export="xlsx")))
    url = reverse("wagtailredirects:index")
    assert_safe(_csv_cells(get(url, export="csv").decode(), ","))
    assert_safe(_xlsx_cells(get(url, export="xlsx")))


# --- input: control characters never stored --------------------------------------------------


@pytest.mark.django_db
def test_contact_form_stores_message_without_control_characters(client, hostile):
    from cms.spam import sign_timestamp

    FormSubmission.objects.all().delete()
    data = {
        "nachricht": "Hallo\x1b[2J Welt\x07\r\nZeile 2",
        "consent": "on",
        "website": "",
        "form_started": sign_timestamp(),
    }
    response = client.post("/kontakt/", data, headers={"host": "kaarst.localhost"})
    assert response.status_code == 200
    assert FormSubmission.objects.get().get_data()["nachricht"] == "Hallo[2J Welt\r\nZeile 2"


@pytest.mark.django_db
@pytest.mark.parametrize("body_format", ["json", "multipart"])
def test_api_stores_names_without_control_characters(hostile, body_format):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(hostile["admin"])
    response = api.post(
        "/api/v1/projects/kaarst/institutions/",
        {"name": "Kita\x1b Ost\x07", "short_name": "K\x7fO"},
        format=body_format,
    )
    assert response.status_code == 201, response.content
    assert response.json()["name"] == "Kita Ost"
    institution = Institution.objects.get(pk=response.json()["id"])
    assert (institution.name, institution.short_name) == ("Kita Ost", "KO")
