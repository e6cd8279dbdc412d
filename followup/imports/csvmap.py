"""Spreadsheets and other trackers' exports, read into a journal (format followup/1).

The pure core of `followup import-csv` and of the import page: standard library
only, no Django, no database. `read_table` reads the file (a CSV with any usual
delimiter, or the markdown table career-ops keeps), `detect_mapping` guesses which
column holds what, and `convert` turns the rows into applications with their
events, checking every row first: a file with problems gives all of them at once,
each naming its row and column, and no journal at all.

The parts live beside this module, each depending only on the ones before it:
`table` reads the file, `presets` maps columns to fields (header names and other
trackers' exports), `values` reads statuses and dates; this module turns rows into
applications. The names callers use are re-exported here, so `csvmap` stays the
one place to import from.

Row numbers are the ones a spreadsheet shows (the header is row 1); in a markdown
table they are the file's line numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .presets import (
    DATE_FIELDS,
    FIELDS,
    PRESETS,
    ColumnMapping,
    Preset,
    detect_mapping,
    parse_overrides,
    resolve_mapping,
)
from .table import CsvImportError, Table, decode, read_table
from .values import (
    FIRST_YEAR,
    LAST_YEAR,
    OUTCOMES,
    STATUSES,
    AmbiguousDate,
    NotADate,
    date_order,
    infer_order,
    parse_date,
    parse_salary,
)

__all__ = [
    "FIELDS",
    "PRESETS",
    "ColumnMapping",
    "Converted",
    "CsvImportError",
    "Options",
    "Preset",
    "Progress",
    "Table",
    "convert",
    "decode",
    "describe_events",
    "detect_mapping",
    "parse_overrides",
    "read_table",
    "resolve_mapping",
    "slug",
    "unique_id",
]

# Cells that mean "nothing here" in exports (JobSync writes N/A, career-ops a dash).
BLANKS = frozenset({"", "n/a", "-", "—", "–"})

# Converting rows ---------------------------------------------------------------------------


@dataclass
class Options:
    preset: str | None = None
    overrides: Mapping[str, str] = field(default_factory=dict)
    date_format: str | None = None
    unknown_status: str | None = None  # 'applied' or 'saved': instead of an error


@dataclass
class Converted:
    """The file read: its mapping, the applications (journal format), and per
    application the row number and the stage it will be in."""

    table: Table
    mapping: ColumnMapping
    applications: list[dict[str, Any]]
    rows: list[int]
    stages: list[str]

    @property
    def ignored(self) -> list[str]:
        used = set(self.mapping.values())
        return [h for h in self.table.headers if h and h not in used]

    def journal(
        self, profile: Mapping[str, Any] | None = None, policy: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        data: dict[str, Any] = {"format": "followup/1"}
        if profile is not None:
            data["profile"] = dict(profile)
        if policy is not None:
            data["policy"] = dict(policy)
        data["applications"] = self.applications
        return data


Progress = Callable[[int, int], None]


def convert(
    text: str, options: Options | None = None, progress: Progress | None = None
) -> Converted:
    """Read a file's text into applications; CsvImportError lists every problem."""
    options = options or Options()
    table = read_table(text)
    mapping = resolve_mapping(table.headers, options.preset, options.overrides)
    if "company" not in mapping:
        raise CsvImportError(
            [
                "no column is the company's name: name it with --map company=COLUMN "
                f"(the file's columns: {', '.join(h for h in table.headers if h)})"
            ]
        )
    order = date_order(options.date_format)
    problems: list[str] = []
    if order is None:
        order, problems = infer_order(table, {f: c for f, c in mapping.items() if f in DATE_FIELDS})
    statuses = {**STATUSES, **(PRESETS[options.preset].statuses if options.preset else {})}
    maker = _RowReader(table, mapping, order, statuses, options.unknown_status)
    apps, rows, stages = [], [], []
    ids: set[str] = set()
    for done, (number, cells) in enumerate(table.rows, start=1):
        result = maker.read(number, cells)
        if isinstance(result, list):
            problems.extend(result)
        else:
            app, stage = result
            apps.append({"id": unique_id(app, ids), **app})
            rows.append(number)
            stages.append(stage)
        if progress and (done % 500 == 0 or done == len(table.rows)):
            progress(done, len(table.rows))
    problems.extend(maker.ambiguous())
    if problems:
        raise CsvImportError(problems)
    return Converted(table, mapping, apps, rows, stages)


