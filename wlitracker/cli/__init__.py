"""The command line: argparse over the core services, nothing more.

Each command takes the already-opened ``Journal`` and writes to stdout; input
problems surface as ``WliError`` and become exit status 2 in ``app.py``. The
commands live in a module each by what they touch; this module builds the parser
from them and runs the one chosen.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from .. import APP_NAME, __version__
from . import backups, checkins, experiments, files, sync
from .common import Command, Parser, UsageError, error_text

if TYPE_CHECKING:
    from ..core.services.journal import Journal
    from ..storage.backups import BackupManager


def build_parser() -> Parser:
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
    for part in (checkins, experiments, files, backups, sync):
        part.add_parsers(commands)
    return parser


def run_backups(manager: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``backup``, ``backups`` or ``restore``: they work on the file, not the journal."""
    command: Callable[[BackupManager, argparse.Namespace, TextIO], int] = args.backup_run
    return command(manager, args, out)


def run_sync(actions: sync.SyncActions, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``sync``: on a connection of its own, like the window's background sync."""
    return sync.cmd_sync(actions, args, out)


def run(journal: Journal, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    command: Command = args.run
    return command(journal, args, out)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)


__all__ = [
    "Command",
    "Parser",
    "UsageError",
    "build_parser",
    "error_text",
    "parse",
    "run",
    "run_backups",
    "run_sync",
]
