"""A Daylio export streams through: the same batch as reading it whole, progress as it
reads, a progress line on a terminal, and a stopped import that changes nothing."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from tests.interop.conftest import DATA, snapshot
from wlitracker.cli.common import TerminalProgress
from wlitracker.core.model.errors import Cancelled, ValidationError
from wlitracker.core.services.journal import Journal
from wlitracker.interop import daylio, importing
from wlitracker.interop.reading import decode, read_bytes

HEADER = "full_date,date,weekday,time,mood,activities,note_title,note,scales\n"


def whole(path: Path, mood_map: dict[str, int | None]) -> object:
    """The batch as read with the whole file in memory (what streaming must equal)."""
    entries, warnings = daylio.read_entries(decode(read_bytes(path), str(path)), str(path))
    return daylio.build_source(entries, mood_map, path.name, warnings)


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "daylio").glob("*.csv")))
def test_streaming_reads_every_sample_as_reading_it_whole(name: str) -> None:
    path = DATA / "daylio" / name
    mood_map: dict[str, int | None] = {"solid": 4, "tired": None}
    assert daylio.read(path, mood_map) == whole(path, mood_map)


def test_a_day_met_again_later_in_the_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(
        HEADER
        + "2026-03-12,,,20:00,rad,gym,,late,Sleep: 7/10\n"
        + "2026-03-11,,,9:00,Odd,work,,,Sleep: 5/10\n"
        + "2026-03-12,,,08:00,meh,family,,early,Sleep: 3/10 | Steps: many\n"
        + "2026-03-11,,,10:00,Strange,,,,\n",
        encoding="utf-8",
    )
    batch = daylio.read(path, {})
    assert batch == whole(path, {})
    day = next(d for d in batch.days if d.date == dt.date(2026, 3, 12))
    assert day.ratings["mood"] == 4 and day.notes[0].startswith("08:00")
    assert [m.name for m in batch.unmapped_moods] == ["Odd", "Strange"]


def test_reading_reports_its_progress_up_to_the_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    rows = [
        f"{dt.date(2020, 1, 1) + dt.timedelta(days=n)},,,9:00,good,gym,,,\n" for n in range(9000)
    ]
    path.write_text(HEADER + "".join(reversed(rows)), encoding="utf-8")
    reports: list[tuple[str, int, int]] = []
    batch = daylio.read(path, {}, lambda *report: reports.append(report))
    size = path.stat().st_size
    assert len(batch.days) == 9000
    assert reports[0] == ("reading", 0, size) and reports[-1] == ("reading", size, size)
    assert len(reports) > 2
    assert [done for _, done, _ in reports] == sorted(done for _, done, _ in reports)


def test_a_bad_byte_is_named_as_before_even_after_other_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(
        HEADER.encode() + b"not a date,,,9:00,good,,,,\n" + b"2026-03-01,,,9:00,good,,,\xff,\n"
    )
    with pytest.raises(ValidationError) as streamed:
        daylio.read(path, {})
    with pytest.raises(ValidationError) as read_whole:
        decode(read_bytes(path), str(path))
    assert str(streamed.value) == str(read_whole.value)
    assert "line 3" in str(streamed.value)


def test_stopping_an_import_while_it_writes_changes_nothing(
    journal: Journal, tmp_path: Path
) -> None:
    path = tmp_path / "daylio.csv"
    path.write_text(
        HEADER + "".join(f"2026-03-{n:02d},,,9:00,good,gym,,note {n},\n" for n in range(14, 0, -1)),
        encoding="utf-8",
    )
    journal.check_ins.update(dt.date(2026, 3, 3), ratings={"satisfaction": 6})
    before = snapshot(journal)
    plan = importing.preview(journal, path)
    seen: list[str] = []

    def stop_when_writing(stage: str, done: int, total: int) -> None:
        seen.append(stage)
        if stage == "writing" and done:
            raise Cancelled("stopped")

    with pytest.raises(Cancelled):
        importing.apply_import(journal, plan, stop_when_writing)
    assert "comparing" in seen and "writing" in seen
    assert snapshot(journal) == before
    importing.apply_import(journal, plan)  # and it still imports in full afterwards
    assert len(journal.check_ins.history()) == 14


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_command_line_shows_a_progress_line_only_on_a_terminal_after_a_while() -> None:
    piped = io.StringIO()
    progress = TerminalProgress(piped, delay=0)
    progress("reading", 5, 10)
    progress.close()
    assert piped.getvalue() == ""

    terminal = Terminal()
    quick = TerminalProgress(terminal, delay=60)
    quick("reading", 5, 10)
    assert terminal.getvalue() == ""  # work this quick shows nothing

    slow = TerminalProgress(terminal, delay=0)
    slow("reading", 5, 10)
    assert terminal.getvalue() == "\rReading the file... 50%"
    slow.close()
    assert terminal.getvalue().endswith("\r" + " " * len("Reading the file... 50%") + "\r")
