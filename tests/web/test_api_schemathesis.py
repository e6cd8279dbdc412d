"""Schemathesis over every operation of the REST API, with all its default checks.

The requests go straight into the Django WSGI application, as the owner (the demo
journal) with a live token: a fresh owner for each operation, many requests each.
At least 200 generated examples per operation, derandomized (fixed seed) so a run
is repeatable. The API must pass as it is; the checks are not loosened.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth.models import User
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from followup.api.models import ApiToken
from followup.api.schemas import ID
from followup.api.services import hash_token
from followup.tracker.models import Event
from followup.tracker.services import applications_of
from followup.web.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
# Each test's owner gets this token: schemathesis asks for it while it collects,
# before any fixture has run, so it can't be a random one made by a fixture.
TOKEN = "fu_schemathesis-" + "0123456789abcdef" * 2


# Auth through schemathesis, not by headers added to each call: then its negative
# cases that drop or spoil the Authorization header reach the API as generated.
# No caching (a token lives for one test) and no retry on 401 (it would hide one).
@schema.auth(refresh_interval=None, retry_on=[])
class OwnerToken:
    def get(self, case: schemathesis.Case, ctx: Any) -> str:
        return TOKEN

    def set(self, case: schemathesis.Case, data: str, ctx: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@pytest.fixture
def kept_connection() -> Iterator[None]:
    """Django closes the database connection after each request it serves; Django's
    test client switches that off, and so must we when calling the WSGI app
    directly, or the test's transaction (and its data) would go with it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def statuses(owner: User, kept_connection: None) -> Iterator[list[int]]:
    """The owner's token for schemathesis, and the statuses it got: a run where no
    request succeeded (a broken token, say) would prove nothing, and fails."""
    ApiToken.objects.create(
        user=owner, name="schemathesis", token_hash=hash_token(TOKEN), prefix=TOKEN[:9]
    )
    seen: list[int] = []
    yield seen
    assert any(200 <= status < 300 for status in seen), f"no request succeeded: {set(seen)}"


def steer(case: schemathesis.Case, user: User) -> None:
    """Point most well-formed ids at the user's real applications and events.

    Random ids would nearly always answer 404, leaving the update, delete and event
    paths untested. One in four keeps its random id, so 404s stay covered; ids the
    schema forbids are left alone (the negative cases). Derived from the drawn
    value, so a run stays repeatable."""
    params = case.path_parameters or {}
    app_id = params.get("app_id")
    if not isinstance(app_id, str) or not re.fullmatch(ID, app_id):
        return
    pick = zlib.crc32(app_id.encode())
    apps = list(applications_of(user).order_by("id"))
    if not apps or pick % 4 == 0:
        return
    app = apps[pick % len(apps)]
    params["app_id"] = app.slug
    event_id = params.get("event_id")
    events = list(Event.objects.filter(application=app).values_list("pk", flat=True))
    if isinstance(event_id, int) and event_id >= 1 and events and event_id % 4:
        params["event_id"] = events[event_id % len(events)]


@schema.parametrize()
@settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api(case: schemathesis.Case, owner: User, statuses: list[int]) -> None:
    steer(case, owner)
    statuses.append(case.call_and_validate().status_code)
