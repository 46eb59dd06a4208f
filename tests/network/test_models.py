"""Validation of network data: German messages at the right field, DB constraints behind them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from network.models import (
    Contact,
    Cooperation,
    CooperationStatus,
    CooperationType,
    Institution,
    Membership,
    Sector,
)


def errors_of(obj):
    with pytest.raises(ValidationError) as info:
        obj.full_clean()
    return {
        field: [str(m) for m in messages] for field, messages in info.value.message_dict.items()
    }


def test_directed_types_are_referral_and_funding():
    assert [t.value for t in CooperationType if t.directed] == ["weitervermittlung", "foerderung"]
    assert CooperationType.COOPERATION.directed is False
    assert CooperationType.directed_values() == ["foerderung", "weitervermittlung"]


def test_self_loop_is_rejected_with_german_message(kaarst, three):
    a = three[0]
    coop = Cooperation(project=kaarst, source=a, target=a)
    assert errors_of(coop) == {
        "target": ["Eine Kooperation verbindet zwei verschiedene Institutionen."]
    }


def test_self_loop_is_also_refused_by_the_database(kaarst, three):
    a = three[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        Cooperation.objects.create(project=kaarst, source=a, target=a)


def test_institution_of_other_project_is_rejected(kaarst, kl, three):
    foreign = Institution.objects.create(project=kl, name="Fremd")
    coop = Cooperation(project=kaarst, source=three[0], target=foreign)
    assert errors_of(coop) == {"target": ["Diese Institution gehört nicht zu diesem Projekt."]}


def test_valid_to_before_valid_from_is_rejected(kaarst, three):
    coop = Cooperation(
        project=kaarst,
        source=three[0],
        target=three[1],
        valid_from=datetime.date(2024, 5, 1),
        valid_to=datetime.date(2024, 4, 30),
    )
    assert errors_of(coop) == {"valid_to": ["„gültig bis“ darf nicht vor „gültig ab“ liegen."]}


def test_intensity_outside_one_to_five_is_rejected(kaarst, three):
    coop = Cooperation(project=kaarst, source=three[0], target=three[1], intensity=6)
    assert "intensity" in errors_of(coop)


def test_second_active_undirected_cooperation_is_rejected_in_either_direction(kaarst, three):
    a, b, _ = three
    Cooperation.objects.create(project=kaarst, source=a, target=b, type="information")
    reverse = Cooperation(project=kaarst, source=b, target=a, type="information")
    assert errors_of(reverse) == {
        "type": [
            "Zwischen diesen Institutionen gibt es bereits eine aktive Kooperation der Art "
            "„Informationsaustausch“."
        ]
    }


def test_reverse_directed_cooperation_is_allowed_but_same_direction_is_not(kaarst, three):
    a, b, _ = three
    Cooperation.objects.create(project=kaarst, source=a, target=b, type="weitervermittlung")
    Cooperation(project=kaarst, source=b, target=a, type="weitervermittlung").full_clean()
    again = Cooperation(project=kaarst, source=a, target=b, type="weitervermittlung")
    assert list(errors_of(again)) == ["type"]


def test_ended_or_other_type_cooperation_is_no_duplicate(kaarst, three):
    a, b, _ = three
    Cooperation.objects.create(project=kaarst, source=a, target=b, type="kooperation")
    Cooperation(
        project=kaarst, source=a, target=b, type="kooperation", status=CooperationStatus.ENDED
    ).full_clean()
    Cooperation(project=kaarst, source=a, target=b, type="raumnutzung").full_clean()


def test_institution_name_is_unique_per_project_ignoring_case_and_spaces(kaarst, kl, three):
    clash = Institution(project=kaarst, name="  alpha E. v. ")
    assert errors_of(clash) == {
        "name": ["Eine Institution mit diesem Namen gibt es in diesem Projekt bereits."]
    }
    Institution(project=kl, name="Alpha e. V.").full_clean()


def test_category_name_is_unique_per_project(kaarst, categories):
    assert errors_of(Sector(project=kaarst, name="bildung")) == {
        "name": ["Diesen Namen gibt es in diesem Projekt bereits."]
    }


def test_archived_institution_cannot_be_active(kaarst):
    inst = Institution(project=kaarst, name="Alt", archived_on=datetime.date(2025, 1, 1))
    assert list(errors_of(inst)) == ["archived_on"]


def test_membership_end_before_start_and_foreign_contact_are_rejected(kaarst, kl, three):
    contact = Contact.objects.create(project=kl, name="Erika Muster")
    membership = Membership(
        institution=three[0],
        contact=contact,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2023, 1, 1),
    )
    assert errors_of(membership) == {
        "end": ["Das Ende darf nicht vor dem Beginn liegen."],
        "contact": ["Der Kontakt gehört nicht zum Projekt dieser Institution."],
    }


def test_for_user_limits_to_managed_projects(
    kaarst, kl, three, manager_kaarst, manager_kl, editor_kaarst, superuser
):
    from django.contrib.auth.models import AnonymousUser

    Institution.objects.create(project=kl, name="Pfalz-Verein")
    names = lambda user: sorted(Institution.objects.for_user(user).values_list("name", flat=True))  # noqa: E731
    assert names(manager_kaarst) == ["Alpha e. V.", "Beta Schule", "Gamma Treff"]
    assert names(manager_kl) == ["Pfalz-Verein"]
    assert names(editor_kaarst) == []
    assert names(AnonymousUser()) == []
    assert len(names(superuser)) == 4
