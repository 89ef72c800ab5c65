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
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.clock import local_now
from ..core.errors import DatabaseError
from ..core.files import create_private, journal_file_of
from ..core.preferences import KEY_BACKUP_FOLDER
from .connection import Connection
from .database import (
    BUSY_TIMEOUT_MS,
    describe_sqlite_error,
    open_database,
    out_of_room,
    schema_version,
)
from .migrations import KNOWN

log = logging.getLogger(__name__)

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


# --- small helpers ---------------------------------------------------------------------


def _uri(path: Path, mode: str = "ro") -> str:
    return f"{path.absolute().as_uri()}?mode={mode}"


def _connect(target: str | Path, *, uri: bool = False) -> sqlite3.Connection:
    """Every connection this module opens (tests replace it to simulate a full disk)."""
    conn = sqlite3.connect(
        str(target), timeout=BUSY_TIMEOUT_MS / 1000, uri=uri, isolation_level=None
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _backup(src: sqlite3.Connection, dst: sqlite3.Connection) -> None:
    """SQLite's backup API in one step, giving up on a lock after the busy timeout.

    (Python's ``backup`` retries a busy database forever; the progress callback
    is the way to stop it.)
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000

    def progress(status: int, _remaining: int, _total: int) -> None:
        if status in (_SQLITE_BUSY, _SQLITE_LOCKED) and time.monotonic() > deadline:
            raise sqlite3.OperationalError("database is locked")

    src.backup(dst, progress=progress, sleep=0.05)


def _read_only(path: Path) -> sqlite3.Connection:
    return _connect(_uri(path), uri=True)


def _fsync(path: Path, directory: bool = False) -> None:
    """Push a file (or a folder's entries) to disk; best effort where the OS refuses."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def _create_private(path: Path) -> None:
    os.close(create_private(path))


def _os_problem(what: str, path: Path, error: OSError) -> BackupError:
    reason = error.strerror or str(error)
    return BackupError(f"Cannot {what} {path}: {reason}.")


def default_folder(db_path: Path) -> Path:
    """``backups/`` beside the database (the user data directory's for the default one)."""
    return Path(db_path).expanduser().absolute().parent / FOLDER_NAME


def read_folder_preference(db_path: Path) -> Path | None:
    """The chosen backup folder read straight from the file, for when the journal will not open.

    Returns ``None`` when none was chosen or the file cannot be read (a damaged one).
    """
    if not Path(db_path).is_file():
        return None
    try:
        conn = _read_only(Path(db_path))
        try:
            row = conn.execute(
                "SELECT value FROM settings WHERE key = ?", (KEY_BACKUP_FOLDER,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return Path(row[0]) if row and row[0] else None


def is_damaged(db_path: Path) -> bool:
    """Whether the file is corrupt or not a database at all (not merely locked or read-only).

    An empty file is an empty database, and another program's healthy database is
    a wrong choice of file rather than damage: neither counts.
    """
    path = Path(db_path)
    # Only SQLite reads the journal (see ``core.files``): a wrong header is its "not a database".
    try:
        if path.stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        conn = _read_only(path)
        try:
            problems = integrity_problems(conn, quick=True)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        text = str(error).lower()
        return any(word in text for word in ("malformed", "not a database", "corrupt"))
    return bool(problems)


_NULL_REPORT = re.compile(r"^NULL value in (\w+)\.(\w+)$")
_ALL_PROBLEMS = 1_000_000  # past the default 100, so false reports cannot hide real ones


def integrity_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """``PRAGMA integrity_check`` (or ``quick_check``): the problems found, none if sound.

    SQLite 3.40.0 to 3.41.0 wrongly report "NULL value in T.C" for a NOT NULL
    column of a WITHOUT ROWID table that comes before a primary-key column (as
    ``check_in_tags.position`` did); such a report counts only if a NULL is really
    there. Journals migrated past ``0003_key_columns_first`` no longer have that
    shape and check "ok" with any SQLite; the filter stays for backups and
    restores of files written before that step.
    """
    pragma = "quick_check" if quick else "integrity_check"
    rows = [str(row[0]) for row in conn.execute(f"PRAGMA {pragma}({_ALL_PROBLEMS})")]
    if rows == ["ok"]:
        return []
    problems = []
    for text in dict.fromkeys(rows):  # each distinct report once, in order
        match = _NULL_REPORT.match(text)
        if match is not None:
            table, column = match.groups()
            (really,) = conn.execute(
                f'SELECT EXISTS (SELECT 1 FROM "{table}" WHERE "{column}" IS NULL)'
            ).fetchone()
            if not really:
                continue
        problems.append(text)
    return problems


def _problem(path: Path) -> str | None:
    """What is wrong with a database file as a backup, or ``None`` if it is sound."""
    try:
        conn = _read_only(path)
        try:
            problems = integrity_problems(conn)
            applied = [] if problems else schema_version(Connection(conn, path))
        finally:
            conn.close()
    except sqlite3.Error as error:
        return f"it cannot be read ({error})"
    if problems:
        return "its integrity check failed (" + "; ".join(problems[:3]) + ")"
    if not applied:
        return "it is not a wlitracker journal"
    return None


def verify(path: Path) -> None:
    """Check a backup file: SQLite's integrity check passes and it is a wlitracker journal."""
    problem = _problem(path)
    if problem is not None:
        raise BackupError(f"The backup {path} is not usable: {problem}.")


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


# --- copying -------------------------------------------------------------------------------


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def write_copy(source: Path, target: Path) -> None:
    """Copy the database ``source`` to the new file ``target``: temp file, verify, rename.

    Only reads the source (through an ordinary connection, so its ``-wal`` is
    tidied up as usual on close); the copy is owner-only and a standalone file
    (rollback journal, no ``-wal`` beside it). On any failure nothing is left behind.
    """
    if not source.is_file():
        raise BackupError(f"There is no journal at {source} to back up.")
    temp = _temp_beside(target)
    try:
        _create_private(temp)
    except OSError as error:
        raise _os_problem("write a backup in", target.parent, error) from None
    try:
        try:
            _backup_into(_connect(source), temp)
            # The copy says "WAL" like its source; make it one standalone file.
            dst = _connect(temp)
            try:
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        except sqlite3.Error as error:
            raise _copy_problem(source, target, error) from None
        problem = _problem(temp)
        if problem is not None:
            raise BackupError(
                f"The copy of {source} did not pass verification ({problem}), so it was "
                f"removed and no backup was made. If {source.name} is damaged, restore a backup."
            )
        _fsync(temp)
        os.replace(temp, target)
        _fsync(target.parent, directory=True)
    except OSError as error:
        raise _os_problem("write the backup", target, error) from None
    finally:
        _remove_with_side_files(temp)


def _backup_into(src: sqlite3.Connection, target: Path) -> None:
    """Copy ``src`` over the database at ``target`` (SQLite's backup API); closes both."""
    with contextlib.closing(src), contextlib.closing(_connect(target)) as dst:
        _backup(src, dst)


def _copy_problem(source: Path, target: Path, error: sqlite3.Error) -> BackupError:
    text = str(error).lower()
    if out_of_room(error):
        return BackupError(
            f"The disk holding {target.parent} is full, or a quota or file-size limit was "
            "reached; the backup was not made. Free some space or choose another backup folder."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return BackupError(f"Cannot write a backup into {target.parent}: {error}.")
    return BackupError(str(describe_sqlite_error(source, error)))


def copy_into(source: Path, live: Path) -> None:
    """Copy a prepared database over the live journal in one transaction (backup API)."""
    try:
        _backup_into(_read_only(source), live)
    except sqlite3.Error as error:
        raise BackupError(
            f"{describe_sqlite_error(live, error)} The restore was not made."
        ) from None


def keep_aside(path: Path, now: dt.datetime) -> Path:
    """Rename a damaged journal (and its -wal/-shm files) to ``<name>.damaged-<time>``."""
    base = f"{path.name}{DAMAGED_INFIX}{now.strftime('%Y-%m-%dT%H%M%S')}"
    aside = path.with_name(base)
    seq = 1
    while aside.exists():
        seq += 1
        aside = path.with_name(f"{base}-{seq}")
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))
    os.replace(path, aside)
    log.warning("kept the damaged journal %s as %s", path, aside)
    return aside


def prepare_restore(source: Path, workdir: Path) -> Path:
    """A private, checked and migrated copy of ``source`` in ``workdir``, ready to restore.

    The source itself is only read. Refused: a missing file, anything that is not
    a sound SQLite database, another program's database, a newer version's.
    """
    if not source.is_file():
        raise BackupError(f"{source} is not a file; give the path of a backup.")
    try:
        with source.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise _os_problem("read", source, error) from None
    if head != SQLITE_HEADER:
        raise BackupError(f"{source} is not a wlitracker backup (not an SQLite database).")
    temp = workdir / f".{source.name}.{secrets.token_hex(4)}.restore{TEMP_SUFFIX}"
    try:
        _create_private(temp)
        shutil.copyfile(source, temp)  # into the owner-only file made above
        wal = Path(f"{source}-wal")
        if wal.is_file():  # a live database's recent writes live in its -wal file
            shutil.copyfile(wal, f"{temp}-wal")
    except OSError as error:
        _remove_with_side_files(temp)
        raise _os_problem("copy the backup into", workdir, error) from None
    try:
        _check_copy(source, temp)
        try:
            db = open_database(temp)  # the same rules as opening a journal; migrates old ones
        except DatabaseError as error:
            text = str(error).replace(str(temp), str(source))
            raise BackupError(f"{source} cannot be restored: {text}") from None
        try:
            db.execute("PRAGMA journal_mode = DELETE")  # one standalone file, no -wal
        finally:
            db.close()
    except BaseException:
        _remove_with_side_files(temp)
        raise
    return temp


def _check_copy(source: Path, temp: Path) -> None:
    try:
        conn = _connect(temp)
        try:
            problems = integrity_problems(conn)
            applied = [] if problems else schema_version(Connection(conn, temp))
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise BackupError(f"{source} is not a usable wlitracker backup ({error}).") from None
    if problems:
        raise BackupError(
            f"{source} is damaged (integrity check: {problems[0]}); nothing was changed."
        )
    if not applied:
        raise BackupError(f"{source} is not a wlitracker backup (another program's database).")
    unknown = set(applied) - set(KNOWN)
    if unknown:
        raise BackupError(
            f"{source} was written by a newer version of wlitracker; update wlitracker "
            "to restore it. Nothing was changed."
        )


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
