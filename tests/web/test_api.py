"""The REST API (/api/) and its tokens page (Settings → API tokens).

Every operation: its happy path against the owner's demo journal, its errors (as
JSON naming the field), another user's object answering 404, and no token (or a
revoked one) answering 401. schemathesis runs over all of it in
test_api_schemathesis.py; here are the facts it can't know.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.api import services as api_services
from followup.api.models import ApiToken
from followup.tracker import services
from followup.tracker.models import Application, Event

from .conftest import AS_OF

DEMO_APP = "mesa-grid-analyst"


@pytest.fixture
def token(owner: User) -> str:
    _, raw = api_services.create_token(owner, "tests")
    return raw


@pytest.fixture
def other_token(other: User) -> str:
    _, raw = api_services.create_token(other, "other's tests")
    return raw


def call(
    method: str, path: str, token: str | None, body: Any = None, raw: str | None = None
) -> Any:
    """One API request; `body` is sent as JSON (or `raw` as it is)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    kwargs: dict[str, Any] = {"content_type": "application/json"} if data is not None else {}
    if data is not None:
        kwargs["data"] = data
    return getattr(Client(), method.lower())(f"/api{path}", **kwargs, **headers)


def detail(response: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = response.json()["detail"]
    assert all(set(item) == {"loc", "msg"} for item in items)
    return items


def locs(response: Any) -> list[list[Any]]:
    return [item["loc"] for item in detail(response)]


def new_application(**extra: Any) -> dict[str, Any]:
    return {
        "id": "zia-labs",
        "company": "Zia Labs",
        "role": "Analyst",
        "contacts": [{"id": "kim", "name": "Kim Ortiz", "role": "recruiter"}],
        "events": [{"type": "applied", "at": "2026-11-10", "channel": "online"}],
        **extra,
    }


# Tokens -------------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_hash(owner: User) -> None:
    row, raw = api_services.create_token(owner, "backup script")
    assert raw.startswith("fu_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=row.pk)
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.token_hash, stored.prefix, stored.name}
    assert stored.prefix == raw[:9] and stored.name == "backup script"
    assert api_services.user_for_token(raw) == owner
    assert api_services.user_for_token(raw + "x") is None


def test_a_token_needs_a_name(owner: User) -> None:
    with pytest.raises(services.ServiceError, match="name: is required"):
        api_services.create_token(owner, "  ")
    assert not ApiToken.objects.exists()


def test_revoking_stops_a_token_and_only_its_owner_can(owner: User, other: User) -> None:
    row, raw = api_services.create_token(owner, "script")
    with pytest.raises(services.NotFound):
        api_services.revoke_token(other, row.pk)
    assert api_services.user_for_token(raw) == owner
    api_services.revoke_token(owner, row.pk)
    assert api_services.user_for_token(raw) is None


def test_last_used_is_written_at_most_once_a_minute(owner: User) -> None:
    row, raw = api_services.create_token(owner, "script")
    api_services.user_for_token(raw)
    first = ApiToken.objects.get(pk=row.pk).last_used
    assert first is not None
    api_services.user_for_token(raw)
    assert ApiToken.objects.get(pk=row.pk).last_used == first
    ApiToken.objects.filter(pk=row.pk).update(last_used=first - timedelta(minutes=2))
    api_services.user_for_token(raw)
    assert ApiToken.objects.get(pk=row.pk).last_used > first - timedelta(minutes=1)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/applications"),
        ("POST", "/applications"),
        ("GET", f"/applications/{DEMO_APP}"),
        ("PATCH", f"/applications/{DEMO_APP}"),
        ("DELETE", f"/applications/{DEMO_APP}"),
        ("GET", f"/applications/{DEMO_APP}/contacts"),
        ("PUT", f"/applications/{DEMO_APP}/contacts"),
        ("GET", f"/applications/{DEMO_APP}/events"),
        ("POST", f"/applications/{DEMO_APP}/events"),
        ("DELETE", f"/applications/{DEMO_APP}/events/1"),
        ("GET", "/plan"),
        ("GET", "/agenda"),
        ("GET", "/export"),
        ("POST", "/import"),
    ],
)
def test_every_operation_needs_a_live_token(owner: User, method: str, path: str) -> None:
    row, raw = api_services.create_token(owner, "script")
    api_services.revoke_token(owner, row.pk)
    for token in (None, "fu_not-a-token", raw):
        body = {} if method in ("POST", "PUT", "PATCH") else None
        response = call(method, path, token, body)
        assert response.status_code == 401, (token, response.content)
        assert response["WWW-Authenticate"] == "Bearer"
        assert locs(response) == [["header", "Authorization"]]
    assert Application.objects.filter(user=owner, slug=DEMO_APP).exists()


