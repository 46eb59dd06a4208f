"""Writes of the surveys app: storing a response once, invitations, cooperation proposals."""

import csv
import enum
import hashlib
import io

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from cms.cache_backend import CacheUnavailable
from surveys.flow import build_steps, clean_answers, decode_date, decode_number
from surveys.models import (
    OTHER_CHOICE,
    Answer,
    Invitation,
    QuestionKind,
    Response,
    SurveyAccess,
    hash_token,
    new_token,
)

__all__ = [
    "SubmitOutcome",
    "create_invitations",
    "find_invitation",
    "invitations_csv",
    "parse_rate",
    "propose_cooperations",
    "rate_limited",
    "submit_response",
]


class SubmitOutcome(enum.Enum):
    """What became of a final submit."""

    STORED = "stored"
    DUPLICATE = "duplicate"  # the same form was submitted before: nothing stored again
    TOKEN_USED = "token_used"
    TOKEN_UNKNOWN = "token_unknown"


class _TokenUsed(Exception):
    """Raised inside the submit transaction to roll it back."""


def find_invitation(survey, token):
    """The invitation of ``survey`` with this plain token, or ``None``."""
    if not token or len(token) > 200:
        return None
    return (
        Invitation.objects.filter(survey=survey, token_hash=hash_token(token))
        .select_related("institution")
        .first()
    )


def answer_rows(survey, questions, answers):
    """Unsaved :class:`Answer` rows (without response) for the encoded answers."""
    from network.models import District, Institution

    by_key = {q.key: q for q in questions}
    district_ids = {}
    institution_names = {}
    kinds = {q.kind for q in questions}
    if QuestionKind.DISTRICT in kinds:
        district_ids = dict(
            District.objects.filter(project_id=survey.project_id).values_list("name", "pk")
        )
    if QuestionKind.INSTITUTIONS in kinds:
        institution_names = dict(
            Institution.objects.filter(project_id=survey.project_id).values_list("pk", "name")
        )
    rows = []
    for key, value in answers.items():
        question = by_key.get(key)
        if question is None:
            continue
        kind = question.kind
        if kind == QuestionKind.SINGLE:
            rows.append(Answer(question=question, choice=value))
        elif kind == QuestionKind.MULTIPLE:
            for choice in value.get("c", []):
                text = value.get("o", "") if choice == OTHER_CHOICE else ""
                rows.append(Answer(question=question, choice=choice, text=text))
        elif kind == QuestionKind.LIKERT:
            for statement, level in value.items():
                rows.append(Answer(question=question, choice=statement, number=level))
        elif kind == QuestionKind.RATING:
            rows.append(Answer(question=question, number=int(value)))
        elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            rows.append(Answer(question=question, text=value))
        elif kind == QuestionKind.NUMBER:
            rows.append(Answer(question=question, number=decode_number(value)))
        elif kind == QuestionKind.DATE:
            rows.append(Answer(question=question, date=decode_date(value)))
        elif kind == QuestionKind.DISTRICT:
            if value in district_ids:
                rows.append(
                    Answer(question=question, choice=value, district_id=district_ids[value])
                )
        elif kind == QuestionKind.INSTITUTIONS:
            for pk, intensity in sorted(value.items(), key=lambda item: int(item[0])):
                pk = int(pk)
                if pk in institution_names:
                    rows.append(
                        Answer(
                            question=question,
                            choice=institution_names[pk],
                            institution_id=pk,
                            number=int(intensity),
                        )
                    )
    return rows


def propose_cooperations(survey, source_id, picks, description=""):
    """Propose unconfirmed cooperations from ``source_id`` to each picked institution.

    ``picks`` maps institution ids to intensities (1–5). A pair that already has an
    unconfirmed survey proposal (in either direction) gets no second one. Returns the
    new :class:`network.models.Cooperation` objects.
    """
    from django.db.models import Q

    from network.models import Cooperation, CooperationType, Institution, Provenance

    targets = set(
        Institution.objects.filter(project_id=survey.project_id, pk__in=list(picks)).values_list(
            "pk", flat=True
        )
    ) - {source_id}
    if not targets:
        return []
    pending = Cooperation.objects.filter(
        project_id=survey.project_id, provenance=Provenance.SURVEY, confirmed=False
    ).filter(
        Q(source_id=source_id, target_id__in=targets)
        | Q(target_id=source_id, source_id__in=targets)
    )
    already = {
        other
        for pair in pending.values_list("source_id", "target_id")
        for other in pair
        if other != source_id
    }
    new = [
        Cooperation(
            project_id=survey.project_id,
            source_id=source_id,
            target_id=target,
            type=CooperationType.COOPERATION,
            intensity=max(1, min(5, int(picks[target]))),
            provenance=Provenance.SURVEY,
            confirmed=False,
            description=description,
        )
        for target in sorted(targets - already)
    ]
    return Cooperation.objects.bulk_create(new)


