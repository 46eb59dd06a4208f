"""Editorial page types of both project sites (templates in `templates/cms/<model_snake>.html`)."""

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.mail import send_mail
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms import ratelimit, spam
from cms.blocks import EasyLanguageBlock, HighlightsBlock
from cms.forms import limit_text_fields
from cms.mixins import BodyMixin, SiteContextMixin, TeaserMixin
from cms.snippets import Weekday
from cms.spam import SpamProtectionMixin

#: Columns every list entry needs for its title and address (``{% pageurl %}``).
CARD_FIELDS = ("title", "slug", "path", "depth", "url_path", "locale", "content_type", "live")
#: Columns the news card (``includes/news_card.html``) and the event item show.
NEWS_CARD_FIELDS = ("date", "teaser", "image", "image_alt")
EVENT_ITEM_FIELDS = ("start", "end", "place", "teaser")
NEWS_PER_PAGE = 10
EVENTS_PER_PAGE = 10
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link", "h2", "h3"]


# --- home -----------------------------------------------------------------------------------


class UpcomingEvents(list):
    """Upcoming events, true until the first of them ends (:attr:`valid_until`)."""

    @property
    def valid_until(self):
        """When the list changes without an edit: the earliest end, ``None`` if empty."""
        return min((event.end for event in self), default=None)


