"""Admin views of the volunteering beyond the snippet viewsets: take-over, matching, lists, PDFs."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from volunteers.models import (
    Application,
    HoursEntry,
    Opportunity,
    Qualification,
    Volunteer,
    VolunteerSettings,
)
from volunteers.services import approve_hours, opportunities_for, take_over, volunteers_for

__all__ = [
    "card_confirmation",
    "certificate",
    "expiring_qualifications",
    "hours_approval",
    "opportunity_matches",
    "review_reminders",
    "take_over_application",
    "volunteer_matches",
]

EXPIRY_WINDOW = datetime.timedelta(days=30)


def _require(request, permission):
    if not request.user.has_perm(f"volunteers.{permission}"):
        raise PermissionDenied


def _scoped(model, request, pk):
    """The object if it belongs to one of the user's projects; 404 otherwise.

    Object views look the object up before checking the permission, so an id of another
    project answers exactly like a missing one.
    """
    return get_object_or_404(model.objects.for_user(request.user), pk=pk)


@require_http_methods(["GET", "POST"])
def take_over_application(request, pk):
    """Show the application and, on its one button, make it a volunteer record."""
    application = _scoped(Application, request, pk)
    _require(request, "add_volunteer")
    if application.volunteer_id:
        return redirect("wagtailsnippets_volunteers_volunteer:edit", application.volunteer_id)
    if request.method == "POST":
        volunteer = take_over(application)
        messages.success(
            request,
            _("%(name)s ist jetzt als Ehrenamtliche/r angelegt.") % {"name": volunteer.name},
        )
        return redirect("wagtailsnippets_volunteers_volunteer:edit", volunteer.pk)
    return TemplateResponse(
        request,
        "volunteers/admin/take_over.html",
        {"application": application, "page_title": _("Als Ehrenamtliche/n übernehmen")},
    )


class DayForm(forms.Form):
    day = forms.DateField(
        label=gettext_lazy("Stichtag"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Bitte ein Datum angeben (TT.MM.JJJJ).")},
    )


def _day(request):
    form = DayForm(request.GET or None)
    day = form.cleaned_data.get("day") if form.is_bound and form.is_valid() else None
    return form, day or timezone.localdate()


def opportunity_matches(request, pk):
    """Volunteers for one opportunity, ranked, with their reasons; the excluded ones and why."""
    opportunity = _scoped(Opportunity, request, pk)
    _require(request, "view_volunteer")
    form, day = _day(request)
    suggestions, excluded = _described(*volunteers_for(opportunity, day), opportunity.project)
    return TemplateResponse(
        request,
        "volunteers/admin/matches.html",
        {
            "page_title": _("Passende Ehrenamtliche: %(title)s") % {"title": opportunity.title},
            "form": form,
            "day": day,
            "suggestions": suggestions,
            "excluded": excluded,
            "edit_url": "wagtailsnippets_volunteers_volunteer:edit",
        },
    )


def volunteer_matches(request, pk):
    """Opportunities for one volunteer, the other way round."""
    volunteer = _scoped(Volunteer, request, pk)
    _require(request, "view_volunteer")
    form, day = _day(request)
    suggestions, excluded = _described(*opportunities_for(volunteer, day), volunteer.project)
    return TemplateResponse(
        request,
        "volunteers/admin/matches.html",
        {
            "page_title": _("Passende Angebote: %(name)s") % {"name": volunteer.name},
            "form": form,
            "day": day,
            "suggestions": suggestions,
            "excluded": excluded,
            "edit_url": "wagtailsnippets_volunteers_opportunity:edit",
        },
    )


def expiring_qualifications(request):
    """Qualifications that expire within the next 30 days (and the ones expired today)."""
    _require(request, "view_qualification")
    today = timezone.localdate()
    qualifications = list(
        Qualification.objects.for_user(request.user)
        .filter(expires_on__gte=today, expires_on__lte=today + EXPIRY_WINDOW)
        .select_related("volunteer", "type")
        .order_by("expires_on", "pk")
    )
    return TemplateResponse(
        request,
        "volunteers/admin/expiring.html",
        {"page_title": _("Läuft in 30 Tagen ab"), "qualifications": qualifications},
    )


def review_reminders(request):
    """Opportunities nobody checked for three months."""
    _require(request, "change_opportunity")
    opportunities = list(
        Opportunity.objects.for_user(request.user)
        .due_for_review()
        .select_related("institution", "project")
        .order_by("last_reviewed", "title")
    )
    return TemplateResponse(
        request,
        "volunteers/admin/review.html",
        {"page_title": _("Angebote prüfen"), "opportunities": opportunities},
    )


@require_http_methods(["GET", "POST"])
def hours_approval(request):
    """Unapproved hours of the user's projects; POST approves the ticked ones."""
    _require(request, "change_hoursentry")
    pending = HoursEntry.objects.for_user(request.user).filter(approved=False)
    if request.method == "POST":
        ids = [value for value in request.POST.getlist("entry") if value.isdigit()]
        if not ids:
            messages.error(request, _("Bitte mindestens einen Eintrag auswählen."))
        else:
            count = approve_hours(pending.filter(pk__in=ids), request.user)
            messages.success(request, _("%(count)d Einträge bestätigt.") % {"count": count})
        return redirect("volunteers_hours_approval")
    entries = list(
        pending.select_related("placement__volunteer", "placement__opportunity").order_by(
            "date", "pk"
        )
    )
    return TemplateResponse(
        request,
        "volunteers/admin/hours_approval.html",
        {"page_title": _("Stunden bestätigen"), "entries": entries},
    )


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class PeriodForm(forms.Form):
    start = forms.DateField(required=False)
    end = forms.DateField(required=False)


