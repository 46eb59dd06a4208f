"""App configuration of the network app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Institutions, contacts and cooperations of a project, analysed as a graph."""

    name = "network"
    verbose_name = _("Netzwerk")

    def ready(self):
        from network import signals  # noqa: F401
