"""Personal data the CMS itself keeps: contact-form messages, team members, admin users."""

import datetime
import json

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Page

from cms.privacy.registry import Declaration, Retention, register, register_exemption
from cms.snippets import Person

CONTACT_MESSAGE_RETENTION = datetime.timedelta(days=183)


def project_pages(project):
    """Pages of the project's site in every language (translations live in their own trees)."""
    tree = Page.objects.descendant_of(project.site.root_page, inclusive=True)
    return Page.objects.filter(translation_key__in=tree.values("translation_key"))


def _mentions(values, subject):
    """Whether any of ``values`` is the subject's e-mail address or name (case-insensitive)."""
    wanted = {value.casefold() for value in (subject.email, subject.name) if value}
    return any(str(value).strip().casefold() in wanted for value in values if value)


def _find_submissions(project, subject):
    submissions = FormSubmission.objects.filter(page__in=project_pages(project))
    ids = [
        submission.pk
        for submission in submissions.only("pk", "form_data").iterator()
        if _mentions(_flat_values(submission.form_data), subject)
    ]
    return FormSubmission.objects.filter(pk__in=ids).order_by("pk")


def _flat_values(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _flat_values(value)
    elif isinstance(data, list | tuple):
        for value in data:
            yield from _flat_values(value)
    elif data is not None:
        yield str(data)


def _submission_export(submission):
    return {
        "formular": str(submission.page.specific_deferred),
        "eingegangen": submission.submit_time.isoformat(),
        "angaben": json.dumps(submission.form_data, ensure_ascii=False, sort_keys=True),
    }


def _delete(queryset):
    count = queryset.count()
    for obj in queryset:
        obj.delete()
    return count


register(
    Declaration(
        model=FormSubmission,
        kind="kontaktformular",
        title=_("Nachrichten über das Kontaktformular"),
        fields={"form_data": _("Angaben im Formular"), "submit_time": _("Eingegangen am")},
        find=_find_submissions,
        erase=_delete,
        erasure="delete",
        export=_submission_export,
        purpose=_("Beantwortung von Anfragen über das Kontaktformular der Website."),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung im Formular)"),
        retention=Retention(
            _(
                "6 Monate nach Eingang gelöscht: bis dahin ist eine Anfrage beantwortet, "
                "Rückfragen sind erledigt."
            ),
            "delete",
            CONTACT_MESSAGE_RETENTION,
            expired=lambda now: FormSubmission.objects.filter(
                submit_time__lt=now - CONTACT_MESSAGE_RETENTION
            ).order_by("pk"),
        ),
        data_subjects=_("Einwohnerinnen und Einwohner, Interessierte"),
        data_categories=_("Name, E-Mail-Adresse, Telefonnummer, Inhalt der Nachricht"),
        recipients=_("Projektteam; E-Mail an die Adresse der Kontaktseite"),
    )
)


def _find_people(project, subject):
    query = models.Q()
    if subject.email:
        query |= models.Q(email__iexact=subject.email)
    if subject.name:
        query |= models.Q(name__iexact=subject.name)
    return Person.objects.filter(query, project=project) if query else Person.objects.none()


register(
    Declaration(
        model=Person,
        kind="team",
        title=_("Einträge im Team und als Ansprechperson"),
        fields={
            "name": _("Name"),
            "role": _("Funktion"),
            "responsibility": _("Aufgaben"),
            "email": _("E-Mail"),
            "phone": _("Telefon"),
            "photo": _("Foto"),
        },
        identifiers=("name", "email", "phone"),
        find=_find_people,
        erase=_delete,
        erasure="delete",
        purpose=_("Vorstellung des Projektteams und Ansprechpersonen auf der Website."),
        legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO, § 26 BDSG (Beschäftigte)"),
        retention=Retention(_("Gelöscht, wenn die Person das Team verlässt."), "delete"),
        data_subjects=_("Beschäftigte des Projekts"),
        data_categories=_("Name, Funktion, dienstliche Kontaktdaten, Foto"),
        recipients=_("Öffentlichkeit (Website)"),
    )
)

User = get_user_model()


def _find_users(project, subject):
    if not subject.email:
        return User.objects.none()
    groups = [group for group in (project.editor_group_id, project.manager_group_id) if group]
    return (
        User.objects.filter(email__iexact=subject.email, groups__in=groups)
        .distinct()
        .order_by("pk")
    )


def _anonymise_users(queryset):
    count = 0
    for user in queryset:
        user.username = f"geloescht-{user.pk}"
        user.first_name = ""
        user.last_name = ""
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
        count += 1
    return count


register(
    Declaration(
        model=User,
        kind="benutzerkonten",
        title=_("Benutzerkonten der Verwaltung"),
        fields={
            "username": _("Benutzername"),
            "first_name": _("Vorname"),
            "last_name": _("Nachname"),
            "email": _("E-Mail"),
            "last_login": _("Letzte Anmeldung"),
            "date_joined": _("Angelegt am"),
        },
        identifiers=("username", "first_name", "last_name", "email"),
        find=_find_users,
        erase=_anonymise_users,
        erasure="anonymise",
        purpose=_("Anmeldung und Rechte in der Verwaltung; Nachvollziehbarkeit von Änderungen."),
        legal_basis=_("Art. 6 Abs. 1 lit. e DSGVO, § 26 BDSG (Beschäftigte)"),
        retention=Retention(
            _(
                "Anonymisiert, wenn die Person nicht mehr mitarbeitet; Änderungen bleiben ihr "
                "Konto zugeordnet, ohne Namen."
            ),
            "anonymise",
        ),
        data_subjects=_("Beschäftigte und Beauftragte der Projekte"),
        data_categories=_("Name, E-Mail-Adresse, Anmeldezeiten"),
        recipients=_("Administration der Plattform"),
    )
)

register_exemption("cms.Project", "name", _("Name eines Projekts, keiner Person."))
register_exemption("cms.TargetGroup", "name", _("Bezeichnung einer Zielgruppe."))
register_exemption("cms.EventPage", "address", _("Adresse eines Veranstaltungsorts."))
register_exemption(
    "cms.EventPage", "organiser", _("Veranstaltende Einrichtung, öffentlich angekündigt.")
)
register_exemption("cms.OfferPage", "place", _("Ort eines Angebots."))
register_exemption("cms.OfferLanguage", "name", _("Name einer Sprache."))
register_exemption("cms.OfficeHourSlot", "note", _("Hinweis zu Öffnungszeiten."))
register_exemption(
    "cms.ContactPage",
    "to_address",
    _("Funktionsadresse des Projekts, an die Nachrichten gehen (Redaktion pflegt sie)."),
)
register_exemption("cms.ContactPage", "from_address", _("Absenderadresse der Website."))
register_exemption("cms.FormField", "label", _("Beschriftung eines Formularfelds."))
register_exemption("cms.FormField", "clean_name", _("Technischer Name eines Formularfelds."))
for _field in ("name", "address", "email", "phone"):
    register_exemption(
        "cms.SiteSettings",
        _field,
        _("Anschrift und Funktionsadressen des Projekts (Impressum), keiner Person."),
    )
for _field in ("arbitration_name", "arbitration_address", "arbitration_email", "arbitration_phone"):
    register_exemption(
        "cms.SiteSettings",
        _field,
        _(
            "Anschrift der Schlichtungsstelle des Landes (Erklärung zur Barrierefreiheit), keiner Person."
        ),
    )
