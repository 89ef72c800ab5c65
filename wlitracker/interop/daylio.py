"""Daylio's CSV export ("Export entries"): moods, activities and notes.

Columns are matched by name, so every header generation reads the same way:
``year,date,...`` (up to 2018, a localized date and no ISO one),
``full_date,date,...`` with or without ``note_title``, and with ``scales``.

- Moods go into a ``mood`` metric, 1 = awful, 2 = bad, 3 = meh, 4 = good,
  5 = rad. The default names are known in English and Polish; any other name
  (users rename moods and add their own) must be placed by the user through a
  mood map. Nothing is guessed: unplaced names are listed in the source.
- Several entries on one day become the day's exact mean level (3 and 4 give
  3.5): the file's values are kept as they are, not rounded.
- The ``scales`` column ("Sleep Quality: 8/10 points | Sleep Time: 7:30")
  becomes metrics, one per scale name: "N/M ..." on a scale from 0 to M, a
  duration "H:MM" in hours from 0 to 24 (7:30 is 7.5), a plain number from 0 to
  the largest value in the file. Several entries on one day give their mean. A
  value that cannot be read as a number stays in the note, with a warning.
- Activities become tags; each entry's title and note become one note line,
  "08:13 — title: text", with simple HTML turned into plain text.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.model.entities import Rating
from ..core.model.errors import ValidationError
from ..core.model.import_batch import (
    DayRecord,
    ImportProgress,
    ImportSource,
    MetricSpec,
    UnmappedMood,
    no_progress,
)
from ..core.validation import check_metric_name
from .daylio_cells import (
    ScaleKind,
    html_to_text,
    parse_local_date,
    parse_time,
    scale_items,
    scale_value,
)
from .reading import (
    clean_tag,
    clean_text,
    csv_rows,
    decode,
    exact_mean,
    parse_iso_date,
    read_bytes,
    text_lines,
)

MOOD_METRIC = "mood"
LEVEL_NAMES: Mapping[int, str] = {1: "awful", 2: "bad", 3: "meh", 4: "good", 5: "rad"}
DEFAULT_MOODS: Mapping[str, int] = {
    # English
    "rad": 5,
    "good": 4,
    "meh": 3,
    "bad": 2,
    "awful": 1,
    # Polish (the default names of a Polish Daylio)
    "wspaniale": 5,
    "dobrze": 4,
    "tak sobie": 3,
    "źle": 2,
    "okropnie": 1,
}


def mood_key(name: str) -> str:
    """How mood names are compared: case, accents' encoding and spacing do not matter."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def level_of_word(word: str) -> int | None:
    """A level from ``--mood-map``: 1-5 or one of the five English names."""
    text = word.strip().lower()
    if text.isdecimal() and 1 <= int(text) <= 5:
        return int(text)
    for level, name in LEVEL_NAMES.items():
        if text == name:
            return level
    return None


def is_header(names: Sequence[str]) -> bool:
    has = set(names)
    if not {"mood", "activities"} <= has:
        return False
    return "full_date" in has or {"year", "date", "time"} <= has


def scale_metric_name(name: str) -> str | None:
    """The metric a scale's values go to, or None if the name cannot be a metric's."""
    try:
        clean = check_metric_name(unicodedata.normalize("NFC", name))
    except ValidationError:
        return None
    return None if clean == MOOD_METRIC else clean


def _as_rating(value: float) -> Rating:
    return int(value) if value.is_integer() else value


@dataclass(frozen=True)
class Entry:
    line: int
    date: dt.date
    time: dt.time | None
    time_text: str
    mood: str
    activities: tuple[str, ...]
    title: str
    note: str
    scales: tuple[tuple[str, str], ...] = ()

    def note_line(self, kept_scales: Sequence[str] = ()) -> str:
        """The entry as a note line; ``kept_scales`` are scale items that are not metrics."""
        title = " ".join(self.title.split())
        body = self.note.strip()
        extra = "; ".join(kept_scales)
        if extra:
            body = f"{body} ({extra})" if body else extra
        text = f"{title}: {body}" if title and body else (title or body)
        if not text:
            return ""
        when = self.time.strftime("%H:%M") if self.time else self.time_text
        return f"{when} — {text}" if when else text


def _columns(rows: Iterator[tuple[int, list[str]]], where: str) -> dict[str, int]:
    first = next(rows, None)
    if first is None:
        raise ValidationError(where, "is empty")
    names = [cell.strip().lstrip("\ufeff").lower() for cell in first[1]]
    if not is_header(names):
        raise ValidationError(
            where,
            f"line {first[0]}: is not a Daylio header (expected full_date or year, "
            "date, time, mood, activities...)",
        )
    return {name: i for i, name in reversed(list(enumerate(names)))}


