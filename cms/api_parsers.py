"""API body parsers that strip control characters from every string they read."""

from rest_framework import parsers

from cms.spreadsheets import clean_data, clean_querydict

__all__ = ["FormParser", "JSONParser", "MultiPartParser"]


class JSONParser(parsers.JSONParser):
    """JSON with control characters removed from every key and string value."""

    def parse(self, stream, media_type=None, parser_context=None):
        return clean_data(super().parse(stream, media_type, parser_context))


class FormParser(parsers.FormParser):
    """URL-encoded form data with control characters removed."""

    def parse(self, stream, media_type=None, parser_context=None):
        return clean_querydict(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    """Multipart form data with control characters removed from the fields (files untouched)."""

    def parse(self, stream, media_type=None, parser_context=None):
        result = super().parse(stream, media_type, parser_context)
        return parsers.DataAndFiles(clean_querydict(result.data), result.files)
