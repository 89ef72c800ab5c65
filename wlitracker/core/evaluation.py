"""Evaluating an experiment honestly: a decision per target, numbers, caveats and a suggestion.

The rules (DESIGN §3): compare trial days with baseline days per target metric,
direction-aware; leave unusual days out; report adherence; say "keep going"
until every phase has enough rated days, and "too early" before the planned
end unless the evidence is already overwhelming; decide each target with the
decision rule (``decision_rule``: a level-change model for days that resemble
each other, strict at interim looks), the first target at the full level and
the others corrected for multiplicity (Holm); call out a baseline that was
already improving (the model allows for drifting days; Tau-BC is shown beside);
treat A-B results as a pattern, not proof; say trade-offs and overlapping
experiments out loud. NAP, Tau, Tau-BC and SMD are descriptive numbers. The
app suggests, the user decides.

Gaps: the rated, usual days of a phase are passed to the rule in date order;
a missing or unusual day is skipped, and its neighbours count as adjacent days.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

from . import decision_rule as rule
from . import effect_sizes as es
from .context import Context
from .decision_rule import Judgement, judge
from .errors import InsufficientData
from .experiments import DEFAULT_TARGETS
from .models import (
    Adherence,
    CheckIn,
    DecisionKind,
    Experiment,
    Phase,
    PhaseKind,
    Target,
)
from .schedules import closing_decision, decisions_by_experiment, design_of
from .schedules import phases as place_phases
from .words import STATUS_WORDS

__all__ = [
    "DEFAULT_TARGETS",
    "MIN_DAYS_PER_PHASE",
    "STATUS_WORDS",
    "Evaluation",
    "EvaluationService",
    "MetricResult",
    "Verdict",
    "change_in_words",
    "compare",
    "early_decision_note",
    "judge",
    "nap_in_words",
    "plain_summary",
]

MIN_DAYS_PER_PHASE = rule.MIN_DAYS_PER_PHASE
MIN_ADHERENCE = 0.5
TREND_ALPHA = 0.05
_CREDIT = {Adherence.DONE: 1.0, Adherence.PARTLY: 0.5}

MetricStatus = Judgement


class Verdict(StrEnum):
    KEEP_GOING = "keep_going"
    PERSIST = "persist"
    ADJUST = "adjust"
    SWITCH = "switch"


@dataclass(frozen=True)
class PhaseSummary:
    label: str
    kind: PhaseKind
    start: dt.date
    end: dt.date
    elapsed_days: int
    usable_days: int  # usual days with a rating, counted per target; the fewest of any target
    unusual_days: int


@dataclass(frozen=True)
class Trend:
    """The baseline's own trend, in the metric's units per rated day."""

    slope: float
    kendall_tau: float
    p_value: float
    improving: bool


@dataclass(frozen=True)
class MetricResult:
    """One target metric between baseline and trial days.

    ``judgement``: the decision rule's words for this metric alone, at this
    look's level (strict before the planned end). ``status``: what the verdict
    uses, after the multiplicity correction for secondary targets.
    ``change``: the model's estimate of trial minus baseline in the metric's
    units, with its 95% interval; ``autocorrelation``: its estimate of how much
    a day resembles the day before; ``p_not_better``: its chance that the
    change is not an improvement (one-sided).
    """

    metric: str
    improvement: es.Improvement
    n_baseline: int
    n_trial: int
    baseline_mean: float | None
    trial_mean: float | None
    baseline_median: float | None
    trial_median: float | None
    difference: float | None  # trial mean - baseline mean, in the metric's units
    nap: es.Estimate | None
    tau: es.Estimate | None
    tau_bc: es.Estimate | None
    smd: es.Estimate | None
    baseline_trend: Trend | None
    status: MetricStatus
    deciding: Literal["level"]  # what decides: the level-change model (``decision_rule``)
    judgement: Judgement = "not enough data"
    change: float | None = None
    change_ci: tuple[float, float] | None = None
    autocorrelation: float | None = None
    p_not_better: float | None = None
    interim: bool = False  # judged at the strict level of a look before the planned end
    primary: bool = True


@dataclass(frozen=True)
class PairResult:
    """One adjacent baseline -> trial comparison (A->B, A2->B2)."""

    baseline_label: str
    trial_label: str
    metrics: tuple[MetricResult, ...]


@dataclass(frozen=True)
class Confounder:
    experiment_id: int
    title: str
    overlap_days: int


@dataclass(frozen=True)
class Progress:
    """How far a running plan is: day ``day`` of ``days`` of ``what`` ("the trial", "the plan")."""

    what: str
    day: int
    days: int
    days_left: int  # in the whole plan, today included


@dataclass(frozen=True)
class Evaluation:
    experiment_id: int
    design: Literal["ab", "abab", "routine"]
    verdict: Verdict
    reason: str
    adherence: float | None
    phases: tuple[PhaseSummary, ...]
    metrics: tuple[MetricResult, ...]
    pairs: tuple[PairResult, ...]
    pairs_agree: bool | None
    confounders: tuple[Confounder, ...]
    tradeoffs: tuple[str, ...]
    caveats: tuple[str, ...]
    days_needed: int
    progress: Progress | None = None  # while the plan runs: how far along it is


# --- helpers ---------------------------------------------------------------


def _improvement(target: Target) -> es.Improvement:
    return "increase" if target.better == "higher" else "decrease"


def _safe(compute: Callable[[], es.Estimate]) -> es.Estimate | None:
    try:
        return compute()
    except InsufficientData:
        return None


def _trend(values: Sequence[float], improvement: es.Improvement, slope: float) -> Trend | None:
    """``slope``: the values' Theil-Sen slope (computed once, as Tau-BC needs it too)."""
    if len(values) < MIN_DAYS_PER_PHASE:
        return None
    try:
        kendall, p_value = es.kendall_trend(values)
    except InsufficientData:
        return None
    heading_better = slope > 0 if improvement == "increase" else slope < 0
    return Trend(slope, kendall, p_value, heading_better and p_value < TREND_ALPHA)


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _model(
    values: Sequence[float],
    in_trial: Sequence[bool],
    improvement: es.Improvement,
    enough: bool,
) -> rule.Assessment | None:
    return rule.assess_series(values, in_trial, improvement) if enough else None


