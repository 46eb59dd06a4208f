"""Import institutions, contacts and cooperations from CSV/XLSX files into one project."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.models import Project
from network.importer import import_network


class Command(BaseCommand):
    help = (
        "Importiert Institutionen, Kontakte und Kooperationen aus CSV- oder XLSX-Dateien. "
        "Bei einem Fehler wird nichts übernommen."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="DATEI", help="CSV- oder XLSX-Dateien")
        parser.add_argument("--project", required=True, help="Kürzel des Projekts, z. B. kaarst")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Nur prüfen und berichten, nichts speichern.",
        )

    def handle(self, *args, files, project, dry_run, **options):
        target = Project.objects.filter(slug=project).first()
        if target is None:
            raise CommandError(f"Projekt „{project}“ gibt es nicht.")
        contents = []
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Datei „{name}“ nicht gefunden.")
            contents.append((path.name, path.read_bytes()))
        report = import_network(target, contents, dry_run=dry_run)
        for line in report.summary_lines():
            self.stdout.write(line)
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(report.errors)} Fehler – es wurde nichts importiert.")
        if dry_run:
            self.stdout.write(self.style.WARNING("Probelauf: nichts gespeichert."))
        else:
            self.stdout.write(self.style.SUCCESS("Import abgeschlossen."))
