"""Export one person's data in a project as a ZIP file (Art. 15, 20 DSGVO)."""

import pathlib

from django.core.management.base import BaseCommand, CommandError

from cms.privacy.cli import add_subject_arguments, project_and_subject
from cms.privacy.export import build_export


class Command(BaseCommand):
    help = (
        "Schreibt alle Daten einer Person in einem Projekt in eine ZIP-Datei: README, "
        "daten.json und eine CSV-Datei je Art von Datensatz."
    )

    def add_arguments(self, parser):
        add_subject_arguments(parser)
        parser.add_argument("--output", required=True, help="Pfad der ZIP-Datei")

    def handle(self, *args, **options):
        project, subject = project_and_subject(options)
        output = pathlib.Path(options["output"])
        if output.suffix.lower() != ".zip":
            raise CommandError("Die Ausgabedatei muss auf .zip enden.")
        if not output.parent.is_dir():
            raise CommandError(f"Das Verzeichnis {output.parent} gibt es nicht.")
        output.write_bytes(build_export(project, subject))
        self.stdout.write(self.style.SUCCESS(f"Auskunft geschrieben: {output}"))
