"""Turning an import file's bytes into text, rows and clean values; shared by every reader."""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from ..core.model.entities import Rating
from ..core.model.errors import ValidationError, WliError
from ..core.validation import MAX_TAG_CHARS

MAX_FILE_BYTES = 200 * 1024 * 1024


def decode(data: bytes, where: str) -> str:
    """UTF-8 text with or without a BOM; a bad byte is reported with its line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError(
            where, f"line {line}: is not UTF-8 text (byte {data[error.start]:#04x})"
        ) from None
    return text


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                str(path), f"is {size // 2**20} MiB; at most {MAX_FILE_BYTES // 2**20} MiB is read"
            )
        return path.read_bytes()
    except OSError as error:
        raise WliError(f"Cannot read {path}: {error.strerror or error}") from None


def text_lines(path: Path, where: str, read: Callable[[int], None]) -> Iterator[str]:
    """The file's lines as ``decode`` and ``csv_rows`` would see them, read a block at a
    time; ``read(n)`` hears how many bytes have been read so far.

    A byte that is not UTF-8 is reported exactly as ``decode`` reports it (with its line).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ValidationError(
                str(path), f"is {size // 2**20} MiB; at most {MAX_FILE_BYTES // 2**20} MiB is read"
            )
        raw = path.open("rb")
    except OSError as error:
        raise WliError(f"Cannot read {path}: {error.strerror or error}") from None
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", newline="") as text:
        count = 0
        try:
            for line in text:
                yield line
                count += 1
                if count % 4096 == 0:
                    read(raw.tell())
        except UnicodeDecodeError:
            decode(read_bytes(path), where)  # raises the error naming the line
            raise
        except OSError as error:
            raise WliError(f"Cannot read {path}: {error.strerror or error}") from None
    read(size)


def csv_rows(text: str | Iterable[str], where: str) -> Iterator[tuple[int, list[str]]]:
    """(line of the record's start, fields); blank lines are left out. ``text``: the
    whole text, or its lines (``text_lines``) to read it as it comes."""
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines, strict=False)
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise ValidationError(where, f"line {reader.line_num}: {error}") from None
        start, line = line, reader.line_num + 1
        if any(cell.strip() for cell in row):
            yield start, row


def clean_text(text: str) -> str:
    """Text safe to store: no NUL or other control characters except newline and tab."""
    if text.isprintable():  # no control character at all (most cells): nothing to do
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )


def clean_tag(raw: str, warnings: list[str], where: str) -> str:
    tag = " ".join(clean_text(raw).split())
    if len(tag) > MAX_TAG_CHARS:
        warnings.append(f"{where}: the tag {tag[:20]!r}... is cut to {MAX_TAG_CHARS} characters")
        tag = tag[:MAX_TAG_CHARS].rstrip()
    return tag


def parse_iso_date(text: str, where: str) -> dt.date:
    value = text.strip()
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(where, f"{text!r} is not a YYYY-MM-DD date") from None


def exact_mean(values: Sequence[Rating]) -> Rating:
    """The mean as it is: whole when it comes out whole (3 and 5 give 4), else a fraction."""
    total, count = sum(values), len(values)
    if isinstance(total, int) and total % count == 0:
        return total // count
    return total / count


def half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest whole number, halves up."""
    return (2 * numerator + denominator) // (2 * denominator)
