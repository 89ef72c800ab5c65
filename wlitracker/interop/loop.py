"""Loop Habit Tracker's "Export as CSV": the ZIP, or the folder it unpacks to.

``Habits.csv`` lists the habits (three header generations: v1, v2.0-2.3.0 and
v2.3.1+); each habit's history is in ``NNN name/Checkmarks.csv``, where NNN is
the habit's ``Position``. Folders are matched by that number, never by name
(Loop drops non-ASCII letters from folder names). Values come as integers
(-1 unknown, 0 no, 1 not required that day, 2 done, 3 skipped; amounts of
numeric habits x 1000) or, from v2.3.1, as symbols (UNKNOWN, NO, YES_AUTO,
YES_MANUAL, SKIP) with a Notes column.

Each habit becomes a *routine* starting on its first recorded day: done ->
done, not done -> not done, skipped or not required by the habit's frequency
-> not scheduled. A numeric habit also becomes a metric holding its daily
amounts (rounded to whole units, halves up), and its routine's marks come from
the habit's target when the file has one. The habit's question becomes the
routine's intention, its description, frequency and target the "shift" text,
and each day's Loop note a line of that day's check-in note ("Habit: note").
An archived habit becomes a routine stopped on its last recorded day.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from ..core.model.entities import Adherence, Better, Target
from ..core.model.errors import ValidationError
from ..core.model.import_batch import (
    DayRecord,
    ExperimentRef,
    ImportSource,
    MetricSpec,
    RoutineSpec,
)
from ..core.services.metrics import MAX_SCALE_SPAN
from ..core.validation import MAX_TEXT_CHARS, check_metric_name
from .loop_files import open_export
from .reading import (
    clean_text,
    csv_rows,
    decode,
    half_up,
    parse_iso_date,
)

SYMBOLS: Mapping[str, int] = {"UNKNOWN": -1, "NO": 0, "YES_AUTO": 1, "YES_MANUAL": 2, "SKIP": 3}
MARKS: Mapping[int, Adherence] = {
    0: Adherence.NOT_DONE,
    1: Adherence.NOT_SCHEDULED,  # not required that day by the habit's frequency
    2: Adherence.DONE,
    3: Adherence.NOT_SCHEDULED,  # skipped on purpose: does not count against the routine
}
MAX_TITLE = 120


@dataclass(frozen=True)
class Habit:
    line: int
    position: int
    name: str
    numeric: bool | None  # None: the old formats do not say
    question: str = ""
    description: str = ""
    numerator: int = 1
    denominator: int = 1
    unit: str = ""
    target_type: str = ""
    target_value: float | None = None
    archived: bool = False


@dataclass
class _Entry:
    line: int
    date: dt.date
    raw: int  # -1 for no value
    note: str = ""


# --- Habits.csv ---------------------------------------------------------------


def _int(text: str, default: int) -> int:
    try:
        return int(text.strip())
    except ValueError:
        return default


def is_header(names: Sequence[str]) -> bool:
    """Habits.csv's first line (lower-cased)."""
    return list(names[:2]) == ["position", "name"]


def read_habits(text: str, where: str) -> list[Habit]:
    rows = csv_rows(text, where)
    first = next(rows, None)
    if first is None:
        raise ValidationError(where, "is empty")
    names = [cell.strip().lower() for cell in first[1]]
    if not is_header(names):
        raise ValidationError(where, f"line {first[0]}: is not Loop's Habits.csv header")
    col = {name: i for i, name in reversed(list(enumerate(names)))}
    has_question = "question" in col

    def cell(row: list[str], name: str) -> str:
        i = col.get(name)
        return clean_text(row[i]).strip() if i is not None and i < len(row) else ""

    habits: list[Habit] = []
    for line, row in rows:
        try:
            position = int(cell(row, "position"))
        except ValueError:
            raise ValidationError(
                where, f"line {line}: the position {cell(row, 'position')!r} is not a number"
            ) from None
        kind = cell(row, "type").upper()
        numerator = _int(cell(row, "frequencynumerator") or cell(row, "numrepetitions"), 1)
        denominator = _int(cell(row, "frequencydenominator") or cell(row, "interval"), 1)
        target: float | None
        try:
            target = float(cell(row, "target value"))
            if not math.isfinite(target):
                target = None
        except ValueError:
            target = None
        habits.append(
            Habit(
                line=line,
                position=position,
                name=" ".join(cell(row, "name").split()) or f"Habit {position}",
                numeric={"NUMERICAL": True, "YES_NO": False}.get(kind),
                question=cell(row, "question") if has_question else cell(row, "description"),
                description=cell(row, "description") if has_question else "",
                numerator=max(numerator, 1),
                denominator=max(denominator, 1),
                unit=cell(row, "unit"),
                target_type=cell(row, "target type").upper(),
                target_value=target,
                archived=cell(row, "archived?").lower() == "true",
            )
        )
    return habits


# --- checkmarks -------------------------------------------------------------------


