"""Living in the shell: `followup help COMMAND` and `followup completion SHELL`."""

from __future__ import annotations

import argparse

from . import COMMANDS, EXIT_INVALID, CliError, command, did_you_mean

SHELLS = ("bash", "zsh", "tcsh")


def _help_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("topic", metavar="COMMAND", nargs="?", help="the command to explain")


@command(_help_options)
def cmd_help(args: argparse.Namespace) -> int:
    """Explain a command, with examples (without COMMAND: list the commands).

    Example:
        followup help done
    """
    from . import build_parser

    parser, commands = build_parser()
    if args.topic is None:
        parser.print_help()
        return 0
    if args.topic not in commands:
        raise CliError(
            f"'{args.topic}' is not a followup command.{did_you_mean(args.topic, COMMANDS)}",
            EXIT_INVALID,
        )
    commands[args.topic].print_help()
    return 0


def _completion_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("shell", choices=SHELLS, help="your shell: " + ", ".join(SHELLS))


@command(_completion_options)
def cmd_completion(args: argparse.Namespace) -> int:
    """Print the shell script that completes followup's commands and options.

    Load it in your shell's start-up file, e.g. for bash in ~/.bashrc:

    Example:
        eval "$(followup completion bash)"
        followup completion zsh > ~/.zfunc/_followup
    """
    import shtab

    from . import build_parser

    parser, _ = build_parser()
    print(shtab.complete(parser, shell=args.shell))
    return 0
