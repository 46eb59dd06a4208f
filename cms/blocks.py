"""StreamField blocks of the editorial pages: each renders `templates/blocks/<name>_block.html`."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the document outline correct for screen readers."""

    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Ebene 2")), ("h3", _("Ebene 3")), ("h4", _("Ebene 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Unsere Angebote", "level": "h2"}
        description = _("Zwischenüberschrift, die den Text gliedert.")


class ParagraphBlock(blocks.RichTextBlock):
    """Running text with the few formats an editor needs; no colours or fonts."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Das Albert-Einstein-Forum ist ein Treffpunkt für alle Generationen.</p>"


class ImageBlock(blocks.StructBlock):
    """An image with mandatory alternative text, so no picture is silent to screen readers."""

    image = ImageChooserBlock(label=_("Bild"))
    alt_text = blocks.CharBlock(
        label=_("Alternativtext"),
        max_length=250,
        help_text=_("Beschreiben Sie, was auf dem Bild zu sehen ist (für Screenreader)."),
    )
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "blocks/image_block.html"
        preview_value = {"alt_text": "Das Albert-Einstein-Forum", "caption": "Foto: Stadt"}


class QuoteBlock(blocks.StructBlock):
    """A quotation with its source."""

    text = blocks.TextBlock(label=_("Zitat"))
    attribution = blocks.CharBlock(label=_("Quelle"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Integration ist eine kommunale Schlüsselaufgabe.",
            "attribution": "Projektbüro Integration",
        }


class CallToActionBlock(blocks.StructBlock):
    """A single prominent button leading to a page or an external address."""

    text = blocks.CharBlock(label=_("Beschriftung"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Interne Seite"), required=False)
    url = blocks.URLBlock(label=_("Externe Adresse"), required=False)

    def clean(self, value):
        result = super().clean(value)
        if not result.get("page") and not result.get("url"):
            raise StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Bitte wählen Sie eine Seite oder geben Sie eine Adresse an.")
                    )
                }
            )
        return result

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("page")
        context["href"] = page.url if page else value.get("url")
        return context

    class Meta:
        icon = "link-external"
        label = _("Handlungsaufruf")
        template = "blocks/call_to_action_block.html"
        preview_value = {"text": "Jetzt mitmachen", "url": "https://example.org/"}


class FaqItemBlock(blocks.StructBlock):
    """One question and its answer inside an accordion."""

    question = blocks.CharBlock(label=_("Frage"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Antwort"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = _("Frage und Antwort")


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open on demand (native `<details>`, no JavaScript needed)."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)
    items = blocks.ListBlock(FaqItemBlock(), label=_("Einträge"))

    class Meta:
        icon = "list-ul"
        label = _("Aufklappbereich / FAQ")
        template = "blocks/accordion_block.html"
        preview_value = {
            "title": "Häufige Fragen",
            "items": [
                {"question": "Kostet die Beratung etwas?", "answer": "<p>Nein.</p>"},
            ],
        }


class DocumentLinkBlock(blocks.StructBlock):
    """A downloadable document with an optional label."""

    document = DocumentChooserBlock(label=_("Dokument"))
    label = blocks.CharBlock(label=_("Bezeichnung"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Dokument")


class DocumentListBlock(blocks.StructBlock):
    """A list of downloads (flyers, forms, reports)."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)
    documents = blocks.ListBlock(DocumentLinkBlock(), label=_("Dokumente"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Dokumente")
        template = "blocks/document_list_block.html"
        preview_value = {"title": "Downloads", "documents": []}


class VideoEmbedBlock(EmbedBlock):
    """An embedded video or map from an oEmbed provider, with a title for assistive technology."""

    class Meta:
        icon = "media"
        label = _("Einbettung")
        template = "blocks/embed_block.html"
        preview_value = "https://www.youtube.com/watch?v=mwrGSfiB1Mg"


class PeopleListBlock(blocks.StructBlock):
    """A selection of team members, shown with photo and contact details."""

    title = blocks.CharBlock(label=_("Titel"), required=False, max_length=200)
    people = blocks.ListBlock(SnippetChooserBlock("cms.Person"), label=_("Personen"))

    class Meta:
        icon = "group"
        label = _("Personenliste")
        template = "blocks/people_list_block.html"
        preview_value = {"title": "Ansprechpersonen", "people": []}


class HighlightBlock(blocks.StructBlock):
    """A teaser tile on the home page pointing to a page."""

    title = blocks.CharBlock(label=_("Titel"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False, max_length=400)
    page = blocks.PageChooserBlock(label=_("Seite"), required=False)

    class Meta:
        icon = "pick"
        label = _("Hervorhebung")
        template = "blocks/highlight_block.html"
        preview_value = {"title": "Sprechzeiten", "text": "Kommen Sie vorbei."}


class AccessibilityStatementBlock(blocks.StaticBlock):
    """The accessibility statement's required parts, filled from the site settings.

    Status, non-accessible content, dates and how they were assessed, feedback (contact form
    with the subject "Barrierefreiheit", e-mail, phone) and the state's arbitration body.
    """

    class Meta:
        icon = "doc-full"
        label = _("Erklärung zur Barrierefreiheit (aus den Einstellungen)")
        admin_text = _(
            "Zeigt Stand, nicht barrierefreie Inhalte, Feedback und Schlichtungsstelle aus den "
            "Einstellungen der Website."
        )
        template = "blocks/accessibility_statement_block.html"

    def get_context(self, value, parent_context=None):
        from cms.pages import ContactPage

        context = super().get_context(value, parent_context=parent_context)
        page = context.get("page")
        contact = None
        if page is not None:
            home = page.get_site().root_page if page.get_site() else None
            if home is not None:
                contact = ContactPage.objects.live().descendant_of(home).first()
        request = context.get("request")
        context["contact_url"] = contact.localized.get_url(request) if contact else ""
        return context


class EasyTextBlock(blocks.TextBlock):
    """Text in Leichte Sprache: one sentence per line, each shown on a line of its own."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "help_text", _("Ein Satz pro Zeile. Kurze Sätze, bekannte Wörter, keine Abkürzungen.")
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text in Leichter Sprache")
        template = "blocks/easy_text_block.html"
        preview_value = "Hier bekommen Sie Hilfe.\nDie Hilfe kostet nichts."


class SignLanguageVideoBlock(blocks.StructBlock):
    """A video in German Sign Language with captions and a written transcript (WCAG 1.2.6)."""

    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    video = DocumentChooserBlock(label=_("Video-Datei (MP4 oder WebM)"))
    captions = DocumentChooserBlock(label=_("Untertitel (WebVTT-Datei)"))
    transcript = blocks.TextBlock(
        label=_("Abschrift"), help_text=_("Was im Video gesagt wird, als Text.")
    )

    class Meta:
        icon = "media"
        label = _("Video in Gebärdensprache")
        template = "blocks/sign_language_video_block.html"
        preview_value = {"title": "Das ist unsere Website", "transcript": "Willkommen."}


class EasyLanguageBlock(blocks.StreamBlock):
    """The content blocks of a page in Leichte Sprache."""

    heading = HeadingBlock()
    text = EasyTextBlock()
    image = ImageBlock()
    sign_language_video = SignLanguageVideoBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Inhalt")


class BodyBlock(blocks.StreamBlock):
    """The content blocks of a standard page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    documents = DocumentListBlock()
    embed = VideoEmbedBlock()
    people = PeopleListBlock()
    accessibility_statement = AccessibilityStatementBlock()

    class Meta:
        label = _("Inhalt")


class HighlightsBlock(blocks.StreamBlock):
    """The home page's highlight tiles and short texts."""

    highlight = HighlightBlock()
    paragraph = ParagraphBlock()
    call_to_action = CallToActionBlock()

    class Meta:
        label = _("Hervorhebungen")
