"""Spreadsheets and other trackers' exports, read into a journal (format followup/1).

The pure core of `followup import-csv` and of the import page: standard library
only, no Django, no database. `read_table` reads the file (a CSV with any usual
delimiter, or the markdown table career-ops keeps), `detect_mapping` guesses which
column holds what, and `convert` turns the rows into applications with their
events, checking every row first: a file with problems gives all of them at once,
each naming its row and column, and no journal at all.

Row numbers are the ones a spreadsheet shows (the header is row 1); in a markdown
table they are the file's line numbers.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

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
}
DATE_FIELDS = ("applied", "interview", "updated")

# Header names (normalised: lower case, words split) that mean each field, best
# first. Salary columns are never read: the journal has no place for them.
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
}

# Cells that mean "nothing here" in exports (JobSync writes N/A, career-ops a dash).
BLANKS = frozenset({"", "n/a", "-", "—", "–"})

ColumnMapping = dict[str, str]  # journal field -> column name


class CsvImportError(ValueError):
    """A file that can't be imported: every problem, each naming its row and column."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


# Reading the file ---------------------------------------------------------------------


@dataclass
class Table:
    """The file's header and its rows, each with its row number."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]
    kind: str = "csv"  # or "markdown"


def decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without a byte-order mark."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CsvImportError(
            [
                f"the file is not UTF-8 text (byte {error.start + 1}); save it from your "
                "spreadsheet as “CSV UTF-8” and try again"
            ]
        ) from None


def read_table(text: str) -> Table:
    """Read a CSV (delimiter sniffed, quoted newlines kept) or a markdown table."""
    text = text.removeprefix("\ufeff")
    table = _read_markdown(text) if _is_markdown(text) else _read_csv(text)
    problems = []
    if not table.headers or not any(table.headers):
        problems.append("the file is empty: it needs a header row naming its columns")
    seen: set[str] = set()
    for name in table.headers:
        if name and name in seen:
            problems.append(f"column {name!r} appears twice in the header row")
        seen.add(name)
    for number, cells in table.rows:
        extra = [c for c in cells[len(table.headers) :] if c.strip()]
        if extra:
            problems.append(
                f"row {number}: has {len(cells)} cells but the header names {len(table.headers)} columns"
            )
    if problems:
        raise CsvImportError(problems)
    width = len(table.headers)
    table.rows = [(n, (cells + [""] * width)[:width]) for n, cells in table.rows]
    return table


MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _is_markdown(text: str) -> bool:
    lines = text.splitlines()[:200]
    return any(
        MARKDOWN_RULE.match(line) and n and lines[n - 1].lstrip().startswith("|")
        for n, line in enumerate(lines)
    )


def _cells(line: str) -> list[str]:
    inner = line.strip().removeprefix("|").removesuffix("|")
    return [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", inner)]


def _read_markdown(text: str) -> Table:
    """The first pipe table of a markdown file (career-ops' applications.md)."""
    lines = text.splitlines()
    start = next(
        n for n, line in enumerate(lines) if n and MARKDOWN_RULE.match(line) and "|" in lines[n - 1]
    )
    rows = []
    for n in range(start + 1, len(lines)):
        if not lines[n].lstrip().startswith("|"):
            break
        rows.append((n + 1, _cells(lines[n])))
    return Table(_cells(lines[start - 1]), rows, "markdown")


def _read_csv(text: str) -> Table:
    # Only the delimiter is sniffed: the Sniffer's guesses about quoting are
    # unreliable, and every spreadsheet program quotes the same way ("" inside "").
    try:
        delimiter = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as error:
        raise CsvImportError([f"row {reader.line_num}: {error}"]) from None
    if not records:
        return Table([], [])
    headers = [h.strip() for h in records[0]]
    rows = [(n, row) for n, row in enumerate(records[1:], start=2) if any(c.strip() for c in row)]
    return Table(headers, rows)


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


# Statuses --------------------------------------------------------------------------------

# What each outcome puts in the journal, in order; the stage the preview shows.
OUTCOMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "saved": ("saved", ()),
    "applied": ("applied", ("applied",)),
    "responded": ("applied", ("applied", "heard reply")),
    "interview": ("interviewing", ("applied", "interview")),
    "offer": ("offer", ("applied", "interview?", "heard offer")),
    "accepted": ("closed", ("applied", "interview?", "heard offer", "closed accepted")),
    "declined_offer": ("closed", ("applied", "interview?", "heard offer", "closed withdrawn")),
    "rejected": ("closed", ("applied", "interview?", "heard rejection")),
    "withdrawn": ("closed", ("applied", "closed withdrawn")),
    "moved_on": ("closed", ("applied", "closed moved_on")),
    "dropped": ("closed", ("closed withdrawn",)),
}

