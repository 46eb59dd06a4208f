"""Per-site settings: identity, contact details, legal links and office hours of each project."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from cms.snippets import Weekday

hex_colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$",
    _("Bitte geben Sie die Farbe als Hex-Wert mit sechs Stellen an, z. B. #005A9C."),
)


def relative_luminance(hex_colour):
    """WCAG relative luminance of a ``#rrggbb`` colour.

    >>> round(relative_luminance("#ffffff"), 3), round(relative_luminance("#000000"), 3)
    (1.0, 0.0)
    """
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(colour_a, colour_b):
    """WCAG contrast ratio of two ``#rrggbb`` colours.

    >>> round(contrast_ratio("#005a9c", "#ffffff"), 2)
    7.14
    """
    lighter, darker = sorted(
        (relative_luminance(colour_a), relative_luminance(colour_b)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


@register_setting(icon="site")
class SiteSettings(ClusterableModel, BaseSiteSetting):
    """What differs between the two projects' sites lives here, never in code."""

    name = models.CharField(
        _("Name der Website"), max_length=255, help_text=_("Erscheint im Kopf und im Seitentitel.")
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accent_colour = models.CharField(
        _("Akzentfarbe"),
        max_length=7,
        default="#005a9c",
        validators=[hex_colour_validator],
        help_text=_(
            "Hex-Wert, z. B. #005A9C. Die Farbe muss zu Weiß einen Kontrast von mindestens 4,5:1 haben."
        ),
    )
    address = models.TextField(_("Anschrift"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    email = models.EmailField(
        _("E-Mail"), blank=True, help_text=_("Kontaktformulare senden an diese Adresse.")
    )
    contact_text = models.TextField(
        _("Kontakthinweis"),
        blank=True,
        help_text=_("Kurzer Text im Kontaktkasten der Startseite."),
    )
    facebook_url = models.URLField(_("Facebook-Seite"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutzerklärung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    easy_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Leichte Sprache und Gebärdensprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Die Seite, die in Leichter Sprache und Gebärdensprache erklärt, was die Website "
            "bietet; jeder Seitenkopf verweist darauf."
        ),
    )
    # The accessibility statement (BITV 2.0 § 7, BGG NRW § 10b, BITV RP; EU 2018/1523 model).
    accessibility_conformance = models.CharField(
        _("Stand der Vereinbarkeit"),
        max_length=20,
        choices=[
            ("full", _("vollständig vereinbar")),
            ("partial", _("teilweise vereinbar")),
            ("none", _("nicht vereinbar")),
        ],
        default="partial",
        help_text=_(
            "Wie weit die Website die Anforderungen an barrierefreie Informationstechnik erfüllt."
        ),
    )
    accessibility_standard = models.CharField(
        _("Rechtsgrundlage und Prüfmaßstab"),
        max_length=300,
        blank=True,
        help_text=_(
            "Zum Beispiel: Behindertengleichstellungsgesetz NRW (BGG NRW) und BITV NRW; "
            "Prüfmaßstab EN 301 549 / WCAG 2.1, Stufe AA."
        ),
    )
    accessibility_limitations = RichTextField(
        _("Nicht barrierefreie Inhalte"),
        blank=True,
        features=["bold", "italic", "ul", "link"],
        help_text=_(
            "Welche Inhalte nicht barrierefrei sind, warum, und welche Alternative es gibt."
        ),
    )
    accessibility_statement_date = models.DateField(
        _("Erklärung erstellt am"), null=True, blank=True
    )
    accessibility_review_date = models.DateField(
        _("Zuletzt überprüft am"),
        null=True,
        blank=True,
        help_text=_("Die Erklärung ist mindestens einmal im Jahr zu überprüfen."),
    )
    accessibility_assessment = models.TextField(
        _("Wie die Barrierefreiheit geprüft wurde"),
        blank=True,
        help_text=_(
            "Zum Beispiel Selbstbewertung, BITV-Test durch eine Prüfstelle, Datum der Prüfung."
        ),
    )
    arbitration_name = models.CharField(
        _("Schlichtungs- oder Ombudsstelle"),
        max_length=300,
        blank=True,
        help_text=_("Die zuständige Stelle des Bundeslandes, in dem die Website betrieben wird."),
    )
    arbitration_address = models.TextField(_("Anschrift der Schlichtungsstelle"), blank=True)
    arbitration_email = models.EmailField(_("E-Mail der Schlichtungsstelle"), blank=True)
    arbitration_phone = models.CharField(
        _("Telefon der Schlichtungsstelle"), max_length=50, blank=True
    )
    arbitration_url = models.URLField(_("Website der Schlichtungsstelle"), blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("logo"), FieldPanel("accent_colour")],
            heading=_("Erscheinungsbild"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("contact_text"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
                FieldPanel("youtube_url"),
            ],
            heading=_("Soziale Medien"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("easy_language_page"),
            ],
            heading=_("Rechtliche Seiten im Fußbereich"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_conformance"),
                FieldPanel("accessibility_standard"),
                FieldPanel("accessibility_limitations"),
                FieldRowPanel(
                    [
                        FieldPanel("accessibility_statement_date"),
                        FieldPanel("accessibility_review_date"),
                    ]
                ),
                FieldPanel("accessibility_assessment"),
                FieldPanel("arbitration_name"),
                FieldPanel("arbitration_address"),
                FieldRowPanel([FieldPanel("arbitration_email"), FieldPanel("arbitration_phone")]),
                FieldPanel("arbitration_url"),
            ],
            heading=_("Erklärung zur Barrierefreiheit"),
            classname="collapsed",
        ),
        InlinePanel("office_hours", heading=_("Sprechzeiten"), label=_("Sprechzeit")),
        InlinePanel(
            "office_hour_exceptions",
            heading=_("Abweichende Tage (Feiertage, Schließungen)"),
            label=_("Abweichung"),
        ),
    ]

    select_related = ["logo"]

    class Meta:
        verbose_name = _("Website-Einstellungen")
        verbose_name_plural = _("Website-Einstellungen")

    def __str__(self):
        return self.name or str(self.site)

    def clean(self):
        super().clean()
        if self.accent_colour and len(self.accent_colour) == 7:
            try:
                ratio = contrast_ratio(self.accent_colour, "#ffffff")
            except ValueError:
                return
            if ratio < 4.5:
                raise ValidationError(
                    {
                        "accent_colour": _(
                            "Die Farbe ist zu hell: weißer Text darauf hätte nur einen Kontrast "
                            "von %(ratio).1f:1 (nötig sind 4,5:1)."
                        )
                        % {"ratio": ratio}
                    }
                )

    @property
    def accent_text_colour(self):
        """White or black, whichever contrasts more with the accent colour."""
        try:
            on_white = contrast_ratio(self.accent_colour, "#ffffff")
            on_black = contrast_ratio(self.accent_colour, "#000000")
        except (TypeError, ValueError):
            return "#ffffff"
        return "#ffffff" if on_white >= on_black else "#000000"

    @property
    def social_links(self):
        """``[(label, url)]`` of the social media profiles that are filled in."""
        candidates = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("Mastodon", self.mastodon_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in candidates if url]

    @property
    def address_lines(self):
        """The address split into its non-empty lines."""
        return [line.strip() for line in self.address.splitlines() if line.strip()]


class OfficeHourSlot(Orderable):
    """A weekly recurring time the office is open."""

    setting = ParentalKey(SiteSettings, on_delete=models.CASCADE, related_name="office_hours")
    weekday = models.PositiveSmallIntegerField(_("Wochentag"), choices=Weekday.choices)
    opens = models.TimeField(_("von"))
    closes = models.TimeField(_("bis"))
    note = models.CharField(
        _("Hinweis"), max_length=200, blank=True, help_text=_("Zum Beispiel „nur telefonisch“.")
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Sprechzeit")
        verbose_name_plural = _("Sprechzeiten")

    def clean(self):
        super().clean()
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError({"closes": _("Das Ende muss nach dem Beginn liegen.")})


class OfficeHourException(Orderable):
    """A dated deviation from the weekly office hours: a holiday, a closure or special hours."""

    setting = ParentalKey(
        SiteSettings, on_delete=models.CASCADE, related_name="office_hour_exceptions"
    )
    date = models.DateField(_("Datum"))
    closed = models.BooleanField(
        _("geschlossen"), default=True, help_text=_("Ohne Haken gelten die Zeiten unten.")
    )
    opens = models.TimeField(_("von"), null=True, blank=True)
    closes = models.TimeField(_("bis"), null=True, blank=True)
    reason = models.CharField(
        _("Anlass"), max_length=200, blank=True, help_text=_("Zum Beispiel „Feiertag“.")
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("Abweichende Sprechzeit")
        verbose_name_plural = _("Abweichende Sprechzeiten")

    def clean(self):
        super().clean()
        if not self.closed:
            if not self.opens or not self.closes:
                raise ValidationError(
                    _("Bitte geben Sie Beginn und Ende an oder setzen Sie „geschlossen“.")
                )
            if self.closes <= self.opens:
                raise ValidationError({"closes": _("Das Ende muss nach dem Beginn liegen.")})
