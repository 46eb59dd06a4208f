"""Import indicator values (long or wide CSV/XLSX) into one project."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.models import Project
from monitoring.importer import apply_import, read_import


class Command(BaseCommand):
    help = (
        "Importiert Indikatorwerte aus CSV- oder XLSX-Dateien (langes oder breites Format). "
        "Bei einem Fehler in einer Datei wird aus ihr nichts übernommen."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="DATEI", help="CSV- oder XLSX-Dateien")
        parser.add_argument("--project", required=True, help="Kürzel des Projekts, z. B. kaarst")
        parser.add_argument(
            "--dry-run", action="store_true", help="Nur prüfen und berichten, nichts speichern."
        )

    def handle(self, *args, files, project, dry_run, **options):
        target = Project.objects.filter(slug=project).first()
        if target is None:
            raise CommandError(f"Projekt „{project}“ gibt es nicht.")
        failed = 0
        for name in files:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"Datei „{name}“ nicht gefunden.")
            preview = read_import(target, path.name, path.read_bytes())
            self.stdout.write(f"{path.name}: {preview.summary()}")
            if not preview.ok:
                failed += 1
                for error in preview.errors:
                    self.stderr.write(f"{path.name}: {error}")
                continue
            if not dry_run:
                batch = apply_import(target, preview)
                self.stdout.write(f"{path.name}: übernommen (SHA-256 {batch.sha256[:12]}…)")
        if failed:
            raise CommandError(
                f"{failed} Datei(en) mit Fehlern – aus ihnen wurde nichts importiert."
            )
        if dry_run:
            self.stdout.write(self.style.WARNING("Probelauf: nichts gespeichert."))
        else:
            self.stdout.write(self.style.SUCCESS("Import abgeschlossen."))
