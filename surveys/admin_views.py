"""Admin views of a survey beyond editing: results, exports, invitations, reciprocity."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from surveys.exports import responses_csv, responses_xlsx, results_xlsx
from surveys.models import Survey, SurveyAccess
from surveys.results import reciprocity, results_for_request
from surveys.services import create_invitations, invitations_csv

__all__ = [
    "export_csv",
    "export_xlsx",
    "invitations",
    "reciprocity_report",
    "results",
    "results_summary_xlsx",
]


def _survey(request, pk):
    """The survey if the user edits or manages its project; 404 otherwise."""
    queryset = Survey.objects.for_user(request.user).select_related("project")
    return get_object_or_404(queryset, pk=pk)


def _attachment(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _results(request, survey):
    return results_for_request(survey, list(survey.questions.all()), request.GET)


def results(request, pk):
    survey = _survey(request, pk)
    return TemplateResponse(
        request,
        "surveys/admin/results.html",
        {"survey": survey, "results": _results(request, survey), "public": False},
    )


def results_summary_xlsx(request, pk):
    survey = _survey(request, pk)
    return _attachment(
        results_xlsx(_results(request, survey)),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"ergebnisse-{slugify(survey.title)}.xlsx",
    )


def export_csv(request, pk):
    survey = _survey(request, pk)
    return _attachment(
        responses_csv(survey), "text/csv; charset=utf-8", f"antworten-{slugify(survey.title)}.csv"
    )


def export_xlsx(request, pk):
    survey = _survey(request, pk)
    return _attachment(
        responses_xlsx(survey),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"antworten-{slugify(survey.title)}.xlsx",
    )


class InvitationForm(forms.Form):
    """How many invitation links to create."""

    count = forms.IntegerField(
        label=gettext_lazy("Anzahl allgemeiner Einladungen"),
        min_value=0,
        max_value=5000,
        initial=0,
        error_messages={
            "min_value": gettext_lazy("Bitte 0 oder mehr angeben."),
            "max_value": gettext_lazy("Höchstens 5000 auf einmal."),
            "invalid": gettext_lazy("Bitte eine ganze Zahl angeben."),
            "required": gettext_lazy("Bitte eine Anzahl angeben (0 für keine)."),
        },
    )
    per_institution = forms.BooleanField(
        label=gettext_lazy("Je eine Einladung für jede aktive Institution ohne Einladung"),
        required=False,
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("count") and not cleaned.get("per_institution") and not self.errors:
            raise forms.ValidationError(_("Bitte eine Anzahl angeben oder Institutionen wählen."))
        return cleaned


def _page_url(request, survey):
    page = survey.pages.live().first()
    if page is None:
        return None
    return page.get_full_url(request)


@require_http_methods(["GET", "POST"])
def invitations(request, pk):
    """List invitations (used or not); POST creates new ones and downloads their links once."""
    from network.models import Institution

    survey = _survey(request, pk)
    page_url = _page_url(request, survey)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and page_url:
        institutions = []
        if form.cleaned_data["per_institution"]:
            taken = survey.invitations.exclude(institution=None).values("institution_id")
            institutions = list(
                Institution.objects.filter(project=survey.project, active=True)
                .exclude(pk__in=taken)
                .order_by("name")
            )
        pairs = create_invitations(
            survey, count=form.cleaned_data["count"], institutions=institutions
        )
        return _attachment(
            invitations_csv(pairs, page_url),
            "text/csv; charset=utf-8",
            f"einladungen-{slugify(survey.title)}.csv",
        )
    items = list(survey.invitations.select_related("institution").order_by("pk"))
    return TemplateResponse(
        request,
        "surveys/admin/invitations.html",
        {
            "survey": survey,
            "form": form,
            "invitations": items,
            "used": sum(1 for item in items if item.used),
            "page_url": page_url,
            "needs_invitations": survey.access == SurveyAccess.INVITATIONS,
        },
    )


def reciprocity_report(request, pk):
    survey = _survey(request, pk)
    return TemplateResponse(
        request,
        "surveys/admin/reciprocity.html",
        {"survey": survey, "report": reciprocity(survey)},
    )
