"""Public views of a SurveyPage: answering step by step, and the published results."""

import time

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms import ratelimit
from cms.cache import allow_personal_values
from cms.spam import HONEYPOT_FIELD
from surveys.flow import (
    STATE_FIELD,
    AnswerState,
    StepForm,
    SurveyContext,
    build_steps,
    clean_answers,
    visible_steps,
)
from surveys.models import SurveyAccess
from surveys.privacy import mask_public_texts
from surveys.results import results_for_request
from surveys.services import SubmitOutcome, find_invitation, submit_response

__all__ = ["answer_survey", "public_results"]


def _notice(request, page, survey, *, title, message, status):
    """A plain German page for every situation in which no questionnaire can be shown."""
    return TemplateResponse(
        request,
        "surveys/survey_notice.html",
        _page_context(request, page, survey, notice_title=title, notice=message),
        status=status,
    )


def _page_context(request, page, survey, **extra):
    """The page's own context (site layout, navigation) plus the survey's."""
    context = page.get_context(request)
    context.update({"survey": survey, **extra})
    return context


def _survey_of(page):
    survey = page.survey
    if survey is None:
        raise Http404
    return survey


@never_cache
def answer_survey(request, page, token=None):
    """One step of the questionnaire per request; the final step stores the response.

    A step with errors is shown again with its error summary under status 400, as is the
    first step when the answering state sent back was lost, forged or stale.
    """
    survey = _survey_of(page)
    availability = survey.availability()
    if availability == "draft":
        raise Http404
    if availability == "closed":
        return _notice(
            request,
            page,
            survey,
            title=_("Diese Umfrage ist beendet"),
            message=_("Vielen Dank für Ihr Interesse. Antworten sind nicht mehr möglich."),
            status=410,
        )
    if availability == "not_yet_open":
        return _notice(
            request,
            page,
            survey,
            title=_("Diese Umfrage beginnt bald"),
            message=_("Die Umfrage startet am %(date)s. Bitte kommen Sie dann wieder.")
            % {"date": translation_date(survey.opens_at)},
            status=200,
        )

    state = None
    if request.method == "POST":
        state = AnswerState.loads(request.POST.get(STATE_FIELD), survey)
        if state is not None:
            token = state.token

    invitation = None
    if survey.access == SurveyAccess.INVITATIONS:
        if not token:
            return _notice(
                request,
                page,
                survey,
                title=_("Einladung erforderlich"),
                message=_(
                    "An dieser Umfrage nehmen Sie über Ihren persönlichen Einladungslink teil."
                ),
                status=403,
            )
        invitation = find_invitation(survey, token)
        if invitation is None:
            return _notice(
                request,
                page,
                survey,
                title=_("Einladungslink unbekannt"),
                message=_(
                    "Diesen Einladungslink kennen wir nicht. Bitte prüfen Sie, ob er "
                    "vollständig kopiert wurde."
                ),
                status=404,
            )
        if invitation.used and not _already_submitted(survey, state):
            return _notice(
                request,
                page,
                survey,
                title=_("Einladung bereits genutzt"),
                message=_("Mit diesem Einladungslink wurde bereits geantwortet. Vielen Dank!"),
                status=410,
            )

    questions = list(survey.questions.all())
    all_steps = build_steps(questions)
    own_institution = (
        invitation.institution_id if invitation is not None and not survey.anonymous else None
    )
    context = SurveyContext.for_survey(
        survey, own_institution_id=own_institution, questions=questions
    )

    if state is None:
        language = request.GET.get("sprache") or request.POST.get("sprache") or ""
        if language not in survey.offered_languages:
            current = translation.get_language() or "de"
            language = current if current in survey.offered_languages else "de"
        restarted = request.method == "POST"
        state = AnswerState.start(survey, language=language, token=token)
        response = _render_step(
            request, page, survey, state, all_steps, context, restarted=restarted
        )
        first = visible_steps(all_steps, {})
        if (
            request.method == "GET"
            and token is None
            and first
            and not any(question.shuffle_choices for question in first[0].questions)
        ):
            # The same first step for everyone but the answering state and CSRF token, which
            # the page cache makes fresh per respondent; shuffled choices would differ.
            allow_personal_values(response, "csrf", "survey-state")
        return response

    action = request.POST.get("action", "next")
    if action.startswith("sprache:"):
        language = action.split(":", 1)[1]
        if language in survey.offered_languages:
            state.language = language
        return _render_step(request, page, survey, state, all_steps, context)

    steps = visible_steps(all_steps, state.answers)
    if not steps:
        raise Http404
    index = max(0, min(state.step, len(steps) - 1))
    with translation.override(state.language):
        form = StepForm(
            steps[index],
            context,
            language=state.language,
            seed=state.seed,
            answers=state.answers,
            data=request.POST,
        )
        valid = form.is_valid()
    for question in steps[index].questions:
        state.answers.pop(question.key, None)
    state.answers.update(form.answers())
    state.answers = clean_answers(all_steps, state.answers)

    if action == "back":
        state.step = max(0, index - 1)
        return _render_step(request, page, survey, state, all_steps, context)
    if not valid:
        state.step = index
        return _render_step(request, page, survey, state, all_steps, context, form=form)
    if form.pending_intensities:
        # Institutions chosen without JavaScript: their intensity is asked on this step now.
        state.step = index
        return _render_step(request, page, survey, state, all_steps, context, form=form)

    shown_before = {q.key for q in steps[index].questions}
    steps = visible_steps(all_steps, state.answers)
    current = next(i for i, step in enumerate(steps) if step.section is form.step.section)
    if {q.key for q in steps[current].questions} - shown_before:
        # An answer on this step revealed a further question here: show it before moving on.
        state.step = current
        return _render_step(request, page, survey, state, all_steps, context)
    if current + 1 < len(steps):
        state.step = current + 1
        return _render_step(request, page, survey, state, all_steps, context)
    return _final_submit(request, page, survey, state, all_steps, context, form)


