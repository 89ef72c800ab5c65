"""Backups of the journal: consistent copies, verified, rotated, and restored safely.

Where backups go: the folder the user chose (the ``backup_folder`` preference),
else ``backups/`` beside the database. For the default database that is the
``backups`` folder of the user data directory; for ``--db PATH`` (or
``$WLITRACKER_DB``) it is ``<folder of PATH>/backups/``, so a journal kept on a
USB stick keeps its backups with it.

Files are named after the database and the time they were taken,
``wlitracker-2026-03-16T0930.db`` (``<stem>-<date>T<HHMM>.db``), so two journals
sharing a folder never mix; copies kept before a restore are
``<stem>-before-restore-<date>T<HHMM>.db`` and are never rotated away.

Every copy is made with SQLite's backup API (a consistent snapshot even while
another connection writes), written owner-only (0600) under a hidden temporary
name, checked (``PRAGMA integrity_check`` and the wlitracker schema) and only
then renamed to its real name: a crash never leaves half a backup that looks
whole. Rotation keeps the latest copy of each of the last 14 days with backups
and of each of the last 12 months.

Restoring validates the chosen file on a private copy with the same rules as
opening a journal (a wlitracker database, not from a newer version, migrated if
older), keeps a safety copy of the current journal, then copies the backup into
the live file with the backup API (one transaction: all or nothing). A damaged
journal is never overwritten: it is renamed aside (``.damaged-<time>``) first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..core.clock import local_now
from ..core.files import journal_file_of
from .backup_files import (
    _fsync,
    _os_problem,
    _remove_with_side_files,
    copy_into,
    default_folder,
    integrity_problems,
    is_damaged,
    keep_aside,
    prepare_restore,
    read_folder_preference,
    verify,
    write_copy,
)
from .backup_model import (
    KEEP_DAILY,
    KEEP_MONTHLY,
    SAFETY_INFIX,
    STALE_TEMP_SECONDS,
    STAMP_FORMAT,
    TEMP_SUFFIX,
    Backup,
    BackupError,
    Clock,
    Kind,
    RestoreResult,
)

log = logging.getLogger(__name__)


# --- naming and rotation -----------------------------------------------------------------


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(stem)}-(?P<safety>{SAFETY_INFIX})?"
        r"(?P<stamp>\d{4}-\d{2}-\d{2}T\d{4})(?:-(?P<seq>\d+))?\.db$"
    )


def _parse(pattern: re.Pattern[str], path: Path) -> tuple[dt.datetime, int, Kind] | None:
    match = pattern.match(path.name)
    if match is None:
        return None
    try:
        taken = dt.datetime.strptime(match["stamp"], STAMP_FORMAT)
    except ValueError:
        return None
    kind: Kind = "before restore" if match["safety"] else "backup"
    return taken, int(match["seq"] or 0), kind


def _newest_first(backups: Iterable[Backup]) -> list[Backup]:
    return sorted(backups, key=lambda b: (b.taken_at, b.seq, b.path.name), reverse=True)


def rotation(
    backups: Sequence[Backup], keep_daily: int = KEEP_DAILY, keep_monthly: int = KEEP_MONTHLY
) -> list[Backup]:
    """The regular backups to remove: all but the latest of each of the last ``keep_daily``
    days and of each of the last ``keep_monthly`` months (days and months that have
    backups, so a journal left alone for a while keeps its last copies). Every copy
    of the newest day stays, so "Back up now" never removes one made earlier that
    day. Copies made before a restore are never removed.
    """
    regular = _newest_first(b for b in backups if b.kind == "backup")
    days: dict[dt.date, Backup] = {}
    months: dict[tuple[int, int], Backup] = {}
    for backup in regular:  # newest first: the first seen of a day or month is its latest
        days.setdefault(backup.taken_at.date(), backup)
        months.setdefault((backup.taken_at.year, backup.taken_at.month), backup)
    keep = {b.path for b in list(days.values())[:keep_daily]}
    keep |= {b.path for b in list(months.values())[:keep_monthly]}
    if regular:
        newest_day = regular[0].taken_at.date()
        keep |= {b.path for b in regular if b.taken_at.date() == newest_day}
    return [b for b in regular if b.path not in keep]


# --- the manager -------------------------------------------------------------------------


class BackupManager:
    """Backups of one journal file: make, list, rotate, restore.

    ``folder`` is the folder the user chose (``None``: the default beside the
    database); ``remember_folder`` is called when the user chooses another one,
    so the choice is stored as a preference. ``clock`` gives the local time.
    """

    def __init__(
        self,
        db_path: Path,
        folder: Path | None = None,
        *,
        clock: Clock = local_now,
        remember_folder: Callable[[Path | None], None] | None = None,
        also_open: Sequence[Path] = (),
    ) -> None:
        self.db_path = Path(db_path).expanduser().absolute()
        # Journals never read as a backup nor written over: this one and any other open.
        self.protected = (self.db_path, *(Path(p) for p in also_open))
        self.chosen_folder = Path(folder).expanduser().absolute() if folder else None
        self.clock = clock
        self._remember = remember_folder

    @classmethod
    def for_database(cls, db_path: Path, *, clock: Clock = local_now) -> BackupManager:
        """A manager for a journal that may not open: the folder preference is read raw."""
        return cls(db_path, read_folder_preference(db_path), clock=clock)

    @property
    def folder(self) -> Path:
        return self.chosen_folder or default_folder(self.db_path)

    @property
    def stem(self) -> str:
        return self.db_path.stem or "wlitracker"

    def set_folder(self, folder: Path | None) -> None:
        """Use ``folder`` from now on (``None``: back to the default); it must be writable."""
        if folder is not None:
            folder = Path(folder).expanduser().absolute()
            try:
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            except OSError as error:
                raise _os_problem("use the folder", folder, error) from None
            if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
                raise BackupError(f"Cannot write backups into {folder}; choose another folder.")
        self.chosen_folder = folder
        if self._remember is not None:
            self._remember(folder)

    # listing

    def _scan(self, folder: Path) -> Iterator[Backup]:
        pattern = _pattern(self.stem)
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            parsed = _parse(pattern, Path(entry.path))
            if parsed is None:
                continue
            try:
                if not entry.is_file():
                    continue
                size = entry.stat().st_size
            except OSError:
                continue
            taken, seq, kind = parsed
            yield Backup(Path(entry.path), taken, size, kind, seq)

    def list_backups(self) -> list[Backup]:
        """The backups of this journal in its folder, newest first."""
        return _newest_first(self._scan(self.folder))

    def latest_good(self) -> Backup | None:
        """The newest backup that passes verification (older ones are tried in turn)."""
        for backup in self.list_backups():
            try:
                verify(backup.path)
            except BackupError as error:
                log.warning("skipping a backup that does not verify: %s", error)
                continue
            return backup
        return None

    # making backups

    def _target(self, now: dt.datetime, infix: str = "", folder: Path | None = None) -> Path:
        """A new file name in ``folder`` (default: the backups folder) for a copy taken ``now``."""
        folder = folder or self.folder
        base = f"{self.stem}-{infix}{now.strftime(STAMP_FORMAT)}"
        target = folder / f"{base}.db"
        seq = 1
        while target.exists():
            seq += 1
            target = folder / f"{base}-{seq}.db"
        return target

    def _ensure_folder(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise _os_problem("create the backup folder", self.folder, error) from None

    def back_up(self, output: Path | None = None) -> Backup:
        """Copy the journal now: into the backups folder (then rotate), or to ``output``.

        ``output`` may be a folder (the usual name is used inside it) or a new file name.
        """
        now = self.clock()
        if not self.db_path.is_file():
            raise BackupError(f"There is no journal at {self.db_path} to back up.")
        if output is None:
            self._ensure_folder()
            target = self._target(now)
        else:
            output = Path(output).expanduser()
            target = self._target(now, folder=output) if output.is_dir() else output
            if journal_file_of(target, self.protected) is not None:
                raise BackupError(
                    f"{target} is the journal or one of its own files; choose another name."
                )
            if target.exists():
                raise BackupError(f"{target} already exists; choose another name.")
        write_copy(self.db_path, target)
        log.info("backed up %s to %s", self.db_path, target)
        if output is None:
            self.rotate()
        parsed = _parse(_pattern(self.stem), target)
        seq = parsed[1] if parsed else 0
        return Backup(target, now.replace(second=0, microsecond=0), target.stat().st_size, seq=seq)

    def auto_backup(self) -> Backup | None:
        """The automatic backup: at most one a day; ``None`` when today's exists already."""
        today = self.clock().date()
        if not self.db_path.is_file():
            return None
        if any(b.kind == "backup" and b.taken_at.date() == today for b in self.list_backups()):
            return None
        return self.back_up()

    def rotate(self) -> list[Path]:
        """Remove regular backups beyond the 14 daily and 12 monthly ones, and stale temp files."""
        removed: list[Path] = []
        for backup in rotation(self.list_backups()):
            try:
                backup.path.unlink()
            except OSError as error:
                log.warning("cannot remove old backup %s: %s", backup.path, error)
                continue
            removed.append(backup.path)
        cutoff = dt.datetime.now().timestamp() - STALE_TEMP_SECONDS
        for partial in self.folder.glob(f".{self.stem}-*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if partial.stat().st_mtime < cutoff:
                    partial.unlink()
        return removed

    # restoring

    def restore(self, source: Path) -> RestoreResult:
        """Replace the journal with ``source`` after checking it; the current one is kept.

        Nothing changes unless the backup is a sound wlitracker journal that this
        version can open. A readable journal is first saved as a verified
        ``before-restore`` backup; a damaged one is renamed aside, never overwritten.
        """
        source = Path(source).expanduser().absolute()
        live = self.db_path
        if journal_file_of(source, self.protected) is not None:  # before a byte is read
            raise BackupError(
                f"{source} is the journal itself or one of its own files; "
                "choose a backup to restore."
            )
        prepared = prepare_restore(source, live.parent)
        try:
            safety: Path | None = None
            damaged: Path | None = None
            if not live.exists():
                os.replace(prepared, live)
            elif is_damaged(live):
                damaged = keep_aside(live, self.clock())
                os.replace(prepared, live)
            else:
                self._ensure_folder()
                safety = self._target(self.clock(), SAFETY_INFIX)
                write_copy(live, safety)
                copy_into(prepared, live)
            _fsync(live.parent, directory=True)
        except OSError as error:
            raise _os_problem("restore into", live, error) from None
        finally:
            _remove_with_side_files(prepared)
        result = RestoreResult(live, source, safety, damaged)
        log.info("%s", result.describe())
        return result

    def restore_latest(self) -> RestoreResult:
        backup = self.latest_good()
        if backup is None:
            raise BackupError(f"There is no usable backup in {self.folder}.")
        return self.restore(backup.path)


__all__ = [
    "Backup",
    "BackupError",
    "BackupManager",
    "RestoreResult",
    "default_folder",
    "integrity_problems",
    "is_damaged",
    "read_folder_preference",
    "rotation",
    "verify",
    "write_copy",
]
