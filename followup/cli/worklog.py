"""`followup worklog`: a week's work-search log for an unemployment claim."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_INVALID, CliError
from .tracker import print_json, tracker_command, user_of, write_atomic

if TYPE_CHECKING:
    from ..worklog.report import WorkLog


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--week",
        metavar="WEEK",
        default=None,
        help="the week, Monday to Sunday: this, last, 47, 2026-W47 or a day in it "
        "(default: this week)",
    )
    parser.add_argument(
        "--format",
        choices=("csv", "html", "pdf", "json"),
        default="csv",
        help="csv (default), a printable html page, pdf, or json",
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="write to this file (default: stdout)"
    )


@tracker_command(_options)
def cmd_worklog(args: argparse.Namespace) -> int:
    """A week's work-search log: every employer contact, for an unemployment claim.

    One row per application, interview, message or call of that week (date,
    employer, address/phone/email, person, method, position, result), and a warning
    on stderr when the week has fewer contacts than your claim's weekly minimum
    (default 3; change it on the Work-search log page). A PDF goes to a file with
    -o, or to standard output when that is not a terminal.

    Example:
        followup worklog --week last
        followup worklog --week 2026-W47 --format json
        followup worklog --week 2026-W47 --format pdf -o week47.pdf
    """
    from ..tracker import services
    from ..worklog import formats, report

    user = user_of(args)
    today = services.today_for(user)
    log = report.week_rows(user, report.week_of(_monday(args.week, today)), upto=today)
    if args.format == "json":
        print_json(_log_json(log))
    elif args.format == "pdf":
        _write_pdf(formats.to_pdf(log), args.output)
    else:
        text = formats.to_csv(log) if args.format == "csv" else formats.to_html(log)
        _write_text(text, args.output)
    if log.warning:
        print(f"warning: {log.warning}.", file=sys.stderr)
    return 0


def _monday(week: str | None, today: date) -> date:
    from ..dates import DateError, read_week

    try:
        return read_week(week or "this", today)
    except DateError as error:
        raise CliError(f"--week {week}: {error}", EXIT_INVALID) from None


def _log_json(log: WorkLog) -> dict[str, Any]:
    keys = ("date", "employer", "reach", "person", "method", "position", "result")
    return {
        "format": "followup-worklog/1",
        "week": log.week,
        "name": log.name,
        "minimum": log.minimum,
        "contacts": [dict(zip(keys, row.cells(), strict=True)) for row in log.rows],
    }


def _write_text(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def _write_pdf(data: bytes, output: Path | None) -> None:
    if output is not None:
        try:
            output.write_bytes(data)
        except OSError as error:
            raise CliError(f"{output}: {error.strerror or error}") from None
        return
    if sys.stdout.isatty():
        raise CliError(
            "--format pdf: give a file with -o (a PDF would garble the terminal)", EXIT_INVALID
        )
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
