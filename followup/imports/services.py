"""Importing a converted spreadsheet into a user's journal: all or nothing.

The conversion itself (`csvmap`) knows nothing of users or databases; this is the
one place the CLI and the import page share to store its result.
"""

from __future__ import annotations

import re
from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from ..tracker import limits, services
from .csvmap import Converted, CsvImportError, Options, convert, decode


def check_size(size: int) -> None:
    """CsvImportError for a file over the import size (FOLLOWUP_MAX_IMPORT_BYTES), unread."""
    if problem := limits.import_too_large(size):
        raise CsvImportError([problem])


def read_upload(data: bytes, options: Options) -> Converted:
    """The uploaded file's bytes, converted; CsvImportError says what is wrong."""
    check_size(len(data))
    return convert(decode(data), options)


def import_converted(
    user: AbstractBaseUser, converted: Converted, replace: bool = False, as_of: date | None = None
) -> list[str]:
    """Store the file's applications. Problems the journal check finds are reported
    by the row they came from; an id already taken is a Conflict unless `replace`."""
    try:
        return services.import_journal(user, converted.journal(), replace, as_of)
    except services.Conflict:
        raise
    except services.ServiceError as error:
        raise services.ServiceError(*_by_row(converted, error.problems)) from None


def _by_row(converted: Converted, problems: tuple[str, ...]) -> list[str]:
    """'acme-analyst: events[0].at: …' -> 'row 7 (acme-analyst): events[0].at: …'."""
    rows = {app["id"]: row for app, row in zip(converted.applications, converted.rows, strict=True)}
    out = []
    for problem in problems:
        m = re.match(r"([^:]+): (.*)", problem, re.DOTALL)
        row = rows.get(m[1]) if m else None
        out.append(f"row {row} ({m[1]}): {m[2]}" if m and row else problem)
    return out
