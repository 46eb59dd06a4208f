"""Import of institutions, contacts and cooperations from CSV and XLSX files.

All files of one import are read, institutions first, then contacts, then cooperations,
inside one transaction: a single invalid row rolls the whole import back, and the report
names every bad row with its column and a German reason. Institutions are matched by name
(trimmed, ignoring case), so importing the same file twice creates nothing new; a matched
row whose values are all as stored counts as unchanged and is not written, and the report
lists each changed field with its old and new value.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wagtail.log_actions import log

from cms.textfiles import decode_text
from network.models import (
    DIRECTED_COOPERATION_TYPES,
    ConsentMethod,
    Contact,
    Cooperation,
    CooperationStatus,
    CooperationType,
    District,
    Institution,
    InstitutionType,
    Membership,
    Provenance,
    Sector,
)
from network.signals import bulk_changes

__all__ = ["COLUMNS", "ImportReport", "RowError", "import_network", "read_tables"]

INSTITUTIONS, CONTACTS, COOPERATIONS = "institutions", "contacts", "cooperations"
#: Sheets and files of the network export that hold measures only: left out of an import.
MEASURES_ONLY = "measures"
MEASURE_TITLES = ("kennzahlen", "gesamtnetzwerk")
KIND_ORDER = (INSTITUTIONS, CONTACTS, COOPERATIONS)
KIND_LABELS = {
    INSTITUTIONS: "Institutionen",
    CONTACTS: "Kontakte",
    COOPERATIONS: "Kooperationen",
}

#: Columns per kind: normalised header → (model field or role, column title in the README).
COLUMNS = {
    INSTITUTIONS: {
        "name": "Name",
        "kurzname": "Kurzname",
        "typ": "Typ",
        "handlungsfelder": "Handlungsfelder",
        "stadtteil": "Stadtteil",
        "adresse": "Adresse",
        "breitengrad": "Breitengrad",
        "laengengrad": "Längengrad",
        "website": "Website",
        "beschreibung": "Beschreibung",
        "zielgruppen": "Zielgruppen",
        "sprachen": "Sprachen",
        "oeffentlich": "Öffentlich",
        "aktiv": "Aktiv",
    },
    CONTACTS: {
        "name": "Name",
        "email": "E-Mail",
        "telefon": "Telefon",
        "sprachen": "Sprachen",
        "notizen": "Notizen",
        "institution": "Institution",
        "funktion": "Funktion",
        "von": "Von",
        "bis": "Bis",
        "einwilligung_am": "Einwilligung am",
        "einwilligung_zweck": "Einwilligung Zweck",
        "einwilligung_art": "Einwilligung Art",
    },
    COOPERATIONS: {
        "quelle": "Quelle",
        "ziel": "Ziel",
        "art": "Art",
        "intensitaet": "Intensität",
        "gueltig_ab": "Gültig ab",
        "gueltig_bis": "Gültig bis",
        "status": "Status",
        "beschreibung": "Beschreibung",
        "bestaetigt": "Bestätigt",
    },
}
REQUIRED = {INSTITUTIONS: ("name",), CONTACTS: ("name",), COOPERATIONS: ("quelle", "ziel", "art")}
ALIASES = {
    "e_mail": "email",
    "mail": "email",
    "laengengrad": "laengengrad",
    "lat": "breitengrad",
    "lon": "laengengrad",
    "lng": "laengengrad",
    "kuerzel": "kurzname",
    "institution_a": "quelle",
    "institution_b": "ziel",
    "von_institution": "quelle",
    "zu_institution": "ziel",
    "intensitat": "intensitaet",
    "sektor": "handlungsfelder",
    "sektoren": "handlungsfelder",
    "bereiche": "handlungsfelder",
    "webseite": "website",
    "telefonnummer": "telefon",
    "rolle": "funktion",
}

#: Which column holds a model field's value, for error messages at the right cell.
FIELD_COLUMNS = {
    INSTITUTIONS: {
        "name": "name",
        "short_name": "kurzname",
        "type": "typ",
        "district": "stadtteil",
        "address": "adresse",
        "latitude": "breitengrad",
        "longitude": "laengengrad",
        "website": "website",
        "description": "beschreibung",
        "target_groups": "zielgruppen",
        "languages": "sprachen",
        "public": "oeffentlich",
        "active": "aktiv",
    },
    CONTACTS: {
        "name": "name",
        "email": "email",
        "phone": "telefon",
        "languages": "sprachen",
        "notes": "notizen",
        "consent_date": "einwilligung_am",
        "consent_purpose": "einwilligung_zweck",
        "consent_method": "einwilligung_art",
        "institution": "institution",
        "contact": "name",
        "role": "funktion",
        "start": "von",
        "end": "bis",
    },
    COOPERATIONS: {
        "source": "quelle",
        "target": "ziel",
        "type": "art",
        "intensity": "intensitaet",
        "valid_from": "gueltig_ab",
        "valid_to": "gueltig_bis",
        "status": "status",
        "description": "beschreibung",
        "confirmed": "bestaetigt",
    },
}

TRUE_WORDS = {"ja", "j", "x", "1", "true", "wahr", "yes"}
FALSE_WORDS = {"nein", "n", "0", "false", "falsch", "no", ""}


def normalise_header(text):
    """``"Gültig ab"`` → ``"gueltig_ab"``: lower case, umlauts spelt out, words joined by ``_``."""
    text = str(text or "").strip().lower()
    for umlaut, spelt in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, spelt)
    text = re.sub(r"[^a-z0-9]+", "_", text).strip("_")
    return ALIASES.get(text, text)


def name_key(name):
    """How names are matched: trimmed, inner spaces collapsed, ignoring case."""
    return re.sub(r"\s+", " ", str(name or "")).strip().casefold()


@dataclass
class RowError:
    """One problem in one cell (or a whole file when ``row`` is None)."""

    source: str
    row: int | None
    column: str
    message: str

    def __str__(self):
        if self.row is None:
            return f"{self.source}: {self.message}"
        column = f", Spalte „{self.column}“" if self.column else ""
        return f"{self.source}, Zeile {self.row}{column}: {self.message}"


@dataclass
class Table:
    """The rows of one CSV file or one worksheet, with the kind of data they hold."""

    source: str
    kind: str
    headers: dict  # normalised header → original title
    rows: list  # (row number, {normalised header: value})


@dataclass
class ImportReport:
    """What an import did (or, after a dry run or with errors, would have done)."""

    dry_run: bool = False
    created: dict = field(default_factory=lambda: dict.fromkeys(KIND_ORDER, 0))
    updated: dict = field(default_factory=lambda: dict.fromkeys(KIND_ORDER, 0))
    unchanged: dict = field(default_factory=lambda: dict.fromkeys(KIND_ORDER, 0))
    new_categories: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    #: kind → rows that are new or changed: ``{"row", "name", "created", "changes"}``, each
    #: change ``{"field", "label", "old", "new"}`` with values as the file writes them.
    preview: dict = field(default_factory=lambda: {kind: [] for kind in KIND_ORDER})
    #: Sources left out because they hold measures only (the export's "Kennzahlen").
    skipped: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors

    @property
    def applied(self):
        """True when the changes are in the database."""
        return self.ok and not self.dry_run

    @property
    def public_changes(self):
        """Institutions whose *Öffentlich* changes: ``(name, old, new)``."""
        return [
            (row["name"], change["old"], change["new"])
            for row in self.preview[INSTITUTIONS]
            for change in row["changes"]
            if change["field"] == "public"
        ]

    def summary_lines(self):
        """What the import did or, when not applied, what it would do ("würde …")."""
        lines = []
        for kind in KIND_ORDER:
            counts = {
                "label": KIND_LABELS[kind],
                "created": self.created[kind],
                "updated": self.updated[kind],
                "unchanged": self.unchanged[kind],
            }
            if not (counts["created"] or counts["updated"] or counts["unchanged"]):
                continue
            if self.applied:
                line = _(
                    "%(label)s: %(created)d neu, %(updated)d aktualisiert, %(unchanged)d unverändert"
                )
            else:
                line = _(
                    "%(label)s: würde %(created)d neu anlegen und %(updated)d ändern, "
                    "%(unchanged)d unverändert"
                )
            lines.append(line % counts)
        if self.new_categories:
            line = (
                _("Neue Kategorien: %s") if self.applied else _("Würde neue Kategorien anlegen: %s")
            )
            lines.append(line % ", ".join(self.new_categories))
        public = self.public_changes
        if public:
            names = ", ".join(f"{name} ({old} → {new})" for name, old, new in public)
            if self.applied:
                line = ngettext(
                    "„Öffentlich“ geändert bei %(count)d Institution: %(names)s",
                    "„Öffentlich“ geändert bei %(count)d Institutionen: %(names)s",
                    len(public),
                )
            else:
                line = ngettext(
                    "Achtung, „Öffentlich“ würde sich bei %(count)d Institution ändern: %(names)s",
                    "Achtung, „Öffentlich“ würde sich bei %(count)d Institutionen ändern: %(names)s",
                    len(public),
                )
            lines.append(line % {"count": len(public), "names": names})
        if self.skipped:
            lines.append(_("Nicht eingelesen (nur Kennzahlen): %s") % ", ".join(self.skipped))
        return lines


class IndexedRows(list):
    """Rows as ``(number, values)`` pairs, also looked up by row number."""

    def __init__(self):
        super().__init__()
        self.by_number = {}

    def add(self, number, values):
        self.append((number, values))
        self.by_number[number] = values


class RowFailed(Exception):
    """Raised inside a row to skip it after its errors were recorded."""


# --- Reading files


def read_tables(name, content):
    """Tables of one uploaded file (CSV: one; XLSX: one per non-empty worksheet)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        return [_table(name, Path(name).stem, _csv_rows(content))]
    if suffix in (".xlsx", ".xlsm"):
        return [_table(f"{name} [{title}]", title, rows) for title, rows in _xlsx_sheets(content)]
    raise ValueError(_("Dateiformat nicht unterstützt: bitte CSV oder XLSX."))


