"""App configuration of the network app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Institutions, contacts and cooperations of a project, analysed as a graph."""

    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        # The CMS page types must not name this app (dependencies point network → cms),
        # so the partner map announces itself as a child of the pages that may hold it.
        from cms.pages import HomePage, StandardPage
        from network import signals  # noqa: F401

        for parent in (HomePage, StandardPage):
            if "network.PartnerMapPage" not in parent.subpage_types:
                parent.subpage_types = [*parent.subpage_types, "network.PartnerMapPage"]
