"""Reading wlitracker's JSON export back: every field's JSON type checked, nothing else.

What the values may be (dates, scales, lengths) is the import service's to check, with
the rules every other way in uses; this module only refuses what is not an export.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

from ..core.model.entities import (
    EXPERIMENT_KINDS,
    Adherence,
    Better,
    CheckIn,
    Decision,
    DecisionKind,
    Domain,
    Experiment,
    ExperimentKind,
    Metric,
    PhaseKind,
    PhasePlan,
    Rating,
    RoutineChange,
    RoutineChangeKind,
    Schedule,
    Target,
)
from ..core.model.errors import ValidationError, WliError
from ..core.model.import_batch import ImportSource, JournalDocument

FORMAT_NAME = "wlitracker-json"
FORMAT_VERSION = 1

# --- plain data to values -------------------------------------------------
#
# An export is read strictly: every field must have the JSON type the writer
# gives it, so ``"note": ["x"]`` or ``"tags": "abc"`` is refused with a line
# naming the field instead of being stored as "['x']" or three tags.

_JSON_TYPES: tuple[tuple[type, str], ...] = (
    (bool, "true/false"),
    (int, "a whole number"),
    (float, "a number"),
    (str, "text"),
    (list, "a list"),
    (dict, "an object"),
)


def _described(value: Any) -> str:
    if value is None:
        return "null"
    kind = next((name for cls, name in _JSON_TYPES if isinstance(value, cls)), "a value")
    shown = json.dumps(value, ensure_ascii=False)
    return f"{kind} ({shown if len(shown) <= 40 else shown[:37] + '...'})"


def _wrong(where: str, expected: str, value: Any) -> ValidationError:
    return ValidationError(where, f"must be {expected}, not {_described(value)}")


def _text(data: Mapping[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _wrong(f"{where} {key}", "text", value)
    return value


def _optional_text(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise _wrong(f"{where} {key}", "text or null", value)
    return value


def _whole(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _wrong(where, "a whole number", value)
    return value


def _optional_whole(data: Mapping[str, Any], key: str, where: str) -> int | None:
    value = data.get(key)
    return None if value is None else _whole(value, f"{where} {key}")


def _flag(data: Mapping[str, Any], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise _wrong(f"{where} {key}", "true or false", value)
    return value


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise _wrong(f"{where} {key}", "a list", value)
    return value


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _wrong(where, "an object", value)
    return value


def _choice(value: Any, where: str, allowed: Iterable[str]) -> str:
    options = tuple(allowed)
    if not isinstance(value, str) or value not in options:
        raise _wrong(where, "one of " + ", ".join(repr(o) for o in options), value)
    return value


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise _wrong(where, "a YYYY-MM-DD date", value)
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(where, f"{value!r} is not a YYYY-MM-DD date") from None


def _optional_date(value: Any, where: str) -> dt.date | None:
    return None if value is None else _date(value, where)


def _better(value: Any, where: str) -> Better:
    return cast(Better, _choice(value, where, ("higher", "lower")))


def metric_from_dict(data: Mapping[str, Any], where: str = "metric") -> Metric:
    return Metric(
        name=_text(data, "name", where, required=True),
        min_value=_whole(data.get("min"), f"{where} min"),
        max_value=_whole(data.get("max"), f"{where} max"),
        better=_better(data.get("better"), f"{where} better"),
        builtin=_flag(data, "builtin", where),
        archived=_flag(data, "archived", where),
        id=_optional_whole(data, "id", where),
        label=_text(data, "label", where),  # "": an export made before labels
    )


def _rating(value: Any, where: str) -> Rating:
    """A number as the export wrote it: whole, or a fraction an import brought."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _wrong(where, "a number", value)
    return value


def check_in_from_dict(data: Mapping[str, Any], where: str) -> CheckIn:
    day = _date(data.get("date"), f"{where} date")
    where = f"{where} ({day.isoformat()})"
    ratings = {
        str(name): _rating(value, f"{where} rating {name}")
        for name, value in _object(data.get("ratings"), f"{where} ratings").items()
    }
    adherence: dict[int, Adherence] = {}
    for key, mark in _object(data.get("adherence"), f"{where} adherence").items():
        if not key.isdecimal():
            raise ValidationError(f"{where} adherence", f"{key!r} is not an experiment id")
        adherence[int(key)] = Adherence(
            _choice(mark, f"{where} adherence {key}", (a.value for a in Adherence))
        )
    tags = _list(data, "tags", where)
    for tag in tags:
        if not isinstance(tag, str):
            raise _wrong(f"{where} tags", "a list of text", tag)
    return CheckIn(
        date=day,
        ratings=ratings,
        adherence=adherence,
        tags=tuple(tags),
        note=_text(data, "note", where),
        unusual=_optional_text(data, "unusual", where),
    )


