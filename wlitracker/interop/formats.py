"""Which reader a file needs, and reading it into a batch with that reader."""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from ..core.model.errors import ValidationError, WliError
from ..core.model.import_batch import ImportProgress, ImportSource, no_progress
from . import daylio, loop, native_read, own_csv
from .loop_files import find_root_in_folder
from .reading import MAX_FILE_BYTES, csv_rows, decode, read_bytes

Format = Literal["wlitracker-json", "wlitracker-csv", "daylio", "loop"]
FORMATS: tuple[Format, ...] = ("wlitracker-json", "wlitracker-csv", "daylio", "loop")
FORMAT_LABELS: Mapping[str, str] = {
    "wlitracker-json": "wlitracker JSON export",
    "wlitracker-csv": "wlitracker CSV export",
    "daylio": "Daylio CSV export",
    "loop": "Loop Habit Tracker CSV export",
}

HEAD_BYTES = 64 * 1024  # what is read of a file to tell its format
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"


def detect_format(path: Path) -> Format:
    """Which importer reads ``path``; raises ``ValidationError`` saying what it looks like."""
    path = Path(path)
    if path.is_dir():
        if find_root_in_folder(path) is not None:
            return "loop"
        raise ValidationError(
            str(path), "is a folder without Habits.csv; give a file or an unpacked Loop export"
        )
    if not path.exists():
        raise WliError(f"Cannot read {path}: no such file or folder")
    head = _head(path)
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06"):
        return _detect_zip(path, read_bytes(path))
    if head.startswith(SQLITE_MAGIC):
        raise ValidationError(
            str(path),
            "is an SQLite database (a Loop full backup or a wlitracker database); "
            "import Loop's 'Export as CSV' ZIP or a wlitracker export instead",
        )
    text = _head_text(path, head)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        return "wlitracker-json"  # reading it says what is wrong, if anything
    header = next((row for _, row in csv_rows(text, str(path))), None)
    if header is not None:
        found = detect_header(header)
        if found is not None:
            return found
    first = text.splitlines()[0][:80] if text.strip() else "(empty)"
    raise ValidationError(
        str(path),
        f"is not a file wlitracker can import (its first line is {first!r}); "
        "expected a Daylio CSV, a Loop Habit Tracker CSV export (ZIP, folder or Habits.csv), "
        "or a wlitracker CSV or JSON export",
    )


def _head(path: Path) -> bytes:
    """The first ``HEAD_BYTES`` of the file: enough to tell its format, however long it is."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            read_bytes(path)  # says it is too long
        with path.open("rb") as handle:
            return handle.read(HEAD_BYTES)
    except OSError as error:
        raise WliError(f"Cannot read {path}: {error.strerror or error}") from None


def _head_text(path: Path, head: bytes) -> str:
    """The head as text; the whole file when the head does not settle it, or is not UTF-8
    (so that the error names the line, as reading the whole file would)."""
    whole = len(head) < HEAD_BYTES
    try:
        text = codecs.getincrementaldecoder("utf-8-sig")().decode(head, final=whole)
    except UnicodeDecodeError:
        return decode(read_bytes(path), str(path))
    if whole:
        return text
    # A file that is only blank lines at first, or whose first record runs past the head.
    if not text.strip() or "\n" not in text.lstrip():
        return decode(read_bytes(path), str(path))
    return text


def detect_header(header: Sequence[str]) -> Format | None:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    if daylio.is_header(names):
        return "daylio"
    if loop.is_header(names):  # Habits.csv
        return "loop"
    if own_csv.is_header(names):
        return "wlitracker-csv"
    return None


def _detect_zip(path: Path, data: bytes) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, EOFError, OSError) as error:
        raise ValidationError(str(path), f"is a damaged ZIP file ({error})") from None
    if any(n.rsplit("/", 1)[-1] == "Habits.csv" for n in names):
        return "loop"
    if "backup.daylio" in names:
        raise ValidationError(
            str(path),
            "is a Daylio backup (.daylio), which is not supported yet; "
            "in Daylio use 'Export entries' as CSV and import that file",
        )
    raise ValidationError(str(path), "is a ZIP file without Habits.csv (not a Loop CSV export)")


def read_source(
    path: Path,
    fmt: Format | Literal["auto"] = "auto",
    mood_map: Mapping[str, int | None] | None = None,
    progress: ImportProgress = no_progress,
) -> ImportSource:
    """The file at ``path`` read into a batch by the reader for its format; a Daylio
    export is read as it streams in, saying how far it got through ``progress``."""
    path = Path(path)
    chosen: Format = detect_format(path) if fmt == "auto" else fmt
    if chosen == "daylio":
        return daylio.read(path, mood_map or {}, progress)
    if chosen == "loop":
        return loop.read(path)
    if chosen == "wlitracker-csv":
        return own_csv.read(path)
    if chosen == "wlitracker-json":
        return native_read.read(path)
    raise ValidationError("format", f"{fmt!r} is not one of: auto, {', '.join(FORMATS)}")
