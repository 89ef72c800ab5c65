"""Re-importing wlitracker's own CSV export (``wlitracker export --format csv``).

The export has one row per check-in: ``date``, a column per metric,
``experiment ID: TITLE`` columns with adherence marks, then ``tags`` (joined
with "; "), ``unusual`` and ``note``. Cells were made safe for spreadsheets
(a leading ' before = + - @), which is undone here.

- A metric column whose metric the journal lacks creates it. The CSV does not
  carry scales, so the new metric gets the app's usual 0 to 10 scale, widened
  to hold every value in the column, and "higher is better"; the preview says
  so, and the metric can be renamed or archived in Settings. A fraction (the
  mean of several Daylio entries, exported as 3.5) is kept as it is.
- Adherence columns re-attach to the experiment with that id when the journal
  holds it under the same title; otherwise their marks are reported as skipped
  (in another journal, experiment 3 may be something else entirely).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from ..core.model.entities import Adherence, Rating
from ..core.model.errors import ValidationError
from ..core.model.import_batch import DayRecord, ExperimentRef, ImportSource, MetricSpec
from ..core.services.metrics import MAX_SCALE_SPAN
from ..core.validation import check_metric_name
from .native import spreadsheet_safe
from .reading import (
    clean_tag,
    clean_text,
    csv_rows,
    decode,
    parse_iso_date,
    read_bytes,
)

TAIL = ("tags", "unusual", "note")
_EXPERIMENT = re.compile(r"^experiment (\d+): (.*)$", re.S)


def unsafe(value: str) -> str:
    """Undo ``native.spreadsheet_safe``: drop the ' it put before a formula-like cell."""
    if value.startswith("'") and spreadsheet_safe(value[1:]) == value:
        return value[1:]
    return value


def _number(text: str) -> Rating | None:
    """A rating cell: a whole number, or a fraction an earlier import brought (3.5)."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def is_header(names: Sequence[str]) -> bool:
    return len(names) >= 4 and names[0] == "date" and tuple(names[-3:]) == TAIL


def read(path: Path) -> ImportSource:
    where = str(path)
    if path.is_dir():
        raise ValidationError(where, "is a folder, not a wlitracker CSV export")
    rows = list(csv_rows(decode(read_bytes(path), where), where))
    if not rows:
        raise ValidationError(where, "is empty")
    header_line, header = rows[0]
    header = [unsafe(clean_text(cell)) for cell in header]
    if not is_header([h.strip().lower() for h in header]):
        raise ValidationError(
            where,
            f"line {header_line}: is not a wlitracker CSV header "
            "(date, metrics..., tags, unusual, note)",
        )
    warnings: list[str] = []
    metric_cols: dict[int, str] = {}
    labels: dict[str, str] = {}  # a metric's name as the header writes it
    experiment_cols: dict[int, ExperimentRef] = {}
    for i, name in enumerate(header[1:-3], start=1):
        found = _EXPERIMENT.match(name)
        if found is not None:
            experiment_cols[i] = ExperimentRef(found.group(2), id=int(found.group(1)))
            continue
        try:
            metric_cols[i] = check_metric_name(name)
            labels[metric_cols[i]] = name
        except ValidationError as error:
            warnings.append(f"line {header_line}: column {i + 1} is skipped ({error})")
    if len(set(metric_cols.values())) != len(metric_cols):
        raise ValidationError(where, f"line {header_line}: a metric column appears twice")
    width = len(header)
    values: dict[str, list[Rating]] = {name: [] for name in metric_cols.values()}
    days: list[DayRecord] = []
    for line, raw_row in rows[1:]:
        here = f"line {line}"
        if len(raw_row) != width:
            raise ValidationError(
                where, f"{here}: has {len(raw_row)} fields; the header has {width}"
            )
        row = [unsafe(clean_text(cell)) for cell in raw_row]
        date = parse_iso_date(row[0], f"{where}, {here}: date")
        ratings: dict[str, Rating] = {}
        for i, name in metric_cols.items():
            text = row[i].strip()
            if not text:
                continue
            value = _number(text)
            if value is None:
                warnings.append(f"{here}: {name} {text!r} is not a number; skipped")
                continue
            ratings[name] = value
            values[name].append(value)
        marks: dict[ExperimentRef, Adherence] = {}
        for i, ref in experiment_cols.items():
            text = row[i].strip()
            if not text:
                continue
            try:
                marks[ref] = Adherence(text)
            except ValueError:
                warnings.append(f"{here}: {text!r} is not an adherence mark; skipped")
        tags = tuple(
            tag for tag in (clean_tag(t, warnings, here) for t in row[width - 3].split(";")) if tag
        )
        unusual = row[width - 2].strip() or None
        note = row[width - 1]
        days.append(
            DayRecord(
                date=date,
                line=line,
                ratings=ratings,
                adherence=marks,
                tags=tags,
                notes=(note,) if note.strip() else (),
                unusual=" ".join(unusual.split()) if unusual else None,
            )
        )
    metrics = []
    for name, found_values in values.items():
        low = math.floor(min([0, *found_values]))
        high = math.ceil(max([10, *found_values]))
        if high - low > MAX_SCALE_SPAN:
            high = low + MAX_SCALE_SPAN
        metrics.append(
            MetricSpec(
                name,
                low,
                high,
                "higher",
                why="the CSV does not say its scale or which way is better",
                label=labels[name],
            )
        )
    return ImportSource(
        format="wlitracker-csv",
        name=path.name,
        metrics=tuple(metrics),
        days=tuple(days),
        warnings=tuple(warnings),
    )