def experiment_from_dict(data: Mapping[str, Any], where: str) -> Experiment:
    schedule = _object(data.get("schedule"), f"{where} schedule")
    kind = data.get("kind") or "experiment"  # exports made before routines have no kind
    targets = []
    for i, item in enumerate(_list(data, "targets", where)):
        target = _object(item, f"{where} target {i + 1}")
        targets.append(
            Target(
                _text(target, "metric", f"{where} target {i + 1}", required=True),
                _better(target.get("better"), f"{where} target {i + 1} better"),
            )
        )
    phases = []
    for i, item in enumerate(_list(schedule, "phases", f"{where} schedule")):
        phase = _object(item, f"{where} phase {i + 1}")
        kinds = (k.value for k in PhaseKind)
        phases.append(
            PhasePlan(
                PhaseKind(_choice(phase.get("kind"), f"{where} phase {i + 1} kind", kinds)),
                _whole(phase.get("days"), f"{where} phase {i + 1} days"),
            )
        )
    version = data.get("version")
    return Experiment(
        kind=cast(ExperimentKind, _choice(kind, f"{where} kind", EXPERIMENT_KINDS)),
        id=_optional_whole(data, "id", where),
        title=_text(data, "title", where, required=True),
        intention=_text(data, "intention", where),
        shift=_text(data, "shift", where),
        hypothesis=_text(data, "hypothesis", where),
        domains=tuple(
            Domain(_choice(d, f"{where} domains", (d.value for d in Domain)))
            for d in _list(data, "domains", where)
        ),
        targets=tuple(targets),
        schedule=Schedule(tuple(phases), _optional_date(schedule.get("start"), f"{where} start")),
        template=_optional_text(data, "template", where),
        parent_id=_optional_whole(data, "parent_id", where),
        version=1 if version is None else _whole(version, f"{where} version"),
        created_on=_optional_date(data.get("created_on"), f"{where} created_on"),
    )


def decision_from_dict(data: Mapping[str, Any], where: str) -> Decision:
    return Decision(
        id=_optional_whole(data, "id", where),
        experiment_id=_whole(data.get("experiment_id"), f"{where} experiment_id"),
        kind=DecisionKind(
            _choice(data.get("kind"), f"{where} kind", (k.value for k in DecisionKind))
        ),
        reason=_text(data, "reason", where, required=True),
        decided_on=_date(data.get("decided_on"), f"{where} decided_on"),
        new_experiment_id=_optional_whole(data, "new_experiment_id", where),
    )


def routine_change_from_dict(data: Mapping[str, Any], where: str) -> RoutineChange:
    return RoutineChange(
        id=_optional_whole(data, "id", where),
        experiment_id=_whole(data.get("experiment_id"), f"{where} experiment_id"),
        kind=RoutineChangeKind(
            _choice(data.get("kind"), f"{where} kind", (k.value for k in RoutineChangeKind))
        ),
        changed_on=_date(data.get("changed_on"), f"{where} changed_on"),
        reason=_text(data, "reason", where),
    )


def parse_document(data: Mapping[str, Any]) -> JournalDocument:
    """Read a whole export strictly; a wrong type anywhere is refused naming its field."""
    settings: dict[str, str | None] = {}
    for key, value in _object(data.get("settings"), "settings").items():
        if value is not None and not isinstance(value, str):
            raise _wrong(f"settings {key}", "text or null", value)
        settings[key] = value
    try:
        return JournalDocument(
            metrics=tuple(
                metric_from_dict(item, f"metric {i + 1}")
                for i, item in enumerate(_items(data, "metrics"))
            ),
            experiments=tuple(
                experiment_from_dict(item, f"experiment {i + 1}")
                for i, item in enumerate(_items(data, "experiments"))
            ),
            decisions=tuple(
                decision_from_dict(item, f"decision {i + 1}")
                for i, item in enumerate(_items(data, "decisions"))
            ),
            check_ins=tuple(
                check_in_from_dict(item, f"check-in {i + 1}")
                for i, item in enumerate(_items(data, "check_ins"))
            ),
            settings=settings,
            routine_changes=tuple(  # exports before routines could be paused have none
                routine_change_from_dict(item, f"routine change {i + 1}")
                for i, item in enumerate(_items(data, "routine_changes"))
            ),
        )
    except RecursionError:
        raise ValidationError("import", "the file is nested too deeply to be an export") from None


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = _list(data, key, "the export's")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise _wrong(f"{key} item {i + 1}", "an object", item)
    return items


def read_json(path: Path) -> dict[str, Any]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise WliError(f"Cannot read {path}: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ValidationError(str(path), "is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            str(path), f"line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ValidationError(str(path), f"is not a {FORMAT_NAME} export")
    if data.get("format_version") != FORMAT_VERSION:
        raise ValidationError(
            str(path), f"has format version {data.get('format_version')!r}; expected 1"
        )
    return data


def read(path: Path) -> ImportSource:
    """The export at ``path`` as a batch holding a whole journal."""
    if path.is_dir():
        raise ValidationError(str(path), "is a folder, not a wlitracker JSON export")
    try:
        data = read_json(path)
    except RecursionError:
        raise ValidationError(str(path), "is nested too deeply to be an export") from None
    return ImportSource(FORMAT_NAME, path.name, document=parse_document(data))
