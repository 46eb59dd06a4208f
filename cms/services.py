"""Site-wide context for public templates: settings, navigation, languages, office hours, SEO.

Everything a layout template shows is computed here in a fixed number of queries, so
templates never query the database.
"""

import json
import re

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils import timezone, translation

from wagtail.models import Page, PageViewRestriction, Site

from cms import fragments
from cms.site_settings import SiteSettings
from cms.snippets import SCHEMA_ORG_DAYS, Weekday

__all__ = [
    "RTL_LANGUAGES",
    "html_language",
    "language_links",
    "office_hours_for",
    "opening_hours_jsonld",
    "site_context",
    "restricted_paths",
    "site_settings_for",
]

RTL_LANGUAGES = {"ar", "fa", "he", "ur"}
#: The logo's rendition in the page header (``includes/header.html``).
LOGO_FILTER = "height-96"


def html_language(language_code=None):
    """``(lang, dir)`` for the `<html>` element of the active (or given) language.

    >>> html_language("ar"), html_language("de-at")
    (('ar', 'rtl'), ('de-at', 'ltr'))
    """
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return code, "rtl" if code.split("-")[0] in RTL_LANGUAGES else "ltr"


def site_settings_for(request=None, site=None):
    """The site's settings with office hours, exceptions and logo renditions loaded.

    Cached on the request where Wagtail's ``SiteSettings.for_request`` finds it too, so
    the ``settings`` context processor adds no query either; between anonymous requests it
    comes from the fragment cache (:mod:`cms.fragments`).
    """
    if request is not None:
        attribute = SiteSettings.get_cache_attr_name()
        site_settings = getattr(request, attribute, None)
        if site_settings is None:
            site = Site.find_for_request(request)
            site_settings = fragments.cached(
                request, "settings", lambda: _loaded_settings(SiteSettings.for_site(site))
            )
            site_settings._request = request
            setattr(request, attribute, site_settings)
    else:
        site_settings = SiteSettings.for_site(site) if site else SiteSettings()
    return _loaded_settings(site_settings)


def _loaded_settings(site_settings):
    if hasattr(site_settings, "weekly_slots"):
        return site_settings
    site_settings.weekly_slots = (
        list(site_settings.office_hours.order_by("weekday", "opens")) if site_settings.pk else []
    )
    site_settings.exceptions = (
        list(site_settings.office_hour_exceptions.order_by("date")) if site_settings.pk else []
    )
    if site_settings.logo is not None:
        prefetch_related_objects([site_settings.logo], "renditions")
        # Made now if it is missing, so that a stored copy of the settings carries it.
        site_settings.logo.get_rendition(LOGO_FILTER)
    return site_settings


def restricted_paths(request=None):
    """Tree paths of pages with view restrictions (cached on the request and between requests)."""
    if request is not None and hasattr(request, "_cms_restricted_paths"):
        return request._cms_restricted_paths
    cached = fragments.view_restriction_paths()
    if cached is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    else:
        paths = cached[0]
    if request is not None:
        request._cms_restricted_paths = paths
    return paths


def office_hours_for(site_settings, date):
    """Office hours on ``date``: weekly slots, unless a dated exception replaces them.

    Returns a dict with ``date``, ``weekday`` (German name), ``closed`` (bool), ``reason``
    (str, for exceptions) and ``slots`` (list of dicts with ``opens``, ``closes``, ``note``).
    """
    weekly = getattr(site_settings, "weekly_slots", None)
    if weekly is None:
        weekly = list(site_settings.office_hours.all())
    exceptions = getattr(site_settings, "exceptions", None)
    if exceptions is None:
        exceptions = list(site_settings.office_hour_exceptions.all())
    result = {
        "date": date,
        "weekday": Weekday(date.weekday()).label,
        "closed": False,
        "reason": "",
        "slots": [],
    }
    exception = next((item for item in exceptions if item.date == date), None)
    if exception is not None:
        result["reason"] = exception.reason
        if exception.closed:
            result["closed"] = True
        else:
            result["slots"] = [{"opens": exception.opens, "closes": exception.closes, "note": ""}]
        return result
    result["slots"] = [
        {"opens": slot.opens, "closes": slot.closes, "note": slot.note}
        for slot in sorted(weekly, key=lambda slot: slot.opens)
        if slot.weekday == date.weekday()
    ]
    result["closed"] = not result["slots"]
    return result


def _postal_address(lines):
    """schema.org PostalAddress from address lines ending in "<postcode> <town>"."""
    address = {"@type": "PostalAddress", "addressCountry": "DE"}
    if lines:
        match = re.match(r"^(\d{5})\s+(.+)$", lines[-1])
        if match:
            address["postalCode"], address["addressLocality"] = match.groups()
            if len(lines) > 1:
                address["streetAddress"] = lines[-2]
        else:
            address["streetAddress"] = ", ".join(lines)
    return address


