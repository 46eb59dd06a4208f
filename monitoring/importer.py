"""Import of indicator values from CSV and XLSX files as statistics offices deliver them.

Two layouts are read:

* **long**: one row per value, columns ``Indikator; Raumeinheit; Jahr; Wert`` and optionally
  ``Zähler``, ``Nenner``, ``Kennzeichen``;
* **wide**: ``Indikator; Raumeinheit`` and one column per year (``2012; 2013; …``).

The indicator is found by its code (or name), the spatial unit by its official key (or
name). CSV files may be UTF-8 (with or without byte-order mark), Windows-1252 or DOS-850
(``cms.textfiles.decode_text``), separated by ``;`` or ``,``, with decimal comma. A cell
may carry the offices' symbols instead of a number (``.`` geheim, ``x`` gesperrt, ``/``
nicht sicher genug, ``–`` nichts vorhanden, ``…`` unbekannt), a number in parentheses
(Aussagewert eingeschränkt) or a number followed by ``p`` (vorläufig) or ``s`` (geschätzt).

:func:`read_import` parses and checks the whole file against the database and reports
every problem by line; :func:`apply_import` writes all of it in one transaction, or
nothing. Importing a corrected file again updates the cells it names instead of adding
duplicates; each applied file leaves an :class:`~monitoring.models.ImportBatch` with its
SHA-256.
"""

import codecs
import csv
import dataclasses
import hashlib
import io
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from cms.textfiles import LEGACY_ENCODINGS, decode_text
from monitoring.computed import recompute_dependants
from monitoring.models import Flag, ImportBatch, Indicator, Observation
from network.models import District

__all__ = ["ImportRefused", "ImportPreview", "apply_import", "parse_value", "read_import"]

MAX_ERRORS = 200
LONG = "long"
WIDE = "wide"

HEADER_ALIASES = {
    "indikator": "indicator",
    "indikatorkuerzel": "indicator",
    "kuerzel": "indicator",
    "code": "indicator",
    "raumeinheit": "unit",
    "stadtteil": "unit",
    "ortsbezirk": "unit",
    "bezirk": "unit",
    "schluessel": "unit",
    "raumeinheit_schluessel": "unit",
    "jahr": "year",
    "wert": "value",
    "zaehler": "numerator",
    "nenner": "denominator",
    "kennzeichen": "flag",
}

#: The offices' symbols for cells without a value.
SYMBOLS = {
    ".": Flag.SECRET,
    "x": Flag.LOCKED,
    "/": Flag.UNCERTAIN,
    "–": Flag.NOTHING,
    "-": Flag.NOTHING,
    "—": Flag.NOTHING,
    "…": Flag.UNKNOWN,
    "...": Flag.UNKNOWN,
}

FLAG_WORDS = {
    "": Flag.OK,
    "ok": Flag.OK,
    "p": Flag.PROVISIONAL,
    "vorlaeufig": Flag.PROVISIONAL,
    "s": Flag.ESTIMATED,
    "geschaetzt": Flag.ESTIMATED,
    "( )": Flag.LIMITED,
    "()": Flag.LIMITED,
    "eingeschraenkt": Flag.LIMITED,
    "/": Flag.UNCERTAIN,
    ".": Flag.SECRET,
    "geheim": Flag.SECRET,
    "x": Flag.LOCKED,
    "gesperrt": Flag.LOCKED,
    "–": Flag.NOTHING,
    "-": Flag.NOTHING,
    "…": Flag.UNKNOWN,
    "unbekannt": Flag.UNKNOWN,
    "|": Flag.BREAK,
    "reihenbruch": Flag.BREAK,
}

THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
YEAR = re.compile(r"^(19|20)\d\d$")


class ImportRefused(ValueError):
    """The import cannot be applied (it has errors)."""


def _normalise(text):
    text = str(text or "").strip().lower()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    key = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return HEADER_ALIASES.get(key, key)


def _key(text):
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