def _from_assessment(
    assessment: rule.Assessment | None, planned_trial_days: int | None
) -> tuple[Judgement, bool]:
    if assessment is None:
        return "not enough data", False
    alpha = rule.alpha_for(assessment.n_trial, planned_trial_days)
    return rule.words(assessment.p_not_better, alpha), alpha != rule.FINAL_ALPHA


def compare(
    metric: str,
    improvement: es.Improvement,
    baseline: Sequence[float],
    trial: Sequence[float],
    planned_trial_days: int | None = None,
) -> MetricResult:
    """Every measure for one metric between one baseline and one trial phase.

    ``planned_trial_days``: the trial's planned length while it is still
    running (a look before the end is judged at the strict interim level).
    """
    enough = min(len(baseline), len(trial)) >= MIN_DAYS_PER_PHASE
    nap = tau = tau_bc = smd = None
    trend = None
    if baseline and trial:
        slope = es.theil_sen_slope(baseline) if len(baseline) >= 2 else None
        nap = _safe(lambda: es.nap(baseline, trial, improvement=improvement))
        tau = _safe(lambda: es.tau(baseline, trial, improvement=improvement))
        tau_bc = _safe(lambda: es.tau_bc(baseline, trial, improvement=improvement, slope=slope))
        smd = _safe(lambda: es.smd(baseline, trial, improvement=improvement))
        trend = _trend(baseline, improvement, slope) if slope is not None else None
    assessment = _model(
        [*baseline, *trial], [False] * len(baseline) + [True] * len(trial), improvement, enough
    )
    judgement, interim = _from_assessment(assessment, planned_trial_days)
    return _result(
        metric,
        improvement,
        baseline,
        trial,
        (nap, tau, tau_bc, smd),
        trend,
        assessment,
        judgement,
        interim,
    )


