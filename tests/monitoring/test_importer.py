"""Import of long and wide CSV/XLSX files: encodings, separators, symbols, errors, re-import."""

import hashlib
import io
from decimal import Decimal

from django.core.management import CommandError, call_command

import pytest

from monitoring.importer import ImportRefused, apply_import, parse_value, read_import
from monitoring.models import Flag, Formula, ImportBatch, Indicator, Observation

LONG_CP1252 = (
    "Indikator;Raumeinheit;Jahr;Wert;Kennzeichen\r\n"
    "AUS;Süd;2023;1.234;\r\n"
    "AUS;001;2023;17,5;p\r\n"
    "AUS;West;2023;.;\r\n"
    "EW;Süd;2023;12000;\r\n"
).encode("cp1252")


def values(indicator):
    return {
        (o.district.name, o.year): (o.value, o.flag)
        for o in Observation.objects.filter(indicator=indicator).select_related("district")
    }


def test_a_long_windows_1252_file_with_decimal_comma_is_read(kaarst, town, foreigners, residents):
    preview = read_import(kaarst, "werte.csv", LONG_CP1252)
    assert preview.errors == []
    assert (preview.layout, preview.file_format, preview.created) == ("long", "csv", 4)
    apply_import(kaarst, preview)
    assert values(foreigners) == {
        ("Süd", 2023): (Decimal("1234"), Flag.OK),
        ("Nord", 2023): (Decimal("17.5"), Flag.PROVISIONAL),
        ("West", 2023): (None, Flag.SECRET),
    }


