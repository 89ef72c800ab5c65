"""What the Experiments page shows: the list by status and the selected experiment in full.

The selected experiment is evaluated once per build, and that one evaluation serves
every panel that shows it: the verdict in words, the early-decision note, the
numbers, the before/after chart and the report. (Opening one experiment used to
evaluate it three or four times.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model.entities import DecisionKind, Experiment, Metric, metric_labels
from ..services.evaluation import Evaluation, early_decision_note, plain_summary
from ..services.experiments import DEFAULT_TARGETS, MAX_TITLE_CHARS, ExperimentView, LineageStep
from ..services.journal import Journal
from ..stats.planning import LengthAdvice
from .chart_specs import CompareSpec, ExperimentChartSpec, ReportSpec, compare, report
from .chart_specs import experiment_chart as experiment_chart_spec
from .experiment_form import StripDay, grouped, strip_days
from .routine import RoutinePanel, RoutineRequest, routine_panel

__all__ = [  # the widgets' vocabulary for experiments, from one place
    "DEFAULT_TARGETS",
    "MAX_TITLE_CHARS",
    "DecisionRequest",
    "EditorSupport",
    "ExperimentDetailState",
    "ExperimentView",
    "ExperimentsState",
    "LineageStep",
    "RoutinePanel",
    "RoutineRequest",
    "build_experiments_state",
    "report_file_name",
    "report_spec",
]


@dataclass(frozen=True)
class ExperimentDetailState:
    view: ExperimentView
    lineage: tuple[LineageStep, ...]
    strip: tuple[StripDay, ...]  # every planned day with its mark; empty if not scheduled
    evaluation: Evaluation
    summary: tuple[str, ...]  # the verdict in plain words, reason first
    early_note: str | None  # what the data shows so far, when deciding before the plan's end
    experiment_chart: ExperimentChartSpec | None  # None: no phases to draw
    compare_chart: CompareSpec | None
    routine: RoutinePanel | None = None  # how it is kept up, once it is a routine


@dataclass(frozen=True)
class ExperimentsState:
    views: tuple[ExperimentView, ...]
    selected: ExperimentDetailState | None
    metrics: tuple[Metric, ...]  # what the editor offers as targets (archived ones too)
    today: dt.date

    @property
    def first_id(self) -> int | None:
        """The experiment shown when none is chosen: the first of the first group."""
        groups = grouped(self.views)
        return groups[0][1][0].id if groups else None

    def view(self, experiment_id: int | None) -> ExperimentView | None:
        return next((v for v in self.views if v.id == experiment_id), None)

    @property
    def labels(self) -> Mapping[str, str]:
        """Each metric's label by name, for targets (``metric_labels``)."""
        return metric_labels(self.metrics)


@dataclass(frozen=True)
class DecisionRequest:
    """A decision as the person made it: the next version is the adjusted draft, if any."""

    experiment_id: int
    kind: DecisionKind
    reason: str
    next_version: Experiment | None = None


@dataclass(frozen=True)
class EditorSupport:
    """What the experiment form asks of the services while it is open (no writes)."""

    validate: Callable[[Experiment], Experiment]
    advise: Callable[..., LengthAdvice]


def _detail(journal: Journal, view: ExperimentView, today: dt.date) -> ExperimentDetailState:
    days: tuple[StripDay, ...] = ()
    if view.phases and view.end is not None:
        check_ins = journal.check_ins.history(view.phases[0].start, view.end)
        days = strip_days(view.phases, view.id, check_ins, today)
    evaluation = journal.evaluations.evaluate(view.id)
    chart = compared = None
    if view.phases:
        chart = experiment_chart_spec(journal, view.id)
        compared = compare(journal, view.id, evaluation)
    routine = journal.routines.view(view.id)
    return ExperimentDetailState(
        view=view,
        lineage=tuple(journal.experiments.lineage(view.id)),
        strip=days,
        evaluation=evaluation,
        summary=tuple(plain_summary(evaluation)),
        early_note=early_decision_note(evaluation),
        experiment_chart=chart,
        compare_chart=compared,
        routine=routine_panel(routine, today) if routine is not None else None,
    )


def build_experiments_state(journal: Journal, selected_id: int | None) -> ExperimentsState:
    """The list, and ``selected_id`` in full (else the first experiment, if any)."""
    today = journal.today()
    views = tuple(journal.experiments.views())
    state = ExperimentsState(views, None, tuple(journal.metrics.list(include_archived=True)), today)
    wanted = state.view(selected_id) or state.view(state.first_id)
    if wanted is None:
        return state
    return ExperimentsState(views, _detail(journal, wanted, today), state.metrics, today)


def report_file_name(title: str, day: dt.date, suffix: str = "pdf") -> str:
    """``walk-at-lunch-2026-12-02.pdf``: the experiment's own words, safe in any folder."""
    words = "".join(ch if ch.isalnum() else " " for ch in title.casefold()).split()
    stem = "-".join(words)[:60].rstrip("-") or "experiment"
    return f"{stem}-{day.isoformat()}.{suffix}"


def report_spec(journal: Journal, detail: ExperimentDetailState) -> ReportSpec:
    """The one-page report of the shown experiment, from the evaluation already made."""
    return report(journal, detail.view.id, detail.evaluation)
