"""App configuration of the CMS app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Editorial pages, site settings and the projects that scope all other data."""

    name = "cms"
    verbose_name = _("Redaktion")

    def ready(self):
        from cms import accessibility, cache, renditions  # noqa: F401 (accessibility: hooks)

        cache.connect()
        renditions.connect()
