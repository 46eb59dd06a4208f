"""Every write to a project's network data bumps the project's data version."""

import threading
from contextlib import contextmanager

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from cms.models import Project
from network.models import (
    Contact,
    Cooperation,
    District,
    Institution,
    InstitutionType,
    Membership,
    Sector,
)

__all__ = ["bulk_changes", "bump"]

_state = threading.local()

PROJECT_MODELS = (Institution, Contact, Cooperation, InstitutionType, Sector, District)


def _suspended():
    return getattr(_state, "suspended", None)


def bump(project_id):
    """Bump the version of ``project_id`` now, or once at the end of ``bulk_changes``."""
    if project_id is None:
        return
    pending = _suspended()
    if pending is not None:
        pending.add(project_id)
        return
    Project.objects.filter(pk=project_id).update(data_version=F("data_version") + 1)


@contextmanager
def bulk_changes(*projects):
    """Suppress per-object bumps inside the block; bump each touched project once after it.

    The named ``projects`` are bumped even if nothing inside sent a signal (bulk_create).
    """
    outer = _suspended()
    if outer is not None:
        outer.update(p.pk for p in projects)
        yield outer
        return
    pending = {p.pk for p in projects}
    _state.suspended = pending
    try:
        yield pending
    finally:
        _state.suspended = None
    for project in projects:
        project.bump_data_version()
    for project_id in sorted(pending - {p.pk for p in projects}):
        bump(project_id)


@receiver(post_save)
@receiver(post_delete)
def _on_project_object_change(sender, instance, **kwargs):
    if sender in PROJECT_MODELS:
        bump(instance.project_id)
    elif sender is Membership:
        # On cascade deletes the institution may already be gone; then its own signal bumped.
        project_id = (
            Institution.objects.filter(pk=instance.institution_id)
            .values_list("project_id", flat=True)
            .first()
        )
        bump(project_id)


@receiver(m2m_changed, sender=Institution.sectors.through)
@receiver(m2m_changed, sender=Cooperation.contacts.through)
def _on_m2m_change(sender, instance, action, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not kwargs.get("pk_set"):
        return  # adding what is already there changes nothing
    if isinstance(instance, Institution | Cooperation | Sector | Contact):
        bump(instance.project_id)
