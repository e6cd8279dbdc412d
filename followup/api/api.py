"""The REST API: thin operations over followup.tracker.services, behind API tokens.

Status codes: 401 without a live token; 404 for what doesn't exist or belongs to
someone else (never 403: another user's application looks exactly like a missing
one); 422 when the request doesn't match the schema; 409 when it does, but would
leave the journal inconsistent (see followup.api.schemas). Every error answers
`{"detail": [{"loc": [...], "msg": "..."}]}`, `loc` naming the field.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from functools import wraps
from typing import Annotated, Any, TypeVar, cast

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import RequestDataTooBig
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from ninja import NinjaAPI, Path, Query, Status
from ninja.errors import (
    AuthenticationError,
    HttpError,
    ValidationError,
    ValidationErrorContext,
)
from ninja.security import HttpBearer

from ..insights.output import insights_to_dict
from ..insights.web.schemas import InsightsOut
from ..insights.web.services import insights_for
from ..planner.journal import JournalError
from ..planner.plan import plan_to_dict
from ..tracker import services as tracker
from . import schemas as s
from . import services
from .docs import LocalSwagger

Loc = list[str | int]
View = TypeVar("View", bound=Callable[..., Any])
ANSWERS = 'Errors answer {"detail": [{"loc": [...], "msg": "..."}]}.'
DESCRIPTION = f"""Your job-search journal, for scripts.

Authenticate with `Authorization: Bearer <token>`; create a token in Settings → API tokens.
Applications, contacts and events are in the journal format (followup/1); the plan is in
the plan format (followup-plan/1).

