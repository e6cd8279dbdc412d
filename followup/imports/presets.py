"""Which column holds what: the journal fields, header detection, and other
trackers' exports (JobSync, Huntr, Teal, career-ops) as presets.

Part of the CSV import (`csvmap`); standard library only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .table import CsvImportError

# The journal fields a column can fill, with the words the preview uses for them.
FIELDS: dict[str, str] = {
    "company": "Company",
    "role": "Role",
    "status": "Status",
    "applied": "Date applied",
    "interview": "Interview date",
    "updated": "Last update",
    "url": "Posting link",
    "notes": "Notes",
    "contact_name": "Contact name",
    "contact_email": "Contact email",
    "contact_phone": "Contact phone",
    "location": "Location",
    "salary": "Salary",
}
DATE_FIELDS = ("applied", "interview", "updated")

# Header names (normalised: lower case, words split) that mean each field, best
# first. A salary column's text is read into the journal's `salary` object.
ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organization", "organisation", "org"),
    "role": ("role", "job title", "title", "position", "job position", "job", "job role"),
    "status": ("status", "stage", "application status", "list", "state"),
    "applied": (
        "date applied",
        "applied on",
        "applied date",
        "applied at",
        "application date",
        "date",
        "created",
        "created at",
        "created on",
        "date added",
        "date saved",
    ),
    "interview": ("interview date", "interview", "interview on", "interview at"),
    "updated": (
        "updated",
        "updated at",
        "last updated",
        "last update",
        "date updated",
        "status date",
        "last status date",
        "modified",
    ),
    "url": ("url", "link", "job url", "job link", "posting url", "job posting", "posting"),
    "notes": ("notes", "note", "comments", "comment"),
    "contact_name": ("contact name", "contact", "recruiter", "hiring manager", "contact person"),
    "contact_email": ("contact email", "email", "recruiter email", "e mail"),
    "contact_phone": ("contact phone", "phone", "recruiter phone", "phone number"),
    "location": ("location", "locations", "city"),
    "salary": ("salary", "salary range", "compensation", "pay", "pay range", "salary expectation"),
}

ColumnMapping = dict[str, str]  # journal field -> column name


# Mapping columns to fields ------------------------------------------------------------


def normalise(header: str) -> str:
    """'appliedDate' and 'Date_Applied' -> 'applied date', 'date applied'."""
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", header)
    return " ".join(re.sub(r"[^0-9a-z]+", " ", spaced.lower()).split())


def detect_mapping(headers: Iterable[str]) -> ColumnMapping:
    """Which column holds which field, from common header names."""
    by_name = {normalise(h): h for h in reversed(list(headers)) if h}
    mapping: ColumnMapping = {}
    used: set[str] = set()
    for name, aliases in ALIASES.items():
        for alias in aliases:
            column = by_name.get(alias)
            if column is not None and column not in used:
                mapping[name] = column
                used.add(column)
                break
    return mapping


@dataclass(frozen=True)
class Preset:
    """Another tracker's export: its columns (candidates per field, best first), the
    statuses it uses that the generic list doesn't know, and what is confirmed."""

    name: str
    title: str
    columns: dict[str, tuple[str, ...]]
    statuses: dict[str, str] = field(default_factory=dict)
    note: str = ""


