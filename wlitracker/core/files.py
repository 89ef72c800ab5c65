"""Which files are the journal's, and writing every other file privately and whole.

Only SQLite may open the journal and its side files. On Linux and macOS SQLite's
locks are POSIX locks, which belong to the process: closing *any* descriptor of
the journal file (reading it as an import, writing an export over it) drops them
all, and another process may then delete the write-ahead log this process still
writes to. So every path a person gives (to import, export, report, chart, back
up or restore) is compared with the journal's files here, by ``stat`` only,
before a byte is read or written.

Everything the app writes besides the journal (exports, reports, charts) holds
private data: it is written to a new owner-only temporary file beside the
target (``O_EXCL | O_NOFOLLOW``, so nothing planted there is followed or
reused), pushed to disk, then renamed over the target, so a failure never
leaves half a file under the real name.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterable

from .model.errors import ValidationError, WliError

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from pathlib import Path
    from typing import BinaryIO

    from _typeshed import StrPath

SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
PARTIAL_SUFFIX = ".partial"
PRIVATE_MODE = 0o600
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}
_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def journal_files(db_path: Path) -> tuple[Path, ...]:
    """The journal and the side files SQLite keeps beside it."""
    from pathlib import Path  # here: opening the journal (for a check-in) does without it

    path = Path(db_path)
    return (path, *(path.with_name(path.name + suffix) for suffix in SIDE_SUFFIXES))


def _same(a: Path, b: Path) -> bool:
    """Whether two paths name one file: by device and inode when both exist, else by name."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def journal_file_of(path: Path, journals: Iterable[Path]) -> Path | None:
    """The journal ``path`` belongs to (it is the journal or a side file), else ``None``."""
    from pathlib import Path

    for journal in journals:
        if any(_same(path, candidate) for candidate in journal_files(journal)):
            return Path(journal)
    return None


def refuse_journal_input(path: Path, journals: Iterable[Path], field: str = "file") -> None:
    """Refuse to read the journal or its side files as an import, before anything is opened."""
    from pathlib import Path

    journal = journal_file_of(Path(path), journals)
    if journal is not None:
        raise ValidationError(
            field,
            f"{path} is the journal wlitracker is using ({journal.name}) or one of its own "
            "files, not an export; choose an export file (a backup is restored from Backups)",
        )


def check_output(path: Path, journals: Iterable[Path], field: str = "output file") -> Path:
    """The absolute path to write, or a ``ValidationError`` saying why it cannot be written.

    Refused: the journal and its side files, a folder, a place whose folder does not exist.
    """
    from pathlib import Path

    target = Path(path).expanduser()
    journal = journal_file_of(target, journals)
    if journal is not None:
        raise ValidationError(
            field,
            f"{target} is the journal ({journal.name}) or one of its own files; writing there "
            "would destroy it. Choose another file name",
        )
    if target.is_dir():
        raise ValidationError(field, f"{target} is a folder; give a file name inside it")
    folder = target.absolute().parent
    if not folder.is_dir():
        raise ValidationError(field, f"the folder {folder} does not exist")
    return target.absolute()


def create_private(path: StrPath) -> int:
    """A new owner-only file at ``path``, open for writing; fails if anything is there."""
    return os.open(path, _CREATE_NEW, PRIVATE_MODE)


def write_private(
    path: Path,
    write: Callable[[BinaryIO], object],
    journals: Iterable[Path] = (),
    field: str = "output file",
) -> Path:
    """Write a file through ``write(handle)``: owner-only, complete or not at all.

    ``journals`` are the journals open in this process, which must never be written over.
    """
    target = check_output(path, journals, field)
    partial = target.with_name(f".{target.name}.{os.urandom(4).hex()}{PARTIAL_SUFFIX}")
    try:
        fd = create_private(partial)
    except OSError as error:
        raise WliError(f"Cannot write {target}: {error.strerror or error}.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as error:
        raise WliError(f"Cannot write {target}: {error.strerror or error}.") from None
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    return target


def write_private_new(path: Path, data: bytes) -> None:
    """Write ``data`` as a new owner-only file, whole, never over an existing one.

    For files other programs carry (a sync folder): written under a temporary name,
    pushed to disk, then linked to the real name, which fails if that name is taken.
    Raises ``FileExistsError`` then, ``OSError`` for anything else (a full disk).
    """
    import secrets  # where used: the command line's start does without it

    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = create_private(partial)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(partial, path)
        except FileExistsError:
            raise
        except OSError as error:  # a file system without hard links (FAT on a USB stick)
            if error.errno not in _NO_LINKS:
                raise
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.rename(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


def write_private_text(
    path: Path, text: str, journals: Iterable[Path] = (), field: str = "output file"
) -> Path:
    """``write_private`` for UTF-8 text (newlines written as given)."""
    data = text.encode("utf-8")
    return write_private(path, lambda handle: handle.write(data), journals, field)


__all__ = [
    "SIDE_SUFFIXES",
    "check_output",
    "create_private",
    "journal_file_of",
    "journal_files",
    "refuse_journal_input",
    "write_private",
    "write_private_new",
    "write_private_text",
]
