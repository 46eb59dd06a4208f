"""Documents as PDF (WeasyPrint): the Ehrenamtsnachweis and the Ehrenamtskarte confirmation."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from volunteers.hours import hours_in, yearly_totals
from volunteers.services import approved_entries, card_check

__all__ = ["card_confirmation_pdf", "certificate_context", "certificate_pdf"]


def _pdf(html):
    from weasyprint import HTML  # heavy: only the document views load it

    return HTML(string=html).write_pdf()


def certificate_context(volunteer, start, end):
    """What the Ehrenamtsnachweis states for ``start``–``end``: placements, hours, trainings."""
    placements = []
    for placement in volunteer.placements.select_related(
        "opportunity__institution", "opportunity__project"
    ).order_by("start", "pk"):
        if placement.start > end or (placement.end and placement.end < start):
            continue
        entries = list(placement.hours.filter(approved=True).values_list("date", "hours"))
        placements.append(
            {
                "placement": placement,
                "place": placement.opportunity.place,
                "tasks": placement.tasks.strip() or "; ".join(placement.opportunity.task_lines()),
                "hours": hours_in(entries, start, end),
            }
        )
    trainings = list(
        volunteer.qualifications.filter(obtained_on__gte=start, obtained_on__lte=end)
        .select_related("type")
        .order_by("obtained_on", "pk")
    )
    return {
        "volunteer": volunteer,
        "project": volunteer.project,
        "start": start,
        "end": end,
        "placements": placements,
        "total": sum((item["hours"] for item in placements), 0),
        "trainings": trainings,
        "issued_on": timezone.localdate(),
    }


def certificate_pdf(volunteer, start, end):
    """The Ehrenamtsnachweis of ``volunteer`` for the period, in German, as PDF bytes."""
    with translation.override("de"):
        html = render_to_string(
            "volunteers/pdf/ehrenamtsnachweis.html", certificate_context(volunteer, start, end)
        )
    return _pdf(html)


def card_confirmation_pdf(volunteer, on, state):
    """The organisation's confirmation for the Ehrenamtskarte application, as PDF bytes."""
    verdict = card_check(volunteer, on, state)
    with translation.override("de"):
        html = render_to_string(
            "volunteers/pdf/ehrenamtskarte.html",
            {
                "volunteer": volunteer,
                "project": volunteer.project,
                "verdict": verdict,
                "yearly": sorted(yearly_totals(approved_entries(volunteer)).items()),
                "issued_on": timezone.localdate(),
            },
        )
    return _pdf(html)
