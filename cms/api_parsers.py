"""API body parsers: control characters stripped from every string; JSON nested too deep is a 400."""

from django.utils.translation import gettext_lazy as _

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from cms.spreadsheets import clean_data, clean_querydict

__all__ = ["FormParser", "JSONParser", "MultiPartParser"]


class JSONParser(parsers.JSONParser):
    """JSON with control characters removed from every key and string value.

    ``[[[[…]]]]`` deeper than the interpreter's recursion limit is refused with a German 400.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return clean_data(super().parse(stream, media_type, parser_context))
        except RecursionError:
            raise ParseError(
                _("Ungültige Eingabe: Die JSON-Daten sind zu tief verschachtelt.")
            ) from None


class FormParser(parsers.FormParser):
    """URL-encoded form data with control characters removed."""

    def parse(self, stream, media_type=None, parser_context=None):
        return clean_querydict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    """Multipart form data with control characters removed from the fields (files untouched)."""

    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        return parsers.DataAndFiles(clean_querydict(result.data), result.files)
