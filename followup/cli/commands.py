"""The planner's commands: `plan` and `demo`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import as_of_option, command

if TYPE_CHECKING:
    from ..planner.model import Journal


def _plan_options(parser: argparse.ArgumentParser) -> None:
    as_of_option(parser, "today")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def _file_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a journal file (format followup/1)")
    _plan_options(parser)


@command(_file_options)
def cmd_plan(args: argparse.Namespace) -> int:
    """Plan the follow-ups of a journal file, without any database.

    Prints the agenda (what is due, overdue first), then each open application's
    next step with the reason. `--format json` prints the documented plan format
    (followup-plan/1), drafts included.

    Example:
        followup plan examples/demo.json --as-of 2026-03-11
    """
    keep_holiday_tables()
    journal = read_journal(args.file)
    return _print_plan(journal, args.as_of or date.today(), args.format)


@command(_plan_options)
def cmd_demo(args: argparse.Namespace) -> int:
    """Plan the bundled demo journal, its dates moved so that it happens this week.

    Example:
        followup demo
    """
    from ..planner.demo import demo_journal

    keep_holiday_tables()
    as_of = args.as_of or date.today()
    return _print_plan(demo_journal(as_of), as_of, args.format)


def read_journal(path: Path) -> Journal:
    """The journal file, decoded by msgspec into typed objects (the fast path); on any
    trouble the planner's own reader says what is wrong and where."""
    from ..journal_decoding import decode_journal
    from ..planner.journal import JournalError, load_journal

    try:
        raw = path.read_bytes()
    except OSError:
        return load_journal(path)  # which words the error with the file's name
    try:
        return decode_journal(raw)
    except JournalError as error:
        raise JournalError([f"{path}: {problem}" for problem in error.problems]) from None


def keep_holiday_tables() -> None:
    """Holiday tables kept in the cache folder (FOLLOWUP_CACHE_DIR, else the user's
    cache folder), so that later runs need not import every country's holidays."""
    import os

    import platformdirs

    from ..planner import holiday_tables

    folder = os.environ.get("FOLLOWUP_CACHE_DIR") or platformdirs.user_cache_dir(
        "followup", appauthor=False
    )
    holiday_tables.use_folder(Path(folder))


def print_json(data: object) -> None:
    """JSON on stdout, UTF-8: indented for a person at a terminal, compact for a pipe
    or a file. orjson encodes several times faster than the standard library; non-str
    keys become strings, as `json.dumps` does."""
    import orjson

    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_APPEND_NEWLINE
    if sys.stdout.isatty():
        options |= orjson.OPT_INDENT_2
    encoded = orjson.dumps(data, option=options)
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:  # a text-only stream (a test's StringIO)
        sys.stdout.write(encoded.decode())
        return
    sys.stdout.flush()  # what was written as text goes out first
    binary.write(encoded)
    binary.flush()


def _print_plan(journal: Journal, as_of: date, output: str) -> int:
    from ..planner.plan import plan, plan_to_dict

    result = plan(journal, as_of)
    if output == "json":
        print_json(plan_to_dict(result))
        return 0
    from .render import print_plan  # Rich is imported only for the text view

    print_plan(result)
    return 0


__all__ = ["cmd_demo", "cmd_plan"]