def read_checkmarks(text: str, where: str, warnings: list[str]) -> list[_Entry]:
    """One habit's ``Checkmarks.csv``: with (v2.3.1+) or without a header."""
    entries: list[_Entry] = []
    value_col, notes_col = 1, 2
    for line, row in csv_rows(text, where):
        if row[0].strip().lower() == "date":
            lowered = [c.strip().lower() for c in row]
            value_col = lowered.index("value") if "value" in lowered else 1
            notes_col = lowered.index("notes") if "notes" in lowered else 2
            continue
        date = parse_iso_date(row[0], f"{where}, line {line}: date")
        token = row[value_col].strip() if value_col < len(row) else ""
        raw = SYMBOLS.get(token.upper())
        if raw is None:
            try:
                raw = int(token)
            except ValueError:
                warnings.append(f"{where}, line {line}: value {token!r} is not known; skipped")
                continue
        note = clean_text(row[notes_col]).strip() if notes_col < len(row) else ""
        entries.append(_Entry(line, date, raw, note))
    return entries


def _root_columns(text: str, where: str, habits: list[Habit]) -> dict[int, list[_Entry]]:
    """The multi-habit Checkmarks.csv, used only when there are no habit folders.

    Its header holds unescaped names, so columns are matched by position.
    """
    rows = list(csv_rows(text, where))
    if not rows:
        return {}
    header = rows[0][1]
    width = len(header) - 1 - (1 if header and not header[-1].strip() else 0)
    if width != len(habits):
        raise ValidationError(
            where,
            f"line {rows[0][0]}: has {width} habit columns but Habits.csv lists "
            f"{len(habits)} habits; export again from Loop's settings to get the habit folders",
        )
    found: dict[int, list[_Entry]] = defaultdict(list)
    for line, row in rows[1:]:
        date = parse_iso_date(row[0], f"{where}, line {line}: date")
        for i, habit in enumerate(habits):
            token = row[i + 1].strip() if i + 1 < len(row) else ""
            raw = SYMBOLS.get(token.upper())
            if raw is None:
                try:
                    raw = int(token)
                except ValueError:
                    continue
            found[habit.position].append(_Entry(line, date, raw))
    return found


# --- habits to routines, metrics and days --------------------------------------------


def frequency_text(numerator: int, denominator: int) -> str:
    if numerator >= denominator:
        return "every day"
    times = "once" if numerator == 1 else ("twice" if numerator == 2 else f"{numerator} times")
    if denominator == 7:
        return f"{times} a week"
    if denominator in (30, 31):
        return f"{times} a month"
    return f"{times} every {denominator} days"


def _metric_name(habit: Habit, taken: set[str]) -> str:
    base = re.sub(r"[=,]", " ", habit.name)
    try:
        name = check_metric_name(" ".join(base.split())[:40])
    except ValidationError:
        name = f"habit {habit.position:03d}"
    candidate, n = name, 2
    while candidate in taken:
        suffix = f" {n}"
        candidate = name[: 40 - len(suffix)] + suffix
        n += 1
    taken.add(candidate)
    return candidate


def _numeric_mark(habit: Habit, amount: Fraction) -> Adherence:
    target = habit.target_value
    if target is not None and target > 0 and habit.target_type in ("AT_LEAST", "AT_MOST"):
        goal = Fraction(target)
        if habit.target_type == "AT_MOST":
            return Adherence.DONE if amount <= goal else Adherence.NOT_DONE
        if amount >= goal:
            return Adherence.DONE
        return Adherence.PARTLY if amount > 0 else Adherence.NOT_DONE
    return Adherence.DONE if amount > 0 else Adherence.NOT_DONE


