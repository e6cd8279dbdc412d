"""`followup import-csv`: a spreadsheet or another tracker's export, into the journal."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_INVALID, CliError
from .tracker import console, format_option, print_json, tracker_command, user_of

if TYPE_CHECKING:
    from ..imports.csvmap import Converted

PREVIEW_ROWS = 30  # rows shown in the preview; the rest are counted
PROGRESS_FROM = 2000  # rows: smaller files are read before a bar could be seen


def _options(parser: argparse.ArgumentParser) -> None:
    from ..imports.csvmap import FIELDS, PRESETS

    parser.add_argument("file", metavar="FILE", type=Path, help="the CSV (or career-ops .md) file")
    parser.add_argument(
        "--preset", choices=tuple(PRESETS), help="the tracker the file was exported from"
    )
    parser.add_argument(
        "--map",
        dest="overrides",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help=f"which column holds a field ({', '.join(FIELDS)}); FIELD= leaves it out",
    )
    parser.add_argument(
        "--date-format",
        metavar="FORMAT",
        help="how dates are written when it is ambiguous: DD/MM/YYYY, MM/DD/YYYY, "
        "DD.MM.YYYY, YYYY-MM-DD, or a pattern like %%d %%b %%Y",
    )
    parser.add_argument(
        "--unknown-status",
        choices=("applied", "saved"),
        help="treat statuses we don't know as this instead of stopping",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported, change nothing"
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace your applications that have the same ids (from an earlier import)",
    )
    format_option(parser)


@tracker_command(_options)
def cmd_import_csv(args: argparse.Namespace) -> int:
    """Import a spreadsheet or another tracker's CSV export: all rows or none.

    Columns are recognised from their headers (company, role/title, status/stage,
    date applied, URL, notes, contact, location); statuses become events with
    dates. Problems are listed by row and column, and then nothing is imported.

    Example:
        followup import-csv applications.csv --dry-run
        followup import-csv huntr.csv --preset huntr --map role="Job Title"
        followup import-csv data/applications.md --preset career-ops
    """
    from ..imports.csvmap import CsvImportError, Options, convert, decode, parse_overrides
    from ..imports.services import check_size, import_converted

    user = user_of(args)
    try:
        data = args.file.read_bytes()
    except OSError as error:
        raise CliError(f"{args.file}: {error.strerror}", EXIT_INVALID) from None
    try:
        options = Options(
            preset=args.preset,
            overrides=parse_overrides(args.overrides),
            date_format=args.date_format,
            unknown_status=args.unknown_status,
        )
        check_size(len(data))
        text = decode(data)
        with _progress(text.count("\n")) as advance:
            converted = convert(text, options, advance)
    except CsvImportError as error:
        raise CliError(
            f"{args.file}: nothing was imported\nerror: " + "\nerror: ".join(error.problems),
            EXIT_INVALID,
        ) from None
    if args.format == "text":
        _print_preview(converted)
    ids: list[str] = []
    if not args.dry_run:
        with _saving(len(converted.applications)):
            ids = list(import_converted(user, converted, replace=args.replace))
    if args.format == "json":
        print_json(_import_json(converted, args.dry_run, len(ids)))
    elif args.dry_run:
        read = len(converted.applications)
        print(f"Dry run: nothing was imported ({read} application{'s' if read != 1 else ''} read).")
    else:
        print(f"Imported {len(ids)} application{'s' if len(ids) != 1 else ''}.")
    return 0


def _import_json(converted: Converted, dry_run: bool, imported: int) -> dict[str, Any]:
    shown = zip(converted.rows, converted.applications, converted.stages, strict=True)
    return {
        "format": "followup-csv-import/1",
        "dry_run": dry_run,
        "columns": dict(converted.mapping),
        "ignored": list(converted.ignored),
        "applications": [
            {"row": row, "id": app["id"], "company": app["company"], "stage": stage}
            for row, app, stage in shown
        ],
        "imported": imported,
    }


@contextmanager
def _progress(lines: int) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on stderr for a large file, when someone is watching it."""
    if lines < PROGRESS_FROM or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading rows", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


@contextmanager
def _saving(rows: int) -> Iterator[None]:
    """A spinner on stderr while a large import is checked and stored."""
    if rows < PROGRESS_FROM or not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(f"Checking and saving {rows} applications"):
        yield


def _print_preview(converted: Converted) -> None:
    from rich.table import Table

    from ..imports.csvmap import FIELDS, describe_events

    out = console()
    mapping = Table(title="Columns", title_justify="left")
    mapping.add_column("Field")
    mapping.add_column("Column in the file")
    for name, label in FIELDS.items():
        mapping.add_row(label, converted.mapping.get(name, "—"))
    out.print(mapping)
    if converted.ignored:
        out.print(f"Not imported: {', '.join(converted.ignored)}")
    preview = Table(title="What will be created", title_justify="left")
    preview.add_column("Row", no_wrap=True)
    preview.add_column("Id", no_wrap=True)  # typed into later commands: kept whole
    for title in ("Company", "Role", "Stage", "Events"):
        preview.add_column(title, overflow="fold")
    shown = zip(converted.rows, converted.applications, converted.stages, strict=True)
    for row, app, stage in list(shown)[:PREVIEW_ROWS]:
        events = describe_events(app["events"])
        preview.add_row(str(row), app["id"], app["company"], app.get("role", ""), stage, events)
    out.print(preview)
    rest = len(converted.applications) - PREVIEW_ROWS
    if rest > 0:
        out.print(f"… and {rest} more.")
    counts = Counter(converted.stages)
    out.print(", ".join(f"{n} {stage}" for stage, n in sorted(counts.items())) or "No rows.")
