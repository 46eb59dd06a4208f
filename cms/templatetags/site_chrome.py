"""Template tags for the frame around every public page: navigation, breadcrumbs, languages, footer links."""

from django import template
from django.conf import settings
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page, Site

register = template.Library()

_CACHE_ATTR = "_site_chrome_cache"


def _request_cache(context):
    """A dict that lives as long as the request, so each tag queries at most once per page view."""
    request = context.get("request")
    if request is None:
        return {}
    cache = getattr(request, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(request, _CACHE_ATTR, cache)
    return cache


def _site(context):
    request = context.get("request")
    if request is None:
        return None
    return Site.find_for_request(request)


def _current_locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def _site_root(site, locale):
    """The home page of ``site`` in ``locale`` (or in the default language if not translated)."""
    root = site.root_page
    if locale is not None and root.locale_id != locale.pk:
        translated = root.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated
    return root


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Entries of the main navigation: ``[{"title", "url", "current"}]``.

    The live children of the site's home page (in the current language) that have
    "show in menus" set. ``current`` is ``"page"`` for the page being shown and
    ``"true"`` for the section it lies in, so the template can set ``aria-current``.
    """
    cache = _request_cache(context)
    if "menu" in cache:
        return cache["menu"]
    site = _site(context)
    items = []
    if site is not None:
        root = _site_root(site, _current_locale())
        page = context.get("page")
        current_path = getattr(page, "url_path", "") or ""
        request = context.get("request")
        for child in root.get_children().live().in_menu().specific(defer=True):
            if page is not None and child.pk == page.pk:
                current = "page"
            elif current_path.startswith(child.url_path):
                current = "true"
            else:
                current = ""
            url = child.get_url(request=request)
            if url:
                items.append({"title": child.title, "url": url, "current": current})
    cache["menu"] = items
    return items


@register.simple_tag(takes_context=True)
def breadcrumb_trail(context):
    """``[{"title", "url"}]`` from the home page down to the parent of the current page.

    Empty on the home page itself and on pages outside the tree (search, errors).
    """
    page = context.get("page")
    site = _site(context)
    if page is None or not isinstance(page, Page) or site is None:
        return []
    request = context.get("request")
    root = _site_root(site, page.locale if page.locale_id else None)
    if page.pk == root.pk or not page.url_path.startswith(root.url_path):
        return []
    trail = [
        {"title": ancestor.title, "url": ancestor.get_url(request=request)}
        for ancestor in page.get_ancestors().filter(depth__gte=root.depth)
    ]
    if trail:
        trail[0]["title"] = _("Startseite")
    return trail


@register.simple_tag(takes_context=True)
def page_languages(context):
    """``[(code, name, url)]`` of the languages the current page is published in.

    Pages outside the tree (search results, error pages) list no languages.
    """
    page = context.get("page")
    if page is None or not isinstance(page, Page):
        return []
    request = context.get("request")
    names = dict(settings.LANGUAGES)
    rows = []
    translations = (
        page.get_translations(inclusive=True).live().select_related("locale").order_by("locale_id")
    )
    for translation in translations:
        code = translation.locale.language_code
        url = translation.get_url(request=request)
        if url and code in names:
            rows.append((code, names[code], url))
    order = [code for code, _name in settings.LANGUAGES]
    rows.sort(key=lambda row: order.index(row[0]))
    return rows


@register.simple_tag(takes_context=True)
def legal_links(context):
    """``[{"title", "url"}]`` of the imprint, privacy and accessibility pages in the current language."""
    chosen = context.get("site_settings")
    if chosen is None:
        return []
    request = context.get("request")
    locale = _current_locale()
    links = []
    for field in ("imprint_page", "privacy_page", "accessibility_page"):
        target = getattr(chosen, field, None)
        if target is None:
            continue
        if locale is not None and target.locale_id != locale.pk:
            target = target.get_translation_or_none(locale) or target
        url = target.get_url(request=request)
        if url and target.live:
            links.append({"title": target.title, "url": url})
    return links


@register.filter
def text_on(hex_colour):
    """``#ffffff`` or ``#131525``: whichever reads better on the ``#rrggbb`` background."""
    value = str(hex_colour or "").lstrip("#")
    if len(value) != 6:
        return "#ffffff"
    try:
        channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    except ValueError:
        return "#ffffff"
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    dark = 0.0081  # relative luminance of #131525
    on_white = 1.05 / (luminance + 0.05)
    on_dark = (luminance + 0.05) / (dark + 0.05)
    return "#ffffff" if on_white >= on_dark else "#131525"


__all__ = ["breadcrumb_trail", "legal_links", "main_menu", "page_languages", "text_on"]
