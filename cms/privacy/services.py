"""Find, export and erase one person's data across every declaration of a project."""

import dataclasses
import json

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import transaction

from wagtail.models import Revision
from wagtail.models.audit_log import BaseLogEntry

from cms.privacy.registry import declarations

__all__ = [
    "Finding",
    "erase",
    "erase_findings",
    "find",
    "leftover_copies",
    "personal_values",
]

#: shorter values (initials, "de") would match far too much in log entries and revisions
MIN_VALUE_LENGTH = 4
ERASED_LABEL = "[gelöscht]"


@dataclasses.dataclass
class Finding:
    """The rows of one declaration that are about the person."""

    declaration: object
    rows: list

    @property
    def count(self):
        return len(self.rows)


def find(project, subject):
    """Every declared row about ``subject`` in ``project``, by kind (only kinds with rows)."""
    findings = []
    for declaration in declarations():
        rows = list(declaration.find(project, subject))
        if rows:
            findings.append(Finding(declaration, rows))
    return findings


def personal_values(findings, subject=None):
    """The values that identify the person and must vanish from every copy."""
    values = {subject.email, subject.name} if subject else set()
    for finding in findings:
        for row in finding.rows:
            for field in finding.declaration.identifiers:
                values.add(str(getattr(row, field) or ""))
    return sorted(value for value in values if len(value.strip()) >= MIN_VALUE_LENGTH)


def _mentions(text, needles):
    text = text.casefold()
    return any(needle in text for needle in needles)


def _needles(values):
    return [value.strip().casefold() for value in values]


def _log_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseLogEntry) and not model._meta.abstract
    ]


def _object_keys(findings):
    """``(content type id, str(pk))`` of every row that will be erased."""
    keys = set()
    for finding in findings:
        content_type = ContentType.objects.get_for_model(finding.declaration.model)
        keys.update((content_type.pk, str(row.pk)) for row in finding.rows)
    return keys


def _log_entries(values, keys):
    """Log entries that name the person or are about one of their rows, per log model."""
    needles = _needles(values)
    found = {}
    for model in _log_models():
        ids = []
        names = {field.name for field in model._meta.concrete_fields}
        object_field = "object_id" if "object_id" in names else "page_id"
        rows = model.objects.values_list("pk", "content_type_id", object_field, "label", "data")
        for pk, content_type_id, object_id, label, data in rows.iterator(chunk_size=2000):
            text = f"{label}\n{json.dumps(data, ensure_ascii=False)}"
            if (content_type_id, str(object_id)) in keys or _mentions(text, needles):
                ids.append(pk)
        if ids:
            found[model] = ids
    return found


def _revisions(values, keys):
    needles = _needles(values)
    ids = []
    rows = Revision.objects.values_list(
        "pk", "content_type_id", "object_id", "object_str", "content"
    )
    for pk, content_type_id, object_id, object_str, content in rows.iterator(chunk_size=500):
        text = f"{object_str}\n{json.dumps(content, ensure_ascii=False)}"
        if (content_type_id, str(object_id)) in keys or _mentions(text, needles):
            ids.append(pk)
    return ids


def leftover_copies(findings, subject):
    """Copies outside the declared rows: log entries and revisions naming the person."""
    values = personal_values(findings, subject)
    keys = _object_keys(findings)
    logs = _log_entries(values, keys)
    return {
        "log_entries": sum(len(ids) for ids in logs.values()),
        "revisions": len(_revisions(values, keys)),
    }


def erase(project, subject, user=None):
    """Erase ``subject`` in ``project`` in one transaction; returns the proof of erasure.

    Declared rows are deleted or anonymised as their declaration says; log entries that
    name the person lose label and data, revisions that hold them are deleted, the search
    index follows the rows (deleted objects leave it, anonymised ones are indexed anew),
    and every cache is emptied once the transaction is committed.
    """
    from cms.models import ErasureRecord

    with transaction.atomic():
        findings = find(project, subject)
        counts, consents = erase_findings(findings, subject)
        record = ErasureRecord.objects.create(
            project=project, performed_by=user, counts=counts, consents=consents
        )
    return record


def erase_findings(findings, subject=None, by_retention=False):
    """Erase the rows of ``findings`` and every copy of their values; ``(counts, consents)``.

    ``by_retention`` applies each declaration's retention action (a rule that deletes
    deletes, even where a person's request anonymises). Runs inside the caller's
    transaction; the caches are emptied once it is committed.
    """
    values = personal_values(findings, subject)
    keys = _object_keys(findings)
    logs = _log_entries(values, keys)
    revisions = _revisions(values, keys)
    counts, consents = {}, []
    # dependants first (memberships before their contact), so each kind counts its rows
    for finding in reversed(findings):
        declaration = finding.declaration
        if declaration.proof:
            consents.extend(
                proof for proof in map(declaration.proof, finding.rows) if proof is not None
            )
        queryset = declaration.model._default_manager.filter(
            pk__in=[row.pk for row in finding.rows]
        )
        if by_retention and declaration.retention.action == "delete":
            counts[declaration.kind] = _delete(queryset)
        else:
            counts[declaration.kind] = declaration.erase(queryset)
        _reindex(declaration.model, queryset)
    for model, ids in logs.items():
        model.objects.filter(pk__in=ids).update(label=ERASED_LABEL, data={})
    Revision.objects.filter(pk__in=revisions).delete()
    counts["protokolleintraege"] = sum(len(ids) for ids in logs.values())
    counts["versionen"] = len(revisions)
    transaction.on_commit(_clear_caches)
    return counts, consents


def _delete(queryset):
    count = 0
    for obj in queryset:
        obj.delete()
        count += 1
    return count


def _reindex(model, queryset):
    """Anonymised rows of an indexed model replace their index entry."""
    from modelsearch import index

    if not issubclass(model, index.Indexed):
        return
    for obj in queryset:
        index.insert_or_update_object(obj)


def _clear_caches():
    """Pages, fragments and analyses may hold copies of the erased values."""
    for cache in caches.all():
        cache.clear()