def _entries(
    rows: Iterator[tuple[int, list[str]]], where: str, warnings: list[str]
) -> Iterator[Entry]:
    """The file's entries in file order (after its header), one at a time."""
    column = _columns(rows, where)

    def cell(row: list[str], name: str) -> str:
        i = column.get(name)
        return clean_text(row[i]) if i is not None and i < len(row) else ""

    for line, row in rows:
        here = f"line {line}"
        if "full_date" in column:
            raw_date = cell(row, "full_date")
            if not raw_date.strip():
                raise ValidationError(where, f"{here}: the full_date is missing")
            date = parse_iso_date(raw_date, f"{where}, {here}: full_date")
        else:
            found = parse_local_date(cell(row, "year"), cell(row, "date"))
            if found is None:
                raise ValidationError(
                    where,
                    f"{here}: cannot read the date from year {cell(row, 'year')!r} "
                    f"and date {cell(row, 'date')!r}",
                )
            date = found
        time_text = " ".join(cell(row, "time").replace("\u202f", " ").split())
        activities = tuple(
            tag
            for tag in (clean_tag(a, warnings, here) for a in cell(row, "activities").split(" | "))
            if tag
        )
        yield Entry(
            line=line,
            date=date,
            time=parse_time(time_text),
            time_text=time_text,
            mood=" ".join(cell(row, "mood").split()),
            activities=activities,
            title=html_to_text(cell(row, "note_title")),
            note=html_to_text(cell(row, "note")),
            scales=scale_items(cell(row, "scales")),
        )


def read_entries(text: str, where: str) -> tuple[list[Entry], list[str]]:
    warnings: list[str] = []
    return list(_entries(csv_rows(text, where), where, warnings)), warnings


@dataclass
class _Scale:
    label: str  # the name as first written in the file
    kind: ScaleKind
    top: int


class _Scales:
    """The scale values of each entry that become metrics, and the items kept as text.

    Entries are read in file order: the first value of a scale sets its kind.
    """

    def __init__(self) -> None:
        self.scales: dict[str, _Scale] = {}
        self.warnings: list[str] = []
        self._warned: set[str] = set()

    def read(self, entry: Entry) -> tuple[dict[str, float], list[str]]:
        values: dict[str, float] = {}
        kept: list[str] = []

        def keep(label: str, text: str, why: str) -> None:
            kept.append(f"{label}: {text}" if label else text)
            if label not in self._warned:
                self._warned.add(label)
                self.warnings.append(
                    f"line {entry.line}: the scale {label!r} {why}; kept in the note"
                )

        for label, text in entry.scales:
            metric = scale_metric_name(label)
            if metric is None:
                keep(label, text, "cannot be the name of a metric")
                continue
            read = scale_value(text)
            if read is None:
                keep(label, text, f"has the value {text!r}, which is not a number")
                continue
            kind, value, top = read
            scale = self.scales.setdefault(metric, _Scale(label, kind, top))
            if scale.kind != kind or (kind == "points" and scale.top != top):
                keep(label, text, f"has {text!r}, unlike its other values")
                continue
            if kind == "number":
                scale.top = max(scale.top, top)
            if metric in values:
                keep(label, text, "appears twice in one entry")
                continue
            values[metric] = value
        return values, kept


def _scale_spec(name: str, scale: _Scale) -> MetricSpec:
    if scale.kind == "points":
        why = f"Daylio's scale {scale.label!r}: points out of {scale.top}"
    elif scale.kind == "hours":
        why = f"Daylio's scale {scale.label!r}: hours (7:30 is 7.5)"
    else:
        why = f"Daylio's scale {scale.label!r}: numbers up to the file's largest"
    return MetricSpec(
        name,
        0,
        scale.top,
        "higher",
        why=why,
        fixed_scale=scale.kind != "number",
        label=unicodedata.normalize("NFC", scale.label),
    )


# An entry as a day needs it: the entry, its scale values and the scale items kept as text.
_Read = tuple[Entry, dict[str, float], list[str]]


