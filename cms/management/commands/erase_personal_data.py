"""Erase one person's data in a project (Art. 17 DSGVO); lists what goes, acts with --yes."""

from django.core.management.base import BaseCommand

from cms.privacy import services
from cms.privacy.cli import add_subject_arguments, project_and_subject

ACTIONS = {"delete": "wird gelöscht", "anonymise": "wird anonymisiert"}


class Command(BaseCommand):
    help = (
        "Löscht oder anonymisiert alle Daten einer Person in einem Projekt, auch Kopien in "
        "Protokollen, Versionen, Suchindex und Cache. Ohne --yes wird nur aufgelistet."
    )

    def add_arguments(self, parser):
        add_subject_arguments(parser)
        parser.add_argument("--yes", action="store_true", help="wirklich löschen")

    def handle(self, *args, **options):
        project, subject = project_and_subject(options)
        findings = services.find(project, subject)
        if not findings:
            self.stdout.write(f"Keine Daten zu dieser Person im Projekt {project.name}.")
            return
        self.stdout.write(f"Daten dieser Person im Projekt {project.name}:")
        for finding in findings:
            declaration = finding.declaration
            action = ACTIONS[declaration.erasure]
            self.stdout.write(f"- {declaration.title}: {finding.count} ({action})")
            for row in finding.rows:
                self.stdout.write(f"    {row}")
        copies = services.leftover_copies(findings, subject)
        self.stdout.write(
            f"- Protokolleinträge, die die Person nennen: {copies['log_entries']} (werden geleert)"
        )
        self.stdout.write(
            f"- Versionen, die die Person enthalten: {copies['revisions']} (werden gelöscht)"
        )
        self.stdout.write("- Suchindex und Cache werden bereinigt.")
        if not options["yes"]:
            self.stdout.write("Nichts geändert. Zum Löschen mit --yes wiederholen.")
            return
        record = services.erase(project, subject)
        self.stdout.write(self.style.SUCCESS(f"Gelöscht. Löschnachweis Nr. {record.pk}."))
