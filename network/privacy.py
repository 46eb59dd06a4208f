"""Personal data of the network: contacts, their memberships and consent."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.privacy import Declaration, Retention, register, register_exemption
from network.models import Contact, Membership

CONTACT_INACTIVITY = datetime.timedelta(days=3 * 365)


def _contact_query(subject, prefix=""):
    query = models.Q()
    if subject.email:
        query |= models.Q(**{f"{prefix}email__iexact": subject.email})
    if subject.name:
        query |= models.Q(**{f"{prefix}name__iexact": subject.name})
    return query


def _find_contacts(project, subject):
    query = _contact_query(subject)
    if not query:
        return Contact.objects.none()
    return Contact.objects.filter(query, project=project).order_by("pk")


def _find_memberships(project, subject):
    query = _contact_query(subject, "contact__")
    if not query:
        return Membership.objects.none()
    return (
        Membership.objects.filter(query, contact__project=project)
        .select_related("institution")
        .order_by("pk")
    )


def _delete(queryset):
    count = queryset.count()
    for obj in queryset:
        obj.delete()
    return count


def _membership_export(membership):
    return {"institution": membership.institution.name}


def _consent_proof(contact):
    """What stays of a contact's consent: that it existed, when and for what; no person."""
    if not contact.consent_date:
        return None
    return {
        "einwilligung_am": contact.consent_date.isoformat(),
        "zweck": contact.consent_purpose,
        "eingeholt": contact.get_consent_method_display(),
    }


register(
    Declaration(
        model=Contact,
        kind="kontakte",
        title=_("Kontaktpersonen im Netzwerk"),
        fields={
            "name": _("Name"),
            "email": _("E-Mail"),
            "phone": _("Telefon"),
            "languages": _("Sprachen"),
            "notes": _("Notizen"),
            "consent_date": _("Einwilligung am"),
            "consent_purpose": _("Zweck der Einwilligung"),
            "consent_method": _("Einwilligung eingeholt"),
            "created_at": _("angelegt am"),
            "updated_at": _("geändert am"),
        },
        identifiers=("name", "email", "phone"),
        find=_find_contacts,
        erase=_delete,
        erasure="delete",
        proof=_consent_proof,
        purpose=_(
            "Kontaktpflege im Integrationsnetzwerk: Ansprechpersonen der Einrichtungen und "
            "Kooperationen."
        ),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. a DSGVO (Einwilligung) oder lit. e (öffentliche Funktion als "
            "offizielle Ansprechperson einer Einrichtung)"
        ),
        retention=Retention(
            _(
                "3 Jahre nach der letzten Änderung gelöscht (vorher Hinweis 30 und 7 Tage "
                "vorher): wer so lange nicht gebraucht wurde, gehört nicht mehr zum Netzwerk."
            ),
            "delete",
            CONTACT_INACTIVITY,
            expired=lambda now: Contact.objects.filter(
                updated_at__lt=now - CONTACT_INACTIVITY
            ).order_by("pk"),
            due=lambda start, end: Contact.objects.filter(
                updated_at__gte=start - CONTACT_INACTIVITY, updated_at__lt=end - CONTACT_INACTIVITY
            ).order_by("pk"),
        ),
        data_subjects=_("Ansprechpersonen von Einrichtungen"),
        data_categories=_("Name, dienstliche Kontaktdaten, Sprachen, Notizen, Einwilligung"),
        recipients=_("Netzwerk-Team des Projekts; keine Weitergabe, nie öffentlich"),
    )
)

register(
    Declaration(
        model=Membership,
        kind="zugehoerigkeiten",
        title=_("Zugehörigkeiten zu Einrichtungen"),
        fields={"role": _("Funktion"), "start": _("von"), "end": _("bis")},
        find=_find_memberships,
        erase=_delete,
        erasure="delete",
        export=_membership_export,
        purpose=_("Zuordnung einer Kontaktperson zu ihrer Einrichtung."),
        legal_basis=_("wie beim Kontakt (Art. 6 Abs. 1 lit. a oder e DSGVO)"),
        retention=Retention(
            _("Gelöscht mit dem Kontakt."),
            "delete",
            CONTACT_INACTIVITY,
            expired=lambda now: Membership.objects.filter(
                contact__updated_at__lt=now - CONTACT_INACTIVITY
            ).order_by("pk"),
        ),
        data_subjects=_("Ansprechpersonen von Einrichtungen"),
        data_categories=_("Funktion und Zeitraum in einer Einrichtung"),
        recipients=_("Netzwerk-Team des Projekts"),
    )
)

register_exemption("network.Institution", "name", _("Name einer Einrichtung."))
register_exemption("network.Institution", "short_name", _("Kurzname einer Einrichtung."))
register_exemption(
    "network.Institution", "address", _("Anschrift einer Einrichtung, keiner Person.")
)
for _model in ("District", "InstitutionType", "Sector"):
    register_exemption(f"network.{_model}", "name", _("Bezeichnung einer Kategorie."))
register_exemption(
    "network.NetworkLogEntry",
    "label",
    _(
        "Protokoll: nennt Datensätze beim Namen; die Löschung einer Person entfernt ihre "
        "Werte aus allen Protokolleinträgen."
    ),
)