PRESETS: dict[str, Preset] = {
    "jobsync": Preset(
        "jobsync",
        "JobSync",
        {
            "company": ("Company",),
            "role": ("JobTitle",),
            "status": ("Status",),
            "applied": ("appliedDate",),
            "updated": (),
            "location": ("Location", "Locations"),
        },
        {"draft": "saved", "expired": "moved_on", "archived": "withdrawn"},
        "Confirmed from JobSync's source (its jobs export): columns index, createdAt, "
        "applied, appliedDate, Company, JobTitle, jobType, Location (Locations in older "
        "versions), JobSource, Status; dates as YYYY-MM-DD, N/A when unset; statuses "
        "Draft, Applied, Interview, Offer, Rejected, Expired, Archived, Offer Accepted, "
        "Offer Declined.",
    ),
    "huntr": Preset(
        "huntr",
        "Huntr",
        {
            "company": ("Company", "Employer", "Company Name"),
            "role": ("Title", "Job Title", "Position"),
            "status": ("List", "Status", "Stage"),
            "applied": ("Date Applied", "Applied At", "Applied Date", "Created At", "Created"),
            "updated": ("Updated At", "Last Updated"),
            "interview": ("Interview Date",),
            "url": ("URL", "Job URL", "Link", "Post URL"),
            "notes": ("Notes", "Note"),
            "location": ("Location",),
            "salary": ("Salary", "Salary Range"),
        },
        {"wishlist": "saved"},
        "Not confirmed: Huntr's export is not public. Built on what other importers "
        "expect (Company or Employer, Title or Job Title, the board's List as the "
        "status) and Huntr's default lists (Wishlist, Applied, Interview, Offer, "
        "Rejected); any other column is detected by its name.",
    ),
    "teal": Preset(
        "teal",
        "Teal",
        {
            "company": ("Company Name", "Company"),
            "role": ("Job Title", "Job Position", "Title"),
            "status": ("Status", "Stage"),
            "applied": ("Date Applied", "Applied Date", "Date Saved", "Date Created"),
            "updated": ("Last Updated", "Date Updated"),
            "interview": ("Interview Date",),
            "url": ("Job URL", "URL", "Job Link"),
            "notes": ("Notes",),
            "location": ("Location",),
            "salary": ("Salary", "Salary Range", "Compensation"),
        },
        {
            "bookmarked": "saved",
            "applying": "saved",
            "negotiating": "offer",
            "i withdrew": "withdrawn",
            "not selected": "rejected",
            "no response": "moved_on",
        },
        "Not confirmed: Teal's export is not public. Built on what other importers "
        "expect (Company Name, Job Title, Status) and the stages Teal's tracker shows "
        "(Bookmarked, Applying, Applied, Interviewing, Negotiating, Accepted, and the "
        "archive reasons I Withdrew, Not Selected, No Response).",
    ),
    "career-ops": Preset(
        "career-ops",
        "career-ops",
        {
            "company": ("Company",),
            "role": ("Role",),
            "status": ("Status",),
            "applied": ("Date",),
            "notes": ("Notes",),
            "url": ("URL",),
        },
        {
            "evaluated": "saved",
            "responded": "responded",
            "discarded": "dropped",
            "skip": "dropped",
        },
        "Confirmed from career-ops' repository: data/applications.md, a markdown table "
        "| # | Date | Company | Role | Score | Status | PDF | Report | Notes | (some "
        "forks add URL); dates YYYY-MM-DD; statuses Evaluated, Applied, Responded, "
        "Interview, Offer, Rejected, Discarded, SKIP. Its Date is when the row was "
        "added, taken as the application date; Discarded and SKIP close the application "
        "without an application event.",
    ),
}


def resolve_mapping(
    headers: list[str], preset: str | None = None, overrides: Mapping[str, str] | None = None
) -> ColumnMapping:
    """Detected mapping, then the preset's columns, then the user's `FIELD=COLUMN` choices
    (an empty column unmaps the field). Unknown fields or columns are errors."""
    mapping = detect_mapping(headers)
    problems = []
    if preset is not None:
        chosen = PRESETS.get(preset)
        if chosen is None:
            raise CsvImportError([f"{preset!r} is not a preset ({', '.join(PRESETS)})"])
        for name, candidates in chosen.columns.items():
            found = next((c for c in candidates if c in headers), None)
            if found:
                mapping[name] = found
        if "company" not in mapping:
            problems.append(
                f"no column {chosen.columns['company'][0]!r}: is this a {chosen.title} export?"
            )
    for name, column in (overrides or {}).items():
        if name not in FIELDS:
            problems.append(f"{name!r} is not a field ({', '.join(FIELDS)})")
        elif not column:
            mapping.pop(name, None)
        elif column not in headers:
            problems.append(
                f"{name}={column}: the file has no column {column!r} "
                f"(its columns: {', '.join(h for h in headers if h)})"
            )
        else:
            mapping[name] = column
    if problems:
        raise CsvImportError(problems)
    return mapping


def parse_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """['company=Employer', 'role=Job Title'] -> {'company': 'Employer', ...}."""
    overrides: dict[str, str] = {}
    problems = []
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep:
            problems.append(f"--map {pair}: say FIELD=COLUMN (e.g. company=Employer)")
        else:
            overrides[name.strip()] = column.strip()
    if problems:
        raise CsvImportError(problems)
    return overrides
