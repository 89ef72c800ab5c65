"""What a sync needs from the journal's storage and from the folder, as protocols.

The SQLite journal (``storage.sync_store``) and the folder (``wlitracker.sync.folder``)
implement them; ``core.services.sync`` runs a sync through them and knows neither.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from ..model.errors import WliError
from .changes import Change, Value
from .clock import HybridClock


class SyncError(WliError):
    """A sync that could not run (folder missing or read-only, wrong passphrase...).

    Nothing in the journal was changed by it. ``field`` names what to change ("encryption"
    when unencrypted sync must be chosen or left out), for the command line's words."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.detail = message


@dataclass(frozen=True)
class SyncState:
    """This journal's part in a sync folder."""

    device: str
    device_name: str
    journal: str
    encrypted: bool
    clock: tuple[int, int]
    next_seq: int
    last_sync: dt.datetime | None = None


@dataclass(frozen=True)
class ApplyResult:
    registers: int = 0  # registers whose value changed
    rows: int = 0  # rows of the journal written or deleted
    conflicts: int = 0  # versions kept in the history because another computer's won


@dataclass(frozen=True)
class HistoryEntry:
    """A value that is no longer shown because a version from another computer won."""

    table: str
    key: tuple[str, str]
    column: str
    shown: Value
    other: Value
    other_device: str
    other_at: dt.datetime
    conflict: bool


class ChangeStore(Protocol):
    def transaction(self) -> AbstractContextManager[None]: ...
    def is_demo(self) -> bool: ...
    def state(self) -> SyncState | None: ...
    def enable(self, journal: str, device_name: str, encrypted: bool) -> SyncState: ...
    def install_capture(self) -> list[str]: ...
    def collect(self, clock: HybridClock) -> list[Change]: ...
    def apply(self, changes: Sequence[Change]) -> ApplyResult: ...
    def seen(self) -> set[str]: ...
    def mark_seen(self, files: Iterable[tuple[str, str, int]]) -> None: ...
    def acknowledged(self) -> dict[str, int]: ...
    def save_progress(self, clock: tuple[int, int], next_seq: int, at: dt.datetime) -> None: ...
    def remember_devices(self, names: Mapping[str, str]) -> None: ...
    def device_names(self) -> dict[str, str]: ...
    def history(self, limit: int = 50) -> list[HistoryEntry]: ...


@dataclass(frozen=True)
class FolderHeader:
    """The folder's one shared file: which journal it carries and how it is sealed."""

    journal: str
    encrypted: bool


@dataclass(frozen=True)
class ChangeSet:
    """One file of changes, read and checked. ``covers``: the sequence numbers of its
    device it stands for (one, or a range for a compacted snapshot)."""

    name: str
    device: str
    device_name: str
    seq: int
    covers: tuple[int, int]
    schema: int
    changes: tuple[Change, ...] = field(default=())


class SyncFolder(Protocol):
    path: Path

    def read_header(self) -> FolderHeader | None: ...
    def create_header(self, journal: str, passphrase: str | None) -> FolderHeader: ...
    def unlock(self, header: FolderHeader, passphrase: str | None) -> None: ...
    def next_seq(self, device: str) -> int: ...
    def write_changes(
        self, device: str, device_name: str, seq: int, changes: Sequence[Change]
    ) -> tuple[str, int]: ...
    def unread(self, seen: set[str]) -> list[str]: ...
    def read(self, name: str) -> ChangeSet: ...
    def write_acknowledged(self, device: str, seen: Mapping[str, int]) -> None: ...
    def acknowledgements(self) -> dict[str, dict[str, int]]: ...
    def own_files(self, device: str) -> list[tuple[str, tuple[int, int]]]: ...
    def compact(self, device: str, device_name: str, upto: int) -> str | None: ...
