"""Broken input to the API gets a 4xx answer with a message, never a server error."""

from django.test import Client

import pytest
from rest_framework.authtoken.models import Token

from tests.demo_data import demo_content  # noqa: F401

INSTITUTIONS = "/api/v1/projects/kaarst/institutions/"


@pytest.fixture
def api(demo_content, db):  # noqa: F811
    token, _ = Token.objects.get_or_create(user=demo_content["users"]["netzwerk-kaarst"])
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_HOST="kaarst.localhost")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"name": "Treff', "application/json"),  # cut off
        ("name=Treff&&&=", "application/json"),  # not JSON at all
        ('{"name": "Tr\\u0000eff"}', "application/json"),  # NUL byte
        ('{"name": "' + "x" * 100_000 + '"}', "application/json"),  # far too long
        ("\xff\xfe", "application/json"),  # not even text
    ],
)
def test_broken_json_is_refused_with_a_message(api, body, content_type):
    response = api.post(INSTITUTIONS, body, content_type=content_type)
    assert 400 <= response.status_code < 500
    assert response.json()  # a message, not an empty answer


def test_number_too_large_for_the_database_is_never_a_server_error(api):
    # SQLite cannot even hold the number (400 with a message); PostgreSQL finds nothing (200).
    response = api.get("/api/v1/projects/kaarst/network/analysis/", {"district": "9" * 40})
    assert response.status_code in (200, 400)
    assert response.json()
