"""Schemathesis against our OpenAPI schema, as a Kaarst network manager: no server error, answers as documented.

Every operation gets at least 100 generated requests (valid and invalid ones). The project in
the address is pinned to Kaarst, the manager's own project, so the requests reach real data.
"""

from django.core.wsgi import get_wsgi_application

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.demo_data import demo_content  # noqa: F401

CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_schema(demo_content, db):  # noqa: F811
    return schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@pytest.fixture
def manager_token(demo_content):  # noqa: F811
    token, _ = Token.objects.get_or_create(user=demo_content["users"]["netzwerk-kaarst"])
    return token.key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation(case, manager_token):
    if "project" in (case.path_parameters or {}):
        case.path_parameters["project"] = "kaarst"
    case.call_and_validate(
        headers={"Authorization": f"Token {manager_token}", "Host": "kaarst.localhost"},
        checks=CHECKS,
    )
