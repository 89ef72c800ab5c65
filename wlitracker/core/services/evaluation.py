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
from typing import Literal

from ..model.entities import (
    Adherence,
    CheckIn,
    Decision,
    Experiment,
    Phase,
    PhaseKind,
    Target,
    label_of,
    metric_labels,
)
from ..model.errors import InsufficientData
from ..model.evaluation_results import (
    _CREDIT,
    MIN_DAYS_PER_PHASE,
    TREND_ALPHA,
    Confounder,
    Evaluation,
    MetricResult,
    PairResult,
    PhaseSummary,
    Progress,
    Trend,
    Verdict,
)
from ..model.record import replace
from ..model.words import STATUS_WORDS
from ..schedules import design_of
from ..schedules import phases as place_phases
from ..stats import decision_rule as rule
from ..stats import effect_sizes as es
from ..stats.decision_rule import Judgement, judge
from . import verdict as suggestion
from .confounders import TrialIndex
from .context import Context
from .experiments import DEFAULT_TARGETS
from .verdict_words import change_in_words, early_decision_note, nap_in_words, plain_summary

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
    label: str = "",
) -> MetricResult:
    """Every measure for one metric between one baseline and one trial phase.

    ``planned_trial_days``: the trial's planned length while it is still
    running (a look before the end is judged at the strict interim level).
    ``label``: the metric as people read it, for the words said about it.
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
        label,
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
    label: str,
) -> MetricResult:
    nap, tau, tau_bc, smd = estimates
    b_mean, t_mean = _mean(baseline), _mean(trial)
    return MetricResult(
        metric=metric,
        label=label,
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
    label: str = "",
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
        label,
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


# --- the service ------------------------------------------------------------


class EvaluationService:
    def __init__(self, context: Context) -> None:
        self._ctx = context
        self._index: tuple[tuple[list[Experiment], list[Decision]], TrialIndex] | None = None

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
        labels = metric_labels(self._ctx.repo.list_metrics())
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
                            label_of(t.metric, labels),
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
                        label_of(t.metric, labels),
                    )
                    for i, t in enumerate(targets)
                ]
            )
        pairs_agree = suggestion.pairs_agree(pairs) if design == "abab" else None
        adherence = self._adherence(experiment, placed, days, today)
        confounders = self._confounders(experiment, start, end)
        days_needed = sum(max(0, MIN_DAYS_PER_PHASE - s.usable_days) for s in summaries)
        if not placed:
            days_needed = MIN_DAYS_PER_PHASE * len(experiment.schedule.plan)
        progress = self._progress(design, placed, today) if still_running else None
        tradeoffs = suggestion.tradeoffs(metrics)
        verdict, reason = suggestion.suggest(
            design,
            metrics,
            adherence,
            days_needed,
            summaries,
            pairs_agree,
            progress,
            closed=view.closing is not None,
        )
        caveats = suggestion.caveats(design, metrics, confounders, summaries, pairs_agree)
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
        return self._trial_index().overlapping(experiment.id, start, end)

    def _trial_index(self) -> TrialIndex:
        """The trial windows, placed again only when the experiments or decisions differ.

        The repository hands back the same records until something changes, so the
        comparison is mostly of identities and costs far less than placing every
        schedule again for each evaluation.
        """
        key = (self._ctx.repo.list_experiments(), self._ctx.repo.list_decisions())
        if self._index is None or self._index[0] != key:
            self._index = (key, TrialIndex(*key))
        return self._index[1]

    # judgement -------------------------------------------------------------
