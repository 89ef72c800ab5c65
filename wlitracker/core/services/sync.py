"""One sync: send this journal's new changes to the folder, merge everyone else's.

Everything happens in one transaction of the journal: if anything fails (the folder is
read-only, the disk is full, the passphrase is wrong), the journal is as it was and the
next sync starts again. A change set that cannot be read (still arriving, cut short,
altered, written by a newer version) is skipped with a warning naming it, and read at a
later sync. Which value wins is decided by ``core.sync.merge``; storage and folder are
reached through the protocols of ``core.sync.ports``.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..clock import local_now
from ..sync.changes import Change
from ..sync.clock import HybridClock, wall_ms
from ..sync.ports import ChangeSet, ChangeStore, FolderHeader, SyncError, SyncFolder
from ..sync.registry import SYNC_SCHEMA

log = logging.getLogger(__name__)

COMPACT_AFTER = 50  # own change sets every device has read, before they become one snapshot
SKEW_WARNING_MS = 60 * 60 * 1000


@dataclass(frozen=True)
class SyncReport:
    folder: Path
    at: dt.datetime
    sent: int = 0  # changes this journal sent
    bytes_written: int = 0
    files_read: int = 0
    received: int = 0  # changes read from other computers
    rows: int = 0  # rows of the journal written by the merge
    conflicts: int = 0
    set_up: bool = False  # the folder was set up by this sync
    compacted: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return self.rows > 0

    def describe(self) -> list[str]:
        lines = []
        if self.set_up:
            lines.append(f"Set up the sync folder {self.folder}.")
        lines.append(
            f"Sent {self.sent} change{'s' * (self.sent != 1)}; "
            f"received {self.received} from {self.files_read} "
            f"file{'s' * (self.files_read != 1)}"
            + (
                f"; {self.rows} row{'s' * (self.rows != 1)} of the journal updated."
                if self.rows
                else "; the journal was already up to date."
            )
        )
        if self.conflicts:
            lines.append(
                f"{self.conflicts} value{'s were' if self.conflicts != 1 else ' was'} changed "
                "on two computers at once: the later one is shown, the other is kept in "
                "the history (Settings, Sync)."
            )
        lines.extend(f"Warning: {w}" for w in self.warnings)
        return lines


class SyncService:
    """Runs a sync of one journal (``store``) with one folder (``folder``)."""

    def __init__(
        self,
        store: ChangeStore,
        folder: SyncFolder,
        journal_path: Path | None,
        device_name: str,
        wall: Callable[[], int] = wall_ms,
        now: Callable[[], dt.datetime] = local_now,
    ) -> None:
        self.store = store
        self.folder = folder
        self.journal_path = journal_path
        self.device_name = device_name
        self._wall = wall
        self._now = now

    def _check_folder(self) -> None:
        if self.journal_path is None:
            return
        folder = self.folder.path.resolve()
        journal = self.journal_path.resolve()
        if journal.is_relative_to(folder):
            raise SyncError(
                f"The journal {journal} is inside the sync folder {folder}. A file-sync tool "
                "would copy it while it is being written; choose a folder that does not "
                "hold the journal (the journal itself never goes into the sync folder)."
            )

    def header(self, encrypt: bool, passphrase: str | None) -> tuple[FolderHeader, bool]:
        """The folder's header, set up now if the folder is new; refuses another journal's
        folder, and an unencrypted one unless that was asked for."""
        state = self.store.state()
        header = self.folder.read_header()
        created = False
        if header is None:
            if encrypt and not passphrase:
                raise SyncError(
                    "Choose a passphrase to encrypt the sync folder (on the command line in "
                    "WLITRACKER_SYNC_PASSPHRASE), or choose unencrypted sync explicitly.",
                    "passphrase",
                )
            journal = state.journal if state is not None else secrets.token_hex(16)
            header = self.folder.create_header(journal, passphrase if encrypt else None)
            created = True
        if state is not None and state.journal != header.journal:
            raise SyncError(
                f"The folder {self.folder.path} holds another journal's changes, not this "
                "one's. Choose the folder this journal syncs with, or an empty one."
            )
        if header.encrypted and not encrypt:
            raise SyncError(
                f"The sync folder {self.folder.path} is encrypted: sync it encrypted, with "
                "its passphrase.",
                "encryption",
            )
        if not header.encrypted and (encrypt or (state is not None and state.encrypted)):
            if state is not None and state.encrypted:
                raise SyncError(
                    f"The sync folder {self.folder.path} says it is not encrypted, but this "
                    "journal has synced through it encrypted: refused, nothing was sent."
                )
            raise SyncError(
                f"The sync folder {self.folder.path} is not encrypted. To sync through it "
                "anyway, choose unencrypted sync explicitly.",
                "encryption",
            )
        return header, created

    def run(self, passphrase: str | None, encrypt: bool = True) -> SyncReport:
        if self.store.is_demo():
            raise SyncError(
                "This is the demo journal: it does not sync, so nothing of it reaches your "
                "real journal's folder. Leave the demo to sync your journal."
            )
        self._check_folder()
        header, created = self.header(encrypt, passphrase)
        self.folder.unlock(header, passphrase if header.encrypted else None)
        with self.store.transaction():
            state = self.store.enable(header.journal, self.device_name, header.encrypted)
            self.store.install_capture()
            clock = HybridClock(state.device, state.clock, self._wall)
            # Everything of this device that is in the folder but not in this journal (after
            # a restore from a backup) is read back like another device's.
            seen = self.store.seen()
            warnings: list[str] = []
            sets = self._read(seen, warnings)
            sent = self.store.collect(clock)
            seq = max(state.next_seq, self.folder.next_seq(state.device))
            written = 0
            if sent:
                name, written = self.folder.write_changes(
                    state.device, state.device_name, seq, sent
                )
                self.store.mark_seen([(name, state.device, seq)])
                seq += 1
            received: list[Change] = []
            marks = []
            for change_set in sets:
                if change_set.schema > SYNC_SCHEMA:
                    warnings.append(
                        f"{change_set.name} was written by a newer version of wlitracker "
                        f"on {change_set.device_name}; update wlitracker here to read it "
                        "(it is kept and read after the update)."
                    )
                    continue
                received.extend(change_set.changes)
                first, last = change_set.covers
                marks.append((change_set.name, change_set.device, -last if first != last else last))
            self.store.remember_devices(
                {s.device: s.device_name for s in sets if s.schema <= SYNC_SCHEMA}
            )
            result = self.store.apply(received)
            for change in received:
                clock.receive(change.stamp)
            self._warn_skew(received, warnings)
            self.store.mark_seen(marks)
            at = self._now()
            self.store.save_progress(clock.last, seq, at)
            compacted = self._acknowledge_and_compact(state.device, state.device_name)
        return SyncReport(
            self.folder.path,
            at,
            sent=len(sent),
            bytes_written=written,
            files_read=len(marks),
            received=len(received),
            rows=result.rows,
            conflicts=result.conflicts,
            set_up=created,
            compacted=compacted,
            warnings=tuple(warnings),
        )

    def _read(self, seen: set[str], warnings: list[str]) -> list[ChangeSet]:
        acknowledged = self.store.acknowledged()
        out = []
        for name in self.folder.unread(seen):
            covers = _snapshot_range(name)
            if covers is not None:
                device = Path(name).parent.name
                if acknowledged.get(device, 0) >= covers[1]:
                    self.store.mark_seen([(name, device, -covers[1])])
                    continue  # every change set it stands for was read already
            try:
                out.append(self.folder.read(name))
            except SyncError as problem:
                log.warning("sync: %s", problem)
                warnings.append(str(problem))
        return out

    def _warn_skew(self, received: list[Change], warnings: list[str]) -> None:
        now = self._wall()
        ahead: dict[str, int] = {}
        for change in received:
            if change.stamp.ms - now > SKEW_WARNING_MS:
                ahead[change.stamp.device] = max(ahead.get(change.stamp.device, 0), change.stamp.ms)
        names = self.store.device_names()
        for device, ms in ahead.items():
            hours = (ms - now) / 3_600_000
            warnings.append(
                f"the clock of {names.get(device, device)} is about {hours:.0f} hours ahead "
                "of this computer's; changes still merge in the right order, but set its "
                "clock right."
            )

    def _acknowledge_and_compact(self, device: str, device_name: str) -> str | None:
        mine = self.store.acknowledged()
        self.folder.write_acknowledged(device, mine)
        others = self.folder.acknowledgements()
        others[device] = mine
        everyone = min(acks.get(device, 0) for acks in others.values())
        own = [c for _, c in self.folder.own_files(device) if c[1] <= everyone]
        if len(own) < COMPACT_AFTER:
            return None
        name = self.folder.compact(device, device_name, everyone)
        if name is not None:
            self.store.mark_seen([(name, device, -everyone)])
        return name


def _snapshot_range(name: str) -> tuple[int, int] | None:
    base = Path(name).name
    if not base.startswith("snapshot-"):
        return None
    try:
        first, last = base[len("snapshot-") :].split(".")[0].split("-")[:2]
        return int(first), int(last)
    except ValueError:
        return None
