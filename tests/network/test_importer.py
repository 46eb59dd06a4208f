"""Import from CSV/XLSX: matching by name, all-or-nothing, bad rows named in German."""

import io
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError

import pytest
from openpyxl import Workbook

from network.importer import import_network, normalise_header
from network.models import Contact, Cooperation, Institution, Membership, NetworkLogEntry

EXAMPLES = Path(__file__).resolve().parents[2] / "network" / "examples"


def example(name):
    return (name, (EXAMPLES / name).read_bytes())


def csv_file(name, text):
    return (name, text.encode("utf-8"))


def test_headers_are_normalised():
    assert normalise_header(" Gültig ab ") == "gueltig_ab"
    assert normalise_header("E-Mail") == "email"
    assert normalise_header("Öffentlich") == "oeffentlich"


def test_example_csv_files_import_into_project(kaarst, superuser):
    files = [example("kooperationen.csv"), example("institutionen.csv"), example("kontakte.csv")]
    report = import_network(kaarst, files, user=superuser)
    assert report.errors == []
    assert report.created == {"institutions": 3, "contacts": 2, "cooperations": 3}
    fz = Institution.objects.get(project=kaarst, name="Familienzentrum Büttgen")
    assert (fz.type.name, fz.district.name, fz.public) == ("Kita", "Büttgen", True)
    assert sorted(s.name for s in fz.sectors.all()) == ["Bildung", "Jugend"]
    assert str(fz.latitude) == "51.205100"
    referral = Cooperation.objects.get(type="weitervermittlung")
    assert (referral.source, referral.target, referral.provenance) == (
        fz,
        Institution.objects.get(name="Sprachcafé Vorst"),
        "import",
    )
    ended = Cooperation.objects.get(type="raumnutzung")
    assert (ended.status, ended.confirmed, str(ended.valid_to)) == ("beendet", False, "2024-12-31")
    mira = Contact.objects.get(name="Mira Beispiel")
    assert (str(mira.consent_date), mira.consent_method) == ("2024-03-15", "schriftlich")
    assert Membership.objects.get(contact=mira).role == "Leitung"
    assert NetworkLogEntry.objects.filter(action="wagtail.create", user=superuser).count() == 8


def test_importing_again_changes_nothing_and_matches_names_ignoring_case(kaarst):
    files = [example("institutionen.csv"), example("kontakte.csv"), example("kooperationen.csv")]
    import_network(kaarst, files)
    again = import_network(kaarst, files)
    assert again.errors == []
    assert again.created == {"institutions": 0, "contacts": 0, "cooperations": 0}
    assert again.updated == {"institutions": 0, "contacts": 0, "cooperations": 0}
    assert again.unchanged == {"institutions": 3, "contacts": 2, "cooperations": 3}
    assert again.preview == {"institutions": [], "contacts": [], "cooperations": []}
    upper = csv_file("institutionen.csv", "Name;Beschreibung\n  FAMILIENZENTRUM büttgen ;neu\n")
    assert import_network(kaarst, [upper]).created["institutions"] == 0
    assert Institution.objects.filter(project=kaarst).count() == 3
    assert Institution.objects.get(name="Familienzentrum Büttgen").description == "neu"


def test_xlsx_workbook_imports_all_three_sheets(kaarst):
    report = import_network(kaarst, [example("netzwerk.xlsx")])
    assert report.errors == []
    assert report.created == {"institutions": 3, "contacts": 2, "cooperations": 3}
    assert str(Cooperation.objects.get(type="kooperation").valid_from) == "2023-05-01"