def certificate(request, pk):
    """The Ehrenamtsnachweis as PDF; the period defaults to the last 12 months."""
    from volunteers.certificates import certificate_pdf

    volunteer = _scoped(Volunteer, request, pk)
    _require(request, "view_volunteer")
    form = PeriodForm(request.GET)
    today = timezone.localdate()
    data = form.cleaned_data if form.is_valid() else {}
    end = data.get("end") or today
    start = data.get("start") or end - datetime.timedelta(days=364)
    return _pdf_response(
        certificate_pdf(volunteer, start, end), f"ehrenamtsnachweis-{slugify(volunteer.name)}.pdf"
    )


def card_confirmation(request, pk):
    """The organisation's confirmation for the Ehrenamtskarte, under the site's state rule."""
    from volunteers.certificates import card_confirmation_pdf

    volunteer = _scoped(Volunteer, request, pk)
    _require(request, "view_volunteer")
    state = VolunteerSettings.for_site(volunteer.project.site).state
    return _pdf_response(
        card_confirmation_pdf(volunteer, timezone.localdate(), state),
        f"ehrenamtskarte-{slugify(volunteer.name)}.pdf",
    )


class _Names:
    """German words for the ids and codes in matching reasons, each list read once."""

    def __init__(self, project):
        from cms.snippets import OfferLanguage
        from network.models import District
        from volunteers.models import QualificationType

        self.languages = dict(OfferLanguage.objects.values_list("code", "name"))
        self.districts = dict(District.objects.for_project(project).values_list("pk", "name"))
        self.qualifications = dict(
            QualificationType.objects.for_project(project).values_list("pk", "name")
        )

    def reason(self, reason):
        from cms.snippets import Weekday

        if reason.kind == "skills":
            return _("Fähigkeiten: %s") % ", ".join(reason.values)
        if reason.kind == "languages":
            return _("Sprachen: %s") % ", ".join(self.languages.get(v, v) for v in reason.values)
        if reason.kind == "district":
            return _("Stadtteil: %s") % self.districts.get(reason.values[0], "")
        return _("Zeit: %s") % ", ".join(
            f"{Weekday(day).label} {start:%H:%M}–{end:%H:%M}" for day, start, end in reason.values
        )

    def exclusion(self, exclusion):
        if exclusion.kind == "qualification":
            names = ", ".join(self.qualifications.get(v, str(v)) for v in exclusion.values)
            return _("keine gültige Qualifikation: %s") % names
        if exclusion.kind == "age":
            return _("jünger als %d Jahre oder Alter unbekannt") % exclusion.values[0]
        return _("spricht keine der Sprachen: %s") % ", ".join(
            self.languages.get(v, v) for v in exclusion.values
        )


def _described(suggestions, excluded, rows, project):
    names = _Names(project)
    return (
        [(rows[s.partner.id], s.score, [names.reason(r) for r in s.reasons]) for s in suggestions],
        [(rows[key], [names.exclusion(e) for e in reasons]) for key, reasons in excluded.items()],
    )
