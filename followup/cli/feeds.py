"""`followup ics`: the calendar feed as a file, for a calendar app to import."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from . import CliError, as_of_option
from .tracker import tracker_command, user_of


def _ics_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, help="write to this file (default: standard output)"
    )
    as_of_option(parser, "your today")
    parser.add_argument(
        "--base-url",
        metavar="URL",
        default=None,
        help="where links to applications point (default: FOLLOWUP_SITE_URL)",
    )


@tracker_command(_ics_options)
def cmd_ics(args: argparse.Namespace) -> int:
    """Write your plan as an iCalendar file: steps, expected dates, interviews.

    The same content as the calendar feed in Settings: one event per pending step
    (calls at their window in the employer's time zone), per date an employer said
    you would hear by, and per interview. A file is replaced in one step.

    Example:
        followup ics -o followup.ics
    """
    from django.conf import settings

    from ..feeds.ical import build_calendar
    from ..tracker import services

    user = user_of(args)
    as_of = args.as_of or services.today_for(user)
    data = build_calendar(user, as_of, args.base_url or settings.SITE_URL)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    write_bytes_atomic(args.output, data)
    print(f"Calendar written to {args.output}.", file=sys.stderr)
    return 0


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Bytes, not text: iCalendar lines end in CRLF, which text mode could mangle."""
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CliError(f"{path}: {error.strerror or error}") from None
    try:
        if path.exists():  # keep the mode of the file replaced
            os.chmod(temp, path.stat().st_mode & 0o7777)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise CliError(f"{path}: {error.strerror or error}") from None