def _csv_rows(content):
    text = decode_text(content)  # raises UndecodableFile (a ValueError) naming the line
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    return _parse_csv(text, delimiter)


def _parse_csv(text, delimiter):
    """The rows of a CSV text; what the csv module cannot read is refused naming the line."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    while True:
        try:
            rows.append(next(reader))
        except StopIteration:
            return rows
        except csv.Error as error:
            if "field limit" in str(error):
                message = _(
                    "Zeile %(line)s: Eine Zelle ist länger als 128 KB (%(limit)s Zeichen); "
                    "so lange Texte kann der Import nicht lesen."
                )
            else:
                message = _("Zeile %(line)s: Die CSV-Datei lässt sich hier nicht lesen.")
            raise ValueError(
                message
                % {
                    "line": reader.line_num,
                    "limit": f"{csv.field_size_limit():,}".replace(",", "."),
                }
            ) from error


def _xlsx_sheets(content):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ValueError(_("Die XLSX-Datei lässt sich nicht lesen.")) from error
    sheets = []
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        if any(any(cell not in (None, "") for cell in row) for row in rows):
            sheets.append((sheet.title, rows))
    workbook.close()
    return sheets


def _guess_kind(title, headers):
    key = normalise_header(title)
    if any(word in key for word in MEASURE_TITLES):
        return MEASURES_ONLY
    for kind, label in KIND_LABELS.items():
        if normalise_header(label) in key or kind in key:
            return kind
    if "quelle" in headers and "ziel" in headers:
        return COOPERATIONS
    if {"einwilligung_am", "funktion", "email", "telefon"} & set(headers):
        return CONTACTS
    if "name" in headers:
        return INSTITUTIONS
    return None


def _table(source, title, raw_rows):
    raw_rows = [row for row in raw_rows]
    header_row = raw_rows[0] if raw_rows else []
    headers = {}
    for index, title_cell in enumerate(header_row):
        key = normalise_header(title_cell)
        if key:
            headers[key] = (index, str(title_cell).strip())
    kind = _guess_kind(title, headers)
    rows = IndexedRows()
    for number, raw in enumerate(raw_rows[1:], start=2):
        if not any(cell not in (None, "") and str(cell).strip() for cell in raw):
            continue
        values = {
            key: (raw[index] if index < len(raw) else None) for key, (index, _t) in headers.items()
        }
        rows.add(number, values)
    return Table(source, kind, {k: t for k, (_i, t) in headers.items()}, rows)


# --- Cell parsing


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(_("„%s“ ist kein Datum (TT.MM.JJJJ).") % text)


def _bool(value, default):
    text = _text(value).lower()
    if text == "":
        return default
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(_("„%s“ ist weder „ja“ noch „nein“.") % _text(value))


def _decimal(value):
    text = _text(value).replace(",", ".")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(_("„%s“ ist keine Zahl.") % _text(value)) from error


def _choice(value, choices, label):
    text = _text(value)
    key = name_key(text)
    for choice_value, choice_label in choices:
        if key in (name_key(choice_value), name_key(choice_label)):
            return choice_value
    # Accept the first word of a label ("Kooperation" for "Kooperation/Projektpartnerschaft").
    for choice_value, choice_label in choices:
        if name_key(str(choice_label).split("/")[0]) == key:
            return choice_value
    allowed = ", ".join(str(choice_label) for _v, choice_label in choices)
    raise ValueError(
        _("Unbekannte %(label)s „%(value)s“. Erlaubt: %(allowed)s.")
        % {"label": label, "value": text, "allowed": allowed}
    )


def _list(value):
    return [part.strip() for part in re.split(r"[;,|]", _text(value)) if part.strip()]


# --- Changes


INSTITUTION_FIELDS = (
    "short_name",
    "type",
    "district",
    "address",
    "latitude",
    "longitude",
    "website",
    "description",
    "target_groups",
    "languages",
    "public",
    "active",
)
CONTACT_FIELDS = (
    "phone",
    "languages",
    "notes",
    "consent_date",
    "consent_purpose",
    "consent_method",
)
MEMBERSHIP_FIELDS = ("role", "start", "end")
COOPERATION_FIELDS = ("status", "intensity", "valid_to", "description", "confirmed")


def shown(instance, field_name):
    """A field's value as the import file writes it (``ja``, ``01.02.2024``, ``51.2``, labels)."""
    value = getattr(instance, field_name)
    model_field = instance._meta.get_field(field_name)
    if value is None or value == "":
        return ""
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, (Decimal, float, int)):
        return format(Decimal(str(value)).normalize(), "f")
    return str(value)