def test_a_wide_xlsx_file_is_read(kaarst, town, foreigners):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Indikator", "Raumeinheit", 2022, "2023", "2024"])
    sheet.append(["AUS", "Nord", 10, 12.5, None])
    sheet.append(["Ausländerinnen und Ausländer", "Kaarst", 100, "(110)", "–"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = read_import(kaarst, "breit.xlsx", buffer.getvalue())
    assert preview.errors == [] and preview.layout == "wide"
    apply_import(kaarst, preview)
    assert values(foreigners) == {
        ("Nord", 2022): (Decimal("10"), Flag.OK),
        ("Nord", 2023): (Decimal("12.5"), Flag.OK),
        ("Kaarst", 2022): (Decimal("100"), Flag.OK),
        ("Kaarst", 2023): (Decimal("110"), Flag.LIMITED),
        ("Kaarst", 2024): (Decimal("0"), Flag.NOTHING),
    }


def test_a_wide_utf8_file_with_bom_and_commas_is_read(kaarst, town, foreigners):
    content = '\ufeffIndikator,Raumeinheit,2023,2024\nAUS,Süd,"3,5",4\n'.encode()
    preview = read_import(kaarst, "breit.csv", content)
    assert preview.errors == []
    assert [(c.year, c.value) for c in preview.cells] == [
        (2023, Decimal("3.5")),
        (2024, Decimal("4")),
    ]


def test_every_bad_row_gets_a_german_message_and_nothing_is_written(kaarst, town, foreigners):
    content = (
        "Indikator;Raumeinheit;Jahr;Wert\n"
        "XYZ;Nord;2023;1\n"
        "AUS;Mond;2023;1\n"
        "AUS;Nord;zwanzig;1\n"
        "AUS;Nord;2023;viel\n"
        "AUS;Süd;2023;5\n"
        "AUS;süd;2023;6\n"
        "AUS;West;2023;\n"
    ).encode()
    preview = read_import(kaarst, "fehler.csv", content)
    assert [str(e) for e in preview.errors] == [
        "Zeile 2, Indikator: Den Indikator „XYZ“ gibt es in diesem Projekt nicht (Kürzel oder Bezeichnung).",
        "Zeile 3, Raumeinheit: Die Raumeinheit „Mond“ gibt es nicht (amtlicher Schlüssel oder Name).",
        "Zeile 4, Jahr: „zwanzig“ ist kein Jahr (z. B. 2024).",
        "Zeile 5, Wert: „viel“ ist keine Zahl und keines der Zeichen . x / – … der Statistikämter.",
        "Zeile 7: AUS / Süd / 2023 steht schon in Zeile 6.",
        "Zeile 8, Wert: Der Wert fehlt (für geheime Werte bitte „.“ eintragen).",
    ]
    assert not preview.ok
    with pytest.raises(ImportRefused):
        apply_import(kaarst, preview)
    assert Observation.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_an_undecodable_byte_is_named_by_its_line(kaarst, town, foreigners):
    content = b"Indikator;Raumeinheit;Jahr;Wert\nAUS;Nord;2023;1\nAUS;N\x07rd;2023;2\n"
    preview = read_import(kaarst, "kaputt.csv", content)
    assert len(preview.errors) == 1
    assert str(preview.errors[0]).startswith(
        "Datei: Zeile 3: Die Datei lässt sich nicht als Text lesen"
    )


def test_missing_columns_and_unknown_formats_are_explained(kaarst, town):
    preview = read_import(kaarst, "x.csv", b"Name;Wert\nA;1\n")
    assert "Es fehlen die Spalten „Indikator“, „Raumeinheit“" in str(preview.errors[0])
    preview = read_import(kaarst, "x.pdf", b"%PDF")
    assert str(preview.errors[0]) == "Datei: Dateiformat nicht unterstützt: bitte CSV oder XLSX."
    preview = read_import(kaarst, "x.xlsx", b"not a zip")
    assert str(preview.errors[0]) == "Datei: Die XLSX-Datei lässt sich nicht lesen."


def test_a_corrected_file_updates_instead_of_duplicating(kaarst, town, foreigners, residents):
    first = apply_import(kaarst, read_import(kaarst, "werte.csv", LONG_CP1252))
    assert (first.created, first.updated, first.unchanged) == (4, 0, 0)
    assert first.sha256 == hashlib.sha256(LONG_CP1252).hexdigest()
    corrected = LONG_CP1252.replace(b"17,5;p", b"18,0;")
    second = apply_import(kaarst, read_import(kaarst, "werte.csv", corrected))
    assert (second.created, second.updated, second.unchanged) == (0, 1, 3)
    assert Observation.objects.count() == 4
    north = Observation.objects.get(indicator=foreigners, district__name="Nord")
    assert (north.value, north.flag, north.batch) == (Decimal("18"), Flag.OK, second)
    assert ImportBatch.objects.filter(project=kaarst).count() == 2


def test_an_import_recomputes_the_indicators_built_on_it(kaarst, town, foreigners, residents):
    share = Indicator.objects.create(
        project=kaarst,
        code="A1",
        name="Anteil",
        definition="d",
        unit="%",
        topic="t",
        source="s",
        formula=Formula.PERCENT,
        base_a=foreigners,
        base_b=residents,
    )
    apply_import(kaarst, read_import(kaarst, "werte.csv", LONG_CP1252))
    cell = Observation.objects.get(indicator=share)
    assert (cell.district.name, cell.value, cell.numerator, cell.denominator) == (
        "Süd",
        Decimal("10.283333"),
        Decimal("1234"),
        Decimal("12000"),
    )
    refused = read_import(kaarst, "a.csv", b"Indikator;Raumeinheit;Jahr;Wert\nA1;Nord;2023;5\n")
    assert "wird aus anderen Indikatoren berechnet" in str(refused.errors[0])


def test_another_projects_indicators_are_unknown(other, kaarst, town, foreigners):
    from tests.monitoring.conftest import make_town

    make_town(other)
    preview = read_import(other, "werte.csv", b"Indikator;Raumeinheit;Jahr;Wert\nAUS;Nord;2023;5\n")
    assert "Den Indikator „AUS“ gibt es in diesem Projekt nicht" in str(preview.errors[0])


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("1.234,5", (Decimal("1234.5"), Flag.OK)),
        ("1.234", (Decimal("1234"), Flag.OK)),
        ("12.5", (Decimal("12.5"), Flag.OK)),
        ("-3,25", (Decimal("-3.25"), Flag.OK)),
        ("x", (None, Flag.LOCKED)),
        ("/", (None, Flag.UNCERTAIN)),
        ("…", (None, Flag.UNKNOWN)),
        ("4s", (Decimal("4"), Flag.ESTIMATED)),
        (7, (Decimal("7"), Flag.OK)),
        ("", (None, None)),
    ],
)
def test_cells_are_read_with_the_offices_symbols(cell, expected):
    assert parse_value(cell) == expected


def test_the_command_imports_and_refuses(tmp_path, kaarst, town, foreigners, residents):
    good = tmp_path / "werte.csv"
    good.write_bytes(LONG_CP1252)
    out = io.StringIO()
    call_command("import_indicators", str(good), project="kaarst", dry_run=True, stdout=out)
    assert "4 Werte: 4 neu, 0 geändert, 0 unverändert" in out.getvalue()
    assert Observation.objects.count() == 0
    call_command("import_indicators", str(good), project="kaarst", stdout=out)
    assert Observation.objects.count() == 4
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Indikator;Raumeinheit;Jahr;Wert\nAUS;Nord;2023;viel\n")
    with pytest.raises(CommandError, match="nichts importiert"):
        call_command(
            "import_indicators", str(bad), project="kaarst", stdout=out, stderr=io.StringIO()
        )
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_indicators", str(good), project="nirgendwo")
