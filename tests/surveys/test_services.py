"""Storing responses once, spending tokens once, invitations, and cooperation proposals."""

import threading
import uuid

from django.db import connection

import pytest

from network.models import Cooperation, Provenance
from surveys.models import Invitation, Response, Survey, SurveyAccess, SurveyStatus, hash_token
from surveys.services import (
    SubmitOutcome,
    create_invitations,
    invitations_csv,
    submit_response,
)

from .conftest import add_questions


def network_survey(project, anonymous=False):
    survey = Survey.objects.create(
        project=project,
        title="Netzwerkbefragung",
        status=SurveyStatus.OPEN,
        access=SurveyAccess.INVITATIONS,
        anonymous=anonymous,
    )
    return add_questions(
        survey,
        [
            ("institutionen", "partner", "Mit wem arbeiten Sie zusammen?", {}),
            ("bewertung", "vernetzung", "Wie zufrieden sind Sie?", {}),
        ],
    )


def invite(survey, institution=None, token=None):
    token = token or uuid.uuid4().hex
    Invitation.objects.create(
        survey=survey, token_hash=hash_token(token), institution=institution, label="x"
    )
    return token


def key():
    return str(uuid.uuid4())


@pytest.mark.django_db
def test_invitation_tokens_are_stored_only_as_sha256(survey, institutions):
    pairs = create_invitations(survey, count=2, institutions=institutions[:1])
    assert [(inv.label, inv.institution) for inv, _t in pairs] == [
        ("Einladung 1", None),
        ("Einladung 2", None),
        ("Alpha e. V.", institutions[0]),
    ]
    for invitation, token in pairs:
        assert len(token) >= 43  # 32 random bytes, URL-safe base64: 256 bits
        stored = Invitation.objects.get(pk=invitation.pk)
        assert stored.token_hash == hash_token(token) != token
        assert len(stored.token_hash) == 64
    assert len({token for _i, token in pairs}) == 3
    csv_text = invitations_csv(pairs, "http://kaarst.localhost/beteiligung/")
    lines = csv_text.lstrip("\ufeff").split("\r\n")
    assert lines[0] == "Bezeichnung;Institution;Link"
    assert (
        lines[3] == f"Alpha e. V.;Alpha e. V.;http://kaarst.localhost/beteiligung/t/{pairs[2][1]}/"
    )


@pytest.mark.django_db
def test_same_form_submitted_twice_stores_one_response(survey):
    form_key = key()
    first = submit_response(survey, {"besuch": "Ja"}, submission_key=form_key)
    second = submit_response(survey, {"besuch": "Ja"}, submission_key=form_key)
    assert (first, second) == (SubmitOutcome.STORED, SubmitOutcome.DUPLICATE)
    assert Response.objects.count() == 1


@pytest.mark.django_db
def test_token_is_spent_once_and_unknown_tokens_are_refused(kaarst):
    survey = network_survey(kaarst, anonymous=True)
    token = invite(survey)
    assert submit_response(survey, {}, submission_key=key(), token=token) == SubmitOutcome.STORED
    assert (
        submit_response(survey, {}, submission_key=key(), token=token) == SubmitOutcome.TOKEN_USED
    )
    assert (
        submit_response(survey, {}, submission_key=key(), token="erfunden")
        == SubmitOutcome.TOKEN_UNKNOWN
    )
    assert Response.objects.count() == 1
    assert Invitation.objects.get().used is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_token_race_on_postgresql_stores_exactly_one_response(kaarst):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite lets only one writer in at a time, so two submits cannot race there; "
            "CI runs this test on PostgreSQL (DATABASE_URL)."
        )
    survey = network_survey(kaarst, anonymous=True)
    token = invite(survey)
    workers = 8
    barrier = threading.Barrier(workers)
    outcomes = []

    def submit():
        try:
            barrier.wait(timeout=30)
            outcomes.append(
                submit_response(survey, {"vernetzung": 4}, submission_key=key(), token=token)
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcome.value for outcome in outcomes) == ["stored"] + ["token_used"] * 7
    assert Response.objects.filter(survey=survey).count() == 1
    assert Invitation.objects.get(survey=survey).used is True


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_double_submit_on_postgresql_stores_one_response(survey):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; CI runs this test on PostgreSQL (DATABASE_URL).")
    form_key = key()
    barrier = threading.Barrier(6)
    outcomes = []

    def submit():
        try:
            barrier.wait(timeout=30)
            outcomes.append(submit_response(survey, {"besuch": "Ja"}, submission_key=form_key))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o.value for o in outcomes) == ["duplicate"] * 5 + ["stored"]
    assert Response.objects.filter(survey=survey).count() == 1


@pytest.mark.django_db
def test_network_survey_proposes_exactly_the_expected_unconfirmed_cooperations(
    kaarst, institutions
):
    alpha, beta, gamma, delta = institutions
    survey = network_survey(kaarst)
    # An earlier, still unconfirmed proposal Gamma → Alpha, and a confirmed manual tie Alpha–Beta.
    Cooperation.objects.create(
        project=kaarst, source=gamma, target=alpha, provenance=Provenance.SURVEY, confirmed=False
    )
    Cooperation.objects.create(project=kaarst, source=alpha, target=beta, intensity=2)
    token = invite(survey, institution=alpha)
    version = kaarst.data_version

    outcome = submit_response(
        survey,
        {"partner": {str(beta.pk): 4, str(gamma.pk): 2, str(delta.pk): 5}, "vernetzung": 3},
        submission_key=key(),
        token=token,
    )

    assert outcome == SubmitOutcome.STORED
    proposals = sorted(
        (c.source.name, c.target.name, c.intensity, c.type)
        for c in Cooperation.objects.filter(provenance=Provenance.SURVEY, confirmed=False)
    )
    assert proposals == [
        ("Alpha e. V.", "Beta Schule", 4, "kooperation"),
        ("Alpha e. V.", "Delta Kita", 5, "kooperation"),
        ("Gamma Treff", "Alpha e. V.", 3, "kooperation"),
    ]
    assert Cooperation.objects.filter(confirmed=True).count() == 1
    assert Response.objects.get().institution == alpha
    kaarst.refresh_from_db()
    assert kaarst.data_version > version


@pytest.mark.django_db
def test_anonymous_invitation_survey_links_no_response_to_its_invitation(kaarst, institutions):
    survey = network_survey(kaarst, anonymous=True)
    token = invite(survey, institution=institutions[0])
    submit_response(
        survey, {"partner": {str(institutions[1].pk): 3}}, submission_key=key(), token=token
    )
    response = Response.objects.get()
    assert response.institution is None
    assert Invitation.objects.get().used is True
    assert not Cooperation.objects.exists()
