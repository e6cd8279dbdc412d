"""The `followup` command line: thin commands over library calls.

Each command is a function whose docstring is its help (with an example). Errors
are typed (`CliError` and the planner's `JournalError`) and turned into a message on
stderr and an exit code in one place, `main`: never a traceback.
"""

from __future__ import annotations

import argparse
import inspect
import sys
from collections.abc import Callable, Sequence
from datetime import date

from ..planner.journal import FIRST_YEAR, LAST_YEAR, JournalError

EXIT_INVALID = 2  # bad input: a journal, a flag, a form
EXIT_FAILED = 1  # something we could not do


class CliError(Exception):
    """A failure to report to the user as a message, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[Command, Callable[[argparse.ArgumentParser], None]]] = {}


def command(configure: Callable[[argparse.ArgumentParser], None]) -> Callable[[Command], Command]:
    """Register a command; its name is the function's name, its help the docstring."""

    def register(func: Command) -> Command:
        COMMANDS[func.__name__.removeprefix("cmd_").replace("_", "-")] = (func, configure)
        return func

    return register


def iso_date(text: str) -> date:
    """argparse type for YYYY-MM-DD."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None
    # The journal's own range: holiday calendars and plans don't reach further.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"{text!r} is not between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def as_of_option(parser: argparse.ArgumentParser, default: str) -> None:
    """`--as-of YYYY-MM-DD`; `default` says what the command takes without it."""
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        help=f"as of this date (YYYY-MM-DD; default: {default})",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="followup",
        description="Plan and log job-search follow-ups: when, how, with whom, and when to move on.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (func, configure) in COMMANDS.items():
        doc = inspect.cleandoc(func.__doc__ or "")
        sub = subparsers.add_parser(
            name,
            help=doc.splitlines()[0] if doc else None,
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        configure(sub)
        sub.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `followup` console script."""
    # Importing a command module registers its commands; --help lists them in this order.
    from . import commands, digest, today, record, journal, feeds, imports, serve, worklog, mail  # noqa: F401, I001

    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except JournalError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    return code
