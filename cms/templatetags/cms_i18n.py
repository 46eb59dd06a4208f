"""Language tags for public templates: the `<html>` attributes and the language switcher."""

from django import template
from django.conf import settings
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


@register.filter
def fallback_lang(item, page):
    """`` lang="de" dir="ltr"`` when ``item`` is shown in place of a missing translation.

    Lists of a translated page fall back to German items (see
    :meth:`cms.pages.ListingQuerySet.below_with_fallback`); marking them lets screen readers
    read them in German and keeps them left-to-right on Arabic pages (WCAG 3.1.2). ``page``
    is the page the list is shown on, or a locale id; same locale gives ``""``.
    """
    locale_id = getattr(page, "locale_id", page)
    if item is None or not locale_id or getattr(item, "locale_id", locale_id) == locale_id:
        return ""
    lang, direction = html_language(settings.LANGUAGE_CODE)
    return format_html(' lang="{}" dir="{}"', lang, direction)


@register.simple_tag
def german_content():
    """`` lang="de" dir="ltr"`` on pages in another language, else ``""``.

    For text that exists only in German whatever the page's language: snippets such as
    people's roles, target groups and offer languages.
    """
    if html_language()[0] == settings.LANGUAGE_CODE:
        return ""
    lang, direction = html_language(settings.LANGUAGE_CODE)
    return format_html(' lang="{}" dir="{}"', lang, direction)