def test_one_bad_row_rolls_back_everything_and_is_named(kaarst):
    version = kaarst.data_version
    institutions = csv_file(
        "institutionen.csv",
        "Name;Typ;Öffentlich\nVerein A;Verein;ja\nVerein B;Verein;vielleicht\nVerein C;;nein\n",
    )
    cooperations = csv_file(
        "kooperationen.csv",
        "Quelle;Ziel;Art;Intensität\n"
        "Verein A;Verein C;Informationsaustausch;2\n"
        "Verein A;Verein Z;Kooperation;3\n"
        "Verein A;Verein A;Sponsoring;9\n",
    )
    report = import_network(kaarst, [institutions, cooperations])
    assert [str(e) for e in report.errors] == [
        "institutionen.csv, Zeile 3, Spalte „Öffentlich“: „vielleicht“ ist weder „ja“ noch „nein“.",
        "kooperationen.csv, Zeile 3, Spalte „Ziel“: "
        "Die Institution „Verein Z“ gibt es in diesem Projekt nicht.",
        "kooperationen.csv, Zeile 4, Spalte „Art“: Unbekannte Art „Sponsoring“. Erlaubt: "
        "Kooperation/Projektpartnerschaft, Informationsaustausch, Weitervermittlung, "
        "Förderung/Finanzierung, Raumnutzung, Gremium/gemeinsames Netzwerk.",
    ]
    assert not Institution.objects.filter(project=kaarst).exists()
    assert not Cooperation.objects.exists()
    kaarst.refresh_from_db()
    assert kaarst.data_version == version


def test_model_validation_errors_point_at_the_column(kaarst):
    files = [
        csv_file("i.csv", "Name\nVerein A\nVerein B\n"),
        csv_file(
            "kooperationen.csv",
            "Quelle;Ziel;Art;Gültig ab;Gültig bis\n"
            "Verein A;Verein A;Kooperation;;\n"
            "Verein A;Verein B;Kooperation;01.02.2024;01.01.2024\n"
            "Verein A;Verein B;Raumnutzung;;\n"
            "Verein B;Verein A;Raumnutzung;;\n",
        ),
    ]
    report = import_network(kaarst, files)
    assert [(e.row, e.column, e.message) for e in report.errors] == [
        (2, "Ziel", "Eine Kooperation verbindet zwei verschiedene Institutionen."),
        (3, "Gültig bis", "„gültig bis“ darf nicht vor „gültig ab“ liegen."),
        (5, "Quelle", "Doppelt: steht schon in kooperationen.csv, Zeile 4."),
    ]


def test_missing_required_column_and_unknown_column_are_reported(kaarst):
    report = import_network(kaarst, [csv_file("kooperationen.csv", "Quelle;Art;Farbe\nA;B;rot\n")])
    assert sorted(str(e) for e in report.errors) == [
        "kooperationen.csv, Zeile 1, Spalte „Farbe“: Unbekannte Spalte für Kooperationen.",
        "kooperationen.csv, Zeile 1, Spalte „Ziel“: Pflichtspalte fehlt.",
    ]


def test_dry_run_validates_but_keeps_nothing(kaarst):
    report = import_network(kaarst, [example("institutionen.csv")], dry_run=True)
    assert (report.ok, report.applied) == (True, False)
    assert report.created["institutions"] == 3
    assert not Institution.objects.exists()


def test_command_imports_and_fails_loudly(kaarst, tmp_path):
    out = io.StringIO()
    call_command(
        "import_network", "--project", "kaarst", str(EXAMPLES / "institutionen.csv"), stdout=out
    )
    assert "Institutionen: 3 neu, 0 aktualisiert" in out.getvalue()
    bad = tmp_path / "kooperationen.csv"
    bad.write_text("Quelle;Ziel;Art\nFamilienzentrum Büttgen;Nirgendwo;Kooperation\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 Fehler – es wurde nichts importiert."):
        call_command("import_network", "--project", "kaarst", str(bad), "--dry-run", stderr=err)
    assert "Zeile 2, Spalte „Ziel“" in err.getvalue()


def test_unknown_file_type_is_reported(kaarst):
    report = import_network(kaarst, [("liste.pdf", b"%PDF")])
    assert [str(e) for e in report.errors] == [
        "liste.pdf: Dateiformat nicht unterstützt: bitte CSV oder XLSX."
    ]


def test_cp850_csv_imports_with_exact_umlauts(kaarst):
    text = "Name;Stadtteil\r\nBürgerhaus Büttgen;Büttgen\r\nFörderverein Straße e. V.;Vorst\r\n"
    report = import_network(kaarst, [("institutionen.csv", text.encode("cp850"))])
    assert report.errors == []
    assert sorted(
        Institution.objects.filter(project=kaarst).values_list("name", "district__name")
    ) == [("Bürgerhaus Büttgen", "Büttgen"), ("Förderverein Straße e. V.", "Vorst")]