def slug(text: str) -> str:
    """'Café Olé, Inc.' -> 'cafe-ole-inc' (ids are ASCII letters, digits and dashes)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


def unique_id(app: Mapping[str, Any], taken: set[str]) -> str:
    """A readable id from company and role ('acme-corp-data-analyst'), unique in `taken`."""
    base = slug(f"{app['company']} {app.get('role') or ''}")[:60].strip("-") or "application"
    chosen, n = base, 2
    while chosen in taken:
        chosen, n = f"{base}-{n}", n + 1
    taken.add(chosen)
    return chosen


class _RowReader:
    """Turns one row into an application, or into the list of its problems."""

    def __init__(
        self,
        table: Table,
        mapping: ColumnMapping,
        order: str | None,
        statuses: dict[str, str],
        unknown_status: str | None,
    ) -> None:
        self.index = {name: table.headers.index(column) for name, column in mapping.items()}
        self.mapping = mapping
        self.order = order
        self.statuses = statuses
        self.unknown = unknown_status
        self.first_ambiguous: dict[str, tuple[int, str]] = {}
        self.row_ambiguous = False
        self.order_words = {"dmy": "day first", "mdy": "month first", "ymd": "year first"}.get(
            order or "", order or ""
        )

    def cell(self, cells: list[str], name: str) -> str:
        index = self.index.get(name)
        value = cells[index].strip() if index is not None else ""
        return "" if value.lower() in BLANKS else value

    def read(self, number: int, cells: list[str]) -> tuple[dict[str, Any], str] | list[str]:
        problems: list[str] = []
        self.row_ambiguous = False
        where = f"row {number}"
        company = self.cell(cells, "company")
        if not company:
            problems.append(
                f"{where}, column {self.mapping['company']!r}: is empty (every application needs a company)"
            )
        days = {name: self.day(cells, name, number, problems) for name in DATE_FIELDS}
        outcome = self.outcome(cells, days["applied"] is not None, where, problems)
        events = self.events(outcome, days, where, problems) if outcome else []
        if problems:
            return problems
        app: dict[str, Any] = {"company": company}
        for key, name in (("role", "role"), ("posting_url", "url")):
            if value := self.cell(cells, name):
                app[key] = value
        location, pay = self.cell(cells, "location"), self.cell(cells, "salary")
        salary = parse_salary(pay) if pay else None
        if salary:
            app["salary"] = salary
        # Text we can't read as an amount ("competitive") is kept in the notes.
        unread = pay and not salary and f"Salary: {pay}"
        notes = "\n".join(
            line
            for line in (self.cell(cells, "notes"), location and f"Location: {location}", unread)
            if line
        )
        if notes:
            app["notes"] = notes
        contact = self.contact(cells)
        if contact:
            app["contacts"] = [contact]
        app["events"] = events
        return app, OUTCOMES[outcome or "saved"][0]

    def day(self, cells: list[str], name: str, number: int, problems: list[str]) -> date | None:
        text = self.cell(cells, name)
        if not text:
            return None
        column = self.mapping[name]
        try:
            day = parse_date(text, self.order)
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise NotADate()
            return day
        except AmbiguousDate:
            self.row_ambiguous = True
            self.first_ambiguous.setdefault(column, (number, text))
        except NotADate:
            problems.append(
                f"row {number}, column {column!r}: {text!r} is not a date"
                + ("" if self.order is None else f" (as {self.order_words})")
            )
        return None

    def ambiguous(self) -> list[str]:
        return [
            f"column {column!r}: dates like {text!r} (row {number}) could be day first or "
            "month first; say which with --date-format DD/MM/YYYY or --date-format MM/DD/YYYY"
            for column, (number, text) in self.first_ambiguous.items()
        ]

    def outcome(
        self, cells: list[str], has_date: bool, where: str, problems: list[str]
    ) -> str | None:
        """The row's status as an outcome; no status means applied if dated, else saved."""
        text = self.cell(cells, "status")
        if not text:
            return "applied" if has_date else "saved"
        found = self.statuses.get(" ".join(text.lower().split()))
        if found:
            return found
        if self.unknown:
            return self.unknown
        problems.append(
            f"{where}, column {self.mapping['status']!r}: {text!r} is not a status we know "
            "(use --map to pick another column, or --unknown-status applied to treat it as applied)"
        )
        return None

    def events(
        self, outcome: str, days: dict[str, date | None], where: str, problems: list[str]
    ) -> list[dict[str, Any]]:
        """The outcome's events, dated: applied on the application date, an interview on
        the interview date, what came after on the last update (else the latest known)."""
        steps = OUTCOMES[outcome][1]
        applied, interview, updated = days["applied"], days["interview"], days["updated"]
        start = applied or updated or interview
        if not steps or self.row_ambiguous:
            return []  # an ambiguous date is reported once per column instead
        if start is None:
            column = self.mapping.get("applied")
            problems.append(
                f"{where}, column {column!r}: is empty, and this status needs a date"
                if column
                else f"{where}: this status needs a date, and no column is the date applied "
                "(name it with --map applied=COLUMN)"
            )
            return []
        for name, day in (("interview", interview), ("updated", updated)):
            if day and applied and day < applied:
                problems.append(
                    f"{where}, column {self.mapping[name]!r}: {day} is before the date applied ({applied})"
                )
        later = (updated or interview or start).isoformat()
        events: list[dict[str, Any]] = []
        for step in steps:
            kind, _, detail = step.partition(" ")
            if kind == "applied":
                events.append({"type": "applied", "at": start.isoformat()})
            elif kind.startswith("interview") and (interview or kind == "interview"):
                events.append(
                    {"type": "interview", "at": (interview or updated or start).isoformat()}
                )
            elif kind == "heard":
                events.append({"type": "heard", "at": later, "kind": detail})
            elif kind == "closed":
                events.append({"type": "closed", "at": later, "reason": detail})
        return events

    def contact(self, cells: list[str]) -> dict[str, str] | None:
        found = {
            key: value
            for key, name in (
                ("name", "contact_name"),
                ("email", "contact_email"),
                ("phone", "contact_phone"),
            )
            if (value := self.cell(cells, name))
        }
        if not found:
            return None
        return {"id": slug(found.get("name", ""))[:40].strip("-") or "contact", **found}


def describe_events(events: list[dict[str, Any]]) -> str:
    """'applied 2026-01-05, interview 2026-01-12, heard offer 2026-01-20'."""
    words = []
    for event in events:
        detail = event.get("kind") or event.get("reason") or ""
        name = f"{event['type']} {detail}".strip().replace("_", " ")
        words.append(f"{name} {event['at']}")
    return ", ".join(words) or "none (saved)"