class HomePage(SiteContextMixin, Page):
    """The root page of one project's site; one per site and language.

    Context (besides :class:`~cms.mixins.SiteContextMixin`'s keys):
    ``latest_news`` (3 newest live :class:`NewsPage`), ``upcoming_events`` (3 next live
    :class:`EventPage`, an :class:`UpcomingEvents`), both loaded only when rendered, so a
    stored fragment of them costs no query; ``office_hours_today`` and ``site_settings``
    for the contact box.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)
    highlights = StreamField(HighlightsBlock(), verbose_name=_("Hervorhebungen"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("highlights")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.AutocompleteField("intro"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms.StandardPage",
        "cms.NewsIndexPage",
        "cms.EventIndexPage",
        "cms.OfferIndexPage",
        "cms.TeamPage",
        "cms.ContactPage",
        "cms.EasyLanguagePage",
    ]

    class Meta:
        verbose_name = _("Startseite")
        verbose_name_plural = _("Startseiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.for_listing(self, request).as_cards(*NEWS_CARD_FIELDS)
        events = EventPage.objects.for_listing(self, request).as_cards(*EVENT_ITEM_FIELDS)
        # Loaded only when the template renders them: a stored fragment costs no query.
        context["latest_news"] = SimpleLazyObject(lambda: list(news[:3]))
        context["upcoming_events"] = SimpleLazyObject(lambda: UpcomingEvents(events.upcoming()[:3]))
        return context

    @cached_property
    def localized_highlights(self):
        """The highlights with their page links in this page's language (see below).

        Read by the template inside the highlights fragment, so a warm fragment cache costs
        no query for them.
        """
        self.localize_highlights()
        return self.highlights

    def localize_highlights(self):
        """Point the highlights of a translated home page at the pages in its language.

        wagtail-localize keeps a translation's page links pointing at the German pages; each
        is replaced by its live translation where one exists (one query, none in German).
        """
        blocks = [block for block in self.highlights if block.value.get("page")]
        foreign = [block.value["page"] for block in blocks]
        foreign = [page for page in foreign if page.locale_id != self.locale_id]
        if not foreign:
            return
        translations = {
            page.translation_key: page
            for page in Page.objects.live().filter(
                translation_key__in=[page.translation_key for page in foreign],
                locale_id=self.locale_id,
            )
        }
        for block in blocks:
            page = block.value["page"]
            block.value["page"] = translations.get(page.translation_key, page)


# --- standard pages -------------------------------------------------------------------------


class EasyLanguagePage(SiteContextMixin, Page):
    """A page in Leichte Sprache: large type, short lines, one sentence per line.

    The first one below the home page (``/leichte-sprache/``) explains in Leichte Sprache,
    and in German Sign Language with its video block, what the site offers and how to use it
    (BITV 2.0 § 4); every page header links to it. Always German (``lang="de"``).
    """

    body = StreamField(EasyLanguageBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("body"),
        index.AutocompleteField("body"),
    ]
    parent_page_types = ["cms.HomePage", "cms.EasyLanguagePage"]
    subpage_types = ["cms.EasyLanguagePage"]

    class Meta:
        verbose_name = _("Seite in Leichter Sprache")
        verbose_name_plural = _("Seiten in Leichter Sprache")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["easy_children"] = self.get_children().live().public().specific()
        return context


class StandardPage(SiteContextMixin, TeaserMixin, BodyMixin, Page):
    """A free page built from content blocks: about us, legal pages, project descriptions."""

    content_panels = [*Page.content_panels, *BodyMixin.body_panels]
    promote_panels = [*Page.promote_panels, *TeaserMixin.teaser_panels]
    search_fields = [*Page.search_fields, *BodyMixin.search_fields, *TeaserMixin.search_fields]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]
    subpage_types = ["cms.StandardPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")
        verbose_name_plural = _("Inhaltsseiten")


# --- news -----------------------------------------------------------------------------------


def with_language_fallback(queryset, ancestor, inclusive=False):
    """``queryset`` narrowed to the pages below ``ancestor``, with German fallback.

    A translated list (an Arabic news index, say) shows its own items and, where an item
    exists only in German, the German item: the pages below the German version of
    ``ancestor`` that have no live translation in ``ancestor``'s locale. Still one query,
    whatever the number of items: the German ancestor and the translations are looked up
    inside it. Below a German page the second condition matches nothing.
    """
    original_path = (
        Page.objects.filter(
            translation_key=ancestor.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        .exclude(pk=ancestor.pk)
        .values("path")[:1]
    )
    translated = Page.objects.live().filter(
        translation_key=models.OuterRef("translation_key"), locale_id=ancestor.locale_id
    )
    lookup = "depth__gte" if inclusive else "depth__gt"
    return queryset.filter(
        models.Q(path__startswith=ancestor.path, **{lookup: ancestor.depth})
        | (
            models.Q(path__startswith=models.Subquery(original_path), **{lookup: ancestor.depth})
            & ~models.Exists(translated)
        )
    )


class ListingQuerySet(PageQuerySet):
    """Live pages below an ancestor, with what list templates show prefetched."""

    def for_listing(self, ancestor, request=None):
        """Live, public pages below ``ancestor``.

        Below a translated page these are the pages in its language, plus the German pages
        that have no live translation into it (see :meth:`below_with_fallback`).
        """
        return self.live().below_with_fallback(ancestor).exclude_restricted(request)

    def as_cards(self, *fields):
        """Only the columns a list entry shows (``fields``) and what its address needs."""
        return self.only(*CARD_FIELDS, *fields)

    def with_images(self):
        """With the teaser images loaded (for lists that show them).

        Their renditions come from Wagtail's rendition cache (the ``renditions`` cache, else
        the default one), which every ``{% image %}`` fills; only a cold cache costs a query.
        """
        return self.select_related("image")

    def below_with_fallback(self, ancestor):
        """Pages below ``ancestor``; below a translation also the untranslated originals.

        See :func:`with_language_fallback`.
        """
        return with_language_fallback(self, ancestor)

    def exclude_restricted(self, request=None):
        """Leave out pages below a view restriction (login, password, groups)."""
        from cms.services import restricted_paths

        condition = models.Q()
        for restricted in restricted_paths(request):
            condition |= models.Q(path__startswith=restricted)
        return self.exclude(condition) if condition else self


class NewsPageQuerySet(ListingQuerySet):
    def for_listing(self, ancestor, request=None):
        """Newest first, with images; no tags, as lists do not show them (the feed does)."""
        return super().for_listing(ancestor, request).with_images().order_by("-date", "-pk")


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(RoutablePageMixin, SiteContextMixin, Page):
    """The news section (`/aktuelles/`): a paginated list and an RSS feed at `feed/`.

    Context: ``news_items`` (a Django ``Page`` of :class:`NewsPage`, 10 per page, images
    prefetched), ``paginator``, ``feed_url``.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.NewsPage"]

    class Meta:
        verbose_name = _("Nachrichtenübersicht")
        verbose_name_plural = _("Nachrichtenübersichten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = NewsPage.objects.for_listing(self, request).as_cards(*NEWS_CARD_FIELDS)
        paginator = Paginator(items, NEWS_PER_PAGE)
        context["news_items"] = paginator.get_page(request.GET.get("seite"))
        context["paginator"] = paginator
        context["feed_url"] = self.url + "feed/"
        return context

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/")
    def feed(self, request):
        from cms.feeds import news_feed

        return news_feed(self, request)


class NewsPageTag(TaggedItemBase):
    """Tags of a news item."""

    content_object = ParentalKey(
        "cms.NewsPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class NewsPage(SiteContextMixin, TeaserMixin, BodyMixin, Page):
    """A news item with a date, a teaser, an image and tags."""

    date = models.DateField(_("Datum"), default=datetime.date.today)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("Schlagwörter"))

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("tags")]),
        *TeaserMixin.teaser_panels,
        *BodyMixin.body_panels,
    ]
    search_fields = [*Page.search_fields, *BodyMixin.search_fields, *TeaserMixin.search_fields]
    parent_page_types = ["cms.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")


