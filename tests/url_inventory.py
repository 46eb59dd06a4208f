"""Every URL pattern of the project, flattened, with a way to build a sample address for it."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>|\(\?P<(?P<rname>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Entry:
    """One URL pattern: its full route as written, its qualified name and its view."""

    route: str
    name: str
    callback: object

    @property
    def params(self):
        return [m.group("name") or m.group("rname") for m in PARAM.finditer(self.route)]


def _pattern_text(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return ""
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        return pattern._regex.lstrip("^").rstrip("$").replace("\\Z", "")
    return str(pattern)


def walk(patterns=None, prefix="", namespace=""):
    """Yield an :class:`Entry` for every leaf pattern under ``patterns``."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for item in patterns:
        text = prefix + _pattern_text(item.pattern)
        if isinstance(item, URLResolver):
            ns = namespace
            if item.namespace:
                ns = f"{namespace}{item.namespace}:"
            yield from walk(item.url_patterns, text, ns)
        elif isinstance(item, URLPattern):
            name = f"{namespace}{item.name}" if item.name else ""
            yield Entry(text, name, item.callback)


def entries():
    """All entries, deduplicated by route and sorted, so tables and failures read stably."""
    seen = {}
    for entry in walk():
        seen.setdefault(entry.route, entry)
    return [seen[key] for key in sorted(seen)]
