"""Load the demo content of both projects; running it again changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail import hooks

from cms import demo


class Command(BaseCommand):
    help = "Legt die Demo-Inhalte beider Projekte an (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-users",
            action="store_true",
            help="Keine Demo-Benutzer anlegen (nötig, wenn DEBUG aus ist).",
        )

    def handle(self, *args, **options):
        create_users = not options["no_users"]
        if create_users and not settings.DEBUG:
            raise CommandError(
                "Demo-Benutzer werden nur mit DEBUG=True angelegt. "
                "Mit --no-users lassen sich die Inhalte ohne Benutzer laden."
            )
        with transaction.atomic():
            projects = demo.load(stdout=self.stdout)
            # Other apps add their demo data through the "load_demo_data" hook, so this
            # app never imports them (dependencies point surveys → network → cms).
            for loader in hooks.get_hooks("load_demo_data"):
                loader(projects, stdout=self.stdout)
            password = demo.load_users(projects, stdout=self.stdout) if create_users else None
        if password:
            self.stdout.write(
                self.style.WARNING(f"Demo-Passwort für alle neuen Demo-Benutzer: {password}")
            )
        self.stdout.write(self.style.SUCCESS("Demo-Inhalte sind geladen."))
