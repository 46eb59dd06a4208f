"""Template filters for the public page frame."""

from django import template

register = template.Library()

_DARK_TEXT = "#131525"
_DARK_TEXT_LUMINANCE = 0.0081  # WCAG relative luminance of #131525


def _luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@register.filter
def text_on(hex_colour):
    """The text colour (white or near-black) with the higher contrast on a ``#rrggbb`` background.

    >>> text_on("#005a9c"), text_on("#ffdd00"), text_on("not a colour")
    ('#ffffff', '#131525', '#ffffff')
    """
    value = str(hex_colour or "").lstrip("#")
    try:
        luminance = _luminance(value) if len(value) == 6 else None
    except ValueError:
        luminance = None
    if luminance is None:
        return "#ffffff"
    on_white = 1.05 / (luminance + 0.05)
    on_dark = (luminance + 0.05) / (_DARK_TEXT_LUMINANCE + 0.05)
    return "#ffffff" if on_white >= on_dark else _DARK_TEXT


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


__all__ = ["on_or_after", "text_on"]
