"""Every bad input a clear answer (issue 10): API errors always JSON, NUL characters,
nesting depth, UTF-16 files without a byte-order mark, on web, API and CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import OperationalError, connection
from pytest_django.fixtures import Settings as SettingsWrapper

from followup.api import services as api_services
from followup.tracker import services

from .test_api import call, detail


@pytest.fixture
def token(owner: User) -> str:
    _, raw = api_services.create_token(owner, "tests")
    return raw


def test_a_body_over_the_limit_is_a_json_413(
    owner: User, token: str, settings: SettingsWrapper
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = services.applications_of(owner).count()
    response = call("POST", "/import", token, raw=json.dumps({"notes": "x" * 2000}))
    assert response.status_code == 413
    assert detail(response) == [
        {"loc": ["body"], "msg": "the request body is larger than this server accepts (1000 bytes)"}
    ]
    assert services.applications_of(owner).count() == before


def fail_every_query(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize(("method", "path"), [("GET", "/applications"), ("GET", "/plan")])
def test_the_database_down_is_a_json_503(owner: User, token: str, method: str, path: str) -> None:
    with connection.execute_wrapper(fail_every_query):
        response = call(method, path, token)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "30"
    assert detail(response) == [
        {"loc": [], "msg": "the database is unavailable; try again in a moment"}
    ]
