"""Schemathesis drives /api/v1/ from its own OpenAPI description: whatever the query and path
parameters, no answer is a server error, every answer is JSON with a status code the description
declares for the operation, and its body matches the description of that status.

The schema is read from the WSGI application itself (no server); the demo content of the news,
documents, Q&A and press room gives the lists something to page and filter through.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from camau_exam_portal.wsgi import application
from documents.demo import numbered, seed_documents
from exams.demo import seed_exam
from hotline.demo import seed_hotline
from news.demo import seed_news
from pressroom.demo import seed_pressroom
from tests.services import in_ci

pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@pytest.fixture(autouse=True)
def _connection_kept_open():
    """As Django's test client does: the WSGI handler would otherwise close the connection that
    holds the test's transaction (and, on SQLite, its in-memory database) after each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _demo_content(db):
    seed_exam()
    seed_news()
    seed_documents()
    seed_hotline(cited_documents=numbered)
    seed_pressroom()


@schema.parametrize()
@hypothesis_settings(
    max_examples=30,
    deadline=None,
    database=None,  # no example database under .hypothesis/
    # CI runs the same examples every time, so a landing is never refused by a new draw;
    # local runs draw new ones and keep finding what CI has not tried yet.
    derandomize=in_ci(),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_any_parameters_as_its_description_says(case):
    cache.clear()  # the API's throttle counts live in the cache: every case starts from zero
    response = case.call()
    case.validate_response(
        response,
        checks=(
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ),
    )
    # Also the 404 of a slug with characters no slug has (no route matches it) is the API's JSON,
    # not the site's HTML page; and a refusal is never a redirect.
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.status_code
    assert response.headers["content-type"][0] == "application/json", response.headers