def _result(
    metric: str,
    improvement: es.Improvement,
    baseline: Sequence[float],
    trial: Sequence[float],
    estimates: tuple[es.Estimate | None, ...],
    trend: Trend | None,
    assessment: rule.Assessment | None,
    judgement: Judgement,
    interim: bool,
) -> MetricResult:
    nap, tau, tau_bc, smd = estimates
    b_mean, t_mean = _mean(baseline), _mean(trial)
    return MetricResult(
        metric=metric,
        improvement=improvement,
        n_baseline=len(baseline),
        n_trial=len(trial),
        baseline_mean=b_mean,
        trial_mean=t_mean,
        baseline_median=_median(baseline),
        trial_median=_median(trial),
        difference=None if b_mean is None or t_mean is None else t_mean - b_mean,
        nap=nap,
        tau=tau,
        tau_bc=tau_bc,
        smd=smd,
        baseline_trend=trend,
        status=judgement,
        deciding="level",
        judgement=judgement,
        change=None if assessment is None else assessment.change,
        change_ci=None if assessment is None else (assessment.ci_low, assessment.ci_high),
        autocorrelation=None if assessment is None else assessment.autocorrelation,
        p_not_better=None if assessment is None else assessment.p_not_better,
        interim=interim,
    )


_NAP_RANGE = (0.0, 1.0)
_TAU_RANGE = (-1.0, 1.0)


def _combine(
    metric: str,
    improvement: es.Improvement,
    pairs: Sequence[MetricResult],
    series: Sequence[tuple[float, bool]],
    planned_trial_days: int | None,
) -> MetricResult:
    """A-B-A-B: one level change over all days in date order; the effect sizes averaged.

    ``series``: every usual rated day of the metric in date order, with whether
    it was a trial day. The model fits one change common to both pairs, with
    the days' autocorrelation across the whole schedule, so the combined result
    is judged exactly like an A-B one. NAP, Tau, Tau-BC and SMD are the
    equal-weight aggregate of the pairs, their intervals kept inside the range
    the index can take.
    """
    baseline = [v for v, in_trial in series if not in_trial]
    trial = [v for v, in_trial in series if in_trial]

    def pooled(
        pick: Callable[[MetricResult], es.Estimate | None],
        bounds: tuple[float, float] | None = None,
    ) -> es.Estimate | None:
        found = [e for p in pairs if (e := pick(p)) is not None]
        if len(found) != len(pairs) or any(e.se is None for e in found):
            return None
        return es.aggregate(found, bounds=bounds)

    nap = pooled(lambda p: p.nap, _NAP_RANGE)
    tau = pooled(lambda p: p.tau, _TAU_RANGE)
    tau_bc = pooled(lambda p: p.tau_bc, _TAU_RANGE)
    smd = pooled(lambda p: p.smd)
    enough = bool(pairs) and all(p.status != "not enough data" for p in pairs)
    assessment = _model([v for v, _ in series], [flag for _, flag in series], improvement, enough)
    judgement, interim = _from_assessment(assessment, planned_trial_days)
    # A pair's baseline that was already improving is the one to call out.
    trend = next(
        (
            p.baseline_trend
            for p in pairs
            if p.baseline_trend is not None and p.baseline_trend.improving
        ),
        pairs[0].baseline_trend if pairs else None,
    )
    return _result(
        metric,
        improvement,
        baseline,
        trial,
        (nap, tau, tau_bc, smd),
        trend,
        assessment,
        judgement,
        interim,
    )


