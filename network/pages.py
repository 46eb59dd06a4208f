"""The public partner map: a page type editors place on their project's site."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.mixins import SiteContextMixin
from cms.projects import Project

__all__ = ["PartnerMapPage", "public_network"]


def public_network(project):
    """Institutions that agreed to be shown and the active, confirmed ties among them.

    Returns JSON-ready data (the public API's serializer: no contacts, no notes, no
    unconfirmed or non-public records) plus table rows with each institution's partners.
    """
    from network.api.serializers import PublicPartnersSerializer
    from network.api.views import public_partners

    data = PublicPartnersSerializer(public_partners(project)).data
    names = {i["id"]: i["name"] for i in data["institutions"]}
    partners = {pk: set() for pk in names}
    for c in data["cooperations"]:
        partners[c["source"]].add(names[c["target"]])
        partners[c["target"]].add(names[c["source"]])
    rows = [
        {**institution, "partners": sorted(partners[institution["id"]], key=str.casefold)}
        for institution in data["institutions"]
    ]
    return {"institutions": data["institutions"], "cooperations": data["cooperations"]}, rows


class PartnerMapPage(SiteContextMixin, Page):
    """Shows the project's public partner network as a map and as a table.

    Only institutions marked "öffentlich" appear, with the active, confirmed cooperations
    among them; no contact person or other personal data is ever part of the page.
    """

    intro = RichTextField(
        _("Einleitung"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("Erscheint über der Karte."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = []
    template = "network/partner_map_page.html"

    class Meta:
        verbose_name = _("Partnerkarte")
        verbose_name_plural = _("Partnerkarten")

    @cached_property
    def project(self):
        # The site from Wagtail's cached site root paths: one query for the project only.
        parts = self.get_url_parts()
        return Project.objects.filter(site_id=parts[0]).first() if parts else None

    def get_context(self, request, *args, **kwargs):
        from django.templatetags.static import static

        from network.views_admin import map_labels

        context = super().get_context(request, *args, **kwargs)
        network, rows = public_network(self.project) if self.project else ({"institutions": []}, [])
        context["partner_network"] = network
        context["partner_rows"] = rows
        context["netmap_config"] = {
            "dataElement": "partner-network",
            "workerUrl": static("network/fa2-worker.js"),
            "metrics": [],
            "labels": map_labels(),
        }
        return context
