"""Shared parts of the privacy commands: the project and the person they are about."""

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import validate_email

from cms.privacy.registry import Subject


def add_subject_arguments(parser):
    parser.add_argument("--project", required=True, help="Kürzel des Projekts, z. B. kaarst")
    parser.add_argument("--email", required=True, help="E-Mail-Adresse der Person")
    parser.add_argument("--name", default="", help="Name der Person (genaue Schreibweise)")


def project_and_subject(options):
    """The project named by ``--project`` and the person; German errors for bad input."""
    from cms.models import Project

    project = Project.objects.filter(slug=options["project"]).first()
    if project is None:
        raise CommandError(f"Ein Projekt mit dem Kürzel „{options['project']}“ gibt es nicht.")
    try:
        validate_email(options["email"].strip())
    except ValidationError:
        raise CommandError("Bitte geben Sie eine gültige E-Mail-Adresse an.") from None
    return project, Subject(options["email"], options["name"])
