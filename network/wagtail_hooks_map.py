"""Admin hooks of the network map and the analysis dashboard (imported by wagtail_hooks)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from network import demo_pages, views_admin  # noqa: F401  (demo_pages registers a hook)
from network.wagtail_hooks import NETWORK_MENU_HOOK, PermissionMenuItem


@hooks.register("register_admin_urls")
def register_map_admin_urls():
    return [
        path("network/map/", views_admin.NetworkMapView.as_view(), name="network_map"),
        path(
            "network/analysis/",
            views_admin.NetworkDashboardView.as_view(),
            name="network_dashboard",
        ),
    ]


@hooks.register(NETWORK_MENU_HOOK)
def map_menu_item():
    return PermissionMenuItem(
        _("Netzwerkkarte"),
        reverse("network_map"),
        icon_name="site",
        name="network-map",
        order=5,
        permissions=("network.view_institution",),
    )


@hooks.register(NETWORK_MENU_HOOK)
def dashboard_menu_item():
    return PermissionMenuItem(
        _("Netzwerkanalyse"),
        reverse("network_dashboard"),
        icon_name="table",
        name="network-dashboard",
        order=6,
        permissions=("network.view_institution",),
    )