def _holm(results: Sequence[MetricResult]) -> tuple[MetricResult, ...]:
    """The first target at the full level; the others corrected with Holm's step-down.

    Holm runs separately for "improved" and for "worsened": sort the secondary
    targets' one-sided chances, compare the j-th smallest of k with level / (k - j + 1),
    and stop at the first that misses. A secondary target that misses is "unclear".
    """
    if not results:
        return ()
    out = [results[0], *(replace(r, primary=False) for r in results[1:])]
    secondary = [i for i in range(1, len(out)) if out[i].p_not_better is not None]
    keep: dict[int, Judgement] = {}
    ways: tuple[tuple[float, Judgement], ...] = ((1.0, "improved"), (-1.0, "worsened"))
    for sign, word in ways:

        def chance(i: int, sign: float = sign) -> float:
            p = out[i].p_not_better
            assert p is not None
            return p if sign > 0 else 1.0 - p

        ordered = sorted(secondary, key=chance)
        for j, i in enumerate(ordered):
            alpha = rule.INTERIM_ALPHA if out[i].interim else rule.FINAL_ALPHA
            if chance(i) >= alpha / (len(ordered) - j):
                break
            keep[i] = word
    for i in secondary:
        out[i] = replace(out[i], status=keep.get(i, "unclear"))
    return tuple(out)


def nap_in_words(result: MetricResult) -> str:
    """'a trial day was better than a baseline day in 82% of comparisons', for anyone."""
    if result.nap is None:
        return "not enough days to compare"
    return (
        f"a trial day was better than a baseline day in {round(result.nap.value * 100)}% "
        "of comparisons"
    )


def change_in_words(result: MetricResult) -> str:
    """'about +1.4 points (likely between +0.4 and +2.3)', in the metric's own units."""
    if result.change is None or result.change_ci is None:
        return "not enough days to estimate the change"
    low, high = result.change_ci
    return f"about {_points(result.change)} (likely between {low:+.1f} and {high:+.1f})"


def _points(value: float) -> str:
    shown = f"{value:+.1f}"
    return f"{shown} point" if shown in ("+1.0", "-1.0") else f"{shown} points"