STATUSES: dict[str, str] = {
    **dict.fromkeys(
        ("wishlist", "bookmarked", "saved", "draft", "interested", "to apply", "not applied"),
        "saved",
    ),
    **dict.fromkeys(
        ("applied", "sent", "submitted", "application sent", "in review", "under review"),
        "applied",
    ),
    **dict.fromkeys(("responded", "replied", "in contact"), "responded"),
    **dict.fromkeys(
        (
            "interview",
            "interviewing",
            "interviews",
            "interview scheduled",
            "phone screen",
            "screening",
            "screen",
            "onsite",
            "final interview",
        ),
        "interview",
    ),
    **dict.fromkeys(("offer", "offered", "offer received", "negotiating"), "offer"),
    **dict.fromkeys(("accepted", "offer accepted", "hired"), "accepted"),
    **dict.fromkeys(("offer declined", "declined offer", "i declined"), "declined_offer"),
    **dict.fromkeys(
        (
            "rejected",
            "rejection",
            "declined",
            "declined by employer",
            "not selected",
            "turned down",
        ),
        "rejected",
    ),
    **dict.fromkeys(
        ("withdrawn", "withdrew", "i withdrew", "archived", "cancelled", "canceled"), "withdrawn"
    ),
    **dict.fromkeys(("no response", "ghosted", "expired", "closed", "no reply"), "moved_on"),
}


# Dates --------------------------------------------------------------------------------

MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+(?:z|[+-]\d\d:?\d\d)?)?")
NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?:[t ][\d:.]+)?")
MONTH_FIRST = re.compile(r"(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
DAY_FIRST = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]+)\.?,?\s+(\d{4})")
FIRST_YEAR, LAST_YEAR = 1970, 2199  # the journal's range
DATE_FORMATS = {"YYYY-MM-DD": "ymd", "DD/MM/YYYY": "dmy", "MM/DD/YYYY": "mdy", "DD.MM.YYYY": "dmy"}


class _NotADate(ValueError):
    pass


class _Ambiguous(Exception):
    pass


def date_order(date_format: str | None) -> str | None:
    """'DD/MM/YYYY' -> 'dmy' (also 'dmy', 'mdy', 'ymd' themselves, or a %-pattern)."""
    if not date_format:
        return None
    text = date_format.strip()
    if "%" in text:
        return text
    order = DATE_FORMATS.get(text.upper()) or (
        text.lower() if text.lower() in ("dmy", "mdy", "ymd") else None
    )
    if order is None:
        raise CsvImportError(
            [f"date format {date_format!r}: say {', '.join(DATE_FORMATS)} (or a %d/%m/%Y pattern)"]
        )
    return order


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def _parse_date(text: str, order: str | None) -> date:
    """A cell as a date; `order` settles numeric day/month order ('dmy', 'mdy')."""
    cell = text.strip().lower()
    if order and "%" in order:
        try:
            return datetime.strptime(text.strip(), order).date()
        except ValueError:
            raise _NotADate() from None
    try:
        if m := ISO.fullmatch(cell):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := NUMERIC.fullmatch(cell):
            return _numeric(m, order)
        if (m := MONTH_FIRST.fullmatch(cell)) and m[1] in MONTHS:
            return date(int(m[3]), MONTHS[m[1]], int(m[2]))
        if (m := DAY_FIRST.fullmatch(cell)) and m[2] in MONTHS:
            return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise _NotADate() from None
    raise _NotADate()


def _numeric(m: re.Match[str], order: str | None) -> date:
    a, b, c = m[1], m[3], m[4]
    if len(a) == 4:
        return date(int(a), int(b), int(c))
    first, second, year = int(a), int(b), _year(c)
    if order is None:
        order = _order_of(first, second)
    if order == "dmy":
        return date(year, second, first)
    if order == "mdy":
        return date(year, first, second)
    raise _NotADate()  # 'ymd' was asked for but this is day/month/year


def _order_of(first: int, second: int) -> str:
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    if first == second:
        return "dmy"  # either reading gives the same day
    raise _Ambiguous()


def _infer_order(table: Table, columns: dict[str, str]) -> tuple[str | None, list[str]]:
    """The file's day/month order, from its dates that can be read only one way."""
    seen: dict[str, tuple[int, str, str]] = {}
    for column in set(columns.values()):
        index = table.headers.index(column)
        for number, cells in table.rows:
            m = NUMERIC.fullmatch(cells[index].strip())
            if m and len(m[1]) <= 2 and int(m[1]) != int(m[3]):
                try:
                    seen.setdefault(_order_of(int(m[1]), int(m[3])), (number, column, cells[index]))
                except _Ambiguous:
                    continue
    if len(seen) == 2:
        (n1, c1, v1), (n2, c2, v2) = seen["dmy"], seen["mdy"]
        return None, [
            f"dates are mixed: row {n1}, column {c1!r} has {v1!r} (day first) but row {n2}, "
            f"column {c2!r} has {v2!r} (month first); fix them, or say which with --date-format"
        ]
    return next(iter(seen), None), []


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
        order, problems = _infer_order(
            table, {f: c for f, c in mapping.items() if f in DATE_FIELDS}
        )
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
        location = self.cell(cells, "location")
        notes = "\n".join(
            line
            for line in (self.cell(cells, "notes"), location and f"Location: {location}")
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
            day = _parse_date(text, self.order)
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise _NotADate()
            return day
        except _Ambiguous:
            self.row_ambiguous = True
            self.first_ambiguous.setdefault(column, (number, text))
        except _NotADate:
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