def read(path: Path) -> ImportSource:
    path = Path(path)
    export = open_export(path)
    habits = read_habits(export.habits_text, export.habits_where)
    warnings = export.warnings
    by_position: dict[int, Habit] = {}
    for habit in habits:
        if habit.position in by_position:
            warnings.append(
                f"Habits.csv, line {habit.line}: position {habit.position:03d} appears twice; "
                "the second habit is ignored"
            )
            continue
        by_position[habit.position] = habit
    habits = list(by_position.values())
    history: dict[int, list[_Entry]] = {}
    if export.folders:
        for habit in habits:
            folder = export.folders.get(habit.position)
            if folder is None:
                warnings.append(
                    f"{habit.name}: no folder {habit.position:03d} in the export "
                    "(exported from one habit's screen?); not imported"
                )
                continue
            name, data = folder
            file_where = f"{name}/Checkmarks.csv"
            text = decode(data, file_where) if data is not None else ""
            history[habit.position] = read_checkmarks(text, file_where, warnings)
        for position in sorted(set(export.folders) - set(by_position)):
            warnings.append(
                f"the folder {export.folders[position][0]!r} has no habit in Habits.csv; ignored"
            )
    elif export.root_checkmarks is not None:
        history = _root_columns(
            decode(export.root_checkmarks, "Checkmarks.csv"), "Checkmarks.csv", habits
        )
        history = {h.position: history.get(h.position, []) for h in habits}
    else:
        warnings.append("the export has no check marks; the habits are imported without history")
        history = {h.position: [] for h in habits}

    metrics: list[MetricSpec] = []
    routines: list[RoutineSpec] = []
    days: dict[dt.date, tuple[dict[str, int], dict[ExperimentRef, Adherence], list[str]]] = (
        defaultdict(lambda: ({}, {}, []))
    )
    taken: set[str] = set()
    titles: set[str] = set()
    for habit in habits:
        if habit.position not in history:
            continue
        entries = sorted(history[habit.position], key=lambda e: (e.date, e.line))
        title = habit.name[:MAX_TITLE].strip()
        if title.casefold() in titles:
            title = f"{title[: MAX_TITLE - 6]} ({habit.position:03d})"
        titles.add(title.casefold())
        ref = ExperimentRef(title, routine=f"{habit.position:03d}")
        numeric = habit.numeric
        if numeric is None:
            numeric = any(e.raw > 3 for e in entries)
        metric_name = _metric_name(habit, taken) if numeric else None
        rounded = 0
        highest = 0
        seen: set[dt.date] = set()
        for entry in entries:
            if entry.date in seen:
                warnings.append(f"{habit.name}: {entry.date} appears twice; the first line counts")
                continue
            seen.add(entry.date)
            ratings, marks, notes = days[entry.date]
            if entry.note:
                notes.append(f"{habit.name}: {entry.note}")
            if entry.raw == -1:
                continue
            if numeric and metric_name is not None:
                if entry.raw < 0:
                    warnings.append(f"{habit.name}, {entry.date}: amount {entry.raw} skipped")
                    continue
                amount = Fraction(entry.raw, 1000)
                value = half_up(entry.raw, 1000)
                rounded += amount.denominator != 1
                highest = max(highest, value)
                ratings[metric_name] = value
                marks[ref] = _numeric_mark(habit, amount)
            elif entry.raw in MARKS:
                marks[ref] = MARKS[entry.raw]
            else:
                warnings.append(
                    f"{habit.name}, {entry.date}: value {entry.raw} is not a yes/no mark; skipped"
                )
        if rounded:
            unit = f" {habit.unit}" if habit.unit else ""
            warnings.append(
                f"{habit.name}: {rounded} amount{'s' if rounded != 1 else ''} with a fraction "
                f"rounded to whole{unit or ' units'} (ratings are whole numbers)"
            )
        targets: tuple[Target, ...] = ()
        if metric_name is not None:
            better: Better = "lower" if habit.target_type == "AT_MOST" else "higher"
            goal = math.ceil(habit.target_value or 0)
            top = max(highest, goal, 1)
            if top > MAX_SCALE_SPAN:
                warnings.append(
                    f"{habit.name}: amounts above {MAX_SCALE_SPAN} do not fit a metric's scale"
                )
                top = MAX_SCALE_SPAN
            how = "the highest amount in the file"
            metrics.append(
                MetricSpec(
                    metric_name,
                    0,
                    top,
                    better,
                    label=habit.name,
                    why=f"from the Loop habit {habit.name!r}; the scale is 0 to {how}"
                    + (
                        ""
                        if habit.numeric
                        else "; Loop's old export does not say which way is better, so higher is"
                    ),
                )
            )
            targets = (Target(metric_name, better),)
        dates = [e.date for e in entries if e.raw != -1 or e.note]
        parts = []
        if habit.description:
            parts.append(habit.description)
        parts.append(f"{frequency_text(habit.numerator, habit.denominator)}, kept in Loop")
        if metric_name is not None:
            unit = f" {habit.unit}" if habit.unit else ""
            if habit.target_value is not None and habit.target_type in ("AT_LEAST", "AT_MOST"):
                most = "at most" if habit.target_type == "AT_MOST" else "at least"
                parts.append(f"aim: {most} {habit.target_value:g}{unit}")
            parts.append(f"amounts go into the metric {metric_name!r}")
        routines.append(
            RoutineSpec(
                key=ref.routine or "",
                title=title,
                intention=habit.question[:MAX_TEXT_CHARS],
                shift="; ".join(parts)[:MAX_TEXT_CHARS],
                start=min(dates) if dates else None,
                targets=targets,
                stopped_on=(max(dates) if dates else None) if habit.archived else None,
                stop_reason="Archived in Loop Habit Tracker" if habit.archived else "",
            )
        )
    if not habits:
        warnings.append("Habits.csv lists no habits")
    records = tuple(
        DayRecord(date=day, line=0, ratings=r, adherence=m, notes=tuple(n))
        for day, (r, m, n) in sorted(days.items())
    )
    return ImportSource(
        format="loop",
        name=path.name,
        metrics=tuple(metrics),
        routines=tuple(routines),
        days=records,
        warnings=tuple(warnings),
    )