def opening_hours_jsonld(site_settings, today=None, url=""):
    """schema.org data of the office with its ``OpeningHoursSpecification`` list.

    Weekly slots become one specification per slot; exceptions from ``today`` on become
    dated specifications (closed days as 00:00–00:00, as schema.org prescribes).
    """
    today = today or timezone.localdate()
    weekly = getattr(site_settings, "weekly_slots", None)
    if weekly is None:
        weekly = list(site_settings.office_hours.all())
    exceptions = getattr(site_settings, "exceptions", None)
    if exceptions is None:
        exceptions = list(site_settings.office_hour_exceptions.all())
    specifications = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": SCHEMA_ORG_DAYS[slot.weekday],
            "opens": slot.opens.strftime("%H:%M"),
            "closes": slot.closes.strftime("%H:%M"),
        }
        for slot in sorted(weekly, key=lambda slot: (slot.weekday, slot.opens))
    ]
    for exception in sorted(exceptions, key=lambda item: item.date):
        if exception.date < today:
            continue
        closed = exception.closed or not (exception.opens and exception.closes)
        specifications.append(
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": exception.date.isoformat(),
                "validThrough": exception.date.isoformat(),
                "opens": "00:00" if closed else exception.opens.strftime("%H:%M"),
                "closes": "00:00" if closed else exception.closes.strftime("%H:%M"),
            }
        )
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": site_settings.name,
        "address": _postal_address(site_settings.address_lines),
        "openingHoursSpecification": specifications,
    }
    if url:
        data["url"] = url
    if site_settings.phone:
        data["telephone"] = site_settings.phone
    if site_settings.email:
        data["email"] = site_settings.email
    if site_settings.social_links:
        data["sameAs"] = [link for _label, link in site_settings.social_links]
    return data


