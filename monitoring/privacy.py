"""Personal data of the monitoring app: none; fields that look personal are exempted here."""

from django.utils.translation import gettext_lazy as _

from cms.privacy.registry import register_exemption

register_exemption("monitoring.Indicator", "name", _("Bezeichnung eines Indikators."))
register_exemption(
    "monitoring.ImportBatch", "file_name", _("Name einer Statistikdatei, keiner Person.")
)