def _already_submitted(survey, state):
    return state is not None and survey.responses.filter(submission_key=state.key).exists()


def _final_submit(request, page, survey, state, all_steps, context, form):
    if request.POST.get(HONEYPOT_FIELD):
        # Filled by a bot: thank it and store nothing.
        return _thanks(request, page, survey, state)

    def back_to_last_step(message):
        # Nothing is lost: the last step comes back with its answers, ready to be sent again.
        state.step = len(visible_steps(all_steps, state.answers)) - 1
        return _render_step(request, page, survey, state, all_steps, context, extra_error=message)

    if time.time() - state.started < settings.FORM_MIN_FILL_SECONDS:
        return back_to_last_step(
            _(
                "Das ging sehr schnell. Bitte prüfen Sie Ihre Antworten und senden Sie "
                "sie noch einmal ab."
            )
        )
    scope = ratelimit.scope(request, "survey", survey.pk)
    verdict = ratelimit.ALLOWED
    if not _already_submitted(survey, state):
        verdict = ratelimit.check(request, scope)
    if verdict is ratelimit.LIMITED:
        return _notice(
            request,
            page,
            survey,
            title=_("Zu viele Antworten"),
            message=_(
                "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Antworten. "
                "Bitte versuchen Sie es später noch einmal."
            ),
            status=429,
        )
    if verdict is ratelimit.UNAVAILABLE:
        response = back_to_last_step(
            _(
                "Ihre Antworten können gerade nicht angenommen werden. Bitte senden Sie sie "
                "in einigen Minuten noch einmal ab."
            )
        )
        response.status_code = 503
        return response
    outcome = submit_response(
        survey,
        state.answers,
        submission_key=state.key,
        language=state.language,
        token=state.token,
    )
    if outcome is SubmitOutcome.STORED:
        ratelimit.record(request, scope)
    if outcome in (SubmitOutcome.STORED, SubmitOutcome.DUPLICATE):
        return _thanks(request, page, survey, state)
    if outcome == SubmitOutcome.TOKEN_USED:
        return _notice(
            request,
            page,
            survey,
            title=_("Einladung bereits genutzt"),
            message=_("Mit diesem Einladungslink wurde bereits geantwortet. Vielen Dank!"),
            status=410,
        )
    return _notice(
        request,
        page,
        survey,
        title=_("Einladungslink unbekannt"),
        message=_("Diesen Einladungslink kennen wir nicht."),
        status=404,
    )


def _thanks(request, page, survey, state):
    with translation.override(state.language):
        return TemplateResponse(
            request,
            "surveys/survey_thanks.html",
            _page_context(
                request,
                page,
                survey,
                language=state.language,
                thank_you=survey.translated("thank_you", state.language),
                title=survey.translated("title", state.language),
            ),
        ).render()


def _render_step(request, page, survey, state, all_steps, context, form=None, **extra):
    steps = visible_steps(all_steps, state.answers)
    index = max(0, min(state.step, len(steps) - 1))
    state.step = index
    with translation.override(state.language):
        if form is None:
            form = StepForm(
                steps[index],
                context,
                language=state.language,
                seed=state.seed,
                answers=state.answers,
            )
        summary = form.error_summary() if form.is_bound else []
        if extra.get("extra_error"):
            summary = [("", "", extra["extra_error"]), *summary]
        section = steps[index].section
        response = TemplateResponse(
            request,
            "surveys/survey_page.html",
            _page_context(
                request,
                page,
                survey,
                form=form,
                blocks=form.blocks(),
                error_summary=summary,
                state=state.dumps(),
                state_field=STATE_FIELD,
                honeypot_field=HONEYPOT_FIELD,
                step_number=index + 1,
                step_count=len(steps),
                is_first=index == 0,
                is_last=index == len(steps) - 1,
                section_title=section.translated("text", state.language) if section else "",
                section_text=section.translated("help_text", state.language) if section else "",
                title=survey.translated("title", state.language),
                intro=survey.translated("intro", state.language) if index == 0 else "",
                language=state.language,
                rtl=state.language in settings.LANGUAGES_BIDI,
                # Each language named in itself ("العربيّة", "Türkçe"), as in the page's switcher.
                languages=[
                    (code, translation.get_language_info(code)["name_local"])
                    for code in survey.offered_languages
                ],
                restarted=extra.get("restarted", False),
            ),
            # Refused input (errors on this step, or a lost or forged answering state).
            status=400 if summary or extra.get("restarted") else 200,
        )
        return response.render()


def translation_date(value):
    from django.utils import timezone
    from django.utils.formats import date_format

    return date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def public_results(request, page):
    """The published results of the page's survey (404 unless the editors enabled them)."""
    survey = _survey_of(page)
    if not page.show_results or survey.availability() == "draft":
        raise Http404
    questions = list(survey.questions.all())
    results = mask_public_texts(survey, results_for_request(survey, questions, request.GET))
    return TemplateResponse(
        request,
        "surveys/survey_results_page.html",
        _page_context(request, page, survey, results=results, public=True),
    )