def test_basic_auth_is_not_a_token(owner: User, token: str) -> None:
    response = Client().get("/api/applications", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == 401


# Applications -------------------------------------------------------------------------


def test_list_applications(owner: User, other: User, token: str) -> None:
    response = call("GET", "/applications", token)
    assert response.status_code == 200
    listed = {item["id"]: item for item in response.json()}
    assert set(listed) == set(Application.objects.filter(user=owner).values_list("slug", flat=True))
    assert "others-job" not in listed
    mesa = Application.objects.get(user=owner, slug=DEMO_APP)
    assert listed[DEMO_APP] == {
        "id": DEMO_APP,
        "company": mesa.company,
        "role": mesa.role,
        "stage": mesa.stage,
        "next_due": mesa.next_due.isoformat() if mesa.next_due else None,
        "next_action": mesa.next_action or None,
    }


def test_create_and_read_an_application(owner: User, token: str) -> None:
    response = call("POST", "/applications", token, new_application())
    assert response.status_code == 201, response.content
    assert response.json() == new_application()
    assert call("GET", "/applications/zia-labs", token).json() == new_application()
    stored = services.journal_data(owner, Application.objects.filter(slug="zia-labs"))
    assert stored["applications"] == [new_application()]


def test_an_application_reads_as_in_the_journal(owner: User, token: str) -> None:
    response = call("GET", f"/applications/{DEMO_APP}", token)
    assert response.status_code == 200
    journal = services.journal_data(owner)["applications"]
    assert response.json() == next(a for a in journal if a["id"] == DEMO_APP)


def test_a_taken_id_is_a_conflict(owner: User, token: str) -> None:
    response = call("POST", "/applications", token, new_application(id=DEMO_APP))
    assert response.status_code == 409
    assert locs(response) == [["body", "id"]]
    assert "already exists" in detail(response)[0]["msg"]


def test_a_bad_date_is_refused_naming_the_field(owner: User, token: str) -> None:
    body = new_application(events=[{"type": "applied", "at": "2026-02-30"}])
    response = call("POST", "/applications", token, body)
    assert response.status_code == 422
    [item] = detail(response)
    assert item["loc"][:4] == ["body", "events", 0, "applied"] and item["loc"][-1] == "at"
    assert "'2026-02-30' is not a date" in item["msg"]
    assert not Application.objects.filter(slug="zia-labs").exists()


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        ({"company": "  "}, ["body", "company"], "is required"),
        ({"id": "no spaces"}, ["body", "id"], "is not an id"),
        ({"colour": "red"}, ["body", "colour"], "is not a field we know"),
        ({"timezone": "Mars/Olympus"}, ["body", "timezone"], "is not one of"),
        ({"company": "A\u0000B"}, ["body", "company"], ""),
        ({"contacts": [{"name": "no id"}]}, ["body", "contacts", 0, "id"], "is required"),
    ],
)
def test_what_the_schema_refuses_is_422(
    owner: User, token: str, change: dict[str, Any], where: list[Any], words: str
) -> None:
    count = Application.objects.filter(user=owner).count()
    response = call("POST", "/applications", token, new_application(**change))
    assert response.status_code == 422, response.content
    assert where in locs(response)
    assert any(words in item["msg"] for item in detail(response))
    assert Application.objects.filter(user=owner).count() == count


def test_a_contact_the_application_lacks_is_a_conflict(owner: User, token: str) -> None:
    body = new_application(
        events=[{"type": "sent", "at": "2026-11-10", "to": "pat", "purpose": "check_in"}]
    )
    response = call("POST", "/applications", token, body)
    assert response.status_code == 409
    assert detail(response) == [
        {"loc": ["body", "events", 0, "to"], "msg": "'pat' is not a contact of this application"}
    ]
    assert not Application.objects.filter(slug="zia-labs").exists()


def test_bad_json_is_422(owner: User, token: str) -> None:
    response = call("POST", "/applications", token, raw="{not json")
    assert response.status_code == 422
    assert locs(response) == [["body"]]


