"""Schemathesis against our OpenAPI schema, as a Kaarst network manager: no server error, answers as documented.

Every operation gets at least 100 generated requests (valid and invalid ones). The project in
the address is pinned to Kaarst, the manager's own project, so the requests reach real data.
"""

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

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
    # Requests go straight into the WSGI application; like Django's test client, keep the
    # test's database connection (and its transaction) open between them.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
