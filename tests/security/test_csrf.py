"""No view accepts a state-changing request without a CSRF token."""

from django.test import Client
from django.urls import NoReverseMatch, reverse

import pytest
from rest_framework.authentication import (
    BasicAuthentication,
    SessionAuthentication,
    TokenAuthentication,
)
from rest_framework.views import APIView

from tests.url_inventory import entries

UNSAFE = ("post", "put", "patch", "delete")
# Authentication classes that either enforce CSRF (session) or cannot be driven by a browser
# cookie at all (token, basic), so a DRF view using only these is safe although csrf_exempt.
CSRF_SAFE_AUTH = (SessionAuthentication, TokenAuthentication, BasicAuthentication)
SAMPLE_VALUES = ["1", "kaarst", "a", "wagtailcore", "page", "1/1"]


def view_class(callback):
    return getattr(callback, "cls", None) or getattr(callback, "view_class", None)


def sample_url(entry):
    """An address that resolves to ``entry``'s view, or None if none can be built."""
    if entry.name == "wagtail_serve":
        return "/"
    if not entry.name:
        return None
    params = entry.params
    for value in SAMPLE_VALUES:
        try:
            return reverse(entry.name, kwargs={p: value for p in params})
        except NoReverseMatch:
            try:
                return reverse(entry.name, args=[value] * len(params))
            except NoReverseMatch:
                continue
    return None


def test_only_drf_views_with_csrf_enforcing_authentication_are_csrf_exempt():
    offenders = []
    for entry in entries():
        if not getattr(entry.callback, "csrf_exempt", False):
            continue
        cls = view_class(entry.callback)
        if cls is not None and issubclass(cls, APIView):
            auth = cls.authentication_classes
            if auth and all(issubclass(a, CSRF_SAFE_AUTH) for a in auth):
                continue
        offenders.append(entry.route)
    assert offenders == []


@pytest.fixture
def logged_in_csrf_client(db, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw-1234-abcd")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_every_unsafe_method_without_token_is_refused(logged_in_csrf_client):
    accepted, checked = [], 0
    anonymous = Client(enforce_csrf_checks=True)
    for entry in entries():
        url = sample_url(entry)
        if url is None:
            continue
        for method in UNSAFE:
            for client in (logged_in_csrf_client, anonymous):
                response = getattr(client, method)(url, {}, content_type="application/json")
                checked += 1
                # 403: refused for the missing token (or missing rights, never performed);
                # 405: this address does not take the method at all; a redirect to the
                # login form: refused before anything was done.
                to_login = response.status_code == 302 and response["Location"].startswith(
                    "/admin/login/"
                )
                # 404 to a visitor without an account: the project API does not show itself
                # (and did nothing). A signed-in user must be refused for the token itself.
                hidden = client is anonymous and response.status_code == 404
                if response.status_code not in (403, 405) and not to_login and not hidden:
                    accepted.append((method.upper(), url, response.status_code))
    assert checked > 800
    assert accepted == [], "\n".join(map(str, accepted))
