"""wlitracker's own export formats: a complete JSON document and a check-in CSV.

The JSON export holds everything needed to rebuild the journal, ids included,
so export -> import into an empty database -> export gives the same content.
Reading it back is ``native_read``'s; loading it, the import service's.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..core.files import write_private_text
from ..core.model.entities import Decision, Experiment, Metric, RoutineChange, metric_label
from ..core.schedules import design_of
from ..core.services.experiments import ExperimentView
from ..core.services.journal import Journal
from .check_in_json import check_in_to_dict
from .native_read import FORMAT_NAME, FORMAT_VERSION, parse_document

if TYPE_CHECKING:
    from ..core.services.evaluation import Evaluation, MetricResult

# --- values to plain data -------------------------------------------------


def metric_to_dict(metric: Metric) -> dict[str, Any]:
    return {
        "id": metric.id,
        "name": metric.name,
        "label": metric_label(metric),
        "min": metric.min_value,
        "max": metric.max_value,
        "better": metric.better,
        "builtin": metric.builtin,
        "archived": metric.archived,
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


def routine_change_to_dict(change: RoutineChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "experiment_id": change.experiment_id,
        "kind": change.kind.value,
        "changed_on": change.changed_on.isoformat(),
        "reason": change.reason,
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
        "routine_changes": [routine_change_to_dict(c) for c in repo.list_routine_changes()],
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


def import_document(journal: Journal, data: Mapping[str, Any]) -> dict[str, int]:
    """Load an export into an empty journal, in one transaction; returns counts."""
    return journal.imports.load_journal(parse_document(data))


def _estimate(value: Any) -> float | None:
    return None if value is None else value.value


def metric_result_to_dict(result: MetricResult) -> dict[str, Any]:
    nap = result.nap
    trend = result.baseline_trend
    return {
        "metric": result.metric,
        "label": result.label,
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