def test_patch_changes_only_the_facts_given(owner: User, token: str) -> None:
    before = call("GET", f"/applications/{DEMO_APP}", token).json()
    response = call(
        "PATCH", f"/applications/{DEMO_APP}", token, {"role": "Lead Analyst", "notes": None}
    )
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["role"] == "Lead Analyst"
    assert "notes" not in after
    assert {k: v for k, v in after.items() if k not in ("role", "notes")} == {
        k: v for k, v in before.items() if k not in ("role", "notes")
    }
    assert Application.objects.get(user=owner, slug=DEMO_APP).role == "Lead Analyst"


def test_patch_errors(owner: User, token: str) -> None:
    path = f"/applications/{DEMO_APP}"
    response = call("PATCH", path, token, {"company": None})
    assert response.status_code == 422 and locs(response) == [["body", "company"]]
    response = call("PATCH", path, token, {"country": "US", "subdivision": "ZZ"})
    assert response.status_code == 409
    assert locs(response) == [["body", "subdivision"]]
    assert "'ZZ'" in detail(response)[0]["msg"]
    assert Application.objects.get(user=owner, slug=DEMO_APP).subdivision != "ZZ"


def test_delete_an_application(owner: User, token: str) -> None:
    response = call("DELETE", f"/applications/{DEMO_APP}", token)
    assert response.status_code == 204 and response.content == b""
    assert call("GET", f"/applications/{DEMO_APP}", token).status_code == 404
    assert not Application.objects.filter(user=owner, slug=DEMO_APP).exists()


def test_a_missing_application_is_404(owner: User, token: str) -> None:
    response = call("GET", "/applications/nope", token)
    assert response.status_code == 404
    assert detail(response) == [{"loc": ["path"], "msg": "nope: no such application"}]


def test_a_malformed_id_is_422(owner: User, token: str) -> None:
    response = call("GET", "/applications/-bad", token)
    assert response.status_code == 422
    assert locs(response) == [["path", "app_id"]]


# Another user's objects answer 404, and stay as they were ----------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/applications/others-job", None),
        ("PATCH", "/applications/others-job", {"role": "Mine now"}),
        ("DELETE", "/applications/others-job", None),
        ("GET", "/applications/others-job/contacts", None),
        ("PUT", "/applications/others-job/contacts", [{"id": "me"}]),
        ("GET", "/applications/others-job/events", None),
        ("POST", "/applications/others-job/events", {"type": "applied", "at": "2026-11-12"}),
    ],
)
def test_another_users_application_is_404(
    owner: User, other: User, token: str, method: str, path: str, body: Any
) -> None:
    before = services.journal_data(other)
    response = call(method, path, token, body)
    assert response.status_code == 404
    assert detail(response) == [{"loc": ["path"], "msg": "others-job: no such application"}]
    assert services.journal_data(other) == before


def test_another_users_event_is_404(owner: User, other: User, token: str) -> None:
    theirs = Event.objects.get(application__user=other)
    response = call("DELETE", f"/applications/{DEMO_APP}/events/{theirs.pk}", token)
    assert response.status_code == 404
    response = call("DELETE", f"/applications/others-job/events/{theirs.pk}", token)
    assert response.status_code == 404
    assert Event.objects.filter(pk=theirs.pk).exists()


def test_each_user_sees_only_their_own(owner: User, other: User, other_token: str) -> None:
    listed = call("GET", "/applications", other_token).json()
    assert [item["id"] for item in listed] == ["others-job"]
    assert call("GET", f"/applications/{DEMO_APP}", other_token).status_code == 404
    exported = json.loads(b"".join(call("GET", "/export", other_token).streaming_content))
    assert [a["id"] for a in exported["applications"]] == ["others-job"]


# Contacts ------------------------------------------------------------------------------


def test_list_and_replace_contacts(owner: User, token: str) -> None:
    path = f"/applications/{DEMO_APP}/contacts"
    current = call("GET", path, token).json()
    journal = services.journal_data(owner)["applications"]
    assert current == next(a.get("contacts", []) for a in journal if a["id"] == DEMO_APP)
    assert current, "the demo application has contacts"
    replaced = [*current, {"id": "sam", "name": "Sam Reyes", "role": "insider"}]
    response = call("PUT", path, token, replaced)
    assert response.status_code == 200, response.content
    assert response.json() == replaced
    assert call("GET", path, token).json() == replaced


