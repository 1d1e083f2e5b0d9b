"""Fuzz every API operation from its OpenAPI schema (bounded): never a 500, never a response that
contradicts the schema. Runs with a read-and-write token of a person with roles in the network."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from wegweiser.accounts.models import ApiTokenScope
from wegweiser.accounts.services import api_token_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_schema(db):
    # Calling the WSGI application directly sends request_started/finished, whose
    # close_old_connections would close the test's connection inside its transaction
    # (PostgreSQL then reports "the connection is closed"). Django's test client
    # unhooks it the same way for the duration of its requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(world):
    issued = api_token_create(actor=world.org_admin, name="fuzz", scope=ApiTokenScope.WRITE)
    return {"Authorization": f"Bearer {issued.secret}"}


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_operation_never_fails_or_breaks_its_schema(case, bearer):
    case.call_and_validate(
        headers=bearer,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
