"""The command line: argparse over the core services, nothing more.

Each command takes the already-opened ``Journal`` and writes to stdout; input
problems surface as ``WliError`` and become exit status 2 in ``app.py``. The
commands live in a module each by what they touch; this module builds the parser
from them and runs the one chosen.

A command starts light: when the arguments name a command, only the module that
defines it is imported and only its parsers are built (``log`` needs neither the
charts' specs nor the statistics). The top-level options and the command's own
parser are the same either way, so its help, its errors and its output are too;
``--help``, no command or an unknown one build the whole parser.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from .. import APP_NAME, __version__
from .common import Command, Parser, UsageError, error_text

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import TextIO

    from ..core.services.journal import Journal
    from ..storage.backups import BackupManager
    from .sync import SyncActions


# The modules defining commands, in the order --help lists them, and the commands of each
# (``tests/cli/test_light_start.py`` checks these against the parsers the modules build).
GROUPS: dict[str, tuple[str, ...]] = {
    "checkins": ("log", "show", "history"),
    "experiments": ("metric", "templates", "experiment", "evaluate"),
    "files": ("chart", "report", "export", "import", "demo"),
    "insights": ("insights",),
    "backups": ("backup", "backups", "restore"),
    "removals": ("remove",),
    "search": ("search", "tags"),
    "sync": ("sync",),
}

# Commands that log nothing of their own (see ``app.main``).
UNLOGGED_COMMANDS = GROUPS["checkins"]


def _group(name: str) -> ModuleType:
    """The module of a group, imported when it is needed (plain imports, so that
    packagers such as PyInstaller see every one)."""
    if name == "checkins":
        from . import checkins

        return checkins
    if name == "experiments":
        from . import experiments

        return experiments
    if name == "files":
        from . import files

        return files
    if name == "insights":
        from . import insights

        return insights
    if name == "backups":
        from . import backups

        return backups
    if name == "removals":
        from . import removals

        return removals
    if name == "search":
        from . import search

        return search
    if name == "sync":
        from . import sync

        return sync
    raise KeyError(name)


def build_parser(groups: Sequence[str] = tuple(GROUPS)) -> Parser:
    """The parser with the commands of ``groups`` (by default every command)."""
    parser = Parser(
        prog=APP_NAME,
        description="A private lab notebook for small work-life integration experiments. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $WLITRACKER_DB, else user data dir)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in groups:
        _group(name).add_parsers(commands)
    return parser


def command_group(argv: Sequence[str]) -> str | None:
    """The module of the command ``argv`` names, if the options before it are only --db."""
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest:
            rest.pop(0)
        elif arg.startswith("--db="):
            continue
        else:
            return next((g for g, names in GROUPS.items() if arg in names), None)
    return None


def run_backups(manager: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``backup``, ``backups`` or ``restore``: they work on the file, not the journal."""
    command: Callable[[BackupManager, argparse.Namespace, TextIO], int] = args.backup_run
    return command(manager, args, out)


def run_sync(actions: SyncActions, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``sync``: on a connection of its own, like the window's background sync."""
    from . import sync

    return sync.cmd_sync(actions, args, out)


def run(journal: Journal, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    command: Command = args.run
    return command(journal, args, out)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    arguments = sys.argv[1:] if argv is None else list(argv)
    group = command_group(arguments)
    return build_parser(tuple(GROUPS) if group is None else (group,)).parse_args(arguments)


__all__ = [
    "GROUPS",
    "UNLOGGED_COMMANDS",
    "Command",
    "Parser",
    "UsageError",
    "build_parser",
    "command_group",
    "error_text",
    "parse",
    "run",
    "run_backups",
    "run_sync",
]
