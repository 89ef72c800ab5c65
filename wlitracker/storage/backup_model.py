"""What a backup is: its file, when it was taken, what kind; the errors and constants shared."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.model.errors import DatabaseError

FOLDER_NAME = "backups"
KEEP_DAILY = 14
KEEP_MONTHLY = 12
STAMP_FORMAT = "%Y-%m-%dT%H%M"
SAFETY_INFIX = "before-restore-"
DAMAGED_INFIX = ".damaged-"
TEMP_SUFFIX = ".partial"
STALE_TEMP_SECONDS = 3600
SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6

Clock = Callable[[], dt.datetime]
Kind = Literal["backup", "before restore"]


class BackupError(DatabaseError):
    """A backup or a restore could not be made; the message says why, nothing was replaced."""


@dataclass(frozen=True)
class Backup:
    """One backup file in the backups folder (or written elsewhere with ``-o``)."""

    path: Path
    taken_at: dt.datetime
    size: int
    kind: Kind = "backup"
    seq: int = 0  # 2, 3... for further copies taken in the same minute

    @property
    def label(self) -> str:
        """When it was taken, for people: ``2026-03-16 09:30``."""
        return self.taken_at.strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: where the journal came from and where the old one was kept."""

    database: Path
    source: Path
    safety_copy: Path | None  # the journal as it was (a verified backup), if it was readable
    damaged_copy: Path | None  # the damaged journal, renamed aside, if it was damaged

    def describe(self) -> str:
        text = f"Restored {self.database} from {self.source}."
        if self.safety_copy is not None:
            text += f" The journal as it was before is kept in {self.safety_copy}."
        if self.damaged_copy is not None:
            text += f" The damaged file was kept as {self.damaged_copy}."
        return text