# --- events ---------------------------------------------------------------------------------


class EventPageQuerySet(ListingQuerySet):
    def for_listing(self, ancestor, request=None):
        return super().for_listing(ancestor, request).order_by("start", "pk")

    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start", "pk")

    def past(self, now=None):
        """Events that are over, most recent first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start", "-pk")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(RoutablePageMixin, SiteContextMixin, Page):
    """The events section (`/veranstaltungen/`): upcoming events, an archive and a calendar feed.

    Context: ``events`` (a Django ``Page`` of :class:`EventPage`, 10 per page), ``paginator``,
    ``archive`` (``True`` on `archiv/`), ``archive_url``, ``upcoming_url``, ``calendar_url``.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")
        verbose_name_plural = _("Veranstaltungsübersichten")

    def get_context(self, request, *args, archive=False, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = EventPage.objects.for_listing(self, request).as_cards(*EVENT_ITEM_FIELDS)
        events = events.past() if archive else events.upcoming()
        paginator = Paginator(events, EVENTS_PER_PAGE)
        context["events"] = paginator.get_page(request.GET.get("seite"))
        context["paginator"] = paginator
        context["archive"] = archive
        context["upcoming_url"] = self.url
        context["archive_url"] = self.url + "archiv/"
        context["calendar_url"] = self.url + "kalender.ics"
        return context

    @path("")
    def upcoming(self, request):
        return self.render(request)

    @path("archiv/", name="archive")
    def archive(self, request):
        return self.render(request, archive=True)

    @path("kalender.ics/", name="calendar")
    def calendar(self, request):
        from cms.feeds import calendar_response

        events = EventPage.objects.for_listing(self, request)
        return calendar_response(events, request, filename="kalender.ics", title=self.title)


class EventPage(RoutablePageMixin, SiteContextMixin, TeaserMixin, BodyMixin, Page):
    """An event such as a kickoff ("Auftaktveranstaltung"); times are stored as aware datetimes
    and shown in Europe/Berlin.

    Context: ``ics_url`` (download of this event as iCalendar).
    """

    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    place = models.CharField(_("Ort"), max_length=255, blank=True)
    address = models.TextField(_("Adresse"), blank=True)
    registration = models.CharField(
        _("Anmeldung"),
        max_length=255,
        blank=True,
        help_text=_("Zum Beispiel „Anmeldung bis 1. März per E-Mail“; leer, wenn keine nötig ist."),
    )
    registration_url = models.URLField(_("Adresse zur Anmeldung"), blank=True)
    cost = models.CharField(
        _("Kosten"), max_length=100, blank=True, help_text=_("Zum Beispiel „kostenlos“.")
    )
    organiser = models.CharField(_("Veranstalter"), max_length=255, blank=True)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place")]
            + [FieldPanel("address")],
            heading=_("Wann und wo"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("organiser")]),
            ],
            heading=_("Teilnahme"),
        ),
        *TeaserMixin.teaser_panels,
        *BodyMixin.body_panels,
    ]
    search_fields = [
        *Page.search_fields,
        *BodyMixin.search_fields,
        *TeaserMixin.search_fields,
        index.SearchField("place"),
        index.AutocompleteField("place"),
        index.FilterField("start"),
    ]
    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})

    @property
    def is_past(self):
        return self.end < timezone.now()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["ics_url"] = self.url + "termin.ics"
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("termin.ics/", name="ics")
    def ics(self, request):
        from cms.feeds import calendar_response

        return calendar_response([self], request, filename=f"{self.slug}.ics", title=self.title)


