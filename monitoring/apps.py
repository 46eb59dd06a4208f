"""App configuration of the monitoring app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """Integration monitoring: indicators by district over time, forecasts, reports."""

    name = "monitoring"
    verbose_name = _("Monitoring")
