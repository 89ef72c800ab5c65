"""wlitracker's own export formats: a complete JSON document and a check-in CSV.

The JSON export holds everything needed to rebuild the journal, ids included,
so export -> import into an empty database -> export gives the same content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from .. import __version__
from ..core.errors import ConflictError, ValidationError, WliError
from ..core.experiments import ExperimentView
from ..core.files import write_private_text
from ..core.journal import Journal
from ..core.models import (
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
    Schedule,
    Target,
)
from ..core.schedules import design_of
from ..core.validation import MAX_NOTE_CHARS, MAX_TAG_CHARS, check_past_or_today, check_text

if TYPE_CHECKING:
    from ..core.evaluation import Evaluation, MetricResult

FORMAT_NAME = "wlitracker-json"
FORMAT_VERSION = 1


# --- values to plain data -------------------------------------------------


def metric_to_dict(metric: Metric) -> dict[str, Any]:
    return {
        "id": metric.id,
        "name": metric.name,
        "min": metric.min_value,
        "max": metric.max_value,
        "better": metric.better,
        "builtin": metric.builtin,
        "archived": metric.archived,
    }


def check_in_to_dict(check_in: CheckIn) -> dict[str, Any]:
    return {
        "date": check_in.date.isoformat(),
        "ratings": dict(check_in.ratings),
        "adherence": {str(k): v.value for k, v in sorted(check_in.adherence.items())},
        "tags": list(check_in.tags),
        "note": check_in.note,
        "unusual": check_in.unusual,
    }


def experiment_to_dict(experiment: Experiment) -> dict[str, Any]:
    start = experiment.schedule.start
    return {
        "id": experiment.id,
        "title": experiment.title,
        "intention": experiment.intention,
        "shift": experiment.shift,
        "hypothesis": experiment.hypothesis,
        "domains": [d.value for d in experiment.domains],
        "targets": [{"metric": t.metric, "better": t.better} for t in experiment.targets],
        "schedule": {
            "design": design_of(experiment.schedule),
            "start": start.isoformat() if start else None,
            "phases": [{"kind": p.kind.value, "days": p.days} for p in experiment.schedule.plan],
        },
        "template": experiment.template,
        "parent_id": experiment.parent_id,
        "version": experiment.version,
        "created_on": experiment.created_on.isoformat() if experiment.created_on else None,
        "kind": experiment.kind,
    }


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    return {
        "id": decision.id,
        "experiment_id": decision.experiment_id,
        "kind": decision.kind.value,
        "reason": decision.reason,
        "decided_on": decision.decided_on.isoformat(),
        "new_experiment_id": decision.new_experiment_id,
    }


def view_to_dict(view: ExperimentView) -> dict[str, Any]:
    data = experiment_to_dict(view.experiment)
    data["status"] = view.status.value
    data["phases"] = [
        {
            "label": p.label,
            "kind": p.kind.value,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
        }
        for p in view.phases
    ]
    data["current_phase"] = view.current_phase.label if view.current_phase else None
    data["days_left"] = view.days_left
    data["end"] = view.end.isoformat() if view.end else None
    data["decisions"] = [decision_to_dict(d) for d in view.decisions]
    return data


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
        tags=tuple(check_text(f"{where} tag", tag, MAX_TAG_CHARS) for tag in tags),
        note=check_text(f"{where} note", _text(data, "note", where), MAX_NOTE_CHARS),
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


@dataclass(frozen=True)
class Document:
    """An export read into values, every field checked; nothing is written yet."""

    metrics: tuple[Metric, ...]
    experiments: tuple[Experiment, ...]
    decisions: tuple[Decision, ...]
    check_ins: tuple[CheckIn, ...]
    settings: Mapping[str, str | None]


def parse_document(
    data: Mapping[str, Any], today: dt.date | None = None, metrics: Iterable[Metric] = ()
) -> Document:
    """Read a whole export strictly; a wrong type anywhere is refused naming its field.

    With ``today``, a check-in after it is refused too; every rating must be on the
    scale of its metric (the journal's ``metrics`` first, then the file's own).
    """
    settings: dict[str, str | None] = {}
    for key, value in _object(data.get("settings"), "settings").items():
        if value is not None and not isinstance(value, str):
            raise _wrong(f"settings {key}", "text or null", value)
        settings[key] = value
    try:
        document = Document(
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
        )
    except RecursionError:
        raise ValidationError("import", "the file is nested too deeply to be an export") from None
    scales = {m.name: m for m in document.metrics} | {m.name: m for m in metrics}
    for i, check_in in enumerate(document.check_ins):
        where = f"check-in {i + 1}"
        if today is not None:
            check_past_or_today(check_in.date, today, f"{where} date")
        for name, value in check_in.ratings.items():
            metric = scales.get(name)
            field = f"{where} ({check_in.date}) rating {name}"
            if metric is None:
                raise ValidationError(field, "no metric of that name")
            if not metric.allows(value):
                raise ValidationError(
                    field,
                    f"{value!r} is outside the scale {metric.min_value} to {metric.max_value}",
                )
    return document


# --- whole documents ------------------------------------------------------


def export_document(journal: Journal) -> dict[str, Any]:
    repo = journal.repo
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "metrics": [metric_to_dict(m) for m in repo.list_metrics()],
        "experiments": [experiment_to_dict(e) for e in repo.list_experiments()],
        "decisions": [decision_to_dict(d) for d in repo.list_decisions()],
        "check_ins": [check_in_to_dict(c) for c in repo.list_check_ins()],
        "settings": repo.settings(),
    }


def write_json(journal: Journal, path: Path, field: str = "output file") -> Path:
    """The whole journal as JSON: owner-only, written whole or not at all."""
    text = json.dumps(export_document(journal), ensure_ascii=False, indent=2, sort_keys=True)
    return write_private_text(path, text + "\n", journal.protected, field)


_RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Defuse text a spreadsheet would run as a formula (CSV injection); numbers stay numbers."""
    if not value.startswith(_RISKY_FIRST):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def csv_text(journal: Journal) -> str:
    """One row per check-in: a column per metric, then adherence, tags, unusual, note."""
    metrics = [m.name for m in journal.repo.list_metrics()]
    experiments = journal.repo.list_experiments()
    header = [
        "date",
        *metrics,
        *(f"experiment {e.id}: {e.title}" for e in experiments),
        "tags",
        "unusual",
        "note",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([spreadsheet_safe(h) for h in header])
    for c in journal.repo.list_check_ins():
        row: list[str] = [c.date.isoformat()]
        row += [str(c.ratings[m]) if m in c.ratings else "" for m in metrics]
        marks = {eid: mark.value for eid, mark in c.adherence.items()}
        row += [marks.get(e.id or 0, "") for e in experiments]
        row += ["; ".join(c.tags), c.unusual or "", c.note]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def write_csv(journal: Journal, path: Path, field: str = "output file") -> Path:
    """The check-ins as spreadsheet-safe CSV: owner-only, written whole or not at all."""
    return write_private_text(path, csv_text(journal), journal.protected, field)


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


def import_document(journal: Journal, data: Mapping[str, Any]) -> dict[str, int]:
    """Load an export into an empty journal, in one transaction; returns counts."""
    repo = journal.repo
    if not repo.is_empty():
        raise ConflictError(
            "import: this database already holds a journal; import into an empty one "
            "(use --db NEW.db) so nothing is mixed up or overwritten"
        )
    # Every field is checked before anything is written.
    document = parse_document(data, journal.today(), repo.list_metrics())
    counts = {"metrics": 0, "experiments": 0, "decisions": 0, "check_ins": 0}
    with repo.atomic():
        for metric in document.metrics:
            existing = repo.get_metric(metric.name)
            if existing is not None and existing.builtin:
                continue
            repo.add_metric(metric)
            counts["metrics"] += 1
        for experiment in sorted(document.experiments, key=lambda e: e.id or 0):
            repo.add_experiment(experiment)
            counts["experiments"] += 1
        for decision in document.decisions:
            repo.add_decision(decision)
            counts["decisions"] += 1
        for check_in in document.check_ins:
            repo.save_check_in(check_in)
            counts["check_ins"] += 1
        for key, value in document.settings.items():
            repo.set_setting(key, value)
    journal.changed.emit()
    return counts


def _items(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    items = _list(data, key, "the export's")
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise _wrong(f"{key} item {i + 1}", "an object", item)
    return items


def _estimate(value: Any) -> float | None:
    return None if value is None else value.value


def metric_result_to_dict(result: MetricResult) -> dict[str, Any]:
    nap = result.nap
    trend = result.baseline_trend
    return {
        "metric": result.metric,
        "improvement": result.improvement,
        "n_baseline": result.n_baseline,
        "n_trial": result.n_trial,
        "baseline_mean": result.baseline_mean,
        "trial_mean": result.trial_mean,
        "baseline_median": result.baseline_median,
        "trial_median": result.trial_median,
        "difference": result.difference,
        "nap": _estimate(nap),
        "nap_se": None if nap is None else nap.se,
        "nap_ci": None if nap is None else [nap.ci_low, nap.ci_high],
        "tau": _estimate(result.tau),
        "tau_bc": _estimate(result.tau_bc),
        "tau_bc_ci": None
        if result.tau_bc is None
        else [result.tau_bc.ci_low, result.tau_bc.ci_high],
        "smd": _estimate(result.smd),
        "smd_ci": None if result.smd is None else [result.smd.ci_low, result.smd.ci_high],
        "baseline_trend": None
        if trend is None
        else {
            "slope": trend.slope,
            "kendall_tau": trend.kendall_tau,
            "p_value": trend.p_value,
            "already_improving": trend.improving,
        },
        "status": result.status,
        "deciding_measure": result.deciding,
        "primary": result.primary,
        "judgement": result.judgement,
        "interim": result.interim,
        "change": result.change,
        "change_ci": None if result.change_ci is None else list(result.change_ci),
        "autocorrelation": result.autocorrelation,
        "p_not_better": result.p_not_better,
    }


def evaluation_to_dict(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "experiment_id": evaluation.experiment_id,
        "design": evaluation.design,
        "verdict": evaluation.verdict.value,
        "reason": evaluation.reason,
        "adherence": evaluation.adherence,
        "days_needed": evaluation.days_needed,
        "phases": [
            {
                "label": p.label,
                "kind": p.kind.value,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "elapsed_days": p.elapsed_days,
                "usable_days": p.usable_days,
                "unusual_days": p.unusual_days,
            }
            for p in evaluation.phases
        ],
        "metrics": [metric_result_to_dict(m) for m in evaluation.metrics],
        "pairs": [
            {
                "baseline": pair.baseline_label,
                "trial": pair.trial_label,
                "metrics": [metric_result_to_dict(m) for m in pair.metrics],
            }
            for pair in evaluation.pairs
        ],
        "pairs_agree": evaluation.pairs_agree,
        "confounders": [
            {"experiment_id": c.experiment_id, "title": c.title, "overlap_days": c.overlap_days}
            for c in evaluation.confounders
        ],
        "tradeoffs": list(evaluation.tradeoffs),
        "caveats": list(evaluation.caveats),
    }
