"""Declarations of personal data, collected from every app's ``privacy.py``.

The pattern follows django-gdpr-assist's ``PrivacyMeta`` (fields, search, export and
anonymisation per model, third-party models registered from outside), which itself supports
only Django ≤ 4.0. ``cms`` never imports another app: each app registers its models from its
own ``<app>/privacy.py``, found by :func:`autodiscover` when the apps are ready.
"""

import dataclasses
import datetime
from collections.abc import Callable

from django.db import models
from django.utils.module_loading import autodiscover_modules

__all__ = [
    "Declaration",
    "Exemption",
    "Retention",
    "Subject",
    "autodiscover",
    "declaration_for",
    "declarations",
    "exemptions",
    "register",
    "register_exemption",
]


@dataclasses.dataclass(frozen=True)
class Subject:
    """The person a request is about, as the data protection officer knows them."""

    email: str
    name: str = ""

    def __post_init__(self):
        object.__setattr__(self, "email", (self.email or "").strip())
        object.__setattr__(self, "name", " ".join((self.name or "").split()))


@dataclasses.dataclass(frozen=True)
class Retention:
    """How long rows are kept and what happens after that time."""

    #: German description of the rule, for the record of processing and help texts
    rule: str
    #: ``"delete"`` or ``"anonymise"``
    action: str = "delete"
    #: the period after the rule's starting event; ``None`` when it is kept while needed
    period: datetime.timedelta | None = None
    #: ``expired(now)``: the queryset of rows whose period is over (all projects)
    expired: Callable | None = None
    #: ``due(start, end)``: rows whose period ends between the two times (for warnings)
    due: Callable | None = None


@dataclasses.dataclass(frozen=True)
class Declaration:
    """What one model holds about people and how the registry treats it.

    ``find(project, subject)`` returns the queryset of the rows about ``subject`` in
    ``project``; ``erase(queryset)`` deletes or anonymises them and returns the number of
    rows it changed. ``identifiers`` name the fields whose values must vanish from every
    copy (log entries, revisions, the search index) once the rows are erased.
    """

    model: type[models.Model]
    #: file name stem of the export (``kontakte`` → ``kontakte.csv``)
    kind: str
    #: German title of the kind of record
    title: str
    #: personal fields → German labels (also the columns of the export)
    fields: dict[str, str]
    find: Callable
    erase: Callable
    #: ``"delete"`` or ``"anonymise"``, as ``erase`` does it
    erasure: str
    purpose: str
    legal_basis: str
    retention: Retention
    data_subjects: str
    data_categories: str
    recipients: str
    identifiers: tuple[str, ...] = ()
    #: extra export values of one row (e.g. the fields of a form submission)
    export: Callable | None = None
    #: what the erasure leaves as proof (German), e.g. the consent without the person
    proof: Callable | None = None

    @property
    def label(self):
        return self.model._meta.label


@dataclasses.dataclass(frozen=True)
class Exemption:
    """A field that looks personal but is not, with the reason."""

    model: str
    field: str
    reason: str


_declarations: dict[str, Declaration] = {}
_exemptions: dict[tuple[str, str], Exemption] = {}


def register(declaration):
    """Declare one model's personal data; a model is declared once."""
    if declaration.label in _declarations:
        raise ValueError(f"{declaration.label} is already declared")
    missing = set(declaration.identifiers) - set(declaration.fields)
    if missing:
        raise ValueError(f"{declaration.label}: identifiers {sorted(missing)} are no fields")
    _declarations[declaration.label] = declaration
    return declaration


def register_exemption(model, field, reason):
    """State that ``model.field`` looks personal but holds no personal data, and why."""
    if not reason:
        raise ValueError("an exemption needs a reason")
    _exemptions[(model, field)] = Exemption(model, field, reason)


def declarations():
    """Every declaration, in a stable order (by model label)."""
    return [_declarations[label] for label in sorted(_declarations)]


def declaration_for(model):
    return _declarations.get(model._meta.label)


def exemptions():
    return dict(_exemptions)


def autodiscover():
    """Import ``privacy`` of every installed app, so each registers its declarations."""
    autodiscover_modules("privacy")
