"""``sync``: merge this journal with the other computers' through a folder.

It gets a ``SyncActions`` from the composition root rather than the journal: a sync runs
on a connection of its own, in one transaction, like the window's (see ``app.SyncActions``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TextIO

from ..core.sync.ports import SyncError

if TYPE_CHECKING:
    from ..core.services.sync import SyncReport
    from ..core.sync.ports import HistoryEntry, SyncState

from .common import Subparsers, _dump


class SyncActions(Protocol):
    def folder(self) -> Path | None: ...
    def set_folder(self, folder: Path | None) -> None: ...
    def passphrase(self, folder: Path) -> str | None: ...
    def run(self, folder: Path, passphrase: str | None, encrypt: bool = True) -> SyncReport: ...
    def status(self) -> SyncState | None: ...
    def history_lines(self, limit: int = 20) -> list[str]: ...
    def history(self, limit: int = 20) -> list[HistoryEntry]: ...


def add_parsers(commands: Subparsers) -> None:
    sync = commands.add_parser(
        "sync",
        help="merge with your other computers through a folder (Syncthing, Nextcloud, USB)",
        description="Send this journal's changes to the sync folder and merge the changes "
        "of your other computers. The folder is remembered; the passphrase is read from "
        "WLITRACKER_SYNC_PASSPHRASE (or the system keyring).",
    )
    sync.add_argument(
        "--folder", metavar="DIR", help="the sync folder (remembered; default: the last one)"
    )
    sync.add_argument(
        "--no-encryption",
        action="store_true",
        help="sync through an unencrypted folder (anyone who can read it reads your journal)",
    )
    sync.add_argument("--history", action="store_true", help="list values other computers replaced")
    sync.add_argument("--json", action="store_true", help="the report as JSON")
    sync.set_defaults(sync_run=cmd_sync)


def cmd_sync(actions: SyncActions, args: argparse.Namespace, out: TextIO) -> int:
    if args.history:
        lines = actions.history_lines(50)
        out.write(
            "\n".join(lines) + "\n" if lines else "No value was replaced by another computer.\n"
        )
        return 0
    folder = Path(args.folder).expanduser() if args.folder else actions.folder()
    if folder is None:
        raise SyncError("Choose the sync folder: wlitracker sync --folder DIR")
    encrypt = not args.no_encryption
    report = actions.run(folder, actions.passphrase(folder) if encrypt else None, encrypt)
    if args.folder:
        actions.set_folder(folder)
    if args.json:
        _dump(
            {
                "folder": str(report.folder),
                "at": report.at.isoformat(timespec="seconds"),
                "sent": report.sent,
                "bytes_written": report.bytes_written,
                "files_read": report.files_read,
                "received": report.received,
                "rows": report.rows,
                "conflicts": report.conflicts,
                "warnings": list(report.warnings),
            },
            out,
        )
    else:
        out.write("\n".join(report.describe()) + "\n")
    return 0