def _json_for_script(data):
    """JSON safe to place inside `<script type="application/ld+json">`."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def language_links(page, request):
    """``[(language_code, language_name, url)]`` of the live translations of ``page``.

    Only languages the page exists in and whose interface is translated are listed
    (``settings.INTERFACE_LANGUAGES``); names are given in their own language.
    """
    if page is None:
        return []
    translations = (
        page.get_translations(inclusive=True)
        .live()
        .filter(locale__language_code__in=settings.INTERFACE_LANGUAGES)
        .select_related("locale")
    )
    links = []
    for translated in sorted(translations, key=lambda item: _language_order(item.locale)):
        code = translated.locale.language_code
        info = translation.get_language_info(code)
        url = translated.get_url(request)
        if url:
            links.append((code, info["name_local"], url))
    return links


def _language_order(locale):
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    return codes.index(locale.language_code) if locale.language_code in codes else len(codes)


def _localized_pages(pages_by_key, locale_id):
    """Replace pages by their live translation in ``locale_id`` when one exists (one query)."""
    keys = [page.translation_key for page in pages_by_key.values() if page]
    translations = {
        page.translation_key: page
        for page in Page.objects.live().filter(translation_key__in=keys, locale_id=locale_id)
    }
    return {
        name: translations.get(page.translation_key, page) if page else None
        for name, page in pages_by_key.items()
    }


def site_context(request, page=None):
    """The layout's context. Keys:

    ``site`` (Wagtail Site), ``site_settings`` (:class:`~cms.site_settings.SiteSettings`
    with ``weekly_slots``/``exceptions`` lists and the logo's renditions loaded),
    ``menu_pages`` (list of dicts ``title``, ``url``, ``active``), ``breadcrumbs`` (list of dicts
    ``title``, ``url`` from the home page down to the parent of ``page``), ``language_links``
    (list of ``(code, name, url)``), ``html_lang``, ``html_dir``, ``office_hours_today``
    (see :func:`office_hours_for`), ``structured_data_json`` (schema.org JSON string),
    ``footer_links`` (list of dicts ``title``, ``url``), ``easy_language_url`` (the page in
    Leichte Sprache and sign language, or ``""``), ``social_links`` (list of
    ``(label, url)``), ``open_graph`` (dict ``title``, ``description``, ``url``, ``type``,
    ``site_name``, ``locale``, ``image``).

    What is the same for every visitor (navigation, footer, breadcrumbs, language links) comes
    from the fragment cache (:mod:`cms.fragments`) between anonymous requests.
    """
    site = Site.find_for_request(request)
    site_settings = site_settings_for(request)
    html_lang, html_dir = html_language()
    today = timezone.localdate()
    language = translation.get_language()
    locale_id = page.locale_id if page is not None else None

    frame = fragments.cached(
        request,
        "frame",
        lambda: _site_frame(request, site, site_settings, locale_id),
        locale_id,
        language,
    )
    home = frame["home"]
    if page is not None and page.pk is not None:
        page_frame = fragments.cached(
            request, "page", lambda: _page_frame(request, page, home), page.pk, language
        )
    else:
        page_frame = _page_frame(request, page, home)

    ancestor_paths = set()
    if page is not None:
        ancestor_paths = {page.path[: i * Page.steplen] for i in range(1, page.depth + 1)}
    menu_pages = [
        {"title": item["title"], "url": item["url"], "active": item["path"] in ancestor_paths}
        for item in frame["menu"]
    ]

    url = page.get_full_url(request) if page is not None else request.build_absolute_uri()
    open_graph = {
        "title": (page.seo_title or page.title) if page is not None else site_settings.name,
        "description": (page.search_description or getattr(page, "teaser", ""))
        if page is not None
        else "",
        "url": url,
        "type": "article" if page is not None and page.depth > 3 else "website",
        "site_name": site_settings.name,
        "locale": html_lang.replace("-", "_"),
        "image": "",
    }
    if page_frame["image_url"]:
        open_graph["image"] = request.build_absolute_uri(page_frame["image_url"])
        open_graph["image_alt"] = getattr(page, "image_alt", "")

    return {
        "site": site,
        "site_settings": site_settings,
        "menu_pages": menu_pages,
        "breadcrumbs": page_frame["breadcrumbs"],
        "language_links": page_frame["language_links"],
        "html_lang": html_lang,
        "html_dir": html_dir,
        "office_hours_today": office_hours_for(site_settings, today),
        "structured_data_json": _json_for_script(
            opening_hours_jsonld(site_settings, today=today, url=frame["home_full_url"])
        ),
        "footer_links": frame["footer_links"],
        "easy_language_url": frame["easy_language_url"],
        "social_links": site_settings.social_links,
        "open_graph": open_graph,
        "home_page": home,
    }


def _site_frame(request, site, site_settings, locale_id):
    """Home page, main navigation and footer links of a site in one language."""
    home = None
    if site is not None:
        home = site.root_page
        language = translation.get_language() or settings.LANGUAGE_CODE
        if locale_id is None and language != settings.LANGUAGE_CODE:
            # Pages outside the tree (search, errors) under /ar/ … use that language's home.
            home = (
                Page.objects.live()
                .filter(translation_key=home.translation_key, locale__language_code=language)
                .first()
                or home
            )
            locale_id = home.locale_id
        elif locale_id and home.locale_id != locale_id:
            home = (
                Page.objects.filter(
                    translation_key=home.translation_key, locale_id=locale_id
                ).first()
                or home
            )
    menu = []
    if home is not None:
        menu = [
            {"title": child.title, "url": child.get_url(request), "path": child.path}
            for child in home.get_children().live().in_menu()
        ]

    footer_ids = {
        "imprint": site_settings.imprint_page_id,
        "privacy": site_settings.privacy_page_id,
        "accessibility": site_settings.accessibility_page_id,
    }
    easy_id = site_settings.easy_language_page_id
    found = Page.objects.live().in_bulk([pk for pk in [*footer_ids.values(), easy_id] if pk])
    footer_pages = {name: found.get(pk) for name, pk in footer_ids.items()}
    # Leichte Sprache is German only: the same page from every language.
    easy_page = found.get(easy_id) if easy_id else None
    if any(page and page.locale_id != locale_id for page in footer_pages.values()) and locale_id:
        footer_pages = _localized_pages(footer_pages, locale_id)
    footer_links = [
        {"title": footer_page.title, "url": footer_page.get_url(request)}
        for footer_page in footer_pages.values()
        if footer_page is not None
    ]
    return {
        "home": home,
        "home_full_url": home.get_full_url(request) if home is not None else "",
        "menu": menu,
        "footer_links": footer_links,
        "easy_language_url": easy_page.get_url(request) if easy_page is not None else "",
    }


def _page_frame(request, page, home):
    """Breadcrumbs, language links and the preview image's address of one page."""
    breadcrumbs = []
    if home is not None and page is not None and page.depth > home.depth:
        breadcrumbs = [
            {"title": ancestor.title, "url": ancestor.get_url(request)}
            for ancestor in Page.objects.ancestor_of(page)
            .filter(depth__gte=home.depth)
            .order_by("depth")
        ]
    image = getattr(page, "image", None) if page is not None else None
    return {
        "breadcrumbs": breadcrumbs,
        "language_links": language_links(page, request),
        "image_url": image.get_rendition("fill-1200x630").url if image is not None else "",
    }