class _Days:
    """Days from their entries; moods placed by ``mood_map`` first, then by the default
    names. Days may come in any order: the result is the same as in date order."""

    def __init__(self, mood_map: Mapping[str, int | None]) -> None:
        self.wanted = {mood_key(k): v for k, v in mood_map.items()}
        # mood key -> (the day it was first seen, the name written there, entries)
        self.unmapped: dict[str, tuple[dt.date, str, int]] = {}
        self.used_keys: set[str] = set()
        self.any_mood = False
        self.days: list[DayRecord] = []

    def add(self, date: dt.date, entries: Sequence[_Read]) -> None:
        day_entries = sorted(
            entries, key=lambda r: (r[0].time is None, r[0].time or dt.time(), r[0].line)
        )
        levels: list[int] = []
        words: list[str] = []
        for entry, _, _ in day_entries:
            if not entry.mood:
                continue
            key = mood_key(entry.mood)
            self.used_keys.add(key)
            if key in self.wanted:
                level = self.wanted[key]
            elif key in DEFAULT_MOODS:
                level = DEFAULT_MOODS[key]
            else:
                seen, first, count = self.unmapped.get(key, (date, entry.mood, 0))
                if date < seen:
                    seen, first = date, entry.mood
                self.unmapped[key] = (seen, first, count + 1)
                continue
            if level is not None:
                levels.append(level)
                words.append(entry.mood)
        ratings: dict[str, Rating] = {}
        if levels:
            self.any_mood = True
            ratings[MOOD_METRIC] = exact_mean(levels)
        by_scale: dict[str, list[float]] = defaultdict(list)
        for _, values, _ in day_entries:
            for metric, value in values.items():
                by_scale[metric].append(value)
        for metric, found in by_scale.items():
            ratings[metric] = _as_rating(float(exact_mean(found)))
        tags: list[str] = []
        for entry, _, _ in day_entries:
            tags.extend(t for t in entry.activities if t not in tags)
        notes = tuple(line for line in (e.note_line(kept) for e, _, kept in day_entries) if line)
        described = ""
        if len(levels) > 1:
            described = f"mood is the mean of {', '.join(words)}"
        elif words and mood_key(words[0]) not in DEFAULT_MOODS:
            described = f"mood {words[0]}"
        self.days.append(
            DayRecord(
                date=date,
                line=min(e.line for e, _, _ in day_entries),
                ratings=ratings,
                tags=tuple(tags),
                notes=notes,
                described=described,
            )
        )

    def source(self, name: str, scales: dict[str, _Scale], warnings: list[str]) -> ImportSource:
        for key in sorted(set(self.wanted) - self.used_keys):
            warnings.append(f"the mood {key!r} given a level matches no mood in the file")
        metrics: list[MetricSpec] = []
        if self.any_mood or self.unmapped:
            metrics.append(
                MetricSpec(
                    MOOD_METRIC,
                    1,
                    5,
                    "higher",
                    why="Daylio's moods: 1 awful, 2 bad, 3 meh, 4 good, 5 rad",
                    fixed_scale=True,
                )
            )
        metrics.extend(_scale_spec(metric, scale) for metric, scale in scales.items())
        return ImportSource(
            format="daylio",
            name=name,
            metrics=tuple(metrics),
            days=tuple(sorted(self.days, key=lambda d: d.date)),
            warnings=tuple(warnings),
            unmapped_moods=tuple(
                sorted(
                    (UnmappedMood(first, n) for _, first, n in self.unmapped.values()),
                    key=lambda m: (-m.entries, mood_key(m.name)),
                )
            ),
        )


def build_source(
    entries: Sequence[Entry], mood_map: Mapping[str, int | None], name: str, warnings: list[str]
) -> ImportSource:
    """Days from every entry of a file, held at once."""
    scales = _Scales()
    by_day: dict[dt.date, list[_Read]] = defaultdict(list)
    for entry in entries:
        by_day[entry.date].append((entry, *scales.read(entry)))
    days = _Days(mood_map)
    for date in sorted(by_day):
        days.add(date, by_day[date])
    return days.source(name, scales.scales, [*warnings, *scales.warnings])


class _NotInRuns(Exception):
    """A day's entries are not next to each other in the file."""


def _stream(
    path: Path, mood_map: Mapping[str, int | None], progress: ImportProgress
) -> ImportSource:
    """Read entry by entry, making each day once the file moves on to another.

    Daylio writes a day's entries together (newest first), so only one day's
    entries are held at a time and memory stays flat however long the file is. A
    day met again later cannot be finished early: ``_NotInRuns`` says to read the
    file whole instead.
    """
    where = str(path)
    size = path.stat().st_size
    warnings: list[str] = []
    scales = _Scales()
    days = _Days(mood_map)
    finished: set[dt.date] = set()
    current: list[_Read] = []

    def read(done: int) -> None:
        progress("reading", done, size)

    progress("reading", 0, size)
    rows = csv_rows(text_lines(path, where, read), where)
    for entry in _entries(rows, where, warnings):
        if current and entry.date != current[0][0].date:
            finished.add(current[0][0].date)
            days.add(current[0][0].date, current)
            current = []
        if entry.date in finished:
            raise _NotInRuns
        current.append((entry, *scales.read(entry)))
    if current:
        days.add(current[0][0].date, current)
    return days.source(path.name, scales.scales, [*warnings, *scales.warnings])


def read(
    path: Path, mood_map: Mapping[str, int | None], progress: ImportProgress = no_progress
) -> ImportSource:
    where = str(path)
    if path.is_dir():
        raise ValidationError(where, "is a folder, not a Daylio CSV export")
    try:
        return _stream(path, mood_map, progress)
    except ValidationError:
        # Read whole, a file that is not UTF-8 says so before any other problem: so here.
        decode(read_bytes(path), where)
        raise
    except _NotInRuns:
        entries, warnings = read_entries(decode(read_bytes(path), where), where)
        return build_source(entries, mood_map, path.name, warnings)