def submit_response(survey, answers, *, submission_key, language="de", token=None, today=None):
    """Store one response with its answers, exactly once; return a :class:`SubmitOutcome`.

    - The same ``submission_key`` (a refresh, the back button, a double click) stores
      nothing the second time: a unique constraint decides, even under concurrency.
    - An invitation token is spent by a conditional UPDATE (``used = false`` → ``true``)
      inside the transaction; of two simultaneous submits exactly one succeeds.
    - In a network survey the picker answers become unconfirmed cooperation proposals,
      in the same transaction.
    """
    if Response.objects.filter(survey=survey, submission_key=submission_key).exists():
        return SubmitOutcome.DUPLICATE
    questions = list(survey.questions.all())
    answers = clean_answers(build_steps(questions), answers)
    invitation = None
    if survey.access == SurveyAccess.INVITATIONS:
        invitation = find_invitation(survey, token)
        if invitation is None:
            return SubmitOutcome.TOKEN_UNKNOWN
    rows = answer_rows(survey, questions, answers)
    try:
        with transaction.atomic():
            if invitation is not None:
                spent = Invitation.objects.filter(pk=invitation.pk, used=False).update(used=True)
                if not spent:
                    raise _TokenUsed
            respondent = None
            if invitation is not None and not survey.anonymous:
                respondent = invitation.institution_id
            response = Response(
                survey=survey,
                submitted_on=today or timezone.localdate(),
                language=language,
                institution_id=respondent,
                submission_key=submission_key,
            )
            # bulk_create sends no save signal, so a response does not purge every cached
            # page of every site; _after_submit purges only what shows survey results.
            Response.objects.bulk_create([response])
            for row in rows:
                row.response = response
            Answer.objects.bulk_create(rows)
            if respondent is not None:
                picks = {
                    row.institution_id: int(row.number)
                    for row in rows
                    if row.institution_id is not None
                }
                propose_cooperations(
                    survey, respondent, picks, description=f"Umfrage „{survey.title}“"
                )
            transaction.on_commit(lambda: _after_submit(survey))
    except _TokenUsed:
        if Response.objects.filter(survey=survey, submission_key=submission_key).exists():
            return SubmitOutcome.DUPLICATE
        return SubmitOutcome.TOKEN_USED
    except IntegrityError:
        if Response.objects.filter(survey=survey, submission_key=submission_key).exists():
            return SubmitOutcome.DUPLICATE
        raise
    return SubmitOutcome.STORED


def _after_submit(survey):
    """Mark the project's data as changed; refresh cached pages that publish results."""
    from cms.cache import purge_sites

    project = survey.project
    # Results and network analyses are cached by the project's data version.
    project.bump_data_version()
    if survey.pages.filter(show_results=True).exists():
        purge_sites([project.site])


def create_invitations(survey, count=0, institutions=(), label=""):
    """Create ``count`` plain invitations plus one per institution; return ``(invitation, token)``.

    The plain tokens exist only in the returned list: store or send them now.
    """
    pairs = []
    for index in range(count):
        token = new_token()
        pairs.append(
            (
                Invitation(
                    survey=survey,
                    token_hash=hash_token(token),
                    label=label or f"Einladung {index + 1}",
                ),
                token,
            )
        )
    for institution in institutions:
        token = new_token()
        pairs.append(
            (
                Invitation(
                    survey=survey,
                    token_hash=hash_token(token),
                    institution=institution,
                    label=institution.name,
                ),
                token,
            )
        )
    with transaction.atomic():
        Invitation.objects.bulk_create([invitation for invitation, _t in pairs])
    return pairs


def neutralise(value):
    """Defuse spreadsheet formulas: text starting with ``= + - @`` (or tab/CR) gets a quote.

    >>> neutralise("=SUMME(A1)"), neutralise("gut"), neutralise(-3)
    ("'=SUMME(A1)", 'gut', -3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def invitations_csv(pairs, base_url):
    """CSV (semicolon, UTF-8 with BOM for spreadsheet programs) with one link per invitation."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["Bezeichnung", "Institution", "Link"])
    base = base_url.rstrip("/")
    for invitation, token in pairs:
        writer.writerow(
            [
                neutralise(invitation.label),
                neutralise(invitation.institution.name if invitation.institution else ""),
                f"{base}/t/{token}/",
            ]
        )
    return buffer.getvalue()


def parse_rate(rate):
    """``"10/h"`` → ``(10, 3600)``; units s, m, h, d.

    >>> parse_rate("10/h"), parse_rate("3/m")
    ((10, 3600), (3, 60))
    """
    count, _slash, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip()[:1] or "h"]
    return int(count), seconds


def rate_limited(request, scope):
    """Count one submit of this client; true when it exceeds ``FORM_RATE_LIMIT``.

    The client is identified by a keyed hash of its address, kept only as a cache
    key that expires with the window; no address is ever stored.
    """
    limit, window = parse_rate(getattr(settings, "FORM_RATE_LIMIT", "10/h"))
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    key = f"surveys:rate:{scope}:{digest}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except CacheUnavailable:  # cannot count: refuse the submit (fail closed)
        return True
    except ValueError:
        cache.set(key, 1, window)
        count = 1
    return count > limit