def test_contacts_conflicts(owner: User, token: str) -> None:
    path = f"/applications/{DEMO_APP}/contacts"
    current = call("GET", path, token).json()
    assert current, "the demo application has contacts"
    response = call("PUT", path, token, [{"id": "sam"}, {"id": "sam"}])
    assert response.status_code == 409
    assert ["body", 1, "id"] in locs(response)
    referenced = {
        e.data.get("to") or e.data.get("from")
        for e in Event.objects.filter(application__slug=DEMO_APP, application__user=owner)
    } - {None}
    if referenced:
        response = call("PUT", path, token, [])
        assert response.status_code == 409
        assert any("is not a contact of this application" in i["msg"] for i in detail(response))
    assert call("GET", path, token).json() == current


# Events --------------------------------------------------------------------------------


def test_list_record_and_delete_events(owner: User, token: str) -> None:
    path = f"/applications/{DEMO_APP}/events"
    listed = call("GET", path, token).json()
    app = Application.objects.get(user=owner, slug=DEMO_APP)
    assert [e["id"] for e in listed] == list(
        app.events.order_by("local_at", "position", "id").values_list("pk", flat=True)
    )
    assert [{k: v for k, v in e.items() if k != "id"} for e in listed] == (
        services.application_data(app)["events"]
    )
    new = {"type": "directions", "at": "2026-11-17T09:15", "no_calls": True}
    response = call("POST", path, token, new)
    assert response.status_code == 201, response.content
    created = response.json()
    assert {k: v for k, v in created.items() if k != "id"} == new
    assert created["id"] in [e["id"] for e in call("GET", path, token).json()]
    response = call("DELETE", f"{path}/{created['id']}", token)
    assert response.status_code == 204
    assert call("GET", path, token).json() == listed
    assert call("DELETE", f"{path}/{created['id']}", token).status_code == 404


def test_event_errors(owner: User, token: str) -> None:
    path = f"/applications/{DEMO_APP}/events"
    before = call("GET", path, token).json()
    response = call("POST", path, token, {"type": "sent", "at": "2026-11-17", "to": "nobody"})
    assert response.status_code == 409
    assert detail(response) == [
        {"loc": ["body", "to"], "msg": "'nobody' is not a contact of this application"}
    ]
    response = call("POST", path, token, {"type": "called", "at": "2026-11-17"})
    assert response.status_code == 422 and locs(response) == [["body", "called", "outcome"]]
    response = call("POST", path, token, {"type": "heard", "at": "2026-11-17", "kind": "new_date"})
    assert response.status_code == 422
    assert ["body", "heard", "new_date", "by"] in locs(response)
    response = call("POST", path, token, {"type": "party", "at": "2026-11-17"})
    assert response.status_code == 422
    assert call("GET", path, token).json() == before


# Plan, agenda, export, import --------------------------------------------------------


# The demo's Rio Abajo Water Authority on Wed 18 Nov 2026 (worked out by hand in
# tests/test_cli.py, DEMO_RIO_ABAJO_NOVEMBER): applied Sat 31 Oct, government, no calls.
RIO_ABAJO = [
    ["confirm_receipt", "email", "carmen", "2026-11-16", "2026-11-25"],
    ["check_in", "email", "carmen", "2026-11-25", "2026-12-01"],
    ["move_on", None, None, "2026-12-09", "2026-12-11"],
]


def steps_of(plan: dict[str, Any], app_id: str) -> list[list[Any]]:
    (app,) = [a for a in plan["applications"] if a["id"] == app_id]
    return [[s[f] for f in ("action", "channel", "to", "due", "due_by")] for s in app["steps"]]


def test_plan_is_the_demos_known_plan(owner: User, token: str) -> None:
    default = call("GET", "/plan", token).json()  # default: the user's today
    response = call("GET", f"/plan?as_of={AS_OF.isoformat()}", token)
    assert response.status_code == 200
    assert response.json() == default
    assert (default["format"], default["as_of"]) == ("followup-plan/1", "2026-11-18")
    assert steps_of(default, "rio-abajo-water-data") == RIO_ABAJO
    assert steps_of(default, "zia-solar-coordinator") == []  # closed
    assert [n["kind"] for n in default["nudges"]] == ["keep_searching", "weekly_goal"]
    # The Today page's overdue status updates (tests/web/test_today.py), in the agenda too.
    overdue = [
        (s["application"], s["action"]) for s in default["agenda"] if s["due"] < "2026-11-18"
    ]
    assert ("front-range-ledger-audience", "status_update") in overdue
    assert ("rio-abajo-water-data", "confirm_receipt") in overdue


