"""What one person may store and send, so that one journal can't take the server
from everyone else. Each limit is a setting (FOLLOWUP_MAX_*, documented in the
README's hosted section) and every path that writes (web, API, CLI) goes through
these checks in the services.

Also here: what the database can't store or the server can't read safely, found
before anything is written: NUL characters (PostgreSQL refuses them in text) and
JSON nested deeper than any journal is.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from .errors import ServiceError


def size_text(size: int) -> str:
    """A byte count as people read it: "10 MB", "1.5 MB", "800 bytes"."""
    return f"{size / 2**20:.3g} MB" if size >= 2**20 else f"{size} bytes"


def import_too_large(size: int) -> str | None:
    """Why a file of `size` bytes is not imported (over FOLLOWUP_MAX_IMPORT_BYTES), or None."""
    if size <= settings.MAX_IMPORT_BYTES:
        return None
    return f"the file is bigger than {size_text(settings.MAX_IMPORT_BYTES)}, the most this server imports"


class TooDeep(ValueError):
    """JSON nested deeper than MAX_JSON_DEPTH."""


def load_json(text: str | bytes) -> Any:
    """json.loads, with nesting too deep for Python's parser as a ValueError (TooDeep)
    instead of a RecursionError; json.JSONDecodeError and UnicodeDecodeError as usual."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise TooDeep(too_deep_message()) from None
    if depth_over_limit(data):
        raise TooDeep(too_deep_message())
    return data


def too_deep_message() -> str:
    return f"the JSON is nested more than {settings.MAX_JSON_DEPTH} levels deep"


def depth_over_limit(data: Any) -> bool:
    """Whether lists and objects nest deeper than MAX_JSON_DEPTH (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > settings.MAX_JSON_DEPTH:
            return True
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, dict | list):
            stack.extend((child, depth + 1) for child in children)
    return False


def nul_places(data: Any, where: str = "journal") -> list[str]:
    """Where `data` holds a NUL character, in a key or a value ("applications[2].notes")."""
    found: list[str] = []
    stack = [(data, where)]
    while stack:
        value, place = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            found.append(place)
        elif isinstance(value, dict):
            for key, child in value.items():
                name = f"{place}.{key}"
                if "\x00" in str(key):
                    found.append(f"{place} (a key)")
                stack.append((child, name))
        elif isinstance(value, list):
            stack.extend((child, f"{place}[{n}]") for n, child in enumerate(value))
    return sorted(found)


def check_input(data: Any) -> None:
    """ServiceError naming each NUL character's place and too deep a nesting."""
    if depth_over_limit(data):
        raise ServiceError(f"journal: {too_deep_message()}")
    if places := nul_places(data):
        raise ServiceError(*(f"{place}: contains a NUL character" for place in places))


def check_application_count(user: AbstractBaseUser, adding: int) -> None:
    """ServiceError when `adding` new applications would pass MAX_APPLICATIONS."""
    from .models import Application

    have = Application.objects.filter(user=user).count()
    limit = settings.MAX_APPLICATIONS
    if have + adding > limit:
        raise ServiceError(
            f"applications: this would make {have + adding}, more than the {limit} "
            "one account may keep; delete or export old ones first"
        )


def check_event_counts(apps: list[dict[str, Any]]) -> None:
    """ServiceError naming each application with more than MAX_EVENTS_PER_APPLICATION events."""
    limit = settings.MAX_EVENTS_PER_APPLICATION
    over = [
        f"{app.get('id') or 'application'}: {len(app.get('events') or [])} events, "
        f"more than the {limit} one application may have"
        for app in apps
        if isinstance(app, dict) and len(app.get("events") or []) > limit
    ]
    if over:
        raise ServiceError(*over)
