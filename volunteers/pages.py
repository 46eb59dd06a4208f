"""The public page of the volunteering: opportunities, one page each, the application form."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms.mixins import SiteContextMixin
from cms.projects import Project

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class VolunteeringIndexPage(RoutablePageMixin, SiteContextMixin, Page):
    """Mitmachen (`/engagement/`): the project's published opportunities and donation needs.

    Each opportunity has its own address below this page (``<id>-<slug>/``) with the
    "Ich möchte mitmachen" form. Context of the list: ``opportunities``, ``filter_form``,
    ``filtered``, ``donation_needs``; of one opportunity: ``opportunity``, ``form``.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)
    donation_intro = RichTextField(
        _("Text über den Sachspenden"), blank=True, features=RICH_TEXT_FEATURES
    )
    thank_you_text = RichTextField(
        _("Text nach dem Absenden"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("donation_intro"),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Engagementseite")
        verbose_name_plural = _("Engagementseiten")

    @cached_property
    def project(self):
        site = self.get_site()
        return Project.objects.for_site(site) if site else None

    @path("")
    def index(self, request):
        from volunteers.views import opportunity_list

        return opportunity_list(request, self)

    @path("<int:pk>-<slug:slug>/")
    def opportunity(self, request, pk, slug):
        from volunteers.views import opportunity_detail

        return opportunity_detail(request, self, pk, slug)
