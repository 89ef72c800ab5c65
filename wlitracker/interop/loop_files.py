"""Finding the files of a Loop Habit Tracker CSV export: a ZIP, a folder, or Habits.csv."""

from __future__ import annotations

import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.model.errors import ValidationError, WliError
from .reading import MAX_FILE_BYTES, decode, read_bytes

_FOLDER = re.compile(r"^(\d{3,})(?: .*)?$")


@dataclass
class ExportFiles:
    """Habits.csv and each habit's Checkmarks.csv, as bytes, wherever they were found."""

    where: str
    habits_text: str
    habits_where: str
    folders: dict[int, tuple[str, bytes | None]] = field(default_factory=dict)
    root_checkmarks: bytes | None = None
    warnings: list[str] = field(default_factory=list)


def find_root_in_folder(path: Path) -> Path | None:
    """The folder holding Habits.csv: ``path`` itself or one folder inside it."""
    if (path / "Habits.csv").is_file():
        return path
    try:
        inside = sorted(p for p in path.iterdir() if p.is_dir())
    except OSError:
        return None
    return next((p for p in inside if (p / "Habits.csv").is_file()), None)


def _from_folder(root: Path, habits_file: Path | None = None) -> ExportFiles:
    where = str(root)
    habits_file = habits_file or root / "Habits.csv"
    export = ExportFiles(where, decode(read_bytes(habits_file), str(habits_file)), str(habits_file))
    try:
        children = sorted(root.iterdir())
    except OSError as error:
        raise WliError(f"Cannot read {root}: {error.strerror or error}") from None
    for child in children:
        found = _FOLDER.match(child.name)
        if not child.is_dir() or found is None:
            continue
        checkmarks = child / "Checkmarks.csv"
        data = read_bytes(checkmarks) if checkmarks.is_file() else None
        _add_folder(export, int(found.group(1)), child.name, data)
    root_checkmarks = root / "Checkmarks.csv"
    if root_checkmarks.is_file():
        export.root_checkmarks = read_bytes(root_checkmarks)
    return export


def _add_folder(export: ExportFiles, position: int, name: str, data: bytes | None) -> None:
    if position in export.folders:
        export.warnings.append(f"two folders for habit {position:03d}; {name!r} is ignored")
        return
    export.folders[position] = (name, data)


_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
    KeyError,
)


def _from_zip(path: Path) -> ExportFiles:
    where = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as error:
        raise ValidationError(where, f"is a damaged ZIP file ({error})") from None
    with archive:

        def member(name: str) -> bytes:
            try:
                if archive.getinfo(name).file_size > MAX_FILE_BYTES:
                    raise ValidationError(f"{where}: {name}", "is too large for a Loop export")
                return archive.read(name)
            except _ZIP_ERRORS as error:
                raise ValidationError(f"{where}: {name}", f"cannot be read ({error})") from None

        names = [i.filename for i in archive.infolist() if not i.is_dir()]
        habits = sorted(
            (n for n in names if n.rsplit("/", 1)[-1] == "Habits.csv"), key=lambda n: n.count("/")
        )
        if not habits:
            raise ValidationError(where, "has no Habits.csv (not a Loop CSV export)")
        prefix = habits[0][: -len("Habits.csv")]
        habits_where = f"{where}: {habits[0]}"
        export = ExportFiles(where, decode(member(habits[0]), habits_where), habits_where)
        folders: dict[int, str] = {}
        checkmarks: dict[int, str] = {}
        for name in names:
            if not name.startswith(prefix):
                continue
            parts = name[len(prefix) :].split("/")
            if parts == ["Checkmarks.csv"]:
                export.root_checkmarks = member(name)
            found = _FOLDER.match(parts[0]) if len(parts) == 2 else None
            if found is None:
                continue
            position = int(found.group(1))
            if folders.setdefault(position, parts[0]) != parts[0]:
                export.warnings.append(
                    f"two folders for habit {position:03d}; {parts[0]!r} is ignored"
                )
            elif parts[1] == "Checkmarks.csv":
                checkmarks[position] = name
        for position, folder in sorted(folders.items()):
            data = member(checkmarks[position]) if position in checkmarks else None
            _add_folder(export, position, folder, data)
    return export


def open_export(path: Path) -> ExportFiles:
    if path.is_dir():
        root = find_root_in_folder(path)
        if root is None:
            raise ValidationError(str(path), "has no Habits.csv (not a Loop CSV export)")
        return _from_folder(root)
    if read_bytes(path)[:2] == b"PK":
        return _from_zip(path)
    # Habits.csv itself (perhaps renamed): the habit folders sit beside it.
    return _from_folder(path.parent, path)
