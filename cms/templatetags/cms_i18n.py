"""Language tags for public templates: the `<html>` attributes and the language switcher."""

from django import template
from django.utils.html import format_html

from cms.services import html_language, language_links

register = template.Library()


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """``[(code, name, url)]`` of the languages the page exists in (live translations only).

    Usage: ``{% page_languages page as languages %}``. Uses ``language_links`` from the
    page's context when present, so it adds no query there.
    """
    if "language_links" in context and (page is None or page == context.get("page")):
        return context["language_links"]
    page = page or context.get("page")
    return language_links(page, context.get("request"))


@register.simple_tag
def html_lang_attrs():
    """``lang="…" dir="…"`` for the `<html>` element; ``dir="rtl"`` for Arabic."""
    lang, direction = html_language()
    return format_html('lang="{}" dir="{}"', lang, direction)


@register.simple_tag
def html_dir():
    """``rtl`` or ``ltr`` for the active language."""
    return html_language()[1]
