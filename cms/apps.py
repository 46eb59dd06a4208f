"""App configuration of the CMS app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """Editorial pages, site settings and the projects that scope all other data."""

    name = "cms"
    verbose_name = _("Redaktion")

    def ready(self):
        # accessibility: hooks; forms: the length limit of the admin's text areas
        from django.core import checks

        from cms import accessibility, cache, forms, renditions  # noqa: F401
        from cms.admin_exports import neutralise_wagtail_exports
        from cms.cache_backend import check_caches_fail_safe

        checks.register(check_caches_fail_safe, checks.Tags.caches)
        cache.connect()
        renditions.connect()
        neutralise_wagtail_exports()

        # the registry of personal data: the CMS's own models, then every app's privacy.py
        from cms.privacy import cms_data, registry  # noqa: F401

        registry.autodiscover()
