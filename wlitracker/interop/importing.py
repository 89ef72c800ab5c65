"""Importing history from other apps and from wlitracker's own exports.

Three steps, so the window and the command line can both show what an import
would do before anything is written:

1. ``detect_format(path)`` names the format (or ``preview`` does it for you);
2. ``preview(journal, path, fmt, mood_map)`` reads the file into a neutral
   ``ImportSource`` and compares it with the journal: an ``ImportPlan``, pure
   data (counts, a few example lines, warnings, moods it cannot place);
3. ``apply_import(journal, plan)`` writes it in one transaction: it all lands
   or nothing does.

Merge rules (the same for every format): the journal's own values win. A day
that already has a value for a metric or an experiment keeps it; the file's
value counts as *unchanged* when it is the same and as *skipped (already has a
value)* when it differs. Tags are added to the day's tags; a note line is
appended only if the day's note does not already contain it. So importing the
same file twice adds nothing the second time. Dates in the future and values
off a metric's scale are skipped with a warning; a file that cannot be read at
all raises ``ValidationError`` naming the line and the problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shlex
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from ..core.errors import ConflictError, ValidationError, WliError
from ..core.files import refuse_journal_input
from ..core.journal import Journal
from ..core.models import (
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Experiment,
    Metric,
    Rating,
    Schedule,
    Target,
    rating_text,
)
from ..core.validation import EARLIEST_DATE, MAX_NOTE_CHARS, MAX_TAG_CHARS, clean_tags

Format = Literal["wlitracker-json", "wlitracker-csv", "daylio", "loop"]
FORMATS: tuple[Format, ...] = ("wlitracker-json", "wlitracker-csv", "daylio", "loop")
FORMAT_LABELS: Mapping[str, str] = {
    "wlitracker-json": "wlitracker JSON export",
    "wlitracker-csv": "wlitracker CSV export",
    "daylio": "Daylio CSV export",
    "loop": "Loop Habit Tracker CSV export",
}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_WARNINGS = 25
MAX_EXAMPLES = 6


class UnmappedMoodsError(WliError):
    """Daylio moods the importer cannot place; the message shows the --mood-map syntax."""


# --- the neutral, parsed form of any import file ----------------------------


@dataclass(frozen=True)
class MetricSpec:
    """A metric the file's values need; created only when the journal lacks it."""

    name: str
    min_value: int
    max_value: int
    better: Literal["higher", "lower"] = "higher"
    why: str = ""  # one line saying where the scale came from
    fixed_scale: bool = False  # the values are levels of exactly this scale (Daylio's moods)


@dataclass(frozen=True)
class RoutineSpec:
    """A habit (from Loop) that becomes a routine, unless one with its title exists."""

    key: str
    title: str
    intention: str = ""
    shift: str = ""
    start: dt.date | None = None
    targets: tuple[Target, ...] = ()
    stopped_on: dt.date | None = None  # archived in the other app
    stop_reason: str = ""


@dataclass(frozen=True)
class ExperimentRef:
    """Whose adherence a mark is: a routine of the same file, or a stored experiment."""

    title: str
    routine: str | None = None  # RoutineSpec.key
    id: int | None = None  # an experiment the journal should already hold


@dataclass(frozen=True)
class DayRecord:
    """What the file says about one day; ``line`` points back into the file."""

    date: dt.date
    line: int
    ratings: Mapping[str, Rating] = field(default_factory=dict)  # a fraction is kept
    adherence: Mapping[ExperimentRef, Adherence] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # lines, each appended unless the note already has it
    unusual: str | None = None
    described: str = ""  # how the day reads in examples ("mood 4 (Solid, good)")


@dataclass(frozen=True)
class UnmappedMood:
    name: str  # as first written in the file
    entries: int


