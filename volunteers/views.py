"""Public views of the volunteering page: the filtered list and one opportunity with its form."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from cms import ratelimit, spam
from cms.cache import allow_personal_values
from volunteers.forms import ApplicationForm, OpportunityFilterForm, consent_version
from volunteers.models import DonationNeed, Opportunity
from volunteers.services import create_application, mail_coordinator

__all__ = ["opportunity_detail", "opportunity_list"]

LIST_TEMPLATE = "volunteers/volunteering_index_page.html"
DETAIL_TEMPLATE = "volunteers/opportunity.html"
LANDING_TEMPLATE = "volunteers/opportunity_landing.html"


def _published(page):
    project = page.project
    if project is None:
        return Opportunity.objects.none()
    return Opportunity.objects.for_project(project).published()


def opportunity_list(request, page):
    """Published opportunities after the GET filters; a filter value not offered answers 400."""
    form = OpportunityFilterForm(request.GET or None, project=page.project)
    criteria = form.criteria() if form.is_bound and form.is_valid() else {}
    opportunities = (
        _published(page)
        .filtered(**criteria)
        .select_related("field", "district", "institution", "project")
        .prefetch_related("slots", "languages")
        .order_by("title", "pk")
    )
    needs = (
        DonationNeed.objects.for_project(page.project).select_related("institution")
        if page.project
        else DonationNeed.objects.none()
    )
    response = page.render(
        request,
        template=LIST_TEMPLATE,
        context_overrides={
            "opportunities": list(opportunities),
            "filter_form": form,
            "filtered": any(value not in (None, False) for value in criteria.values()),
            "donation_needs": list(needs),
        },
    )
    if form.is_bound and form.errors:
        response.status_code = 400
    return response


def _privacy(request):
    from cms.services import site_settings_for

    privacy_page = site_settings_for(request).privacy_page
    return privacy_page, (privacy_page.localized.url if privacy_page else "")


def opportunity_detail(request, page, pk, slug):
    """One opportunity; POST takes the application (with consent only) and mails the coordinator."""
    opportunity = (
        _published(page)
        .select_related("field", "district", "institution", "contact_person", "project")
        .prefetch_related("slots", "languages", "required_qualifications")
        .filter(pk=pk)
        .first()
    )
    if opportunity is None:
        raise Http404
    if slug != opportunity.slug:
        return redirect(
            page.get_url(request) + page.reverse_subpage("opportunity", args=[pk, opportunity.slug])
        )
    privacy_page, privacy_url = _privacy(request)
    context = {"opportunity": opportunity, "privacy_url": privacy_url}
    if request.method != "POST":
        context["form"] = ApplicationForm(privacy_url=privacy_url)
        response = page.render(request, template=DETAIL_TEMPLATE, context_overrides=context)
        return allow_personal_values(response, "csrf", "form-started")
    form = ApplicationForm(request.POST, privacy_url=privacy_url)
    scope = ratelimit.scope(request, "volunteering", page.translation_key)
    refusal = spam.refusal(ratelimit.check(request, scope))
    if refusal is None and form.is_valid():
        if form.is_spam:
            ratelimit.record(request, scope)  # pretend success, store and send nothing
            return page.render(request, template=LANDING_TEMPLATE, context_overrides=context)
        claim, same = form.claim_start_token()
        if claim is ratelimit.ALLOWED:
            application = create_application(
                page.project, opportunity, form.cleaned_data, consent_version(privacy_page)
            )
            ratelimit.record(request, scope)
            mail_coordinator(
                application,
                _recipients(request),
                request.build_absolute_uri(
                    reverse("wagtailsnippets_volunteers_application:edit", args=[application.pk])
                ),
            )
            return page.render(request, template=LANDING_TEMPLATE, context_overrides=context)
        if claim is ratelimit.LIMITED and same:
            return page.render(request, template=LANDING_TEMPLATE, context_overrides=context)
        refusal = spam.refusal(claim, reused=True)
    status = 400
    if refusal is not None:
        message, status = refusal
        form.is_valid()
        form.add_error(None, message)
        form.renew_start_token()
    context["form"] = form
    response = page.render(request, template=DETAIL_TEMPLATE, context_overrides=context)
    response.status_code = status
    return response


def _recipients(request):
    from cms.services import site_settings_for

    email = site_settings_for(request).email
    return [email] if email else []
