"""Template filters and the fragment tag of the public page frame."""

import re

from django import template
from django.utils.safestring import mark_safe

from cms import fragments
from cms.site_settings import contrast_ratio

register = template.Library()

_DARK_TEXT = "#131525"
_HEX_COLOUR = re.compile(r"#?[0-9a-fA-F]{6}")


@register.filter
def text_on(hex_colour):
    """The text colour (white or near-black) with the higher contrast on a ``#rrggbb`` background.

    >>> text_on("#005a9c"), text_on("#ffdd00"), text_on("not a colour")
    ('#ffffff', '#131525', '#ffffff')
    """
    value = str(hex_colour or "")
    if not _HEX_COLOUR.fullmatch(value):
        return "#ffffff"
    colour = "#" + value.lstrip("#")
    on_white = contrast_ratio(colour, "#ffffff")
    return "#ffffff" if on_white >= contrast_ratio(colour, _DARK_TEXT) else _DARK_TEXT


@register.filter
def on_or_after(items, day):
    """The items whose ``date`` is ``day`` or later (e.g. office-hour exceptions from today on).

    >>> import datetime, types
    >>> rows = [types.SimpleNamespace(date=datetime.date(2026, 1, d)) for d in (1, 5, 9)]
    >>> [row.date.day for row in on_or_after(rows, datetime.date(2026, 1, 5))]
    [5, 9]
    """
    if day is None:
        return list(items or [])
    return [item for item in items or [] if item.date >= day]


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, until=None):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.until = until

    def render(self, context):
        request = context.get("request")
        if context.get("page") is None or not fragments.enabled(request):
            return self.nodelist.render(context)
        parts = [expression.resolve(context) for expression in self.vary_on]
        if self.until is None:
            html = fragments.cached(
                request, f"html:{self.name}", lambda: str(self.nodelist.render(context)), *parts
            )
        else:

            def compute():
                # Rendered first: the expiry is read from what the rendering loaded.
                html = str(self.nodelist.render(context))
                return html, self.until.resolve(context) or None

            html = fragments.cached(request, f"html:{self.name}", compute, *parts, expiring=True)
        return mark_safe(html)


@register.tag
def fragment(parser, token):
    """Render once, then serve from the fragment cache until the site changes.

    ``{% fragment "header" LANGUAGE_CODE request.path %}…{% endfragment %}``: the content must
    depend on nothing but the site's content and the listed values. Only on pages; previews
    and logged-in editors always get it rendered afresh (see :mod:`cms.fragments`).

    A last argument ``until=expression`` names when the stored content stops being true (an
    aware datetime or ``None`` for "until the site changes"); it is resolved after the
    content was rendered: ``{% fragment "events" page.pk until=events.valid_until %}``.
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'fragment' needs a name")
    until = None
    if bits[-1].startswith("until="):
        until = parser.compile_filter(bits.pop()[len("until=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return FragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]], until)


__all__ = ["fragment", "on_or_after", "text_on"]
