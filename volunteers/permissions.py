"""Model permissions of the volunteer coordinators (the project's manager group)."""

from django.contrib.auth.models import Permission

VOLUNTEER_MODEL_NAMES = (
    "opportunity",
    "application",
    "volunteer",
    "qualificationtype",
    "qualification",
    "policecertificate",
    "placement",
    "hoursentry",
    "donationneed",
    "fieldofactivity",
    "skill",
)


def volunteer_permissions():
    """Add/change/delete/view of every volunteer model, plus access to the Wagtail admin."""
    codenames = [
        f"{action}_{model}"
        for model in VOLUNTEER_MODEL_NAMES
        for action in ("add", "change", "delete", "view")
    ]
    own = Permission.objects.filter(content_type__app_label="volunteers", codename__in=codenames)
    admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return list(own) + list(admin)


def grant_volunteer_permissions(group):
    """Give ``group`` what a volunteer coordinator needs; adding twice changes nothing."""
    group.permissions.add(*volunteer_permissions())