@dataclass(frozen=True)
class ImportSource:
    format: Format
    name: str  # the file or folder, for messages
    metrics: tuple[MetricSpec, ...] = ()
    routines: tuple[RoutineSpec, ...] = ()
    days: tuple[DayRecord, ...] = ()
    warnings: tuple[str, ...] = ()
    unmapped_moods: tuple[UnmappedMood, ...] = ()
    document: Mapping[str, Any] | None = None  # wlitracker-json: the whole export


# --- the plan ----------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    added: int = 0
    unchanged: int = 0  # the journal already has exactly this
    skipped: int = 0  # the journal has a different value, which wins

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.added + other.added,
            self.unchanged + other.unchanged,
            self.skipped + other.skipped,
        )


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, as plain data for a preview (and what ``apply`` writes).

    ``days_added`` are days without a check-in yet, ``days_changed`` days that
    get something added, ``days_unchanged`` days the journal already has as the
    file says. ``skipped_invalid`` counts values left out for a reason given in
    ``warnings`` (a future date, off the scale...). ``unmapped_moods`` must be
    empty before the plan can be applied: pass a mood map to ``preview``.
    """

    format: Format
    source_name: str
    days_added: int = 0
    days_changed: int = 0
    days_unchanged: int = 0
    ratings: Tally = Tally()
    adherence: Tally = Tally()
    tags: Tally = Tally()
    notes: Tally = Tally()
    unusual: Tally = Tally()
    skipped_invalid: int = 0
    new_metrics: tuple[Metric, ...] = ()
    metric_notes: Mapping[str, str] = field(default_factory=dict)  # name -> where its scale is from
    new_routines: tuple[Experiment, ...] = ()
    examples: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unmapped_moods: tuple[UnmappedMood, ...] = ()
    native_counts: Mapping[str, int] | None = None  # wlitracker-json only
    source: ImportSource | None = field(default=None, repr=False, compare=False)
    check_ins: tuple[CheckIn, ...] = field(default=(), repr=False, compare=False)
    routine_ids: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def can_apply(self) -> bool:
        return not self.unmapped_moods

    @property
    def adds_nothing(self) -> bool:
        if self.native_counts is not None:
            return not any(self.native_counts.values())
        return not (self.days_added or self.days_changed or self.new_metrics or self.new_routines)


# --- reading files -------------------------------------------------------------


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


def csv_rows(text: str, where: str) -> Iterator[tuple[int, list[str]]]:
    """(line of the record's start, fields); blank lines are left out."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
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


# --- detection ----------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"


def detect_format(path: Path) -> Format:
    """Which importer reads ``path``; raises ``ValidationError`` saying what it looks like."""
    path = Path(path)
    if path.is_dir():
        from . import loop

        if loop.find_root_in_folder(path) is not None:
            return "loop"
        raise ValidationError(
            str(path), "is a folder without Habits.csv; give a file or an unpacked Loop export"
        )
    if not path.exists():
        raise WliError(f"Cannot read {path}: no such file or folder")
    data = read_bytes(path)
    if data.startswith(ZIP_MAGIC) or data.startswith(b"PK\x05\x06"):
        return _detect_zip(path, data)
    if data.startswith(SQLITE_MAGIC):
        raise ValidationError(
            str(path),
            "is an SQLite database (a Loop full backup or a wlitracker database); "
            "import Loop's 'Export as CSV' ZIP or a wlitracker export instead",
        )
    text = decode(data, str(path))
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


def detect_header(header: Sequence[str]) -> Format | None:
    from . import daylio, loop, own_csv

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


# --- mood maps -------------------------------------------------------------------


def parse_mood_map(items: Iterable[str]) -> dict[str, int | None]:
    """``NAME=LEVEL`` items (LEVEL 1-5, awful/bad/meh/good/rad, or skip) to a map."""
    from .daylio import level_of_word, mood_key

    mapping: dict[str, int | None] = {}
    for item in items:
        name, sep, level = item.rpartition("=")
        if not sep or not name.strip():
            raise ValidationError(
                "--mood-map", f"{item!r} is not NAME=LEVEL (LEVEL 1-5, awful..rad, or skip)"
            )
        word = level.strip().lower()
        if word in ("skip", "drop", "none", "ignore"):
            mapping[mood_key(name)] = None
            continue
        value = level_of_word(word)
        if value is None:
            raise ValidationError(
                "--mood-map",
                f"{item!r}: the level must be 1 (awful) to 5 (rad), a name "
                "(awful, bad, meh, good, rad) or skip",
            )
        mapping[mood_key(name)] = value
    return mapping


def mood_map_hint(moods: Sequence[UnmappedMood]) -> str:
    options = " ".join(f"--mood-map {shlex.quote(m.name + '=LEVEL')}" for m in moods)
    return f"{options} (LEVEL is 1 awful, 2 bad, 3 meh, 4 good, 5 rad, or skip)"


def unmapped_message(moods: Sequence[UnmappedMood]) -> str:
    listed = ", ".join(
        f"{m.name!r} ({m.entries} entr{'y' if m.entries == 1 else 'ies'})" for m in moods
    )
    return (
        f"import: {len(moods)} Daylio mood{'s' if len(moods) != 1 else ''} cannot be placed "
        f"on the mood scale: {listed}. Say where each belongs: {mood_map_hint(moods)}. "
        "Nothing was imported."
    )


# --- reading a file into a source -------------------------------------------------


def read_source(
    path: Path,
    fmt: Format | Literal["auto"] = "auto",
    mood_map: Mapping[str, int | None] | None = None,
) -> ImportSource:
    path = Path(path)
    chosen: Format = detect_format(path) if fmt == "auto" else fmt
    if chosen == "daylio":
        from . import daylio

        return daylio.read(path, mood_map or {})
    if chosen == "loop":
        from . import loop

        return loop.read(path)
    if chosen == "wlitracker-csv":
        from . import own_csv

        return own_csv.read(path)
    if chosen == "wlitracker-json":
        from . import native

        if path.is_dir():
            raise ValidationError(str(path), "is a folder, not a wlitracker JSON export")
        try:
            document = native.read_json(path)
        except RecursionError:
            raise ValidationError(str(path), "is nested too deeply to be an export") from None
        return ImportSource("wlitracker-json", path.name, document=document)
    raise ValidationError("--format", f"{fmt!r} is not one of: auto, {', '.join(FORMATS)}")


def preview(
    journal: Journal,
    path: Path,
    fmt: Format | Literal["auto"] = "auto",
    mood_map: Mapping[str, int | None] | None = None,
) -> ImportPlan:
    """Read ``path`` and say what importing it would do; writes nothing.

    ``mood_map`` maps Daylio mood names (any case) to a level 1-5, or to None
    to leave that mood out; see ``parse_mood_map`` for the command-line form.
    The journal's own files are refused before a byte of them is read.
    """
    refuse_journal_input(Path(path), journal.protected, "import")
    return plan_import(journal, read_source(path, fmt, mood_map))


# --- planning --------------------------------------------------------------------


def _norm_title(title: str) -> str:
    return " ".join(title.split()).casefold()


class _Planner:
    def __init__(self, journal: Journal, source: ImportSource) -> None:
        self.source = source
        self.today = journal.today()
        self.warnings: list[str] = list(source.warnings)
        self.examples_added: list[str] = []
        self.examples_skipped: list[str] = []
        self.skipped_invalid = 0
        self.tallies = {k: Tally() for k in ("ratings", "adherence", "tags", "notes", "unusual")}
        self.metrics: dict[str, Metric] = {m.name: m for m in journal.repo.list_metrics()}
        self.new_metrics: list[Metric] = []
        self.metric_notes: dict[str, str] = {}
        self.experiments = {e.id: e for e in journal.repo.list_experiments() if e.id is not None}
        self.new_routines: list[Experiment] = []
        self.routine_ids: dict[str, int] = {}  # routine key -> id (negative: not created yet)
        self.stored: dict[dt.date, CheckIn] = {c.date: c for c in journal.repo.list_check_ins()}
        self.work: dict[dt.date, CheckIn] = {}
        self.ref_warned: set[ExperimentRef] = set()

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def count(self, kind: str, added: int = 0, unchanged: int = 0, skipped: int = 0) -> None:
        self.tallies[kind] = self.tallies[kind] + Tally(added, unchanged, skipped)

    def plan(self) -> ImportPlan:
        for spec in self.source.metrics:
            self._metric(spec)
        for routine in self.source.routines:
            self._routine(routine)
        for record in self.source.days:
            self._day(record)
        added = changed = unchanged = 0
        changed_days: list[CheckIn] = []
        for day, check_in in sorted(self.work.items()):
            before = self.stored.get(day)
            if before is None and check_in.is_empty:
                continue  # everything for this day was skipped
            if before == check_in:
                unchanged += 1
                continue
            changed_days.append(check_in)
            if before is None:
                added += 1
            else:
                changed += 1
        warnings = self.warnings
        if len(warnings) > MAX_WARNINGS:
            more = len(warnings) - MAX_WARNINGS + 1
            warnings = [*warnings[: MAX_WARNINGS - 1], f"... and {more} more warnings like these"]
        # Half additions, half values kept over the file's; more of one if the other is short.
        from_skipped = min(MAX_EXAMPLES // 2, len(self.examples_skipped))
        examples = self.examples_added[: MAX_EXAMPLES - from_skipped]
        examples += self.examples_skipped[: MAX_EXAMPLES - len(examples)]
        return ImportPlan(
            format=self.source.format,
            source_name=self.source.name,
            days_added=added,
            days_changed=changed,
            days_unchanged=unchanged,
            ratings=self.tallies["ratings"],
            adherence=self.tallies["adherence"],
            tags=self.tallies["tags"],
            notes=self.tallies["notes"],
            unusual=self.tallies["unusual"],
            skipped_invalid=self.skipped_invalid,
            new_metrics=tuple(self.new_metrics),
            metric_notes=dict(self.metric_notes),
            new_routines=tuple(self.new_routines),
            examples=tuple(examples),
            warnings=tuple(warnings),
            unmapped_moods=self.source.unmapped_moods,
            source=self.source,
            check_ins=tuple(changed_days),
            routine_ids=dict(self.routine_ids),
        )

    # metrics and routines
    def _metric(self, spec: MetricSpec) -> None:
        existing = self.metrics.get(spec.name)
        if existing is not None:
            scale = (existing.min_value, existing.max_value)
            if spec.fixed_scale and scale != (spec.min_value, spec.max_value):
                self.warn(
                    f"{spec.name}: your metric runs from {existing.min_value} to "
                    f"{existing.max_value}; the file's values are kept as they are "
                    "where they fit that scale"
                )
            return
        metric = Metric(spec.name, spec.min_value, spec.max_value, spec.better)
        self.metrics[spec.name] = metric
        self.new_metrics.append(metric)
        if spec.why:
            self.metric_notes[spec.name] = spec.why

    def _routine(self, spec: RoutineSpec) -> None:
        for experiment in self.experiments.values():
            if experiment.kind == "routine" and _norm_title(experiment.title) == _norm_title(
                spec.title
            ):
                assert experiment.id is not None
                self.routine_ids[spec.key] = experiment.id
                return
        if spec.start is None:
            self.warn(f"{spec.title}: no days recorded yet; the routine starts today")
        start = min(max(spec.start or self.today, EARLIEST_DATE), self.today)
        placeholder = -(len(self.new_routines) + 1)
        draft = Experiment(
            title=spec.title,
            intention=spec.intention,
            shift=spec.shift,
            targets=spec.targets,
            schedule=Schedule((), start),
            kind="routine",
            created_on=self.today,
            id=placeholder,
        )
        self.experiments[placeholder] = draft
        self.routine_ids[spec.key] = placeholder
        self.new_routines.append(draft)

    def _experiment_id(self, ref: ExperimentRef, record: DayRecord) -> int | None:
        if ref.routine is not None:
            found = self.routine_ids.get(ref.routine)
            if found is None:
                return None
            start = self.experiments[found].schedule.start
            if start is not None and record.date < start:
                self.skipped_invalid += 1
                if ref not in self.ref_warned:
                    self.ref_warned.add(ref)
                    self.warn(
                        f"{ref.title}: marks before your routine's first day ({start}) are skipped"
                    )
                return None
            return found
        if ref.id is not None:
            experiment = self.experiments.get(ref.id)
            if experiment is not None and _norm_title(experiment.title) == _norm_title(ref.title):
                return ref.id
            self.skipped_invalid += 1
            if ref not in self.ref_warned:
                self.ref_warned.add(ref)
                here = (
                    "is not in this journal"
                    if experiment is None
                    else f"is {experiment.title!r} here, not {ref.title!r}"
                )
                self.warn(f"experiment {ref.id} ({ref.title!r}) {here}; its marks are skipped")
        return None

    # days
    def _day(self, record: DayRecord) -> None:
        where = f"line {record.line}" if record.line else record.date.isoformat()
        if record.date > self.today:
            self.skipped_invalid += 1
            self.warn(f"{where}: {record.date} is in the future (today is {self.today}); skipped")
            return
        if record.date < EARLIEST_DATE:
            self.skipped_invalid += 1
            self.warn(f"{where}: {record.date} is before {EARLIEST_DATE}; skipped")
            return
        current = self.work.get(record.date) or self.stored.get(record.date) or CheckIn(record.date)
        ratings = dict(current.ratings)
        added_parts: list[str] = []
        for name, value in record.ratings.items():
            metric = self.metrics.get(name)
            if metric is None:
                continue
            if metric.archived:
                self.skipped_invalid += 1
                self.warn(f"{where}: {name} is archived; restore it in Settings to import it")
                continue
            if isinstance(value, bool) or not metric.allows(value):
                self.skipped_invalid += 1
                self.warn(
                    f"{where}: {name} {rating_text(value)} is off the scale "
                    f"{metric.min_value}..{metric.max_value}; skipped"
                )
                continue
            old = ratings.get(name)
            if old is None:
                ratings[name] = value
                self.count("ratings", added=1)
                added_parts.append(f"{name} {rating_text(value)}")
            elif old == value:
                self.count("ratings", unchanged=1)
            else:
                self.count("ratings", skipped=1)
                self.examples_skipped.append(
                    f"{record.date}: kept your {name} {rating_text(old)} "
                    f"(the file says {rating_text(value)})"
                )
        adherence = dict(current.adherence)
        for ref, mark in record.adherence.items():
            experiment_id = self._experiment_id(ref, record)
            if experiment_id is None:
                continue
            old_mark = adherence.get(experiment_id)
            if old_mark is None:
                adherence[experiment_id] = mark
                self.count("adherence", added=1)
                added_parts.append(f"{ref.title}: {mark.value.replace('_', ' ')}")
            elif old_mark == mark:
                self.count("adherence", unchanged=1)
            else:
                self.count("adherence", skipped=1)
                self.examples_skipped.append(
                    f"{record.date}: kept your mark for {ref.title!r} "
                    f"({old_mark.value.replace('_', ' ')}; the file says "
                    f"{mark.value.replace('_', ' ')})"
                )
        tags = list(current.tags)
        file_tags = clean_tags(record.tags)
        # The CSV export joins tags with "; ", so a stored "gym; late" comes back as two.
        known = set(tags) | {" ".join(p.split()) for t in tags for p in t.split(";")}
        new_tags = [t for t in file_tags if t not in known]
        self.count("tags", added=len(new_tags), unchanged=len(file_tags) - len(new_tags))
        tags += new_tags
        if new_tags:
            added_parts.append("tags " + ", ".join(new_tags))
        note = current.note
        for line in record.notes:
            if not line.strip():
                continue
            if line in note:
                self.count("notes", unchanged=1)
                continue
            joined = f"{note}\n{line}" if note else line
            if len(joined) > MAX_NOTE_CHARS:
                self.skipped_invalid += 1
                self.warn(
                    f"{where}: the note for {record.date} would pass {MAX_NOTE_CHARS} "
                    "characters; this part is skipped"
                )
                continue
            note = joined
            self.count("notes", added=1)
            flat = " ".join(line.split())
            short = flat if len(flat) <= 60 else flat[:57] + "..."
            added_parts.append(f"note “{short}”")
        unusual = current.unusual
        if record.unusual is not None:
            if unusual is None:
                unusual = record.unusual
                self.count("unusual", added=1)
                added_parts.append(f"unusual: {record.unusual}")
            elif unusual == record.unusual:
                self.count("unusual", unchanged=1)
            else:
                self.count("unusual", skipped=1)
        merged = CheckIn(
            record.date,
            ratings=ratings,
            adherence=adherence,
            tags=tuple(tags),
            note=note,
            unusual=unusual,
        )
        self.work[record.date] = merged
        if added_parts:
            described = f" ({record.described})" if record.described else ""
            self.examples_added.append(f"{record.date}: " + "; ".join(added_parts) + described)


def plan_import(journal: Journal, source: ImportSource) -> ImportPlan:
    """Compare ``source`` with the journal; pure: reads the repository, writes nothing."""
    if source.document is not None:
        return _plan_native(journal, source)
    return _Planner(journal, source).plan()


def _plan_native(journal: Journal, source: ImportSource) -> ImportPlan:
    if not journal.repo.is_empty():
        raise ConflictError(
            "import: this database already holds a journal; a wlitracker JSON export is "
            "imported into an empty one (use --db NEW.db) so nothing is mixed up or overwritten"
        )
    document = source.document or {}
    from . import native

    # A wrong field is refused in a preview (a dry run) as it would be when importing.
    native.parse_document(document, journal.today(), journal.repo.list_metrics())

    def size(key: str) -> int:
        items = document.get(key)
        return len(items) if isinstance(items, list) else 0

    counts = {key: size(key) for key in ("metrics", "experiments", "decisions", "check_ins")}
    return ImportPlan(
        format="wlitracker-json",
        source_name=source.name,
        days_added=counts["check_ins"],
        native_counts=counts,
        source=source,
    )


# --- applying --------------------------------------------------------------------


def apply_import(journal: Journal, plan: ImportPlan) -> ImportPlan:
    """Write the plan in one transaction; returns the plan as it was applied.

    The plan is worked out again inside the transaction, so anything saved
    since the preview is respected (the journal's values still win).
    """
    if plan.unmapped_moods:
        raise UnmappedMoodsError(unmapped_message(plan.unmapped_moods))
    source = plan.source
    if source is None:
        raise ValidationError("import", "this plan has nothing to apply")
    if source.document is not None:
        from . import native

        counts = native.import_document(journal, source.document)
        return replace(plan, native_counts=counts)
    repo = journal.repo
    with repo.atomic():
        fresh = plan_import(journal, source)
        for metric in fresh.new_metrics:
            repo.add_metric(metric)
        ids: dict[int, int] = {}
        for draft in fresh.new_routines:
            assert draft.id is not None
            placeholder = draft.id
            clean = journal.experiments.validate(replace(draft, id=None))
            created = repo.add_experiment(clean)
            assert created.id is not None
            ids[placeholder] = created.id
        for spec in source.routines:
            placeholder = fresh.routine_ids.get(spec.key, 0)
            if placeholder < 0 and spec.stopped_on is not None:
                start = next(r for r in fresh.new_routines if r.id == placeholder).schedule.start
                stopped = max(spec.stopped_on, start or spec.stopped_on)
                repo.add_decision(
                    Decision(
                        ids[placeholder],
                        DecisionKind.STOP,
                        spec.stop_reason or "Stopped in the app it came from",
                        min(stopped, journal.today()),
                    )
                )
        for check_in in fresh.check_ins:
            adherence = {ids.get(k, k): v for k, v in check_in.adherence.items()}
            repo.save_check_in(replace(check_in, adherence=adherence))
    journal.changed.emit()
    return replace(
        fresh,
        new_routines=tuple(replace(r, id=ids.get(r.id or 0, r.id)) for r in fresh.new_routines),
        check_ins=(),
    )


# --- describing a plan -----------------------------------------------------------


def _tally_text(tally: Tally, what: str, applied: bool) -> str | None:
    parts = []
    if tally.added:
        parts.append(f"{tally.added} {'added' if applied else 'to add'}")
    if tally.unchanged:
        parts.append(f"{tally.unchanged} already there")
    if tally.skipped:
        parts.append(f"{tally.skipped} skipped (already has a value)")
    return f"  {what}: {', '.join(parts)}" if parts else None


def describe_plan(plan: ImportPlan, applied: bool = False) -> list[str]:
    """The plan (or the result) as lines for the command line or a dialog."""
    label = FORMAT_LABELS.get(plan.format, plan.format)
    lines = [f"{label}: {plan.source_name}"]
    if plan.native_counts is not None:
        c = plan.native_counts
        verb = "Imported" if applied else "Would import"
        lines.append(
            f"  {verb} {c['check_ins']} check-ins, {c['experiments']} experiments, "
            f"{c['decisions']} decisions, {c['metrics']} metrics"
        )
        return lines
    day_parts = []
    if plan.days_added:
        day_parts.append(f"{plan.days_added} new")
    if plan.days_changed:
        day_parts.append(f"{plan.days_changed} with additions")
    if plan.days_unchanged:
        day_parts.append(f"{plan.days_unchanged} already up to date")
    lines.append(f"  days: {', '.join(day_parts) or 'none'}")
    for tally, what in (
        (plan.ratings, "ratings"),
        (plan.adherence, "routine and experiment marks"),
        (plan.tags, "tags"),
        (plan.notes, "note lines"),
        (plan.unusual, "unusual-day flags"),
    ):
        text = _tally_text(tally, what, applied)
        if text:
            lines.append(text)
    if plan.skipped_invalid:
        lines.append(f"  {plan.skipped_invalid} values skipped (see the warnings)")
    verb = "added" if applied else "to add"
    for metric in plan.new_metrics:
        why = plan.metric_notes.get(metric.name)
        lines.append(
            f"  new metric ({verb}): {metric.name} ({metric.min_value} to {metric.max_value}, "
            f"{metric.better} is better)" + (f"; {why}" if why else "")
        )
    for routine in plan.new_routines:
        lines.append(f"  new routine ({verb}): {routine.title} (from {routine.schedule.start})")
    if plan.examples:
        lines.append("  for example:")
        lines.extend(f"    {example}" for example in plan.examples)
    if plan.warnings:
        lines.append("  warnings:")
        lines.extend(f"    {warning}" for warning in plan.warnings)
    if plan.unmapped_moods:
        lines.append("  moods to place before importing:")
        lines.extend(
            f"    {m.name!r} ({m.entries} entr{'y' if m.entries == 1 else 'ies'})"
            for m in plan.unmapped_moods
        )
        lines.append(f"    {mood_map_hint(plan.unmapped_moods)}")
    if plan.adds_nothing and not plan.unmapped_moods:
        lines.append("  Nothing new: everything in the file is already in your journal.")
    return lines
