"""Evaluating an experiment honestly: effect sizes, caveats and a suggested decision.

The rules (DESIGN §3): compare trial days with baseline days per target metric,
direction-aware; leave unusual days out; report adherence; say "keep going"
until every phase has enough rated days; call out a baseline that was already
improving and judge on Tau-BC then; treat A-B results as a pattern, not proof;
say trade-offs and overlapping experiments out loud. The app suggests, the user
decides.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

from . import effect_sizes as es
from .errors import InsufficientData
from .journal import Context
from .models import (
    GUILT,
    SATISFACTION,
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

MIN_DAYS_PER_PHASE = 5
MIN_ADHERENCE = 0.5
TREND_ALPHA = 0.05
_CREDIT = {Adherence.DONE: 1.0, Adherence.PARTLY: 0.5}

MetricStatus = Literal["improved", "worsened", "unclear", "not enough data"]
STATUS_WORDS: Mapping[str, str] = MappingProxyType(  # a MetricStatus in plain words
    {
        "improved": "improved",
        "worsened": "got worse",
        "unclear": "no clear change",
        "not enough data": "not enough days yet",
    }
)
DEFAULT_TARGETS = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))  # when none are set


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
    deciding: Literal["nap", "tau_bc"]


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


# --- helpers ---------------------------------------------------------------


def _improvement(target: Target) -> es.Improvement:
    return "increase" if target.better == "higher" else "decrease"


def _safe(compute: Callable[[], es.Estimate]) -> es.Estimate | None:
    try:
        return compute()
    except InsufficientData:
        return None


def _status(nap: es.Estimate | None, tau_bc: es.Estimate | None, use_bc: bool) -> MetricStatus:
    if use_bc:
        if tau_bc is None or tau_bc.ci_low is None or tau_bc.ci_high is None:
            return "unclear"
        if tau_bc.ci_low > 0:
            return "improved"
        if tau_bc.ci_high < 0:
            return "worsened"
        return "unclear"
    if nap is None or nap.ci_low is None or nap.ci_high is None:
        return "unclear"
    if nap.ci_low > 0.5:
        return "improved"
    if nap.ci_high < 0.5:
        return "worsened"
    return "unclear"


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


def compare(
    metric: str, improvement: es.Improvement, baseline: Sequence[int], trial: Sequence[int]
) -> MetricResult:
    """Every measure for one metric between one baseline and one trial phase."""
    enough = min(len(baseline), len(trial)) >= MIN_DAYS_PER_PHASE

    def mean(values: Sequence[int]) -> float | None:
        return statistics.fmean(values) if values else None

    def median(values: Sequence[int]) -> float | None:
        return float(statistics.median(values)) if values else None

    nap = tau = tau_bc = smd = None
    trend = None
    if baseline and trial:
        slope = es.theil_sen_slope(baseline) if len(baseline) >= 2 else None
        nap = _safe(lambda: es.nap(baseline, trial, improvement=improvement))
        tau = _safe(lambda: es.tau(baseline, trial, improvement=improvement))
        tau_bc = _safe(lambda: es.tau_bc(baseline, trial, improvement=improvement, slope=slope))
        smd = _safe(lambda: es.smd(baseline, trial, improvement=improvement))
        trend = _trend(baseline, improvement, slope) if slope is not None else None
    use_bc = trend is not None and trend.improving
    b_mean, t_mean = mean(baseline), mean(trial)
    return MetricResult(
        metric=metric,
        improvement=improvement,
        n_baseline=len(baseline),
        n_trial=len(trial),
        baseline_mean=b_mean,
        trial_mean=t_mean,
        baseline_median=median(baseline),
        trial_median=median(trial),
        difference=None if b_mean is None or t_mean is None else t_mean - b_mean,
        nap=nap,
        tau=tau,
        tau_bc=tau_bc,
        smd=smd,
        baseline_trend=trend,
        status=_status(nap, tau_bc, use_bc) if enough else "not enough data",
        deciding="tau_bc" if use_bc else "nap",
    )


def _combine(
    metric: str,
    improvement: es.Improvement,
    pairs: Sequence[MetricResult],
    baseline: Sequence[int],
    trial: Sequence[int],
) -> MetricResult:
    """A-B-A-B: means over all days, effect sizes as the equal-weight aggregate of the pairs."""
    overall = compare(metric, improvement, baseline, trial)

    def pooled(pick: Callable[[MetricResult], es.Estimate | None]) -> es.Estimate | None:
        found = [e for p in pairs if (e := pick(p)) is not None]
        if len(found) != len(pairs) or any(e.se is None for e in found):
            return None
        return es.aggregate(found)

    nap = pooled(lambda p: p.nap)
    tau = pooled(lambda p: p.tau)
    tau_bc = pooled(lambda p: p.tau_bc)
    smd = pooled(lambda p: p.smd)
    use_bc = any(p.deciding == "tau_bc" for p in pairs)
    enough = all(p.status != "not enough data" for p in pairs)
    return MetricResult(
        metric=metric,
        improvement=improvement,
        n_baseline=overall.n_baseline,
        n_trial=overall.n_trial,
        baseline_mean=overall.baseline_mean,
        trial_mean=overall.trial_mean,
        baseline_median=overall.baseline_median,
        trial_median=overall.trial_median,
        difference=overall.difference,
        nap=nap,
        tau=tau,
        tau_bc=tau_bc,
        smd=smd,
        # The trend that made Tau-BC decide, so the two never contradict each other.
        baseline_trend=next(
            (p.baseline_trend for p in pairs if p.deciding == "tau_bc"),
            pairs[0].baseline_trend if pairs else None,
        ),
        status=_status(nap, tau_bc, use_bc) if enough else "not enough data",
        deciding="tau_bc" if use_bc else "nap",
    )


def nap_in_words(result: MetricResult) -> str:
    """'the trial day was better in 82% of day pairs' for a non-statistician."""
    if result.nap is None:
        return "not enough days to compare"
    return f"the trial day was better in {round(result.nap.value * 100)}% of day pairs"


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
        pairs = tuple(
            PairResult(
                a.label,
                b.label,
                tuple(
                    compare(
                        t.metric,
                        _improvement(t),
                        values[a.label][t.metric],
                        values[b.label][t.metric],
                    )
                    for t in targets
                ),
            )
            for a, b in zip(placed[0::2], placed[1::2], strict=False)
        )
        design: Literal["ab", "abab"] = design_of(experiment.schedule)
        if design == "ab" or not pairs:
            metrics = pairs[0].metrics if pairs else ()
        else:
            metrics = tuple(
                _combine(
                    t.metric,
                    _improvement(t),
                    [pair.metrics[i] for pair in pairs],
                    [
                        v
                        for p in placed
                        if p.kind is PhaseKind.BASELINE
                        for v in values[p.label][t.metric]
                    ],
                    [
                        v
                        for p in placed
                        if p.kind is PhaseKind.TRIAL
                        for v in values[p.label][t.metric]
                    ],
                )
                for i, t in enumerate(targets)
            )
        pairs_agree = self._pairs_agree(pairs) if design == "abab" else None
        adherence = self._adherence(experiment, placed, days, today)
        confounders = self._confounders(experiment, start, end)
        days_needed = sum(max(0, MIN_DAYS_PER_PHASE - s.usable_days) for s in summaries)
        if not placed:
            days_needed = MIN_DAYS_PER_PHASE * len(experiment.schedule.plan)
        tradeoffs = self._tradeoffs(metrics)
        verdict, reason = self._verdict(
            design,
            metrics,
            adherence,
            days_needed,
            summaries,
            pairs_agree,
            still_running,
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
        )

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
    ) -> list[int]:
        """Ratings in date order; missing days skipped, unusual days left out."""
        values: list[int] = []
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
        if len(pairs) < 2:
            return None
        for i in range(len(pairs[0].metrics)):
            naps = [p.metrics[i].nap for p in pairs]
            if any(n is None for n in naps):
                return None
            sides = {(n.value > 0.5) - (n.value < 0.5) for n in naps if n is not None}
            if len(sides) > 1:
                return False
        return True

    @staticmethod
    def _tradeoffs(metrics: Sequence[MetricResult]) -> tuple[str, ...]:
        better = [m for m in metrics if m.status == "improved"]
        worse = [m for m in metrics if m.status == "worsened"]
        lines = []
        for gain in better:
            for cost in worse:
                change = cost.difference or 0.0
                worse_way = change > 0 if cost.improvement == "decrease" else change < 0
                if worse_way:
                    moved = "rose" if change > 0 else "fell"
                    lines.append(
                        f"{gain.metric} improved, but {cost.metric} {moved} too, "
                        "which is worse for you"
                    )
                elif cost.deciding == "tau_bc":
                    # Judged against its own earlier trend: the raw change looks fine, so
                    # "rose/fell, which is worse" would be untrue.
                    lines.append(
                        f"{gain.metric} improved, but {cost.metric} did worse than the way "
                        "it was already heading"
                    )
                else:
                    lines.append(f"{gain.metric} improved, but {cost.metric} got worse")
        return tuple(lines)

    @staticmethod
    def _verdict(
        design: str,
        metrics: Sequence[MetricResult],
        adherence: float | None,
        days_needed: int,
        summaries: Sequence[PhaseSummary],
        pairs_agree: bool | None,
        still_running: bool,
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
        pattern = (
            " This is a pattern in your data, not proof."
            if design == "ab"
            else (
                " The result repeated across both A-B pairs."
                if pairs_agree
                else " The A-B pairs did not agree, so hold it lightly."
            )
        )
        trend_note = ""
        trending = [m.metric for m in metrics if m.deciding == "tau_bc"]
        if trending:
            trend_note = (
                f" Your {_names(trending)} {'was' if len(trending) == 1 else 'were'} already "
                "improving before the change, so the "
                "trend-corrected comparison (Tau-BC) decided."
            )
        if adherence is not None and adherence < MIN_ADHERENCE:
            return (
                Verdict.ADJUST,
                f"Adjust: you managed the change on about {round(adherence * 100)}% of trial "
                "days, so it has not really been tried yet; an easier version may fit your "
                "days better." + trend_note,
            )
        improved = [m.metric for m in metrics if m.status == "improved"]
        worsened = [m.metric for m in metrics if m.status == "worsened"]
        if improved and worsened:
            return (
                Verdict.ADJUST,
                f"Adjust: {_names(improved)} improved, but {_names(worsened)} got worse; "
                "a tweaked version might keep the gain without the cost." + trend_note + pattern,
            )
        if improved:
            best = next(m for m in metrics if m.status == "improved")
            return (
                Verdict.PERSIST,
                f"Persist: {_names(improved)} improved ({nap_in_words(best)}) and nothing "
                "got worse." + trend_note + pattern,
            )
        if worsened:
            return (
                Verdict.SWITCH,
                f"Try something different: {_names(worsened)} got worse during the trial and "
                "nothing improved. That is useful to know, not a failure." + trend_note + pattern,
            )
        unclear = _names([m.metric for m in metrics])
        if still_running:
            return (
                Verdict.KEEP_GOING,
                f"Keep going: no clear change in {unclear} yet, and the plan is not finished; "
                "more trial days will tell." + trend_note,
            )
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


def plain_summary(evaluation: Evaluation) -> list[str]:
    """The evaluation as a few plain sentences: the reason first, numbers after."""
    lines = [evaluation.reason]
    if evaluation.adherence is not None:
        lines.append(
            f"You did the change on about {round(evaluation.adherence * 100)}% of the "
            "trial days you checked in (partly counts half)."
        )
    for m in evaluation.metrics:
        if m.baseline_mean is None or m.trial_mean is None:
            continue
        better = "higher" if m.improvement == "increase" else "lower"
        lines.append(
            f"{m.metric.capitalize()} ({better} is better): {STATUS_WORDS[m.status]}; "
            f"{m.baseline_mean:.1f} before, {m.trial_mean:.1f} during the trial; "
            f"{nap_in_words(m)}."
        )
    lines.extend(evaluation.caveats)
    return lines