def snapshot(instance, field_names):
    """``{field: shown value}`` of ``instance`` (empty for an instance not yet saved)."""
    if instance is None or instance.pk is None:
        return dict.fromkeys(field_names, "")
    return {name: shown(instance, name) for name in field_names}


def changes(kind, before, after):
    """The fields whose shown value differs, with the file's column title."""
    return [
        {
            "field": name,
            "label": COLUMNS[kind].get(FIELD_COLUMNS[kind].get(name, ""), name),
            "old": before[name],
            "new": after[name],
        }
        for name in before
        if before[name] != after[name]
    ]


# --- The import


class _Importer:
    def __init__(self, project, user, report):
        self.project = project
        self.user = user
        self.report = report
        self.institutions = {
            name_key(i.name): i
            for i in Institution.objects.filter(project=project).select_related("type", "district")
        }
        self.seen_rows = {}  # (kind, key) → row number of its first appearance
        self.categories = {
            model: {name_key(c.name): c for c in model.objects.filter(project=project)}
            for model in (InstitutionType, Sector, District)
        }

    # errors

    def error(self, table, number, column, message):
        title = table.headers.get(column) or COLUMNS[table.kind].get(column, column)
        self.report.errors.append(RowError(table.source, number, title, str(message)))

    def model_errors(self, table, number, error):
        columns = FIELD_COLUMNS[table.kind]
        for field_name, messages in error.message_dict.items():
            for message in messages:
                self.error(table, number, columns.get(field_name, ""), message)

    def parse(self, table, number, column, parser, *args):
        try:
            return parser(table_value(table, number, column), *args)
        except ValueError as error:
            self.error(table, number, column, error)
            raise RowFailed from error

    def log(self, instance, created):
        action = "wagtail.create" if created else "wagtail.edit"
        log(instance, action, user=self.user)

    def record(self, kind, number, name, created, changed):
        """Count a row as new, changed or unchanged; list the first two in the preview."""
        if created:
            self.report.created[kind] += 1
        elif changed:
            self.report.updated[kind] += 1
        else:
            self.report.unchanged[kind] += 1
            return
        self.report.preview[kind].append(
            {"row": number, "name": name, "created": created, "changes": [] if created else changed}
        )

    def category(self, model, name):
        key = name_key(name)
        found = self.categories[model].get(key)
        if found is None:
            found = model.objects.create(project=self.project, name=" ".join(name.split()))
            self.categories[model][key] = found
            self.report.new_categories.append(f"{model._meta.verbose_name} „{found.name}“")
        return found

    def institution(self, table, number, column, required=True):
        name = _text(table_value(table, number, column))
        if not name:
            if required:
                self.error(table, number, column, _("Dieses Feld ist Pflicht."))
                raise RowFailed
            return None
        found = self.institutions.get(name_key(name))
        if found is None:
            self.error(
                table,
                number,
                column,
                _("Die Institution „%s“ gibt es in diesem Projekt nicht.") % name,
            )
            raise RowFailed
        return found

    def once(self, table, number, column, key):
        first = self.seen_rows.setdefault((table.kind, key), (table.source, number))
        if first != (table.source, number):
            self.error(
                table,
                number,
                column,
                _("Doppelt: steht schon in %(source)s, Zeile %(row)d.")
                % {"source": first[0], "row": first[1]},
            )
            raise RowFailed

    def save(self, table, number, instance):
        try:
            instance.full_clean()
        except ValidationError as error:
            self.model_errors(table, number, error)
            raise RowFailed from error
        with transaction.atomic():
            instance.save()

    # rows

    def run(self, table):
        handler = {
            INSTITUTIONS: self.institution_row,
            CONTACTS: self.contact_row,
            COOPERATIONS: self.cooperation_row,
        }[table.kind]
        for number, _values in table.rows:
            missing = [c for c in REQUIRED[table.kind] if not _text(table_value(table, number, c))]
            for column in missing:
                self.error(table, number, column, _("Dieses Feld ist Pflicht."))
            # No database takes a NUL character in text; such a cell is a broken file.
            garbled = [c for c in table.headers if "\x00" in _text(table_value(table, number, c))]
            for column in garbled:
                self.error(table, number, column, _("Nullzeichen sind nicht erlaubt."))
            if missing or garbled:
                continue
            try:
                handler(table, number)
            except RowFailed:
                continue

    def institution_row(self, table, number):
        value = lambda column: table_value(table, number, column)  # noqa: E731
        name = " ".join(_text(value("name")).split())
        self.once(table, number, "name", name_key(name))
        instance = self.institutions.get(name_key(name))
        created = instance is None
        if created:
            instance = Institution(project=self.project, name=name)
        before = snapshot(instance, INSTITUTION_FIELDS)
        sectors_before = set() if created else {s.name for s in instance.sectors.all()}
        has = table.headers.__contains__
        text_fields = {
            "kurzname": "short_name",
            "adresse": "address",
            "website": "website",
            "beschreibung": "description",
            "zielgruppen": "target_groups",
            "sprachen": "languages",
        }
        for column, field_name in text_fields.items():
            if has(column) and (created or _text(value(column))):
                setattr(instance, field_name, _text(value(column)))
        if has("typ") and _text(value("typ")):
            instance.type = self.category(InstitutionType, _text(value("typ")))
        if has("stadtteil") and _text(value("stadtteil")):
            instance.district = self.category(District, _text(value("stadtteil")))
        for column, field_name in (("breitengrad", "latitude"), ("laengengrad", "longitude")):
            if has(column) and (created or _text(value(column))):
                setattr(instance, field_name, self.parse(table, number, column, _decimal))
        if has("oeffentlich"):
            instance.public = self.parse(table, number, "oeffentlich", _bool, instance.public)
        if has("aktiv"):
            instance.active = self.parse(table, number, "aktiv", _bool, instance.active)
        sectors = []
        if has("handlungsfelder") and _text(value("handlungsfelder")):
            sectors = [self.category(Sector, s) for s in _list(value("handlungsfelder"))]
        changed = changes(INSTITUTIONS, before, snapshot(instance, INSTITUTION_FIELDS))
        sectors_after = sectors_before | {s.name for s in sectors}
        if sectors_after != sectors_before:
            changed.append(
                {
                    "field": "sectors",
                    "label": COLUMNS[INSTITUTIONS]["handlungsfelder"],
                    "old": "; ".join(sorted(sectors_before)),
                    "new": "; ".join(sorted(sectors_after)),
                }
            )
        if created or changed:
            self.save(table, number, instance)
            instance.sectors.add(*sectors)
            self.log(instance, created)
        self.institutions[name_key(instance.name)] = instance
        self.record(INSTITUTIONS, number, instance.name, created, changed)

    def contact_row(self, table, number):
        value = lambda column: table_value(table, number, column)  # noqa: E731
        name = " ".join(_text(value("name")).split())
        email = _text(value("email")).lower()
        institution = self.institution(table, number, "institution", required=False)
        self.once(table, number, "name", (name_key(name), email, institution and institution.pk))
        instance = (
            Contact.objects.filter(project=self.project, name__iexact=name, email__iexact=email)
            .order_by("pk")
            .first()
        )
        created = instance is None
        if created:
            instance = Contact(project=self.project, name=name, email=email)
        before = snapshot(instance, CONTACT_FIELDS)
        for column, field_name in (
            ("telefon", "phone"),
            ("sprachen", "languages"),
            ("notizen", "notes"),
            ("einwilligung_zweck", "consent_purpose"),
        ):
            if created or _text(value(column)):
                setattr(instance, field_name, _text(value(column)))
        if _text(value("einwilligung_am")):
            instance.consent_date = self.parse(table, number, "einwilligung_am", _date)
        if _text(value("einwilligung_art")):
            instance.consent_method = self.parse(
                table, number, "einwilligung_art", _choice, ConsentMethod.choices, "Art"
            )
        changed = changes(CONTACTS, before, snapshot(instance, CONTACT_FIELDS))
        if created or changed:
            self.save(table, number, instance)
            self.log(instance, created)
        if institution is not None:
            membership = (
                None
                if created
                else Membership.objects.filter(contact=instance, institution=institution).first()
            )
            joined = membership is None
            membership = membership or Membership(contact=instance, institution=institution)
            before = snapshot(membership, MEMBERSHIP_FIELDS)
            membership.role = _text(value("funktion")) or membership.role
            membership.start = self.parse(table, number, "von", _date) or membership.start
            membership.end = self.parse(table, number, "bis", _date) or membership.end
            changed_membership = changes(CONTACTS, before, snapshot(membership, MEMBERSHIP_FIELDS))
            if joined and not created:
                changed.append(
                    {
                        "field": "institution",
                        "label": COLUMNS[CONTACTS]["institution"],
                        "old": "",
                        "new": institution.name,
                    }
                )
            changed.extend(changed_membership)
            if joined or changed_membership:
                self.save(table, number, membership)
        self.record(CONTACTS, number, instance.name, created, changed)

    def cooperation_row(self, table, number):
        source = self.institution(table, number, "quelle")
        target = self.institution(table, number, "ziel")
        kind = self.parse(table, number, "art", _choice, CooperationType.choices, "Art")
        status = CooperationStatus.ACTIVE
        if _text(table_value(table, number, "status")):
            status = self.parse(
                table, number, "status", _choice, CooperationStatus.choices, "Status"
            )
        intensity = 3
        if _text(table_value(table, number, "intensitaet")):
            raw = _text(table_value(table, number, "intensitaet"))
            if not raw.isdigit():
                self.error(table, number, "intensitaet", _("Bitte eine ganze Zahl von 1 bis 5."))
                raise RowFailed
            intensity = int(raw)
        valid_from = self.parse(table, number, "gueltig_ab", _date)
        pair = (source.pk, target.pk)
        if kind not in DIRECTED_COOPERATION_TYPES:
            pair = tuple(sorted(pair))
        self.once(table, number, "quelle", (kind, pair, valid_from))
        # The same cooperation (pair, type, start) imported again is updated, not doubled.
        instance = (
            Cooperation.objects.filter(project=self.project, type=kind, valid_from=valid_from)
            .filter(
                Q(source=source, target=target)
                | (
                    Q(source=target, target=source)
                    if kind not in DIRECTED_COOPERATION_TYPES
                    else Q(pk__in=[])
                )
            )
            .order_by("pk")
            .first()
        )
        created = instance is None
        if created:
            instance = Cooperation(
                project=self.project,
                source=source,
                target=target,
                type=kind,
                valid_from=valid_from,
                provenance=Provenance.IMPORT,
            )
        before = snapshot(instance, COOPERATION_FIELDS)
        instance.status = status
        instance.intensity = intensity
        instance.valid_to = self.parse(table, number, "gueltig_bis", _date)
        description = _text(table_value(table, number, "beschreibung"))
        instance.description = description or instance.description
        instance.confirmed = self.parse(table, number, "bestaetigt", _bool, True)
        changed = changes(COOPERATIONS, before, snapshot(instance, COOPERATION_FIELDS))
        if created or changed:
            self.save(table, number, instance)
            self.log(instance, created)
        self.record(COOPERATIONS, number, str(instance), created, changed)