# --- offers ---------------------------------------------------------------------------------


class OfferCategory(models.TextChoices):
    """Kinds of offers ("Angebote") a project runs."""

    ADVICE = "beratung", _("Beratung")
    LANGUAGE = "sprache", _("Sprachkurs")
    MEETING = "treffpunkt", _("Treffpunkt und Begegnung")
    CHILDREN = "kinder", _("Kinder und Jugendliche")
    EDUCATION = "bildung", _("Bildung und Qualifizierung")
    VOLUNTEERING = "ehrenamt", _("Ehrenamt")
    CULTURE = "kultur", _("Kultur und Freizeit")


class OfferPageQuerySet(ListingQuerySet):
    def for_listing(self, ancestor, request=None):
        return (
            super()
            .for_listing(ancestor, request)
            .select_related("contact_person")
            .prefetch_related("target_groups", "languages", "slots")
            .order_by("title", "pk")
        )

    def filtered(self, category=None, target_group=None, language=None, weekday=None):
        """Narrow by the index page's filter form; each argument may be empty."""
        queryset = self
        if category:
            queryset = queryset.filter(category=category)
        if target_group:
            queryset = queryset.filter(target_groups__slug=target_group)
        if language:
            queryset = queryset.filter(languages__code=language)
        if weekday not in (None, ""):
            queryset = queryset.filter(slots__weekday=int(weekday))
        if target_group or language or weekday not in (None, ""):
            queryset = queryset.distinct()
        return queryset


OfferPageManager = PageManager.from_queryset(OfferPageQuerySet)


