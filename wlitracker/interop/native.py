"""wlitracker's own export formats: a complete JSON document and a check-in CSV.

The JSON export holds everything needed to rebuild the journal, ids included,
so export -> import into an empty database -> export gives the same content.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.errors import ConflictError, ValidationError, WliError
from ..core.experiments import ExperimentView
from ..core.journal import Journal
from ..core.models import (
    EXPERIMENT_KINDS,
    Adherence,
    CheckIn,
    Decision,
    DecisionKind,
    Domain,
    Experiment,
    Metric,
    PhaseKind,
    PhasePlan,
    Schedule,
    Target,
)
from ..core.schedules import design_of

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


def _date(value: Any, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ValidationError(where, f"expected a YYYY-MM-DD date, found {value!r}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError(where, f"{value!r} is not a YYYY-MM-DD date") from None


def _optional_date(value: Any, where: str) -> dt.date | None:
    return None if value is None else _date(value, where)


def metric_from_dict(data: Mapping[str, Any]) -> Metric:
    return Metric(
        name=str(data["name"]),
        min_value=int(data["min"]),
        max_value=int(data["max"]),
        better=data["better"],
        builtin=bool(data.get("builtin", False)),
        archived=bool(data.get("archived", False)),
        id=data.get("id"),
    )


def check_in_from_dict(data: Mapping[str, Any], where: str) -> CheckIn:
    ratings = data.get("ratings") or {}
    for name, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"{where} rating {name}", f"{value!r} is not a whole number")
    try:
        adherence = {int(k): Adherence(v) for k, v in (data.get("adherence") or {}).items()}
    except ValueError as error:
        raise ValidationError(f"{where} adherence", str(error)) from None
    return CheckIn(
        date=_date(data.get("date"), f"{where} date"),
        ratings=ratings,
        adherence=adherence,
        tags=tuple(str(t) for t in data.get("tags") or ()),
        note=str(data.get("note") or ""),
        unusual=None if data.get("unusual") is None else str(data["unusual"]),
    )


def experiment_from_dict(data: Mapping[str, Any], where: str) -> Experiment:
    schedule = data.get("schedule") or {}
    kind = data.get("kind") or "experiment"  # exports made before routines have no kind
    if kind not in EXPERIMENT_KINDS:
        raise ValidationError(f"{where} kind", f"{kind!r} is not 'experiment' or 'routine'")
    return Experiment(
        kind=kind,
        id=data.get("id"),
        title=str(data["title"]),
        intention=str(data.get("intention") or ""),
        shift=str(data.get("shift") or ""),
        hypothesis=str(data.get("hypothesis") or ""),
        domains=tuple(Domain(d) for d in data.get("domains") or ()),
        targets=tuple(Target(t["metric"], t["better"]) for t in data.get("targets") or ()),
        schedule=Schedule(
            tuple(PhasePlan(PhaseKind(p["kind"]), int(p["days"])) for p in schedule["phases"]),
            _optional_date(schedule.get("start"), f"{where} start"),
        ),
        template=data.get("template"),
        parent_id=data.get("parent_id"),
        version=int(data.get("version") or 1),
        created_on=_optional_date(data.get("created_on"), f"{where} created_on"),
    )


def decision_from_dict(data: Mapping[str, Any], where: str) -> Decision:
    return Decision(
        id=data.get("id"),
        experiment_id=int(data["experiment_id"]),
        kind=DecisionKind(data["kind"]),
        reason=str(data["reason"]),
        decided_on=_date(data.get("decided_on"), f"{where} decided_on"),
        new_experiment_id=data.get("new_experiment_id"),
    )


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


def write_json(journal: Journal, path: Path) -> None:
    text = json.dumps(export_document(journal), ensure_ascii=False, indent=2, sort_keys=True)
    _write_atomically(path, text + "\n")


def _private(path: str, flags: int) -> int:
    """Open for writing readable by the owner only: exports hold the whole journal."""
    return os.open(path, flags, 0o600)


def _write_atomically(path: Path, text: str) -> None:
    """Write beside the target, then rename, so a failed export never leaves half a file."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding="utf-8", newline="", opener=_private) as handle:
            handle.write(text)
        partial.replace(path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise WliError(f"Cannot write {path}: {error.strerror}") from None


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


def write_csv(journal: Journal, path: Path) -> None:
    _write_atomically(path, csv_text(journal))


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
    counts = {"metrics": 0, "experiments": 0, "decisions": 0, "check_ins": 0}
    try:
        with repo.atomic():
            for item in _items(data, "metrics"):
                metric = metric_from_dict(item)
                existing = repo.get_metric(metric.name)
                if existing is not None and existing.builtin:
                    continue
                repo.add_metric(metric)
                counts["metrics"] += 1
            experiments = [
                experiment_from_dict(item, f"experiment {i + 1}")
                for i, item in enumerate(_items(data, "experiments"))
            ]
            for experiment in sorted(experiments, key=lambda e: e.id or 0):
                repo.add_experiment(experiment)
                counts["experiments"] += 1
            for i, item in enumerate(_items(data, "decisions")):
                repo.add_decision(decision_from_dict(item, f"decision {i + 1}"))
                counts["decisions"] += 1
            for i, item in enumerate(_items(data, "check_ins")):
                check_in = check_in_from_dict(item, f"check-in {i + 1}")
                _check_ratings(journal, check_in)
                repo.save_check_in(check_in)
                counts["check_ins"] += 1
            for key, value in (data.get("settings") or {}).items():
                repo.set_setting(str(key), None if value is None else str(value))
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError) as error:
        # Wrong shapes anywhere in the document (a list where an object belongs...).
        raise ValidationError("import", f"the file is not a valid export ({error!r})") from None
    journal.changed.emit()
    return counts


def _items(data: Mapping[str, Any], key: str) -> Iterable[Mapping[str, Any]]:
    items = data.get(key) or []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ValidationError("import", f"{key!r} must be a list of objects")
    return items


def _check_ratings(journal: Journal, check_in: CheckIn) -> None:
    from ..core.validation import check_rating

    for name, value in check_in.ratings.items():
        metric = journal.repo.get_metric(name)
        if metric is None:
            raise ValidationError(f"check-in {check_in.date}", f"no metric called {name!r}")
        check_rating(metric, value)


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
