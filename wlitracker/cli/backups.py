"""Commands on the journal file itself: ``backup``, ``backups``, ``restore``.

They get a ``BackupManager`` instead of a ``Journal``: a damaged journal cannot be
opened, yet it is exactly when a restore is needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .. import APP_NAME

if TYPE_CHECKING:
    from ..storage.backups import BackupManager
from .common import Subparsers, _dump


def add_parsers(commands: Subparsers) -> None:
    # Backup commands get a BackupManager instead of a Journal (see run_backups): a
    # damaged journal cannot be opened, yet it is exactly when a restore is needed.
    backup = commands.add_parser("backup", help="back up the journal now")
    backup.add_argument(
        "-o", "--output", metavar="PATH", help="a new file or a folder (default: backups folder)"
    )
    backup.set_defaults(backup_run=cmd_backup)
    backups = commands.add_parser("backups", help="list the backups, newest first")
    backups.add_argument("--json", action="store_true")
    backups.set_defaults(backup_run=cmd_backups)
    restore = commands.add_parser(
        "restore", help="replace the journal with a backup (the current one is kept)"
    )
    restore.add_argument("path", metavar="PATH", help="a backup file (see: backups)")
    restore.set_defaults(backup_run=cmd_restore)


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def cmd_backup(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    made = backups.back_up(Path(args.output) if args.output else None)
    out.write(f"Backed up to {made.path} ({format_size(made.size)})\n")
    return 0


def cmd_backups(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    found = backups.list_backups()
    if args.json:
        _dump(
            [
                {
                    "path": str(b.path),
                    "taken_at": b.taken_at.isoformat(timespec="minutes"),
                    "size": b.size,
                    "kind": b.kind,
                }
                for b in found
            ],
            out,
        )
        return 0
    if not found:
        out.write(f"No backups yet in {backups.folder}. Make one with: {APP_NAME} backup\n")
        return 0
    out.write(f"Backups in {backups.folder} (newest first):\n")
    for b in found:
        kind = "  (before a restore)" if b.kind != "backup" else ""
        out.write(f"{b.label}  {format_size(b.size):>10}  {b.path}{kind}\n")
    return 0


def cmd_restore(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    result = backups.restore(Path(args.path))
    out.write(result.describe() + "\n")
    return 0