def _names(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


# --- the service ------------------------------------------------------------


class EvaluationService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    def evaluate(self, experiment_id: int) -> Evaluation:
        from .experiments import ExperimentService

        experiments = ExperimentService(self._ctx)
        experiment = experiments.get(experiment_id)
        view = experiments.view(experiment_id)
        # Days after a closing decision were no longer part of the experiment.
        today = view.counted_until(self._ctx.today())
        if experiment.kind == "routine":
            return self._routine(experiment, today)
        still_running = view.is_open and view.end is not None and today <= view.end
        placed = place_phases(experiment.schedule)
        start = placed[0].start if placed else today
        end = min(placed[-1].end, today) if placed else today
        days = {c.date: c for c in self._ctx.repo.list_check_ins(start, end)} if placed else {}
        targets = experiment.targets or DEFAULT_TARGETS
        summaries = tuple(self._summarise(p, days, targets, today) for p in placed)
        values = {
            p.label: {t.metric: self._values(p, days, t.metric, today) for t in targets}
            for p in placed
        }

        def planned(phase_days: int, last_day: dt.date) -> int | None:
            """A trial still under way is judged at the interim level."""
            return phase_days if still_running and today <= last_day else None

        pairs = tuple(
            PairResult(
                a.label,
                b.label,
                _holm(
                    [
                        compare(
                            t.metric,
                            _improvement(t),
                            values[a.label][t.metric],
                            values[b.label][t.metric],
                            planned(b.days, b.end),
                        )
                        for t in targets
                    ]
                ),
            )
            for a, b in zip(placed[0::2], placed[1::2], strict=False)
        )
        design: Literal["ab", "abab"] = design_of(experiment.schedule)
        if design == "ab" or not pairs:
            metrics = pairs[0].metrics if pairs else ()
        else:
            trial_days = sum(p.days for p in placed if p.kind is PhaseKind.TRIAL)
            metrics = _holm(
                [
                    _combine(
                        t.metric,
                        _improvement(t),
                        [pair.metrics[i] for pair in pairs],
                        [
                            (v, p.kind is PhaseKind.TRIAL)
                            for p in placed
                            for v in values[p.label][t.metric]
                        ],
                        planned(trial_days, placed[-1].end),
                    )
                    for i, t in enumerate(targets)
                ]
            )
        pairs_agree = self._pairs_agree(pairs) if design == "abab" else None
        adherence = self._adherence(experiment, placed, days, today)
        confounders = self._confounders(experiment, start, end)
        days_needed = sum(max(0, MIN_DAYS_PER_PHASE - s.usable_days) for s in summaries)
        if not placed:
            days_needed = MIN_DAYS_PER_PHASE * len(experiment.schedule.plan)
        progress = self._progress(design, placed, today) if still_running else None
        tradeoffs = self._tradeoffs(metrics)
        verdict, reason = self._verdict(
            design,
            metrics,
            adherence,
            days_needed,
            summaries,
            pairs_agree,
            progress,
            closed=view.closing is not None,
        )
        caveats = self._caveats(design, metrics, confounders, summaries, pairs_agree)
        return Evaluation(
            experiment_id=experiment_id,
            design=design,
            verdict=verdict,
            reason=reason,
            adherence=adherence,
            phases=summaries,
            metrics=tuple(metrics),
            pairs=pairs if design == "abab" else (),
            pairs_agree=pairs_agree,
            confounders=confounders,
            tradeoffs=tradeoffs,
            caveats=caveats,
            days_needed=days_needed,
            progress=progress,
        )

    @staticmethod
    def _progress(design: str, placed: Sequence[Phase], today: dt.date) -> Progress | None:
        """Day N of M: of the trial in an A-B schedule, of the whole plan in an A-B-A-B one."""
        if not placed:
            return None
        left = (placed[-1].end - max(today, placed[0].start)).days + 1
        if today < placed[0].start:
            return Progress("the plan", 0, sum(p.days for p in placed), left)
        trial = placed[-1]
        if design == "ab" and trial.kind is PhaseKind.TRIAL and today >= trial.start:
            return Progress("the trial", (today - trial.start).days + 1, trial.days, left)
        if design == "ab":
            first = placed[0]
            return Progress("the baseline", (today - first.start).days + 1, first.days, left)
        total = sum(p.days for p in placed)
        return Progress("the plan", (today - placed[0].start).days + 1, total, left)

    def _routine(self, experiment: Experiment, today: dt.date) -> Evaluation:
        """A routine has no baseline: say how often it was done, and never judge it."""
        assert experiment.id is not None
        start = experiment.schedule.start
        scheduled = 0
        score = 0.0
        if start is not None and start <= today:
            for check_in in self._ctx.repo.list_check_ins(start, today):
                mark = check_in.adherence.get(experiment.id)
                if mark is not None and mark is not Adherence.NOT_SCHEDULED:
                    scheduled += 1
                    score += _CREDIT.get(mark, 0.0)
        adherence = score / scheduled if scheduled else None
        if adherence is None:
            reason = "A routine: there is no baseline to compare with, and no days are marked yet."
        else:
            reason = (
                "A routine: there is no baseline to compare with; "
                f"{round(adherence * 100)}% of days done."
            )
        return Evaluation(
            experiment_id=experiment.id,
            design="routine",
            verdict=Verdict.KEEP_GOING,
            reason=reason,
            adherence=adherence,
            phases=(),
            metrics=(),
            pairs=(),
            pairs_agree=None,
            confounders=(),
            tradeoffs=(),
            caveats=(),
            days_needed=0,
        )

    # data ------------------------------------------------------------------

    @staticmethod
    def _values(
        phase: Phase, days: dict[dt.date, CheckIn], metric: str, today: dt.date
    ) -> list[float]:
        """Ratings in date order; missing days skipped, unusual days left out."""
        values: list[float] = []
        day = phase.start
        while day <= min(phase.end, today):
            check_in = days.get(day)
            if check_in is not None and not check_in.is_unusual and metric in check_in.ratings:
                values.append(check_in.ratings[metric])
            day += dt.timedelta(days=1)
        return values

    @staticmethod
    def _summarise(
        phase: Phase, days: dict[dt.date, CheckIn], targets: Sequence[Target], today: dt.date
    ) -> PhaseSummary:
        elapsed = max(0, (min(phase.end, today) - phase.start).days + 1)
        in_phase = [c for d, c in days.items() if phase.start <= d <= min(phase.end, today)]
        usable = min(
            sum(1 for c in in_phase if not c.is_unusual and t.metric in c.ratings) for t in targets
        )
        unusual = sum(1 for c in in_phase if c.is_unusual)
        return PhaseSummary(
            phase.label, phase.kind, phase.start, phase.end, elapsed, usable, unusual
        )

    @staticmethod
    def _adherence(
        experiment: Experiment,
        placed: Sequence[Phase],
        days: dict[dt.date, CheckIn],
        today: dt.date,
    ) -> float | None:
        """Share of scheduled trial days marked done; partly counts half.

        Only days with a check-in count: a day never checked in is missing, not
        "not done" (and today does not count against the user before they check in).
        """
        scheduled = 0
        score = 0.0
        for phase in placed:
            if phase.kind is not PhaseKind.TRIAL:
                continue
            day = phase.start
            while day <= min(phase.end, today):
                check_in = days.get(day)
                mark = check_in.adherence.get(experiment.id or 0) if check_in else None
                if check_in is not None and mark is not Adherence.NOT_SCHEDULED:
                    scheduled += 1
                    score += _CREDIT.get(mark, 0.0) if mark is not None else 0.0
                day += dt.timedelta(days=1)
        return score / scheduled if scheduled else None

    def _confounders(
        self, experiment: Experiment, start: dt.date, end: dt.date
    ) -> tuple[Confounder, ...]:
        found: list[Confounder] = []
        decisions = decisions_by_experiment(self._ctx.repo.list_decisions())
        for other in self._ctx.repo.list_experiments():
            if other.id == experiment.id or other.id is None:
                continue
            # A trial stopped, switched or adjusted early did not run after that day;
            # a persisted change goes on, so its scheduled trial days all count.
            closing = closing_decision(decisions.get(other.id, []))
            stop = end
            if closing is not None and closing.kind is not DecisionKind.PERSIST:
                stop = min(end, closing.decided_on)
            overlap = 0
            for phase in place_phases(other.schedule):
                if phase.kind is not PhaseKind.TRIAL:
                    continue
                first, last = max(phase.start, start), min(phase.end, stop)
                overlap += max(0, (last - first).days + 1)
            if overlap:
                found.append(Confounder(other.id, other.title, overlap))
        return tuple(found)

    # judgement -------------------------------------------------------------

    @staticmethod
    def _pairs_agree(pairs: Sequence[PairResult]) -> bool | None:
        """Whether the main target's change points the same way in every A-B pair."""
        if len(pairs) < 2:
            return None
        ways: set[int] = set()
        for pair in pairs:
            main = pair.metrics[0] if pair.metrics else None
            if main is None or main.change is None:
                return None
            better = main.change if main.improvement == "increase" else -main.change
            ways.add((better > 0) - (better < 0))
        return len(ways) == 1 and 0 not in ways

    @staticmethod
    def _tradeoffs(metrics: Sequence[MetricResult]) -> tuple[str, ...]:
        better = [m for m in metrics if m.status == "improved"]
        worse = [m for m in metrics if m.status == "worsened"]
        lines = []
        for gain in better:
            for cost in worse:
                change = cost.change if cost.change is not None else cost.difference or 0.0
                moved = "rose" if change > 0 else "fell"
                lines.append(
                    f"{gain.metric} improved, but {cost.metric} {moved} too, which is worse for you"
                )
        return tuple(lines)

    @staticmethod
    def _verdict(
        design: str,
        metrics: Sequence[MetricResult],
        adherence: float | None,
        days_needed: int,
        summaries: Sequence[PhaseSummary],
        pairs_agree: bool | None,
        progress: Progress | None,
        closed: bool,
    ) -> tuple[Verdict, str]:
        if days_needed > 0 or not metrics:
            short = [s for s in summaries if s.usable_days < MIN_DAYS_PER_PHASE]
            where = ", ".join(
                f"{MIN_DAYS_PER_PHASE - s.usable_days} in phase {s.label}" for s in short
            )
            detail = f" ({where})" if where else ""
            needed = (
                "1 more rated day is" if days_needed == 1 else f"{days_needed} more rated days are"
            )
            if closed:
                return (
                    Verdict.KEEP_GOING,
                    f"Too few rated days to judge: it ended {days_needed} rated "
                    f"day{'s' if days_needed != 1 else ''} short{detail}. What you noticed "
                    "still counts; a new version could run a little longer.",
                )
            return (
                Verdict.KEEP_GOING,
                f"Keep going: {needed} needed{detail} before "
                "the app can say anything honest about this change.",
            )
        main = metrics[0]
        improved = [m.metric for m in metrics if m.status == "improved"]
        worsened = [m.metric for m in metrics if m.status == "worsened"]
        # Before the planned end only overwhelming evidence speaks: the main target
        # clearly better or worse, or any target clearly worse.
        fired = main.status in ("improved", "worsened") or bool(worsened)
        if progress is not None and not fired:
            left = progress.days_left
            return (
                Verdict.KEEP_GOING,
                f"Too early: day {progress.day} of {progress.days} of {progress.what}, keep "
                f"going; {left} day{'s' if left != 1 else ''} left in the plan. Until the end "
                "the app only speaks up if the change is already unmistakable.",
            )
        pattern = (
            " This is a pattern in your data, not proof."
            if design == "ab"
            else (
                " The result repeated across both A-B pairs."
                if pairs_agree
                else " The A-B pairs did not point the same way, so hold it lightly."
            )
        )
        early = " It is clear already, before the planned end." if progress is not None else ""
        trend_note = ""
        trending = [
            m.metric for m in metrics if m.baseline_trend is not None and m.baseline_trend.improving
        ]
        if trending:
            trend_note = (
                f" Your {_names(trending)} {'was' if len(trending) == 1 else 'were'} already "
                "improving before the change; the decision allows for days that drift like "
                "that, and the trend-corrected comparison (Tau-BC) is in the numbers."
            )
        if adherence is not None and adherence < MIN_ADHERENCE:
            return (
                Verdict.ADJUST,
                f"Adjust: you managed the change on about {round(adherence * 100)}% of trial "
                "days, so it has not really been tried yet; an easier version may fit your "
                "days better." + trend_note,
            )
        if improved and worsened:
            aside = (
                ""
                if main.status != "unclear"
                else f", and your main target, {main.metric}, showed no clear change"
            )
            return (
                Verdict.ADJUST,
                f"Adjust: {_names(improved)} improved, but {_names(worsened)} got worse{aside}; "
                "a tweaked version might keep the gain without the cost."
                + early
                + trend_note
                + pattern,
            )
        if main.status == "improved":
            return (
                Verdict.PERSIST,
                f"Persist: {_names(improved)} improved ({_change_words(main, len(improved) > 1)}) "
                "and nothing "
                "got worse." + early + trend_note + pattern,
            )
        if worsened:
            return (
                Verdict.SWITCH,
                f"Try something different: {_names(worsened)} got worse during the trial and "
                "nothing improved. That is useful to know, not a failure."
                + early
                + trend_note
                + pattern,
            )
        if improved:
            return (
                Verdict.ADJUST,
                f"Adjust: {_names(improved)} improved, but your main target, {main.metric}, "
                "showed no clear change; a version aimed more at it may show more."
                + trend_note
                + pattern,
            )
        unclear = _names([m.metric for m in metrics])
        return (
            Verdict.ADJUST,
            f"Adjust: no clear change in {unclear} yet; a "
            "stronger or easier version of the change may show more." + trend_note,
        )

    @staticmethod
    def _caveats(
        design: str,
        metrics: Sequence[MetricResult],
        confounders: Sequence[Confounder],
        summaries: Sequence[PhaseSummary],
        pairs_agree: bool | None,
    ) -> tuple[str, ...]:
        notes: list[str] = []
        if design == "ab":
            notes.append(
                "One baseline and one trial show a pattern in your data, not proof; "
                "an A-B-A-B schedule makes a result stronger when it repeats."
            )
        elif pairs_agree is False:
            notes.append("The A-B pairs point in different directions.")
        for m in metrics:
            if m.baseline_trend is not None and m.baseline_trend.improving:
                notes.append(
                    f"{m.metric} was already improving during the baseline "
                    f"(about {m.baseline_trend.slope:+.2f} per rated day)."
                )
        if len(metrics) > 1:
            notes.append(
                f"{metrics[0].metric.capitalize()} is the main target; the others count as "
                "improved or worse only on stronger evidence, so that more targets do not mean "
                "more chances to be fooled."
            )
        if confounders:
            named = _names(
                [
                    f"“{c.title}” ({c.overlap_days} day{'s' if c.overlap_days != 1 else ''})"
                    for c in confounders
                ]
            )
            notes.append(f"Other experiments were in their trial at the same time: {named}.")
        unusual = sum(s.unusual_days for s in summaries)
        if unusual:
            notes.append(f"{unusual} unusual day{'s' if unusual != 1 else ''} left out.")
        return tuple(notes)


def _change_words(result: MetricResult, named: bool = False) -> str:
    """'by about 2.9 points; a trial day was better ... in 100% of comparisons'."""
    parts = []
    if result.change is not None:
        by = f"by about {_points(abs(result.change)).lstrip('+')}"
        parts.append(f"{result.metric} {by}" if named else by)
    parts.append(nap_in_words(result))
    return "; ".join(parts)


def early_decision_note(evaluation: Evaluation) -> str | None:
    """A warning before deciding while the plan still runs and nothing is clear yet.

    None when the plan is over, or when the rule has already spoken.
    """
    progress = evaluation.progress
    if progress is None or evaluation.verdict is not Verdict.KEEP_GOING:
        return None
    left = f"{progress.days_left} day{'s' if progress.days_left != 1 else ''}"
    where = (
        f"It has not started yet: all {left} of the plan are still ahead."
        if progress.day == 0
        else f"It is day {progress.day} of {progress.days} of {progress.what}, with {left} "
        "left in the plan."
    )
    return (
        f"{where} What the data shows so far: {evaluation.reason} "
        "You can still decide now, and undo the decision afterwards."
    )


def metric_line(m: MetricResult) -> str | None:
    """One target in plain words: its status, the means, the change and the comparisons."""
    if m.baseline_mean is None or m.trial_mean is None:
        return None
    better = "higher" if m.improvement == "increase" else "lower"
    role = "main target, " if m.primary else ""
    status = STATUS_WORDS[m.status]
    if m.status == "unclear" and m.interim:
        status += " yet"
    line = (
        f"{m.metric.capitalize()} ({role}{better} is better): {status}; "
        f"{m.baseline_mean:.1f} before, {m.trial_mean:.1f} during the trial"
    )
    if m.change is not None:
        line += f"; change {change_in_words(m)}"
    return line + f"; {nap_in_words(m)}."


def plain_summary(evaluation: Evaluation) -> list[str]:
    """The evaluation as a few plain sentences: the reason first, numbers after."""
    lines = [evaluation.reason]
    if evaluation.adherence is not None:
        lines.append(
            f"You did the change on about {round(evaluation.adherence * 100)}% of the "
            "trial days you checked in (partly counts half)."
        )
    for m in evaluation.metrics:
        line = metric_line(m)
        if line is not None:
            lines.append(line)
    lines.extend(evaluation.caveats)
    return lines