def test_agenda_is_every_step_due_by_then_earliest_first(owner: User, token: str) -> None:
    # Sat 28 Nov: Rio Abajo's receipt check (due 16 Nov) is still there; its check-in,
    # projected from the 28th, is due next_bd(5 Dec) = Mon 7 Dec, so not yet.
    later = AS_OF + timedelta(days=10)
    response = call("GET", f"/agenda?as_of={later.isoformat()}", token)
    assert response.status_code == 200
    agenda = response.json()
    assert ["rio-abajo-water-data", "confirm_receipt", "2026-11-16", "2026-11-25"] in [
        [s["application"], s["action"], s["due"], s["due_by"]] for s in agenda
    ]
    assert ("rio-abajo-water-data", "check_in") not in [
        (s["application"], s["action"]) for s in agenda
    ]
    assert all(s["due"] <= "2026-11-28" for s in agenda)
    assert [s["due"] for s in agenda] == sorted(s["due"] for s in agenda)
    plan = call("GET", f"/plan?as_of={later.isoformat()}", token).json()
    assert ["check_in", "email", "carmen", "2026-12-07", "2026-12-09"] in steps_of(
        plan, "rio-abajo-water-data"
    )


@pytest.mark.parametrize("query", ["as_of=2026-02-30", "as_of=yesterday", "asof=2026-11-18"])
def test_plan_refuses_bad_queries(owner: User, token: str, query: str) -> None:
    for path in ("/plan", "/agenda"):
        response = call("GET", f"{path}?{query}", token)
        assert response.status_code == 422
        assert locs(response)[0][0] == "query"


def test_export_is_the_journal(owner: User, token: str) -> None:
    response = call("GET", "/export", token)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = b"".join(response.streaming_content).decode()  # streamed
    assert body == json.dumps(services.journal_data(owner), indent=2, ensure_ascii=False) + "\n"


def test_import_all_or_nothing(owner: User, token: str) -> None:
    journal = {"format": "followup/1", "applications": [new_application()]}
    response = call("POST", "/import", token, journal)
    assert response.status_code == 200, response.content
    assert response.json() == {"imported": ["zia-labs"]}
    again = call("POST", "/import", token, journal)
    assert again.status_code == 409
    assert locs(again) == [["body", "applications", 0, "id"]]
    replaced = new_application(role="Senior Analyst")
    response = call("POST", "/import?replace=true", token, {**journal, "applications": [replaced]})
    assert response.status_code == 200
    assert call("GET", "/applications/zia-labs", token).json()["role"] == "Senior Analyst"
    bad = new_application(id="bad-one", contacts=[{"id": "x"}, {"id": "x"}])
    good = new_application(id="good-one")
    response = call("POST", "/import", token, {**journal, "applications": [good, bad]})
    assert response.status_code == 409
    assert locs(response) == [["body", "applications", 1, "contacts", 1, "id"]]
    assert not Application.objects.filter(slug__in=["good-one", "bad-one"]).exists()


def test_import_refuses_what_the_schema_refuses(owner: User, token: str) -> None:
    before = services.journal_data(owner)
    response = call("POST", "/import", token, {"format": "followup/2", "applications": []})
    assert response.status_code == 422 and locs(response) == [["body", "format"]]
    response = call(
        "POST",
        "/import",
        token,
        {"format": "followup/1", "policy": {"window_startup": [3, 400]}, "applications": []},
    )
    assert response.status_code == 422
    assert locs(response) == [["body", "policy", "window_startup", 1]]
    assert services.journal_data(owner) == before


# The schema and the docs -----------------------------------------------------------


def test_openapi_is_3_1_and_documents_every_operation(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.1")
    assert schema["info"]["title"] == "followup API"
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) == 15  # 14 on the journal and plan, 1 insights
    for operation in operations:
        assert operation["security"] == [{"TokenAuth": []}]
        assert {"401", "422"} <= set(operation["responses"])
        if "{app_id}" in json.dumps(operation):
            assert "404" in operation["responses"]


def test_docs_are_served_locally(db: None) -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.findall(r"(?:https?:)?//[A-Za-z0-9.-]+", html), "the page loads nothing elsewhere"
    assets = re.findall(r'(?:src|href)="(/api/docs/assets/[^"]+)"', html)
    assert len(assets) == 3
    for asset in assets:
        served = Client().get(asset)
        assert served.status_code == 200
        assert b"".join(served.streaming_content)
    assert Client().get("/api/docs/assets/..%2Fmain.py").status_code == 404
    assert Client().get("/api/docs/assets/secret.txt").status_code == 404


