"""API error handling: values the database cannot hold are the client's mistake (400), not a crash."""

from django.db import DataError
from django.utils.translation import gettext as _

from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc, context):
    """DRF's handler, plus 400 with a message for numbers or text the database refuses."""
    response = exception_handler(exc, context)
    if response is None and isinstance(exc, OverflowError | DataError):
        return Response(
            {"detail": _("Ungültige Eingabe: Ein Wert liegt außerhalb des zulässigen Bereichs.")},
            status=status.HTTP_400_BAD_REQUEST,
        )
    return response