class OfferIndexPage(SiteContextMixin, Page):
    """The offers section (`/angebote/`), filterable with a plain GET form (no JavaScript).

    Context: ``offers`` (list of :class:`OfferPage` with slots, target groups and languages
    prefetched), ``filter_form`` (a bound :class:`cms.forms.OfferFilterForm`), ``filtered``
    (whether any filter is active). A filter value that is not offered answers 400.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.OfferPage"]

    class Meta:
        verbose_name = _("Angebotsübersicht")
        verbose_name_plural = _("Angebotsübersichten")

    def get_context(self, request, *args, **kwargs):
        from cms.forms import OfferFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = OfferFilterForm(request.GET or None)
        offers = OfferPage.objects.for_listing(self, request)
        criteria = form.criteria() if form.is_bound and form.is_valid() else {}
        context["offers"] = list(offers.filtered(**criteria))
        context["filter_form"] = form
        context["filtered"] = any(value is not None for value in criteria.values())
        return context

    def serve(self, request, *args, **kwargs):
        # A filter value that is not offered: all offers, the form's message, status 400.
        response = super().serve(request, *args, **kwargs)
        form = response.context_data["filter_form"]
        if form.is_bound and form.errors:
            response.status_code = 400
        return response


class OfferPage(SiteContextMixin, TeaserMixin, BodyMixin, Page):
    """A regular offer: counselling, a language course, a meeting group, a children's group …

    Context: ``slots`` (the weekly times, ordered).
    """

    category = models.CharField(_("Kategorie"), max_length=20, choices=OfferCategory.choices)
    target_groups = ParentalManyToManyField(
        "cms.TargetGroup", verbose_name=_("Zielgruppen"), blank=True, related_name="offers"
    )
    languages = ParentalManyToManyField(
        "cms.OfferLanguage", verbose_name=_("Sprachen"), blank=True, related_name="offers"
    )
    place = models.CharField(_("Ort"), max_length=255, blank=True)
    contact_person = models.ForeignKey(
        "cms.Person",
        verbose_name=_("Ansprechperson"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="offers",
    )
    cost = models.CharField(
        _("Kosten"), max_length=100, blank=True, help_text=_("Zum Beispiel „kostenlos“.")
    )

    objects = OfferPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("category"),
                FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("languages", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Einordnung"),
        ),
        InlinePanel("slots", heading=_("Wöchentliche Termine"), label=_("Termin")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("contact_person"), FieldPanel("cost")],
            heading=_("Ort, Kontakt und Kosten"),
        ),
        *TeaserMixin.teaser_panels,
        *BodyMixin.body_panels,
    ]
    search_fields = [
        *Page.search_fields,
        *BodyMixin.search_fields,
        *TeaserMixin.search_fields,
        index.SearchField("place"),
        index.AutocompleteField("place"),
        index.FilterField("category"),
    ]
    parent_page_types = ["cms.OfferIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Angebot")
        verbose_name_plural = _("Angebote")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["slots"] = list(self.slots.all())
        return context


class OfferSlot(Orderable):
    """One weekly time of an offer (e.g. Tuesday 10:00–12:00)."""

    page = ParentalKey(OfferPage, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    start = models.TimeField(_("von"))
    end = models.TimeField(_("bis"))

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("start"), FieldPanel("end")])]

    class Meta(Orderable.Meta):
        verbose_name = _("Termin")
        verbose_name_plural = _("Termine")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})


# --- team -----------------------------------------------------------------------------------


class TeamPage(SiteContextMixin, Page):
    """The team (`/team/`): the people of the project, in the order the editors choose.

    Context: ``members`` (list of :class:`~cms.snippets.Person`, photos prefetched).
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("members", heading=_("Personen"), label=_("Person")),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Teamseite")
        verbose_name_plural = _("Teamseiten")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        memberships = self.members.select_related("person__photo").prefetch_related(
            "person__photo__renditions"
        )
        context["members"] = [membership.person for membership in memberships]
        return context


