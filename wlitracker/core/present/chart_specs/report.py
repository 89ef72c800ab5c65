"""The words of the one-page experiment report (charts lay them out as PDF or HTML)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...model.entities import first_capital, label_of
from ...model.words import DECISION_WORDS, STATUS_WORDS, VERDICT_WORDS
from ...services.evaluation import Evaluation, MetricResult, change_in_words, nap_in_words
from ...services.journal import Journal
from .experiment import design_words, targets_of


@dataclass(frozen=True)
class ReportSpec:
    """The words of a one-page experiment report; charts lay them out as PDF or HTML."""

    experiment_id: int
    title: str
    meta: str  # version, status, domains
    intention: str
    shift: str
    hypothesis: str
    schedule: tuple[str, ...]  # the design and each phase's dates
    adherence: str
    results: tuple[str, ...]  # the verdict's reason first, then one line per metric
    caveats: tuple[str, ...]
    decision: str
    made_on: dt.date


def _metric_line(m: MetricResult) -> str:
    better = "higher" if m.improvement == "increase" else "lower"
    line = f"{first_capital(m.label)} ({better} is better): {STATUS_WORDS[m.status]}"
    if m.baseline_mean is None or m.trial_mean is None or m.difference is None:
        return line + "; not enough rated days to compare."
    line += f"; {m.baseline_mean:.1f} before, {m.trial_mean:.1f} during the trial "
    line += f"({m.difference:+.1f})"
    if m.change is not None:
        line += f"; change {change_in_words(m)}"
    line += f"; {nap_in_words(m)}"
    if m.nap is not None and m.nap.ci_low is not None and m.nap.ci_high is not None:
        line += f" (NAP {m.nap.value:.2f}, 95% CI {m.nap.ci_low:.2f} to {m.nap.ci_high:.2f})"
    return line + f"; {m.n_baseline} baseline and {m.n_trial} trial days."


def report(
    journal: Journal, experiment_id: int, evaluation: Evaluation | None = None
) -> ReportSpec:
    """Everything a one-page report says about an experiment, in plain words."""
    view = journal.experiments.view(experiment_id)
    experiment = view.experiment
    evaluation = evaluation or journal.evaluations.evaluate(experiment_id)
    meta = [f"Version {experiment.version}", f"status: {view.status.value}"]
    if experiment.domains:
        meta.append("touches " + ", ".join(d.value for d in experiment.domains))
    if experiment.parent_id is not None:
        parent = journal.repo.get_experiment(experiment.parent_id)
        if parent is not None:
            meta.append(f"adjusted from “{parent.title}”")
    labels = journal.metrics.labels()
    targets = ", ".join(
        f"{label_of(t.metric, labels)} ({t.better} is better)" for t in targets_of(view)
    )
    schedule = [f"{design_words(view)} schedule; targets: {targets}."]
    if view.phases:
        schedule.append(
            "; ".join(
                f"{p.label} ({p.kind.value}) {p.start.isoformat()} to {p.end.isoformat()}, "
                f"{p.days} days"
                for p in view.phases
            )
            + "."
        )
    else:
        schedule.append("Not scheduled yet.")
    if evaluation.adherence is None:
        adherence = "No trial days checked in yet."
    else:
        adherence = (
            f"The change was done on about {round(evaluation.adherence * 100)}% of the trial "
            "days checked in (partly counts half)."
        )
    results = [evaluation.reason]
    results.extend(_metric_line(m) for m in evaluation.metrics)
    results.extend(f"Trade-off: {t}." for t in evaluation.tradeoffs)
    caveats = list(evaluation.caveats)
    if evaluation.design != "ab":
        caveats.insert(
            0,
            "Even a result that repeats is a pattern in your own data, not proof: "
            "other things in your life changed too.",
        )
    if not evaluation.confounders:
        caveats.append("No other experiment was in its trial during these days.")
    closing = view.closing
    if closing is not None:
        decision = (
            f"{DECISION_WORDS[closing.kind]}, decided on {closing.decided_on.isoformat()}. "
            f"Reason: {closing.reason}"
        )
    else:
        decision = (
            f"Not decided yet. The app suggests: {VERDICT_WORDS[evaluation.verdict]}. "
            "You decide; the app records."
        )
    return ReportSpec(
        experiment_id,
        experiment.title,
        ", ".join(meta),
        experiment.intention,
        experiment.shift,
        experiment.hypothesis,
        tuple(schedule),
        adherence,
        tuple(results),
        tuple(caveats),
        decision,
        journal.today(),
    )