def _number(text):
    """A Decimal from German or international notation; raises ValueError."""
    text = text.replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    if "," in text and "." in text:
        text = text.replace(".", "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif THOUSANDS.match(text):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number


def parse_value(cell):
    """(value, flag) of one cell; raises ``ValueError`` with a German message.

    >>> parse_value("1.234,5")
    (Decimal('1234.5'), Flag.OK)
    >>> parse_value("12,3p")
    (Decimal('12.3'), Flag.PROVISIONAL)
    >>> parse_value("(7)")
    (Decimal('7'), Flag.LIMITED)
    >>> parse_value(".")
    (None, Flag.SECRET)
    >>> parse_value("–")
    (Decimal('0'), Flag.NOTHING)
    """
    if cell is None:
        return None, None
    if isinstance(cell, bool):
        raise ValueError(_("„%s“ ist keine Zahl.") % cell)
    if isinstance(cell, int | float):
        return Decimal(str(cell)), Flag.OK
    text = str(cell).strip()
    if not text:
        return None, None
    if text in SYMBOLS:
        flag = SYMBOLS[text]
        return (Decimal(0) if flag == Flag.NOTHING else None), flag
    flag = Flag.OK
    if text.startswith("(") and text.endswith(")"):
        text, flag = text[1:-1].strip(), Flag.LIMITED
    elif text[-1:].lower() in ("p", "s") and len(text) > 1:
        flag = Flag.PROVISIONAL if text[-1].lower() == "p" else Flag.ESTIMATED
        text = text[:-1].strip()
    try:
        return _number(text), flag
    except ValueError:
        raise ValueError(
            _("„%s“ ist keine Zahl und keines der Zeichen . x / – … der Statistikämter.")
            % str(cell).strip()
        ) from None


def _plain_number(cell, label):
    if cell in (None, ""):
        return None
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return Decimal(str(cell))
    try:
        return _number(str(cell).strip())
    except ValueError:
        raise ValueError(
            _("%(label)s: „%(cell)s“ ist keine Zahl.") % {"label": label, "cell": cell}
        ) from None


# --- Reading files


def _decode(content, known=()):
    """The text of a CSV file.

    ``cms.textfiles.decode_text`` decides; where it had to guess between the legacy code
    pages (no byte-order mark, no valid UTF-8), the code page under which more cells name a
    known indicator or district wins, since short files give charset detection little to go on.
    """
    text = decode_text(content)  # raises UndecodableFile (a ValueError) naming the line
    if not known or content.startswith(codecs.BOM_UTF8):
        return text
    try:
        content.decode("utf-8")
        return text
    except UnicodeDecodeError:
        pass

    def score(candidate):
        cells = re.split(r"[;,\t\r\n]", candidate)
        return sum(1 for cell in cells if _key(cell.strip('"')) in known)

    best = text
    for encoding in LEGACY_ENCODINGS:
        try:
            candidate = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if score(candidate) > score(best):
            best = candidate
    return best


def _csv_rows(content, known=()):
    text = _decode(content, known)
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    if delimiter == "," and "\t" in first_line and first_line.count("\t") > first_line.count(","):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as error:
        raise ValueError(
            _("Zeile %(line)s: Die CSV-Datei lässt sich hier nicht lesen.")
            % {"line": reader.line_num}
        ) from error
    return rows


def _xlsx_rows(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ValueError(_("Die XLSX-Datei lässt sich nicht lesen.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def read_rows(name, content, known=()):
    """The rows (lists of cells) of a CSV or XLSX file; raises ``ValueError`` in German."""
    suffix = Path(name).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv", _csv_rows(content, known)
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx", _xlsx_rows(content)
    raise ValueError(_("Dateiformat nicht unterstützt: bitte CSV oder XLSX."))


# --- Checking


@dataclasses.dataclass
class RowError:
    line: int | None
    column: str
    message: str

    def __str__(self):
        where = _("Zeile %d") % self.line if self.line else _("Datei")
        if self.column:
            where = f"{where}, {self.column}"
        return f"{where}: {self.message}"


@dataclasses.dataclass
class Cell:
    line: int
    indicator_id: int
    district_id: int
    year: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    flag: str


@dataclasses.dataclass
class ImportPreview:
    """What a file would change; nothing is written until :func:`apply_import`."""

    file_name: str
    sha256: str
    file_format: str = ""
    layout: str = ""
    cells: list = dataclasses.field(default_factory=list)
    errors: list = dataclasses.field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators: dict = dataclasses.field(default_factory=dict)
    _existing: dict = dataclasses.field(default_factory=dict, repr=False)

    @property
    def ok(self):
        return not self.errors and bool(self.cells)

    def error(self, line, column, message):
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(line, column, message))

    def sample(self, count=20):
        """The first cells, for the preview table."""
        return self.cells[:count]

    def summary(self):
        return _("%(rows)d Werte: %(new)d neu, %(changed)d geändert, %(same)d unverändert") % {
            "rows": len(self.cells),
            "new": self.created,
            "changed": self.updated,
            "same": self.unchanged,
        }


def _lookups(project):
    indicators = {}
    for indicator in Indicator.objects.filter(project=project).only(
        "pk", "code", "name", "formula"
    ):
        indicators.setdefault(_key(indicator.code), indicator)
        indicators.setdefault(_key(indicator.name), indicator)
    districts = {}
    for district in District.objects.filter(project=project).only("pk", "name", "official_key"):
        if district.official_key:
            districts.setdefault(_key(district.official_key), district)
        districts.setdefault(_key(district.name), district)
    return indicators, districts


def _records(preview, rows):
    """(line, indicator text, unit text, year text, value cell, numerator, denominator, flag)."""
    if not rows:
        preview.error(None, "", _("Die Datei ist leer."))
        return []
    header = [_normalise(cell) for cell in rows[0]]
    columns = {name: index for index, name in reversed(list(enumerate(header))) if name}
    missing = [
        label
        for key, label in (("indicator", "Indikator"), ("unit", "Raumeinheit"))
        if key not in columns
    ]
    if missing:
        preview.error(
            1,
            "",
            _(
                "Es fehlen die Spalten %s. Erwartet: Indikator; Raumeinheit; Jahr; Wert "
                "(lang) oder Indikator; Raumeinheit; 2012; 2013; … (breit)."
            )
            % ", ".join(f"„{m}“" for m in missing),
        )
        return []
    years = {index: int(name) for index, name in enumerate(header) if YEAR.match(name)}

    def cell(row, key):
        index = columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    records = []
    if "year" in columns and "value" in columns:
        preview.layout = LONG
        for line, row in enumerate(rows[1:], start=2):
            if not any(c not in (None, "") and str(c).strip() for c in row):
                continue
            records.append(
                (
                    line,
                    cell(row, "indicator"),
                    cell(row, "unit"),
                    cell(row, "year"),
                    cell(row, "value"),
                    cell(row, "numerator"),
                    cell(row, "denominator"),
                    cell(row, "flag"),
                )
            )
    elif years:
        preview.layout = WIDE
        for line, row in enumerate(rows[1:], start=2):
            if not any(c not in (None, "") and str(c).strip() for c in row):
                continue
            for index, year in years.items():
                value = row[index] if index < len(row) else None
                if value in (None, "") or not str(value).strip():
                    continue
                records.append(
                    (line, cell(row, "indicator"), cell(row, "unit"), year, value, None, None, None)
                )
    else:
        preview.error(
            1,
            "",
            _(
                "Weder Spalten „Jahr“ und „Wert“ (langes Format) noch Jahresspalten wie "
                "„2024“ (breites Format) gefunden."
            ),
        )
    return records


def read_import(project, name, content):
    """Parse and check one file against ``project``'s indicators and districts."""
    preview = ImportPreview(file_name=Path(name).name, sha256=hashlib.sha256(content).hexdigest())
    indicators, districts = _lookups(project)
    try:
        preview.file_format, rows = read_rows(name, content, set(indicators) | set(districts))
    except ValueError as error:
        preview.error(None, "", str(error))
        return preview
    records = _records(preview, rows)
    if preview.errors:
        return preview
    seen = {}
    for line, indicator_text, unit_text, year_text, value_cell, num, den, flag_text in records:
        errors_before = len(preview.errors)
        indicator = indicators.get(_key(indicator_text))
        if indicator is None:
            preview.error(
                line,
                _("Indikator"),
                _("Den Indikator „%s“ gibt es in diesem Projekt nicht (Kürzel oder Bezeichnung).")
                % (indicator_text or ""),
            )
        elif indicator.formula:
            preview.error(
                line,
                _("Indikator"),
                _("„%s“ wird aus anderen Indikatoren berechnet und nicht importiert.")
                % indicator.code,
            )
        district = districts.get(_key(unit_text))
        if district is None:
            preview.error(
                line,
                _("Raumeinheit"),
                _("Die Raumeinheit „%s“ gibt es nicht (amtlicher Schlüssel oder Name).")
                % (unit_text or ""),
            )
        try:
            year = int(str(year_text).strip().removesuffix(".0"))
            if not 1900 <= year <= 2100:
                raise ValueError
        except (TypeError, ValueError):
            preview.error(
                line, _("Jahr"), _("„%s“ ist kein Jahr (z. B. 2024).") % (year_text or "")
            )
            year = None
        try:
            value, flag = parse_value(value_cell)
            if flag is None:
                raise ValueError(_("Der Wert fehlt (für geheime Werte bitte „.“ eintragen)."))
            numerator = _plain_number(num, _("Zähler"))
            denominator = _plain_number(den, _("Nenner"))
        except ValueError as error:
            preview.error(line, _("Wert"), str(error))
            value = flag = numerator = denominator = None
        if flag_text not in (None, "") and flag is not None:
            given = FLAG_WORDS.get(_normalise(flag_text) or str(flag_text).strip())
            if given is None:
                preview.error(
                    line,
                    _("Kennzeichen"),
                    _("„%s“ ist kein Kennzeichen (p, s, ( ), /, ., x, –, …, |).") % flag_text,
                )
            elif given != Flag.OK:
                flag = given
        if len(preview.errors) > errors_before:
            continue
        key = (indicator.pk, district.pk, year)
        if key in seen:
            preview.error(
                line,
                "",
                _("%(code)s / %(unit)s / %(year)s steht schon in Zeile %(first)d.")
                % {"code": indicator.code, "unit": district.name, "year": year, "first": seen[key]},
            )
            continue
        seen[key] = line
        preview.indicators[indicator.pk] = indicator
        preview.cells.append(
            Cell(line, indicator.pk, district.pk, year, value, numerator, denominator, flag)
        )
    if not preview.cells and not preview.errors:
        preview.error(None, "", _("Die Datei enthält keine Werte."))
    _compare(preview)
    return preview


def _same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return Decimal(a).quantize(Decimal("0.000001")) == Decimal(b).quantize(Decimal("0.000001"))


def _compare(preview):
    existing = {}
    if preview.indicators:
        for row in Observation.objects.filter(
            indicator_id__in=list(preview.indicators)
        ).values_list(
            "pk", "indicator_id", "district_id", "year", "value", "numerator", "denominator", "flag"
        ):
            existing[(row[1], row[2], row[3])] = row
    preview._existing = existing
    preview.created = preview.updated = preview.unchanged = 0
    for cell in preview.cells:
        old = existing.get((cell.indicator_id, cell.district_id, cell.year))
        if old is None:
            preview.created += 1
        elif (
            _same(old[4], cell.value)
            and _same(old[5], cell.numerator)
            and _same(old[6], cell.denominator)
            and old[7] == cell.flag
        ):
            preview.unchanged += 1
        else:
            preview.updated += 1


def apply_import(project, preview, user=None):
    """Write a checked preview in one transaction; returns the :class:`ImportBatch`."""
    if not preview.ok:
        raise ImportRefused(_("Die Datei hat Fehler und wird nicht übernommen."))
    with transaction.atomic():
        _compare(preview)  # the database may have changed since the preview
        batch = ImportBatch.objects.create(
            project=project,
            file_name=preview.file_name,
            sha256=preview.sha256,
            file_format=preview.file_format,
            layout=preview.layout,
            imported_by=user if getattr(user, "is_authenticated", False) else None,
            rows=len(preview.cells),
            created=preview.created,
            updated=preview.updated,
            unchanged=preview.unchanged,
        )
        new, changed = [], []
        for cell in preview.cells:
            old = preview._existing.get((cell.indicator_id, cell.district_id, cell.year))
            observation = Observation(
                indicator_id=cell.indicator_id,
                district_id=cell.district_id,
                year=cell.year,
                value=cell.value,
                numerator=cell.numerator,
                denominator=cell.denominator,
                flag=cell.flag,
                batch=batch,
            )
            if old is None:
                new.append(observation)
            elif not (
                _same(old[4], cell.value)
                and _same(old[5], cell.numerator)
                and _same(old[6], cell.denominator)
                and old[7] == cell.flag
            ):
                observation.pk = old[0]
                changed.append(observation)
        Observation.objects.bulk_create(new, batch_size=2000)
        Observation.objects.bulk_update(
            changed, ["value", "numerator", "denominator", "flag", "batch"], batch_size=2000
        )
        recompute_dependants(list(preview.indicators))
    return batch
