"""Apply the retention rules of the privacy registry; a dry run unless --apply is given."""

import datetime
import logging

from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from cms.privacy import declarations
from cms.privacy.services import Finding, erase_findings

logger = logging.getLogger("cms.privacy")

ACTIONS = {"delete": "wird gelöscht", "anonymise": "wird anonymisiert"}
WARNING_DAYS = (30, 7)


class Command(BaseCommand):
    help = (
        "Löscht oder anonymisiert, was seine Speicherdauer überschritten hat (Regeln aus "
        "den privacy.py der Apps), und listet, was in 30 und 7 Tagen an der Reihe ist. "
        "Ohne --apply wird nur aufgelistet; mehrmals ausgeführt ändert es nichts mehr."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="wirklich löschen")

    def handle(self, *args, **options):
        now = timezone.now()
        findings = [
            Finding(declaration, list(declaration.retention.expired(now)))
            for declaration in declarations()
            if declaration.retention.expired
        ]
        findings = [finding for finding in findings if finding.rows]
        for finding in findings:
            declaration = finding.declaration
            ids = ", ".join(str(row.pk) for row in finding.rows)
            self.stdout.write(
                f"{declaration.title}: {finding.count} "
                f"({ACTIONS[declaration.retention.action]}) – Nr. {ids}"
            )
        sessions = Session.objects.filter(expire_date__lt=now).count()
        self.stdout.write(f"Abgelaufene Sitzungen: {sessions} (werden gelöscht)")
        self._warn(now)
        if not options["apply"]:
            self.stdout.write("Probelauf: nichts geändert. Mit --apply ausführen.")
            return
        with transaction.atomic():
            counts, _consents = erase_findings(findings, by_retention=True)
        for finding in findings:
            declaration = finding.declaration
            logger.info(
                "Löschfrist %s: %s Datensätze (%s), Nr. %s",
                declaration.label,
                counts[declaration.kind],
                declaration.retention.action,
                ",".join(str(row.pk) for row in finding.rows),
            )
        call_command("clearsessions")
        logger.info("Löschfrist Sitzungen: %s abgelaufene gelöscht", sessions)
        self.stdout.write(self.style.SUCCESS("Löschfristen angewandt."))

    def _warn(self, now):
        """Rows whose period ends within the next 30 and 7 days, once per window."""
        for days in WARNING_DAYS:
            start = now + datetime.timedelta(days=days - 1)
            end = now + datetime.timedelta(days=days)
            for declaration in declarations():
                if not declaration.retention.due:
                    continue
                rows = list(declaration.retention.due(start, end))
                if rows:
                    ids = ", ".join(str(row.pk) for row in rows)
                    self.stdout.write(
                        f"Hinweis: in {days} Tagen {ACTIONS[declaration.retention.action]} – "
                        f"{declaration.title}: Nr. {ids}"
                    )
