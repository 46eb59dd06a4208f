"""Model permissions of the network managers' groups."""

from django.contrib.auth.models import Permission

NETWORK_MODEL_NAMES = (
    "institution",
    "contact",
    "membership",
    "cooperation",
    "institutiontype",
    "sector",
    "district",
)


def network_permissions():
    """Add/change/delete/view of every network model, plus access to the Wagtail admin."""
    codenames = [
        f"{action}_{model}"
        for model in NETWORK_MODEL_NAMES
        for action in ("add", "change", "delete", "view")
    ]
    network = Permission.objects.filter(content_type__app_label="network", codename__in=codenames)
    admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    return list(network) + list(admin)


def grant_network_permissions(group):
    """Give ``group`` what a network manager needs; adding twice changes nothing."""
    group.permissions.add(*network_permissions())
