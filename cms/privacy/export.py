"""The subject access export (Art. 15, 20 DSGVO): a ZIP with README, daten.json and CSVs."""

import csv
import datetime
import io
import json
import zipfile

from django.db import models
from django.utils import timezone

from cms.privacy.services import find

__all__ = ["build_export", "neutralise"]

#: a spreadsheet reads a cell starting with one of these as a formula (CSV injection)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A CSV cell that a spreadsheet shows as text, never runs as a formula.

    >>> neutralise("=HYPERLINK(1)"), neutralise("Erika")
    ("'=HYPERLINK(1)", 'Erika')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _value(row, name):
    field = row._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        related = getattr(row, name)
        return str(related) if related is not None else ""
    value = getattr(row, name)
    if field.choices:
        return getattr(row, f"get_{name}_display")()
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if value is None:
        return ""
    return value


def _records(finding):
    declaration = finding.declaration
    for row in finding.rows:
        record = {str(label): _value(row, name) for name, label in declaration.fields.items()}
        if declaration.export:
            record.update(declaration.export(row))
        yield record


def _readme(project, subject, findings, created):
    lines = [
        f"# Auskunft über gespeicherte Daten – {project.name}",
        "",
        f"Erstellt am {created:%d.%m.%Y um %H:%M} Uhr für die Person mit der E-Mail-Adresse "
        f"{subject.email}{' und dem Namen ' + subject.name if subject.name else ''}.",
        "",
        "Diese Datei beantwortet eine Anfrage nach Art. 15 DSGVO (Auskunft) und Art. 20 DSGVO "
        "(Datenübertragbarkeit). `daten.json` enthält alle Angaben maschinenlesbar, je Art von "
        "Datensatz gibt es zusätzlich eine CSV-Datei (Trennzeichen Semikolon, UTF-8). Werte, "
        "die mit =, +, - oder @ beginnen, stehen in den CSV-Dateien mit einem Apostroph davor, "
        "damit Tabellenprogramme sie nicht als Formel ausführen.",
        "",
    ]
    if not findings:
        lines.append("Zu dieser Person sind in diesem Projekt keine Daten gespeichert.")
    for finding in findings:
        declaration = finding.declaration
        lines += [
            f"## {declaration.title} (`{declaration.kind}.csv`, {finding.count} Datensätze)",
            "",
            f"- Zweck: {declaration.purpose}",
            f"- Rechtsgrundlage: {declaration.legal_basis}",
            f"- Speicherdauer: {declaration.retention.rule}",
            f"- Empfänger: {declaration.recipients}",
            "",
            "Felder:",
            "",
        ]
        lines += [f"- {label}" for label in declaration.fields.values()]
        lines.append("")
    return "\n".join(str(line) for line in lines) + "\n"


def build_export(project, subject, now=None):
    """The ZIP file (bytes) with every declared record about ``subject`` in ``project``."""
    created = timezone.localtime(now or timezone.now())
    findings = find(project, subject)
    data = {finding.declaration.kind: list(_records(finding)) for finding in findings}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.md", _readme(project, subject, findings, created))
        archive.writestr("daten.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        for kind, records in data.items():
            text = io.StringIO()
            writer = csv.writer(text, delimiter=";")
            writer.writerow(records[0].keys())
            for record in records:
                writer.writerow(neutralise(value) for value in record.values())
            archive.writestr(f"{kind}.csv", text.getvalue())
    return buffer.getvalue()
