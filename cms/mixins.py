"""Abstract page mixins: each brings its fields together with the panels that edit them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from cms.blocks import BodyBlock


class SiteContextMixin(models.Model):
    """Adds the site-wide context (settings, navigation, breadcrumbs, Open Graph) to every page.

    Context keys added for every page template (see :func:`cms.services.site_context`):
    ``site``, ``site_settings``, ``menu_pages``, ``breadcrumbs``, ``language_links``,
    ``html_lang``, ``html_dir``, ``open_graph``, ``office_hours_today``,
    ``structured_data_json``, ``footer_links``, ``social_links``.
    """

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from cms.services import site_context

        context = super().get_context(request, *args, **kwargs)
        context.update(site_context(request, page=self))
        return context

    def get_view_restrictions(self):
        """Wagtail's check, without its two queries for the many pages no restriction reaches.

        The tree paths of restricted pages and of alias pages come from the fragment cache;
        a page below a restriction or an alias is checked by Wagtail as before.
        """
        from wagtail.models import PageViewRestriction

        from cms.fragments import view_restriction_paths

        paths = view_restriction_paths()
        if paths is None:
            return super().get_view_restrictions()
        restricted, aliases = paths
        path = self.path or ""
        if (
            self.alias_of_id is None
            and not any(path.startswith(alias) for alias in aliases)
            and not any(path.startswith(restricted_path) for restricted_path in restricted)
        ):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class TeaserMixin(models.Model):
    """A short text and an image used in lists, teasers and Open Graph previews."""

    teaser = models.TextField(
        _("Anreißer"),
        blank=True,
        max_length=400,
        help_text=_("Ein bis zwei Sätze für Übersichten und Vorschauen in sozialen Medien."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Erscheint in Übersichten und als Vorschaubild."),
    )
    image_alt = models.CharField(
        _("Alternativtext des Bildes"),
        max_length=250,
        blank=True,
        help_text=_("Beschreiben Sie das Bild für Screenreader; leer, wenn es nur schmückt."),
    )

    teaser_panels = [
        MultiFieldPanel(
            [FieldPanel("teaser"), FieldPanel("image"), FieldPanel("image_alt")],
            heading=_("Anreißer und Bild"),
        )
    ]
    search_fields = [index.SearchField("teaser"), index.AutocompleteField("teaser")]

    class Meta:
        abstract = True


class BodyMixin(models.Model):
    """The flexible content area made of the blocks in :mod:`cms.blocks`."""

    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    body_panels = [FieldPanel("body")]
    search_fields = [index.SearchField("body"), index.AutocompleteField("body")]

    class Meta:
        abstract = True
