"""The subject access export: README, daten.json and one formula-safe CSV per kind."""

import csv
import io
import json
import zipfile

from django.core.management import call_command
from django.core.management.base import CommandError

from wagtail.contrib.forms.models import FormSubmission

import pytest

from network.models import Contact
from tests.privacy.conftest import EMAIL, NAME, PHONE


def read_zip(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


@pytest.fixture
def export(erika, projects, tmp_path):
    contact = erika["contact"]
    contact.notes = '=HYPERLINK("http://x")'
    contact.save()
    FormSubmission.objects.create(
        page=projects["kaarst_pages"]["contact"],
        form_data={"name": NAME, "e_mail": EMAIL, "nachricht": "Hallo"},
    )
    Contact.objects.create(project=projects["kl"], name="Karl Lauterer", email=EMAIL)
    path = tmp_path / "auskunft.zip"
    call_command(
        "export_personal_data",
        project="kaarst",
        email=EMAIL.upper(),
        output=str(path),
        stdout=io.StringIO(),
    )
    return read_zip(path)


def test_the_zip_holds_readme_json_and_one_csv_per_kind(export):
    assert sorted(export) == [
        "README.md",
        "daten.json",
        "kontakte.csv",
        "kontaktformular.csv",
        "team.csv",
        "zugehoerigkeiten.csv",
    ]


def test_daten_json_lists_the_records_with_german_labels(export):
    data = json.loads(export["daten.json"])
    (contact,) = data["kontakte"]
    assert {key: contact[key] for key in ("Name", "E-Mail", "Telefon", "Einwilligung am")} == {
        "Name": NAME,
        "E-Mail": EMAIL,
        "Telefon": PHONE,
        "Einwilligung am": "2026-03-02",
    }
    assert contact["Einwilligung eingeholt"] == "schriftlich"
    assert data["zugehoerigkeiten"] == [
        {"Funktion": "Vorsitz", "von": "", "bis": "", "institution": "Sprachtreff Kaarst e. V."}
    ]
    (message,) = data["kontaktformular"]
    assert json.loads(message["angaben"]) == {"e_mail": EMAIL, "name": NAME, "nachricht": "Hallo"}


def test_the_other_projects_contact_of_the_same_address_is_not_exported(export):
    assert "Karl Lauterer" not in export["daten.json"]
    assert len(json.loads(export["daten.json"])["kontakte"]) == 1


def test_csv_cells_never_run_as_formulas(export):
    rows = list(csv.reader(io.StringIO(export["kontakte.csv"]), delimiter=";"))
    assert rows[0][:5] == ["Name", "E-Mail", "Telefon", "Sprachen", "Notizen"]
    assert rows[1][4] == '\'=HYPERLINK("http://x")'


def test_readme_explains_each_kind_and_field_in_german(export):
    readme = export["README.md"]
    assert "## Kontaktpersonen im Netzwerk (`kontakte.csv`, 1 Datensätze)" in readme
    assert "- Rechtsgrundlage: Art. 6 Abs. 1 lit. a DSGVO (Einwilligung im Formular)" in readme
    assert "- Zweck der Einwilligung" in readme


def test_bad_output_gets_a_german_message(projects, tmp_path):
    with pytest.raises(CommandError, match="muss auf .zip enden"):
        call_command(
            "export_personal_data", project="kaarst", email=EMAIL, output=str(tmp_path / "a.txt")
        )
