"""The `followup` command line: thin commands over library calls.

Each command is a function whose docstring is its help (with an example). Errors
are typed (`CliError` and the planner's `JournalError`) and turned into a message on
stderr and an exit code in one place, `main`: never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import inspect
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import NoReturn

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
    """argparse type for a day: 2026-12-01, or as people say it (today, fri, +3d)."""
    from ..dates import DateError, read_day
    from ..planner.journal import FIRST_YEAR, LAST_YEAR

    try:
        day = read_day(text, date.today())
    except DateError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
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
        metavar="DAY",
        help=f"as of this day (2026-12-01, fri, +3d, …; default: {default})",
    )


class _Version(argparse.Action):
    """`--version`, looked up only when asked (package metadata is slow to load)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        print(f"followup {version('followup')}")
        parser.exit()


def build_parser(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The parser, and each command's own (its usage is the one shown on its errors).
    With `only`, just that command gets its options: the others' (and the modules
    their help texts need) would cost start-up time for nothing."""
    parser = argparse.ArgumentParser(
        prog="followup",
        description="Plan and log job-search follow-ups: when, how, with whom, and when to move on.",
        epilog="`followup help COMMAND` explains a command, with examples.",
    )
    parser.add_argument("--version", action=_Version)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands: dict[str, argparse.ArgumentParser] = {}
    for name, (func, configure) in COMMANDS.items():
        doc = inspect.cleandoc(func.__doc__ or "")
        sub = subparsers.add_parser(
            name,
            help=doc.splitlines()[0] if doc else None,
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if only in (None, name):
            configure(sub)
        sub.set_defaults(func=func)
        commands[name] = sub
    return parser, commands


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """' Did you mean today?' for a near miss, else nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(known), n=3, cutoff=0.6)
    return f" Did you mean {' or '.join(close)}?" if close else ""


def _unknown_command(argv: list[str]) -> str | None:
    """The error for a first word that is no command (argparse would list them all)."""
    first = argv[0] if argv else "-"
    if first.startswith("-") or first in COMMANDS:
        return None  # options before any command are argparse's to read
    return f"'{first}' is not a followup command.{did_you_mean(first, COMMANDS)}"


def _unrecognized(sub: argparse.ArgumentParser, extras: list[str]) -> str:
    """'unrecognized: --outcom. Did you mean --outcome?' against the command's own flags."""
    flags = [flag for action in sub._actions for flag in action.option_strings]
    hints = "".join(_flag_hint(x.split("=")[0], flags) for x in extras if x.startswith("--"))
    return f"unrecognized arguments: {' '.join(extras)}.{hints}"


def _flag_hint(given: str, flags: list[str]) -> str:
    """A flag that ends like the one given comes first (--kind: --employer-kind), then
    the near misses (--outcom: --outcome)."""
    ending = [flag for flag in flags if flag.endswith("-" + given.lstrip("-"))]
    return f" Did you mean {' or '.join(ending)}?" if ending else did_you_mean(given, flags)


def parse(argv: list[str]) -> argparse.Namespace:
    """The arguments, or an exit with the usage of the command they were meant for."""
    parser, commands = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args, extras = parser.parse_known_args(argv)
    if extras:
        commands[args.command].error(_unrecognized(commands[args.command], extras))
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `followup` console script."""
    # Importing a command module registers its commands; --help lists them in this order.
    from . import commands, digest, today, record, journal, feeds, imports, serve, worklog, insights  # noqa: F401, I001
    from . import corrections  # noqa: F401  (edit, remove, contacts: registers itself)
    from . import browse, offer, shell, mail  # noqa: F401

    words = list(sys.argv[1:] if argv is None else argv)
    _INVOCATION[:] = words
    unknown = _unknown_command(words)
    if unknown:
        print(f"error: {unknown} (see followup --help)", file=sys.stderr)
        return EXIT_INVALID
    args = parse(words)
    _QUICK_EXIT[0] = args.func.__name__ in QUICK_EXIT
    one_shot = args.func.__name__ not in LONG_RUNNING and gc.isenabled()
    if one_shot:
        _collector_off()
    try:
        code: int = args.func(args)
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `followup list | head`: the reader has had enough
        sys.stderr.close()
        return 0
    except Exception as error:
        if not _is_journal_error(error):
            raise
        for problem in error.problems:  # type: ignore[attr-defined]
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_INVALID
    finally:
        if one_shot:  # as it was, for a caller that goes on (the tests call main)
            _collector_on()
    return code


def run() -> NoReturn:
    """The console script (and `python -m followup`): `main`, then the exit.

    A command of QUICK_EXIT ends its process as soon as its output is flushed, without
    freeing what it built: taking a 5,000-application journal and its plan apart
    object by object was 30-40 ms of `followup plan`, for memory the system takes
    back anyway. Other commands exit normally (a database connection is closed, a
    SQLite write-ahead log checkpointed).
    """
    code = main()
    if not _QUICK_EXIT[0]:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # `followup plan | head`: the reader has had enough
        pass
    os._exit(code)


# Commands that open no database and no file for writing: nothing to close at exit.
QUICK_EXIT = frozenset({"cmd_plan", "cmd_demo"})
_QUICK_EXIT = [False]  # whether the command that ran is one of them


# The arguments of the command being run, for a command that must run itself again.
_INVOCATION: list[str] = []


def invocation() -> list[str]:
    return list(_INVOCATION)


# Commands that keep running (the web server, its worker processes forked from here)
# keep the cyclic garbage collector; every other command is one-shot.
LONG_RUNNING = frozenset({"cmd_serve"})


def _collector_off() -> None:
    """A one-shot command allocates a great many objects and exits: the cyclic GC's
    passes over them (50-110 ms for a large journal) free next to nothing that the
    end of the process would not. What was imported is frozen out of its sight."""
    gc.freeze()
    gc.disable()


def _collector_on() -> None:
    gc.unfreeze()
    gc.enable()


def _is_journal_error(error: Exception) -> bool:
    """A JournalError, checked without importing the planner (slow) to find out: if
    its module isn't loaded, nothing raised one."""
    journal = sys.modules.get("followup.planner.journal")
    return journal is not None and isinstance(error, journal.JournalError)