class TeamMember(Orderable):
    """A person's place on a team page."""

    page = ParentalKey(TeamPage, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "cms.Person", verbose_name=_("Person"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("Teammitglied")
        verbose_name_plural = _("Teammitglieder")


# --- contact --------------------------------------------------------------------------------


class FormField(TranslatableMixin, AbstractFormField):
    """A field of a contact form, defined by the editors.

    Translated with its page: label, help text, choices and default value per language;
    type, required flag and the field's stored name (``clean_name``) stay those of the
    German field, so the answers of every language land in the same columns.
    """

    page = ParentalKey("cms.ContactPage", on_delete=models.CASCADE, related_name="form_fields")

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
        SynchronizedField("clean_name"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class ContactPage(SiteContextMixin, AbstractEmailForm):
    """The contact form (`/kontakt/`) with consent, honeypot, minimum fill time and rate limit.

    Refused input shows the form again with its errors under status 400 (429 once the rate
    limit is passed); every text field has a length limit.

    Submissions are stored (listed and exported in the admin) and mailed to the "to" address,
    or to the site's e-mail from the site settings. Context: ``form``, ``privacy_url``; on the
    confirmation page (``contact_page_landing.html``) ``form_submission``.
    """

    intro = RichTextField(_("Einleitung"), blank=True, features=RICH_TEXT_FEATURES)
    thank_you_text = RichTextField(
        _("Text nach dem Absenden"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", heading=_("Formularfelder"), label=_("Feld")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("to_address"),
                FieldPanel("from_address"),
                FieldPanel("subject"),
            ],
            heading=_("E-Mail"),
        ),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = []

    def get_form_fields(self):
        """The fields in the editor's order; equal positions keep the order they were added in."""
        fields = list(self.form_fields.all())
        return sorted(fields, key=lambda field: (field.sort_order or 0, field.pk or 0))

    class Meta:
        verbose_name = _("Kontaktseite")
        verbose_name_plural = _("Kontaktseiten")

    def privacy_url(self, request=None):
        """The URL of the site's privacy page (from the site settings), or ``""``.

        With a request it comes from the fragment cache and is kept for the rest of the
        request (the form and the page both show it).
        """
        from cms import fragments

        if getattr(self, "_privacy_url", None) is not None:
            return self._privacy_url
        if request is None:
            return self._find_privacy_url()
        self._privacy_url = fragments.cached(
            request,
            "privacy_url",
            lambda: self._find_privacy_url(request),
            self.pk,
            translation.get_language(),
        )
        return self._privacy_url

    def _find_privacy_url(self, request=None):
        from cms.services import site_settings_for
        from cms.site_settings import SiteSettings

        if request is not None:
            site_settings = site_settings_for(request)
        else:
            site = self.get_site()
            if site is None:
                return ""
            site_settings = SiteSettings.for_site(site)
        privacy_page = site_settings.privacy_page
        return privacy_page.localized.url if privacy_page else ""

    def get_form_class(self):
        base = super().get_form_class()
        privacy_url = self.privacy_url()
        if privacy_url:
            label = format_html(
                _(
                    'Ich habe die <a href="{}">Datenschutzerklärung</a> gelesen und bin '
                    "einverstanden, dass meine Angaben zur Bearbeitung meiner Anfrage "
                    "gespeichert werden."
                ),
                privacy_url,
            )
        else:
            label = _(
                "Ich bin einverstanden, dass meine Angaben zur Bearbeitung meiner Anfrage "
                "gespeichert werden."
            )

        class ContactForm(SpamProtectionMixin, base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                limit_text_fields(self)
                # A required drop-down starts empty, so nobody sends an answer they did not
                # choose (and HTML requires it of a required single-choice select).
                for field in self.fields.values():
                    if (
                        isinstance(field, forms.ChoiceField)
                        and not isinstance(field, forms.MultipleChoiceField)
                        and isinstance(field.widget, forms.Select)
                        and field.required
                        and field.choices
                        and field.choices[0][0] != ""
                    ):
                        field.choices = [("", _("Bitte wählen"))] + list(field.choices)
                self.fields["consent"] = forms.BooleanField(
                    label=label,
                    required=True,
                    error_messages={
                        "required": _(
                            "Bitte stimmen Sie der Datenschutzerklärung zu, damit wir Ihre "
                            "Nachricht bearbeiten dürfen."
                        )
                    },
                )

        return ContactForm

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_url"] = self.privacy_url(request)
        return context

    def preselected(self, query):
        """Initial answers of choice fields named in the query (``?anliegen=Barrierefreiheit``).

        Values are the German options, also on a translated page, so one link (from the
        accessibility statement, say) preselects the same option in every language.
        """
        initial = {}
        builder = self.form_builder([])
        for name, (shown, german) in self.german_form_fields().items():
            wanted = query.get(name)
            if not wanted or not shown.choices:
                continue
            translated = [value for value, _label in builder.get_formatted_field_choices(shown)]
            originals = [value for value, _label in builder.get_formatted_field_choices(german)]
            if wanted in originals and len(originals) == len(translated):
                initial[name] = translated[originals.index(wanted)]
        return initial

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if not form.is_bound and getattr(self, "_preselected", None):
            form.initial.update(self._preselected)
        return form

    def serve(self, request, *args, **kwargs):
        from cms.cache import allow_personal_values

        self.privacy_url(request)
        if request.method != "POST":
            self._preselected = self.preselected(request.GET) if request.GET else {}
            response = super().serve(request, *args, **kwargs)
            # Shared between visitors in the page cache with a fresh token and start time each.
            return allow_personal_values(response, "csrf", "form-started")
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        scope = ratelimit.scope(request, "contact", self.translation_key)
        refusal = spam.refusal(ratelimit.check(request, scope))
        if refusal is None and form.is_valid():
            if form.is_spam:
                # Pretend success so robots learn nothing; store and send nothing.
                ratelimit.record(request, scope)
                return self.render_landing_page(request, None, *args, **kwargs)
            claim, same = form.claim_start_token()
            if claim is ratelimit.ALLOWED:
                submission = self.process_form_submission(form)
                ratelimit.record(request, scope)
                return self.render_landing_page(request, submission, *args, **kwargs)
            if claim is ratelimit.LIMITED and same:
                # The same message sent twice (a double click): it is stored once.
                return self.render_landing_page(request, None, *args, **kwargs)
            refusal = spam.refusal(claim, reused=True)
        status = 400  # refused input: the form again, with its errors
        if refusal is not None:
            message, status = refusal
            form.is_valid()
            form.add_error(None, message)
            form.renew_start_token()
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def german_form_fields(self):
        """``{stored name: (field as shown, its German original)}`` of this page's form.

        On a translated contact page the answers are stored and mailed as on the German one:
        under the German labels, with a chosen option under its German wording.
        """
        fields = self.get_form_fields()
        default = self.default_locale
        originals = {}
        if self.locale_id != default.pk:
            originals = {
                field.translation_key: field
                for field in FormField.objects.filter(
                    translation_key__in=[field.translation_key for field in fields],
                    locale=default,
                )
            }
        return {
            field.clean_name: (field, originals.get(field.translation_key, field))
            for field in fields
        }

    @cached_property
    def default_locale(self):
        """The site's default (German) locale, read once per page instance."""
        return Locale.get_default()

    def _submitted_data(self, form):
        """The answers as stored and mailed; worked out once per submitted form.

        Sets ``form.german_fields`` (see :meth:`german_form_fields`) for :meth:`render_email`.
        """
        if hasattr(form, "german_data"):
            return form.german_data
        protected = form.protected_field_names()
        data = {k: v for k, v in form.cleaned_data.items() if k not in protected}
        builder = self.form_builder([])
        form.german_fields = self.german_form_fields()
        for name, (shown, german) in form.german_fields.items():
            if shown is german or not shown.choices or name not in data:
                continue
            translated = [value for value, _label in builder.get_formatted_field_choices(shown)]
            originals = [value for value, _label in builder.get_formatted_field_choices(german)]
            if len(translated) != len(originals):
                continue  # the translation lists other options: keep what was chosen
            wording = dict(zip(translated, originals, strict=True))
            value = data[name]
            data[name] = (
                [wording.get(v, v) for v in value]
                if isinstance(value, list)
                else wording.get(value, value)
            )
        form.german_data = data
        return data

    def process_form_submission(self, form):
        submission = self.get_submission_class().objects.create(
            form_data=self._submitted_data(form), page=self
        )
        addresses = self.recipient_addresses()
        if addresses:
            send_mail(
                self.subject or str(_("Neue Nachricht über das Kontaktformular")),
                self.render_email(form),
                addresses,
                self.from_address or settings.DEFAULT_FROM_EMAIL,
            )
        return submission

    def recipient_addresses(self):
        """The form's "to" addresses, else the site's e-mail address."""
        if self.to_address:
            return [address.strip() for address in self.to_address.split(",") if address.strip()]
        from cms.site_settings import SiteSettings

        site = self.get_site()
        email = SiteSettings.for_site(site).email if site else ""
        return [email] if email else []

    def render_email(self, form):
        """The message for the project's staff, in German whatever language the form was in."""
        data = self._submitted_data(form)
        fields = form.german_fields
        lines = []
        with translation.override(self.default_locale.language_code):
            for field in form:
                if field.name not in data:
                    continue
                value = data[field.name]
                if isinstance(value, list):
                    value = ", ".join(value)
                if isinstance(value, bool):
                    value = _("ja") if value else _("nein")
                if field.name == "consent":
                    label = _("Einwilligung")
                else:
                    label = fields[field.name][1].label if field.name in fields else field.label
                lines.append(f"{label}: {value}")
            if self.locale_id != self.default_locale.pk:
                language = translation.get_language_info(self.locale.language_code)
                label = _("Sprache des Formulars")
                lines.append(f"{label}: {language['name_translated']}")
        return "\n".join(lines)


__all__ = [
    "ContactPage",
    "EasyLanguagePage",
    "EventIndexPage",
    "EventPage",
    "FormField",
    "HomePage",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "OfferCategory",
    "OfferIndexPage",
    "OfferPage",
    "OfferSlot",
    "StandardPage",
    "TeamMember",
    "TeamPage",
]