# The tokens page ------------------------------------------------------------------


def test_tokens_page_needs_login(anon_client: Client) -> None:
    url = reverse("api_tokens")
    response = anon_client.get(url)
    assert response.status_code == 302 and "/login" in response["Location"]
    assert anon_client.post(reverse("api_token_create"), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()


def test_tokens_page_lists_and_links_the_docs(owner_client: Client, owner: User) -> None:
    row, _ = api_services.create_token(owner, "nightly backup")
    response = owner_client.get(reverse("api_tokens"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "nightly backup" in page and row.prefix in page
    assert 'href="/api/docs"' in page
    assert "never" in page  # not used yet


def test_creating_a_token_shows_it_once(owner_client: Client, owner: User) -> None:
    response = owner_client.post(reverse("api_token_create"), {"name": "my script"})
    assert response.status_code == 200
    raw = re.search(r'value="(fu_[^"]+)"', response.content.decode())
    assert raw is not None
    token = ApiToken.objects.get(user=owner)
    assert token.token_hash == hashlib.sha256(raw[1].encode()).hexdigest()
    assert 'data-copy="raw-token"' in response.content.decode()
    assert raw[1] not in owner_client.get(reverse("api_tokens")).content.decode()
    assert call("GET", "/applications", raw[1]).status_code == 200


def test_creating_a_token_without_a_name_is_422(owner_client: Client) -> None:
    response = owner_client.post(reverse("api_token_create"), {"name": ""})
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_from_the_page(owner_client: Client, owner: User, other: User) -> None:
    row, raw = api_services.create_token(owner, "old script")
    theirs, their_raw = api_services.create_token(other, "theirs")
    response = owner_client.post(reverse("api_token_revoke", args=[theirs.pk]))
    assert response.status_code == 404
    assert api_services.user_for_token(their_raw) == other
    response = owner_client.post(reverse("api_token_revoke", args=[row.pk]))
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=row.pk).revoked
    assert call("GET", "/applications", raw).status_code == 401
    page = owner_client.get(reverse("api_tokens")).content.decode()
    assert "revoked" in page


def test_import_may_not_strand_stored_applications(owner: User, token: str) -> None:
    """A new home country would leave an application that names only a state (and
    takes its country from the profile) in no country: refused, nothing changes."""
    stranded = new_application(id="state-only", subdivision="NM")
    stranded.pop("country", None)
    assert call("POST", "/applications", token, stranded).status_code == 201
    before = services.journal_data(owner)
    response = call(
        "POST",
        "/import",
        token,
        {"format": "followup/1", "profile": {"country": "DE"}, "applications": []},
    )
    assert response.status_code == 409
    assert any("state-only" in item["msg"] for item in detail(response))
    assert services.journal_data(owner) == before
    assert call("GET", "/plan", token).status_code == 200


def test_a_salary_goes_in_and_out_of_the_api(owner: User, token: str) -> None:
    salary = {"min": 68000, "max": 76000, "currency": "USD", "period": "year"}
    response = call("POST", "/applications", token, new_application(salary=salary))
    assert response.status_code == 201, response.content
    assert response.json()["salary"] == salary
    stored = services.journal_data(owner, Application.objects.filter(slug="zia-labs"))
    assert stored["applications"][0]["salary"] == salary
    wrong = call("PATCH", "/applications/zia-labs", token, {"salary": {"min": 9, "max": 5}})
    # Beyond the schema (checked by the planner): a clash, as the API answers those.
    assert wrong.status_code == 409 and "less than min" in detail(wrong)[0]["msg"]
    lower = call(
        "PATCH", "/applications/zia-labs", token, {"salary": {"min": 1, "currency": "usd"}}
    )
    assert lower.status_code == 422
    assert call("GET", "/applications/zia-labs", token).json()["salary"] == salary


def test_api_schema_names_are_unique() -> None:
    """django-ninja names OpenAPI components by class name, and a second class of the
    same name silently replaces the first: the plan's StepOut was once documented as
    insights' survival-curve step, and every plan response then "violated" the schema."""
    from ninja import Schema

    import followup.api.api  # noqa: F401  (imports every schema the API uses)

    def ours(cls: type) -> list[type]:
        found = [cls] if cls.__module__.startswith("followup.") else []
        return found + [c for sub in cls.__subclasses__() for c in ours(sub)]

    names = [cls.__name__ for cls in ours(Schema)]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
