"""Who may reach what: every route of the URL configuration, tried as an anonymous
visitor, as another signed-in user, and as the owner of the objects in the URL.

The routes come from the URL configuration itself, so a new route without a row in
ACCESS fails `test_every_route_has_an_entry` with its name and what to add.
Requests carry no form data: a POST that reaches its view answers 422 (invalid form),
which proves the view let the person in. Pages answer anonymous visitors with a
redirect to the login page (302), the API with 401; another user's objects are 404.
Links that carry their own secret (login links, calendar feeds, unsubscribe links,
password resets) are tried with a made-up secret: refused for everyone.
A route that shows a page and takes its form has both tried: (page(...), form(...)).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from followup.api import services as api_services
from followup.mail.models import Mailbox, MailMessage
from followup.tracker import corrections, services


@dataclass(frozen=True)
class Access:
    method: str
    anonymous: int
    other: int
    owner: int


def page(anonymous: int = 302, other: int = 200, owner: int = 200) -> Access:
    return Access("get", anonymous, other, owner)


def form(other: int = 422, owner: int = 422, anonymous: int = 302) -> Access:
    return Access("post", anonymous, other, owner)


def api(method: str, owner: int, other: int = 404) -> Access:
    return Access(method, 401, other, owner)


SECRET = Access("get", 404, 404, 404)  # a made-up secret in the link

# Route name -> expected statuses. The owner's objects are in the URL (their
# application, their event); "other" is signed in as someone else.
ACCESS: dict[str, Access | tuple[Access, ...]] = {
    "today": page(),
    "step_done": form(other=404),
    "heard_back": form(other=404),
    "step_draft": page(other=404),  # the owner's next step's words
    "board": page(),
    "add_application": page(),
    "directions_preview": form(other=200, owner=200),
    "settings": page(),
    "profile": form(other=302, owner=302),  # every field may be empty: saved
    "policy": form(other=302, owner=302),  # no overrides: the defaults
    "export": page(),
    "import": form(),
    "delete_account": form(),
    "application": page(other=404),
    "log_event": form(other=404),
    "delete_event": form(other=404, owner=302),
    "debrief": form(other=404),
    "login": Access("get", 200, 302, 302),
    "logout": Access("post", 302, 302, 302),
    "signup": page(anonymous=200),
    "token_login": Access("get", 403, 403, 403),
    "password_change": page(),
    "password_change_done": page(),
    "password_reset": page(anonymous=200),
    "password_reset_done": page(anonymous=200),
    "password_reset_confirm": Access("get", 200, 200, 200),  # "this link does not work"
    "password_reset_complete": page(anonymous=200),
    "feed_settings": page(),
    "regenerate_feed": form(other=200, owner=200),  # shows the new address
    "revoke_feed": form(other=302, owner=302),
    "calendar_feed": SECRET,
    "digest_settings": page(),
    "digest_unsubscribe": SECRET,
    "api_tokens": page(),
    "api_token_create": form(),
    "api_token_revoke": form(other=404, owner=302),
    "api_docs_asset": Access("get", 200, 200, 200),
    "api:openapi-json": Access("get", 200, 200, 200),
    "api:openapi-view": Access("get", 200, 200, 200),
    "api:list_applications": api("get", 200, other=200),
    "api:create_application": api("post", 422, other=422),
    "api:get_application": api("get", 200),
    # An empty body is refused before the application is looked up: the 422 says
    # nothing of whose application it is.
    "api:update_application": api("patch", 422, other=422),
    "api:delete_application": api("delete", 204),
    "api:list_contacts": api("get", 200),
    "api:replace_contacts": api("put", 422, other=422),
    "api:list_events": api("get", 200),
    "api:record_event": api("post", 422, other=422),
    "api:delete_event": api("delete", 204),
    "api:plan": api("get", 200, other=200),
    "api:agenda": api("get", 200, other=200),
    "api:export": api("get", 200, other=200),
    "api:import_journal": api("post", 422, other=422),
    "api:api-root": Access("get", 404, 404, 404),
    "csv_import": page(),
    "worklog": page(),
    "worklog_minimum": form(),
    "worklog_download": page(),
    # Correcting an application, its contacts and events (GET: the form, POST: saving it).
    "edit_application": (page(other=404), form(other=404)),
    "reopen_application": form(other=404, owner=302),  # not closed: said, and back
    "delete_application": (page(other=404), form(other=404, owner=302)),
    "undo_delete": form(other=404, owner=302),  # the owner's deleted application
    "add_contact": (page(other=404), form(other=404)),
    "edit_contact": (page(other=404), form(other=404)),
    "remove_contact": (page(other=404), form(other=404, owner=302)),
    "edit_event": (page(other=404), form(other=404)),
    "contacts": page(),
    # Each removes their own sample data (none for the other user).
    "remove_sample_data": (page(), form(other=302, owner=302)),
    "decide_offer": form(other=404),  # no decision given: 422
    "insights": page(),
    "api:insights": api("get", 200, other=200),
    # The mailbox: the owner's has one proposal (pk in the URL); the other user has none.
    "mail_inbox": page(),
    "mail_sync": form(other=302, owner=302),  # no mailbox to read: to the settings
    "mail_confirm": form(other=404),  # the proposal names no application: 422
    "mail_ignore": form(other=404, owner=302),
    "mail_settings": (page(), form()),
    "mail_auto_confirm": form(other=404, owner=302),  # the other has no mailbox
    "mail_disconnect": form(other=302, owner=302),
}


def accesses(name: str) -> tuple[Access, ...]:
    entry = ACCESS[name]
    return entry if isinstance(entry, tuple) else (entry,)


def routes(patterns: list[Any], namespace: str = "") -> dict[str, set[str]]:
    """Every named route, with the names of its URL parameters."""
    found: dict[str, set[str]] = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{pattern.namespace}:" if pattern.namespace else namespace
            found |= routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found[namespace + pattern.name] = set(pattern.pattern.regex.groupindex)
    return found


ROUTES = routes(get_resolver().url_patterns)


def test_every_route_has_an_entry() -> None:
    missing = [name for name in ROUTES if name not in ACCESS]
    assert not missing, (
        f"route(s) without an entry in ACCESS ({__file__}): {', '.join(missing)}. "
        'Add e.g. "name": page(other=404) (a page of the owner\'s objects), form(...) for '
        'a POST, api("get", 200) for the API, with the status each person must get.'
    )
    assert not set(ACCESS) - set(ROUTES), "entries for routes that no longer exist"


def url_args(name: str, owner: User, event_id: int, token_id: int) -> dict[str, Any]:
    """Values for the route's URL parameters: the owner's objects, made-up secrets."""
    app = services.applications_of(owner).order_by("slug").first()
    assert app is not None
    params = ROUTES[name]
    known: dict[str, Any] = {
        "slug": app.slug,
        "app_id": app.slug,
        "event_id": event_id,
        "token_id": token_id,
        "token": "made-up-secret",
        "uidb64": "MQ",
        "name": "swagger-ui.css",
        "week": "2026-W47",
        "fmt": "csv",
    }
    if "contact_id" in params:
        known["contact_id"] = app.contacts.order_by("slug").first().slug  # type: ignore[union-attr]
    if "trash_id" in params:
        last = services.applications_of(owner).order_by("slug").last()
        known["trash_id"] = corrections.delete_application(owner, last.slug).pk  # type: ignore[union-attr]
    if "pk" in params:
        known["pk"] = proposal_for(owner).pk
    return {key: known[key] for key in params}


def proposal_for(owner: User) -> MailMessage:
    """A mailbox for the owner (never read: no server) with one proposal waiting."""
    mailbox = Mailbox.objects.create(
        user=owner, host="imap.example.org", username="owner", password_encrypted="-"
    )
    return MailMessage.objects.create(
        mailbox=mailbox, message_key="0" * 64, subject="Re: your application", label="a reply"
    )


CASES = [
    pytest.param(name, access, id=name if len(accesses(name)) == 1 else f"{name}-{access.method}")
    for name in sorted(set(ROUTES) & set(ACCESS))
    for access in accesses(name)
]


@pytest.mark.parametrize(("name", "access"), CASES)
def test_access(
    name: str, access: Access, owner: User, other: User, settings: SettingsWrapper
) -> None:
    settings.HOSTED = True
    if name in ("mail_auto_confirm", "mail_disconnect"):
        proposal_for(owner)
    app = services.applications_of(owner).order_by("slug").first()
    assert app is not None
    event_id = app.events.order_by("pk").last().pk  # type: ignore[attr-defined, union-attr]
    api_token, _ = api_services.create_token(owner, "matrix")
    url = reverse(name, kwargs=url_args(name, owner, event_id, api_token.pk))
    seen = {
        who: status_of(access.method, url, person)
        for who, person in (("anonymous", None), ("other", other), ("owner", owner))
    }
    expected = {"anonymous": access.anonymous, "other": access.other, "owner": access.owner}
    assert seen == expected, f"{name} {access.method.upper()} {url}"


def status_of(method: str, url: str, person: User | None) -> int:
    client = Client()
    headers: dict[str, str] = {}
    if person is not None:
        client.force_login(person)
        _, raw = api_services.create_token(person, "matrix call")
        headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"
    call = getattr(client, method)
    extra = {"content_type": "application/json"} if url.startswith("/api/") else {}
    return int(call(url, **extra, **headers).status_code)
