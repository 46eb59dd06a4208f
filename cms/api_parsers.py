"""The API's JSON parser: a body nested too deep for Python's parser is bad input (400), not a 500."""

from django.utils.translation import gettext_lazy as _

from rest_framework import parsers
from rest_framework.exceptions import ParseError

__all__ = ["JSONParser"]


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; ``[[[[…]]]]`` deeper than the interpreter's recursion limit is refused."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(
                _("Ungültige Eingabe: Die JSON-Daten sind zu tief verschachtelt.")
            ) from None