def import_network(project, files, *, dry_run=False, user=None):
    """Import ``files`` (pairs of name and bytes) into ``project``; return an ``ImportReport``.

    Nothing is kept when any row is invalid or when ``dry_run`` is true; the project's data
    version is bumped once when the import is applied.
    """
    report = ImportReport(dry_run=dry_run)
    tables = []
    for name, content in files:
        try:
            tables.extend(read_tables(name, content))
        except ValueError as error:
            report.errors.append(RowError(name, None, "", str(error)))
    for table in tables:
        if table.kind == MEASURES_ONLY:
            report.skipped.append(table.source)
            continue
        if table.kind is None:
            report.errors.append(
                RowError(
                    table.source,
                    None,
                    "",
                    _(
                        "Unbekannter Inhalt: die Kopfzeile passt weder zu Institutionen, "
                        "Kontakten noch Kooperationen."
                    ),
                )
            )
            continue
        unknown = sorted(set(table.headers) - set(COLUMNS[table.kind]))
        for column in unknown:
            report.errors.append(
                RowError(
                    table.source,
                    1,
                    table.headers[column],
                    _("Unbekannte Spalte für %s.") % KIND_LABELS[table.kind],
                )
            )
        for column in REQUIRED[table.kind]:
            if column not in table.headers:
                report.errors.append(
                    RowError(
                        table.source,
                        1,
                        COLUMNS[table.kind][column],
                        _("Pflichtspalte fehlt."),
                    )
                )
    if report.errors:
        return report
    tables = [t for t in tables if t.kind != MEASURES_ONLY]
    tables.sort(key=lambda t: KIND_ORDER.index(t.kind))
    try:
        with transaction.atomic(), bulk_changes(project):
            importer = _Importer(project, user, report)
            for table in tables:
                importer.run(table)
            if report.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return report


class _Rollback(Exception):
    """Leaves the import's transaction without keeping anything."""


def table_value(table, number, column):
    """The cell of ``column`` in row ``number`` (None if the column or row is absent)."""
    return table.rows.by_number.get(number, {}).get(column)
