"""Model permissions of the monitoring staff (the project's managers' groups)."""

from django.contrib.auth.models import Permission

MONITORING_MODEL_NAMES = ("indicator", "indicatorversion", "observation", "importbatch")


def monitoring_permissions():
    """Add/change/delete/view of every monitoring model, plus access to the Wagtail admin."""
    codenames = [
        f"{action}_{model}"
        for model in MONITORING_MODEL_NAMES
        for action in ("add", "change", "delete", "view")
    ]
    monitoring = Permission.objects.filter(
        content_type__app_label="monitoring", codename__in=codenames
    )
    admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return list(monitoring) + list(admin)


def grant_monitoring_permissions(group):
    """Give ``group`` what the monitoring staff need; adding twice changes nothing."""
    group.permissions.add(*monitoring_permissions())