def test_undecodable_csv_is_refused_naming_the_line(kaarst):
    content = b"Name\nKita\n" + bytes(range(0x80, 0x100)) * 3
    report = import_network(kaarst, [("institutionen.csv", content)])
    assert [str(e) for e in report.errors] == [
        "institutionen.csv: Zeile 3: Die Datei lässt sich nicht als Text lesen (weder UTF-8, "
        "UTF-16, Windows-1252 noch DOS-850). Bitte in der Tabellenkalkulation als „CSV UTF-8“ "
        "speichern und erneut hochladen."
    ]
    assert not Institution.objects.filter(project=kaarst).exists()


def test_xlsx_with_numbers_and_dates(kaarst):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Institutionen"
    sheet.append(["Name", "Breitengrad", "Längengrad"])
    sheet.append(["Zahlenverein", 49.4447, 7.7690])
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = import_network(kaarst, [("daten.xlsx", buffer.getvalue())])
    assert report.errors == []
    assert str(Institution.objects.get().longitude) == "7.769000"


def test_preview_lists_each_changed_field_and_flags_public(kaarst):
    import_network(kaarst, [example("institutionen.csv"), example("kooperationen.csv")])
    changed = csv_file(
        "institutionen.csv",
        "Name;Typ;Breitengrad;Öffentlich;Handlungsfelder\n"
        "Familienzentrum Büttgen;Kita;51.2051;nein;Bildung, Jugend, Sport\n"
        "Sprachcafé Vorst;;;;\n",
    )
    report = import_network(kaarst, [changed], dry_run=True)
    assert report.errors == []
    assert (report.created["institutions"], report.updated["institutions"]) == (0, 1)
    assert report.unchanged["institutions"] == 1
    assert report.preview["institutions"] == [
        {
            "row": 2,
            "name": "Familienzentrum Büttgen",
            "created": False,
            "changes": [
                {"field": "public", "label": "Öffentlich", "old": "ja", "new": "nein"},
                {
                    "field": "sectors",
                    "label": "Handlungsfelder",
                    "old": "Bildung; Jugend",
                    "new": "Bildung; Jugend; Sport",
                },
            ],
        }
    ]
    assert report.summary_lines() == [
        "Institutionen: würde 0 neu anlegen und 1 ändern, 1 unverändert",
        "Achtung, „Öffentlich“ würde sich bei 1 Institution ändern: "
        "Familienzentrum Büttgen (ja → nein)",
    ]
    assert Institution.objects.get(name="Familienzentrum Büttgen").public is True


def test_cooperation_changes_show_old_and_new_value(kaarst):
    import_network(kaarst, [example("institutionen.csv"), example("kooperationen.csv")])
    text = (EXAMPLES / "kooperationen.csv").read_bytes().decode("utf-8-sig")
    header, first, *rest = text.strip().splitlines()
    columns = header.split(";")
    cells = first.split(";")
    cells[columns.index("Intensität")] = "1"
    report = import_network(
        kaarst, [csv_file("kooperationen.csv", "\n".join([header, ";".join(cells)]))], dry_run=True
    )
    assert report.errors == []
    [row] = report.preview["cooperations"]
    old = first.split(";")[columns.index("Intensität")]
    assert row["changes"] == [{"field": "intensity", "label": "Intensität", "old": old, "new": "1"}]


def test_failed_import_reports_what_would_have_happened_and_nothing_as_done(kaarst, tmp_path):
    bad = tmp_path / "institutionen.csv"
    bad.write_text("Name;Öffentlich\nVerein A;ja\nVerein B;vielleicht\n")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 Fehler – es wurde nichts importiert."):
        call_command("import_network", "--project", "kaarst", str(bad), stdout=out, stderr=err)
    assert out.getvalue().splitlines() == [
        "Institutionen: würde 1 neu anlegen und 0 ändern, 0 unverändert"
    ]
    assert "neu, " not in out.getvalue()
    assert not Institution.objects.exists()
