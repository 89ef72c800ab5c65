"""What an evaluation finds: per target, per phase pair, and the suggestion; plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from ..stats import decision_rule as rule
from ..stats import effect_sizes as es
from ..stats.decision_rule import Judgement
from .entities import Adherence, PhaseKind

MIN_DAYS_PER_PHASE = rule.MIN_DAYS_PER_PHASE  # fewer rated days in a phase: keep going
MIN_ADHERENCE = 0.5  # the change made on fewer trial days than this: adjust
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
    change is not an improvement (one-sided). ``label``: the metric as people read it
    (``metric_label``), the name itself when not given.
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
    label: str = ""

    def __post_init__(self) -> None:
        if not self.label:
            object.__setattr__(self, "label", self.metric)


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
