"""Every model field that looks personal is declared in the privacy registry or exempted."""

import re

from django.apps import apps
from django.db import models

import pytest

from cms import privacy
from cms.privacy.registry import Declaration, Retention, register

#: apps whose models we own, plus the third-party models that hold people's data
OWN_APPS = ("cms", "network", "surveys", "monitoring", "volunteers")
THIRD_PARTY = ("auth.User", "wagtailforms.FormSubmission")

PERSONAL_NAME = re.compile(
    r"(^|_)(name|first_name|last_name|full_name|email|e_mail|phone|telephone|mobile|telefon|"
    r"address|adresse|street|strasse|birth|birthday|geburt|notes|note|notizen|form_data|label)"
    r"($|_)"
)


def looks_personal(field):
    if not isinstance(field, models.Field) or field.is_relation:
        return False
    if isinstance(field, models.EmailField):
        return True
    return bool(PERSONAL_NAME.search(field.name))


def personal_looking_fields():
    found = set()
    for model in apps.get_models():
        if model._meta.app_label not in OWN_APPS and model._meta.label not in THIRD_PARTY:
            continue
        for field in model._meta.concrete_fields:
            if looks_personal(field):
                found.add((model._meta.label, field.name))
    return found


def covered_fields():
    covered = {(d.label, name) for d in privacy.declarations() for name in d.fields}
    return covered | set(privacy.exemptions())


def test_every_personal_looking_field_is_declared_or_exempted():
    assert sorted(personal_looking_fields() - covered_fields()) == []


def test_the_heuristic_flags_a_new_model_with_a_personal_field():
    """A model nobody declared is found: the check above can fail."""

    class Volunteer(models.Model):
        first_name = models.CharField(max_length=20)
        contact = models.EmailField()
        birth_date = models.DateField()
        hours = models.IntegerField()

        class Meta:
            app_label = "cms"

        def __str__(self):
            return self.first_name

    flagged = sorted(f.name for f in Volunteer._meta.concrete_fields if looks_personal(f))
    assert flagged == ["birth_date", "contact", "first_name"]
    apps.all_models["cms"].pop("volunteer")
    apps.clear_cache()


def test_registered_today():
    assert [d.label for d in privacy.declarations()] == [
        "auth.User",
        "cms.Person",
        "network.Contact",
        "network.Membership",
        "surveys.Answer",
        "surveys.Invitation",
        "volunteers.Application",
        "volunteers.HoursEntry",
        "volunteers.Placement",
        "volunteers.PoliceCertificate",
        "volunteers.Qualification",
        "volunteers.Volunteer",
        "wagtailforms.FormSubmission",
    ]


def test_each_declaration_states_purpose_basis_retention_and_recipients():
    for declaration in privacy.declarations():
        for text in (
            declaration.title,
            declaration.purpose,
            declaration.legal_basis,
            declaration.retention.rule,
            declaration.data_subjects,
            declaration.data_categories,
            declaration.recipients,
        ):
            assert str(text).strip(), declaration.label
        assert declaration.erasure in {"delete", "anonymise"}
        assert declaration.retention.action in {"delete", "anonymise"}


def test_every_exemption_has_a_reason():
    assert all(str(e.reason).strip() for e in privacy.exemptions().values())


def test_a_model_is_declared_only_once():
    existing = privacy.declarations()[0]
    with pytest.raises(ValueError, match="already declared"):
        register(
            Declaration(
                model=existing.model,
                kind="x",
                title="x",
                fields={},
                find=None,
                erase=None,
                erasure="delete",
                purpose="x",
                legal_basis="x",
                retention=Retention("x"),
                data_subjects="x",
                data_categories="x",
                recipients="x",
            )
        )