Status codes: 401 without a valid token; 404 for an application or event that isn't
yours; 422 when the request doesn't match this schema; 409 when it does but would make
the journal inconsistent (an event naming a contact the application doesn't have, two
contacts with one id, a subdivision that isn't in the country, an id that is taken).
{ANSWERS}"""


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        return services.user_for_token(token)


def _plain_discriminators(node: Any) -> None:
    """Drop OpenAPI discriminators whose mapping isn't all references: pydantic writes
    one for the nested heard/kind union, which OpenAPI can't express (`oneOf` alone
    still says exactly what is valid)."""
    if isinstance(node, dict):
        mapping = node.get("discriminator", {}).get("mapping", {})
        if any(not isinstance(target, str) for target in mapping.values()):
            del node["discriminator"]
        for value in node.values():
            _plain_discriminators(value)
    elif isinstance(node, list):
        for value in node:
            _plain_discriminators(value)


class Api(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        """ninja's errors, keeping each one's input (only for the message)."""
        errors = []
        for context in error_contexts:
            flatten = context.model.__ninja_flatten_map_reverse__
            for error in context.pydantic_validation_error.errors(include_url=False):
                where = (
                    context.model.__ninja_param_source__,
                    *flatten.get(error["loc"], error["loc"]),
                )
                errors.append({**error, "loc": where})
        return ValidationError(errors)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        _plain_discriminators(schema)
        return schema


logger = logging.getLogger(__name__)

api = Api(
    title="followup API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    docs=LocalSwagger(),
)


class ApiError(Exception):
    def __init__(self, status: int, detail: list[dict[str, Any]]) -> None:
        super().__init__(status, detail)
        self.status, self.detail = status, detail


def _errors(request: HttpRequest, status: int, detail: list[dict[str, Any]]) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return _errors(request, exc.status, exc.detail)


@api.exception_handler(AuthenticationError)
def _unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    message = "a valid API token is required (Authorization: Bearer <token>)"
    response = _errors(request, 401, [{"loc": ["header", "Authorization"], "msg": message}])
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises one HttpError itself: 400 "Cannot parse request body" (bad JSON, or
    # JSON nested too deep for Python's parser).
    if exc.status_code == 400 and isinstance(exc.__context__, RecursionError):
        return _too_deep(request, exc.__context__)
    if exc.status_code == 400:
        return _errors(request, 422, [{"loc": ["body"], "msg": f"{exc}: not valid JSON"}])
    return _errors(request, exc.status_code, [{"loc": [], "msg": str(exc)}])


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return _errors(request, 422, [_schema_problem(e) for e in exc.errors])


@api.exception_handler(RequestDataTooBig)
def _too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    message = f"the request body is larger than this server accepts ({limit} bytes)"
    return _errors(request, 413, [{"loc": ["body"], "msg": message}])


@api.exception_handler(RecursionError)
def _too_deep(request: HttpRequest, exc: RecursionError) -> HttpResponse:
    # Python's JSON parser gives up on a body nested thousands of levels deep.
    message = f"the JSON is nested more than {settings.MAX_JSON_DEPTH} levels deep"
    return _errors(request, 422, [{"loc": ["body"], "msg": message}])


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_down(request: HttpRequest, exc: DatabaseError) -> HttpResponse:
    """The connection failed (not a constraint: an IntegrityError stays a bug)."""
    # Logged for the operator; the client learns only that it may try again later.
    logger.error("API: database unavailable: %s", exc)
    message = "the database is unavailable; try again in a moment"
    response = _errors(request, 503, [{"loc": [], "msg": message}])
    response["Retry-After"] = "30"
    return response


@api.exception_handler(JournalError)
def _broken_journal(request: HttpRequest, exc: JournalError) -> HttpResponse:
    # The stored journal no longer plans (e.g. a profile changed under it).
    return _errors(request, 409, [{"loc": ["journal"], "msg": p} for p in exc.problems])


# Schema problems, in plain words ---------------------------------------------------

FRIENDLY = {
    s.DATE: "is not a date (YYYY-MM-DD, in the years 1970 to 2199)",
    s.AT: "is not a date or date-time (YYYY-MM-DD[THH:MM[:SS]][+HH:MM], years 1970 to 2199)",
    s.ID: "is not an id (a letter or digit, then up to 79 letters, digits, . _ -)",
    s.NO_NUL: "contains a NUL character",
    s.NOT_BLANK: "is required (and can't be blank)",
}


def _schema_problem(error: Mapping[str, Any]) -> dict[str, Any]:
    loc = list(error.get("loc", ()))
    if len(loc) > 1 and loc[0] == "body" and loc[1] == "payload":
        del loc[1]  # ninja names the body argument; clients don't know it
    msg = str(error.get("msg", "is not valid"))
    kind = error.get("type")
    value = error.get("input")
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        msg = f"{value!r} {FRIENDLY.get(pattern, 'does not match the pattern in the schema')}"
    elif kind == "enum" and len(msg) > 200:
        msg = f"{value!r} is not one of the values the schema lists"
    elif kind in ("enum", "literal_error"):
        msg = f"{value!r}: {msg[0].lower()}{msg[1:]}"
    elif kind == "missing":
        msg = "is required"
    elif kind == "extra_forbidden":
        msg = "is not a field we know"
    return {"loc": loc, "msg": msg}


# Service problems, located ---------------------------------------------------------

_PATH = re.compile(r"[a-z_]+(\[\d+\])?(\.[a-z_]+(\[\d+\])?)*|country/subdivision")
_PART = re.compile(r"([a-z_/]+)(?:\[(\d+)\])?")


def _path_parts(path: str, message: str) -> Loc:
    if path == "country/subdivision":
        return ["subdivision" if message.startswith("subdivision") else "country"]
    parts: Loc = []
    for piece in path.split("."):
        match = _PART.fullmatch(piece)
        assert match is not None
        parts.append(match[1])
        if match[2] is not None:
            parts.append(int(match[2]))
    return parts


Rewrite = Callable[[Loc], Loc | None]


def _same(parts: Loc) -> Loc | None:
    return parts


def locate(problem: str, roots: Mapping[str, Loc], rewrite: Rewrite = _same) -> dict[str, Any]:
    """A service problem ("acme: events[3].at: '…' is not a date") as loc and msg.

    `roots` says where each application id is in the request; `rewrite` turns the
    journal path (["events", 3, "to"]) into the request's (["to"]), or None when the
    request has no such place (the message then keeps the journal path).
    """
    where: Loc = ["body"]
    head, sep, rest = problem.partition(": ")
    if sep and head in roots:
        where, problem = roots[head], rest
    path, sep, message = problem.partition(": ")
    parts = rewrite(_path_parts(path, message)) if sep and _PATH.fullmatch(path) else None
    if parts is None:
        return {"loc": where, "msg": problem}
    return {"loc": where + parts, "msg": message}


@contextmanager
def located(
    roots: Mapping[str, Loc],
    rewrite: Rewrite = _same,
    conflict_field: str | None = None,
) -> Iterator[None]:
    """Service errors as API errors: NotFound 404, anything else 409 (the request
    matched the schema, so what's left is a clash with the rest of the journal)."""
    try:
        yield
    except tracker.NotFound as error:
        raise ApiError(404, [{"loc": ["path"], "msg": p} for p in error.problems]) from None
    except tracker.ServiceError as error:
        detail = [locate(p, roots, rewrite) for p in error.problems]
        if isinstance(error, tracker.Conflict) and conflict_field:
            for item in detail:
                item["loc"] = [*item["loc"], conflict_field]
        raise ApiError(409, detail) from None


def query(*allowed: str) -> Callable[[View], View]:
    """Refuse query parameters the operation doesn't have (a typo like `asof` would
    otherwise be ignored without a word), as unknown keys are refused in bodies."""

    def decorate(view: View) -> View:
        @wraps(view)
        def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            unknown = sorted(set(request.GET) - set(allowed))
            if unknown:
                msg = "is not a parameter of this operation"
                raise ApiError(422, [{"loc": ["query", name], "msg": msg} for name in unknown])
            return view(request, *args, **kwargs)

        return cast(View, checked)

    return decorate


def user(request: HttpRequest) -> AbstractBaseUser:
    found = request.auth  # type: ignore[attr-defined]
    assert isinstance(found, AbstractBaseUser)
    return found


def _day(text: str | None, request: HttpRequest) -> date:
    return date.fromisoformat(text) if text else tracker.today_for(user(request))


def _new_event(parts: Loc) -> Loc | None:
    """events[N].to -> to: the one new event is the whole body."""
    return parts[2:] if parts[:1] == ["events"] else None


def _contact_list(parts: Loc) -> Loc | None:
    """contacts[2].id -> 2, id: the contacts list is the whole body."""
    return parts[1:] if parts[:1] == ["contacts"] else None


def _journal(payload: Any) -> dict[str, Any]:
    data: dict[str, Any] = payload.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return data


# Operations --------------------------------------------------------------------------

AppId = Annotated[str, Path(pattern=s.ID, description="The application's id, as in the journal.")]
EventId = Annotated[
    int, Path(ge=1, le=2**63 - 1, description="The event's id (from the events list).")
]
AsOf = Annotated[
    str,
    Query(
        None, pattern=s.DATE, description="The day to plan for (YYYY-MM-DD); default: your today."
    ),
]
COMMON: dict[int, Any] = {401: s.ErrorOut, 422: s.ErrorOut}
FOUND: dict[int, Any] = {**COMMON, 404: s.ErrorOut}


@api.get(
    "/applications",
    response={200: list[s.ApplicationSummary], **COMMON},
    summary="List your applications",
)
@query()
def list_applications(request: HttpRequest) -> Any:
    return [
        {
            "id": app.slug,
            "company": app.company,
            "role": app.role,
            "stage": app.stage,
            "next_due": app.next_due.isoformat() if app.next_due else None,
            "next_action": app.next_action or None,
        }
        for app in services.application_list(user(request))
    ]


@api.post(
    "/applications",
    response={201: s.ApplicationOut, 409: s.ErrorOut, **COMMON},
    exclude_unset=True,
    by_alias=True,
    summary="Add an application (journal format)",
)
@query()
def create_application(request: HttpRequest, payload: s.ApplicationIn) -> Any:
    data = _journal(payload)
    with located({data["id"]: ["body"]}, conflict_field="id"):
        tracker.add_application(user(request), data)
    return Status(201, services.application_journal(user(request), data["id"]))


@api.get(
    "/applications/{app_id}",
    response={200: s.ApplicationOut, **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="One application (journal format)",
)
@query()
def get_application(request: HttpRequest, app_id: AppId) -> Any:
    with located({}):
        return services.application_journal(user(request), app_id)


@api.patch(
    "/applications/{app_id}",
    response={200: s.ApplicationOut, 409: s.ErrorOut, **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="Change an application's facts",
    description="Only the fields given change; `null` removes a fact (the company can't be removed).",
)
@query()
def update_application(request: HttpRequest, payload: s.ApplicationFacts, app_id: AppId) -> Any:
    facts = _journal(payload)
    with located({app_id: ["body"]}):
        tracker.update_application(user(request), app_id, facts)
        return services.application_journal(user(request), app_id)


@api.delete(
    "/applications/{app_id}",
    response={204: None, **FOUND},
    summary="Delete an application and its events",
)
@query()
def delete_application(request: HttpRequest, app_id: AppId) -> Any:
    with located({}):
        tracker.delete_application(user(request), app_id)
    return Status(204, None)


@api.get(
    "/applications/{app_id}/contacts",
    response={200: list[s.ContactOut], **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="An application's contacts",
)
@query()
def list_contacts(request: HttpRequest, app_id: AppId) -> Any:
    with located({}):
        return services.application_journal(user(request), app_id).get("contacts", [])


@api.put(
    "/applications/{app_id}/contacts",
    response={200: list[s.ContactOut], 409: s.ErrorOut, **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="Replace an application's contacts",
    description="409 when two contacts share an id, or an event names a contact left out.",
)
@query()
def replace_contacts(request: HttpRequest, payload: list[s.ContactIn], app_id: AppId) -> Any:
    contacts = [c.model_dump(mode="json", by_alias=True, exclude_unset=True) for c in payload]
    with located({app_id: ["body"]}, _contact_list):
        tracker.update_application(user(request), app_id, {}, contacts=contacts)
        return services.application_journal(user(request), app_id).get("contacts", [])


@api.get(
    "/applications/{app_id}/events",
    response={200: list[s.EventWithId], **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="An application's events, oldest first",
)
@query()
def list_events(request: HttpRequest, app_id: AppId) -> Any:
    with located({}):
        return services.events_of(user(request), app_id)


@api.post(
    "/applications/{app_id}/events",
    response={201: s.EventWithId, 409: s.ErrorOut, **FOUND},
    exclude_unset=True,
    by_alias=True,
    summary="Record an event (journal format)",
    description="409 when the event names a contact the application doesn't have, or "
    "dates after today what must already have happened (applied, sent, called, heard, closed).",
)
@query()
def record_event(request: HttpRequest, payload: s.EventIn, app_id: AppId) -> Any:
    event = _journal(payload)
    with located({app_id: ["body"]}, _new_event):
        saved = tracker.record_event(user(request), app_id, event)
    return Status(201, services.event_with_id(saved))


@api.delete(
    "/applications/{app_id}/events/{event_id}",
    response={204: None, **FOUND},
    summary="Delete an event",
)
@query()
def delete_event(request: HttpRequest, app_id: AppId, event_id: EventId) -> Any:
    with located({}):
        tracker.delete_event(user(request), app_id, event_id)
    return Status(204, None)


@api.get(
    "/plan",
    response={200: s.PlanOut, 409: s.ErrorOut, **COMMON},
    summary="The plan (format followup-plan/1)",
)
@query("as_of")
def plan(request: HttpRequest, as_of: AsOf = None) -> Any:
    return plan_to_dict(tracker.plan_for(user(request), _day(as_of, request)))


@api.get(
    "/agenda",
    response={200: list[s.AgendaStep], 409: s.ErrorOut, **COMMON},
    summary="What is due by the day: the plan's agenda",
)
@query("as_of")
def agenda(request: HttpRequest, as_of: AsOf = None) -> Any:
    return plan_to_dict(tracker.plan_for(user(request), _day(as_of, request)))["agenda"]


@api.get(
    "/insights",
    response={200: InsightsOut, 409: s.ErrorOut, **COMMON},
    by_alias=True,
    summary="What your search says (format followup-insights/1)",
    description="The figures of the Insights page; see docs/insights.md.",
)
@query("as_of")
def insights(request: HttpRequest, as_of: AsOf = None) -> Any:
    return insights_to_dict(insights_for(user(request), _day(as_of, request)))


@api.get(
    "/export",
    response={200: s.JournalOut, **COMMON},
    exclude_unset=True,
    by_alias=True,
    summary="Your whole journal (format followup/1)",
)
@query()
def export(request: HttpRequest) -> Any:
    # Streamed, a batch of applications at a time: the same JSON as the schema's.
    chunks = tracker.journal_chunks(user(request))
    return StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")


@api.post(
    "/import",
    response={200: s.ImportOut, 409: s.ErrorOut, **COMMON},
    summary="Import a journal: all or nothing",
    description=(
        "409 when an application id is already yours (unless `replace`), or the journal"
        " contradicts itself. The journal's profile and policy, when given, replace yours."
    ),
)
@query("replace")
def import_journal(request: HttpRequest, payload: s.JournalIn, replace: bool = False) -> Any:
    data = _journal(payload)
    roots: dict[str, Loc] = {
        app["id"]: ["body", "applications", n] for n, app in enumerate(data["applications"])
    }
    with located(roots, conflict_field="id"):
        services.check_import(user(request), data)
        imported = tracker.import_journal(user(request), data, replace=replace)
    return {"imported": imported}
