"""Request middleware: refused form input answers 400; only languages with an interface are served.

Refused form input answers 400 Bad Request, also from the admin views Wagtail brings along.

Django and Wagtail re-render a form with its errors under status 200. Our own views set 400
themselves; this middleware does the same for every other view (login, password reset, the
create and edit views of snippets and pages, filter forms bound to the query string), so a
client, a proxy log or a test can tell a refused submission from a stored one without
reading the page.

Django reads form data that is not valid in its declared encoding with replacement characters
and carries on; such a submission is refused here instead (400 with the German error page),
so garbled text is never stored. URL-encoded bodies are checked byte for byte; in multipart
bodies (uploads) Django's parser has already replaced what it could not decode, so a field
name, value or file name holding U+FFFD is refused (a resident never types that character:
it only ever stands for text lost on the way).
"""

from urllib.parse import unquote_to_bytes

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.forms.formsets import BaseFormSet
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.functional import LazyObject, empty

from cms.spreadsheets import clean_querydict

__all__ = [
    "ControlCharacterMiddleware",
    "InterfaceLanguageMiddleware",
    "InvalidFormStatusMiddleware",
    "has_form_errors",
    "replaced_multipart_data",
    "undecodable_form_data",
]

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
MULTIPART_CONTENT_TYPE = "multipart/form-data"
REPLACEMENT = "\ufffd"


def undecodable_form_data(body, encoding):
    """Whether a URL-encoded ``body`` holds a name or value that is not valid ``encoding``.

    >>> undecodable_form_data(b"name=M%C3%BCller&ok=1", "utf-8")
    False
    >>> undecodable_form_data(b"name=M%FCller", "utf-8")
    True
    """
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            try:
                unquote_to_bytes(part.replace(b"+", b" ")).decode(encoding)
            except (UnicodeDecodeError, LookupError):
                return True
    return False


def replaced_multipart_data(post, files):
    """Whether parsed multipart data holds U+FFFD, i.e. bytes Django could not decode.

    >>> from django.http import QueryDict
    >>> replaced_multipart_data(QueryDict("name=M%C3%BCller"), QueryDict())
    False
    >>> replaced_multipart_data(QueryDict("name=M%EF%BF%BDller"), QueryDict())
    True
    """
    for name, values in post.lists():
        if REPLACEMENT in name or any(REPLACEMENT in value for value in values):
            return True
    for name, uploads in files.lists():
        if REPLACEMENT in name or any(REPLACEMENT in (f.name or "") for f in uploads):
            return True
    return False


def has_form_errors(value):
    """Whether ``value`` is a bound form or formset that was validated and has errors.

    Forms of Wagtail's admin (``ClusterForm``) carry their inline formsets, checked as well.
    A form that was never validated is not validated here: nothing runs twice, and a lazy
    value the page did not use (e.g. a list rendered from the fragment cache) stays unloaded.
    """
    if isinstance(value, LazyObject) and value._wrapped is empty:
        return False
    if isinstance(value, forms.BaseForm):
        if not value.is_bound or value._errors is None:
            return False
        if value._errors:
            return True
        return any(has_form_errors(formset) for formset in getattr(value, "formsets", {}).values())
    if isinstance(value, BaseFormSet):
        if not value.is_bound or value._errors is None:
            return False
        return bool(value._non_form_errors) or any(has_form_errors(form) for form in value.forms)
    return False


class InvalidFormStatusMiddleware:
    """Refuse undecodable form data; turn a 200 answer showing a form with errors into a 400.

    The form is found among the template context of the answer (``form``, ``filter_form``
    or any other name); answers without a template context are left as they are.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and request.content_type == FORM_CONTENT_TYPE
            and undecodable_form_data(request.body, request.encoding or "utf-8")
        ):
            raise BadRequest("Form data not valid in its encoding.")
        if (
            request.method == "POST"
            and request.content_type == MULTIPART_CONTENT_TYPE
            and replaced_multipart_data(request.POST, request.FILES)
        ):
            raise BadRequest("Multipart form data not valid in its encoding.")
        response = self.get_response(request)
        if request.method in ("GET", "HEAD", "POST") and response.status_code == 200:
            context = getattr(response, "context_data", None) or {}
            if any(has_form_errors(value) for value in context.values()):
                response.status_code = 400
        return response


class InterfaceLanguageMiddleware:
    """Send an address under the prefix of a language without interface to the German page.

    Residents are offered only the languages in ``settings.INTERFACE_LANGUAGES``; without this a
    ``/tr/…`` address would show German text inside ``<html lang="tr">``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        code = translation.get_language_from_path(request.path_info)
        if code and code not in settings.INTERFACE_LANGUAGES:
            path = request.path_info[len(code) + 1 :] or "/"
            query = request.META.get("QUERY_STRING", "")
            return HttpResponseRedirect(path + (f"?{query}" if query else ""))
        return self.get_response(request)


class ControlCharacterMiddleware:
    """Strip control characters (all but tab, newline, carriage return) from posted form data.

    One place for every form of the sites and the admin (contact form, surveys, Wagtail's
    editing views): an escape character pasted into a field is never stored, so no export,
    page or mail carries it. JSON and form bodies of the API are cleaned by the parsers in
    ``cms.api_parsers``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in (
            FORM_CONTENT_TYPE,
            "multipart/form-data",
        ):
            request.POST = clean_querydict(request.POST)
        return self.get_response(request)
