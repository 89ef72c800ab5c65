"""What the Trends page's *What goes with good days* tab shows: associations in words.

Each row says which days, which metric, by how much and how sure (the interval, the
days on each side, the q-value), and for a strong one offers the experiment that
would test it: the shift, the metric as the target, an A-B-A-B schedule. The words
say plainly that these are associations; the experiment is how to learn whether
the factor is the cause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import schedules
from ..model.entities import Experiment, Target, first_capital, metric_label, rating_text
from ..services.experiments import MAX_TITLE_CHARS
from ..services.insights import MIN_DAYS_EACH_SIDE, STRONG_Q, Insight, Insights
from .experiment_form import DEFAULT_BLOCK_DAYS

__all__ = [
    "ASSOCIATION_NOTE",
    "InsightRow",
    "InsightsView",
    "factor_phrase",
    "insight_row",
    "insights_view",
    "suggested_experiment",
]

ASSOCIATION_NOTE = (
    "These are associations, not causes: weekdays, seasons and other things travel "
    "together, and a factor may follow a good day rather than make it. Testing one as "
    "an experiment is how to find out."
)
MAX_ROWS = 50  # the strongest; the rest are counted


def _quoted(text: str) -> str:
    return f"“{text}”"


def factor_phrase(insight: Insight) -> str:
    """The days with the factor, in words: 'days tagged “gym”'."""
    factor = insight.factor
    if factor.kind == "tag":
        return f"days tagged {_quoted(factor.label)}"
    if factor.kind == "adherence":
        return f"days you did {_quoted(factor.label)}"
    if factor.yes_no:
        return f"days with {factor.label} yes"
    threshold = rating_text(factor.threshold or 0.0)
    return f"days with {factor.label} above {threshold}"


def _signed(value: float) -> str:
    text = f"{abs(value):.1f}"
    if text == "0.0":
        return "0.0"
    return ("+" if value > 0 else "−") + text


def _q_text(q: float) -> str:
    return "q < 0.001" if q < 0.001 else f"q = {q:.3f}" if q < 0.1 else f"q = {q:.2f}"


@dataclass(frozen=True)
class InsightRow:
    """One association as the tab shows it; ``suggestion`` only for a strong one."""

    key: str  # the factor's key and the metric: unique in a view
    kind: str  # tag, adherence, metric
    headline: str  # 'Days tagged “gym”: guilt 1.2 lower (better)'
    detail: str  # the numbers: difference and interval, days, q
    difference: float
    ci_low: float
    ci_high: float
    span: float  # the metric's scale (max - min), so every row draws on its own scale
    better_with: bool
    strong: bool
    suggestion: Experiment | None


@dataclass(frozen=True)
class InsightsView:
    start: dt.date
    end: dt.date
    metric: str | None  # the metric chosen; None: satisfaction and guilt
    rows: tuple[InsightRow, ...]
    tested: int  # pairs of the chosen metrics tested
    strong: int
    more: int  # rows left out below the strongest MAX_ROWS
    untested: int  # pairs with too few days on a side, over every metric
    note: str = ASSOCIATION_NOTE

    @property
    def empty_text(self) -> str:
        """What the tab says when there is no row to show."""
        return (
            f"Nothing to compare yet in these days: a tag, an experiment or a metric is "
            f"compared once it has {MIN_DAYS_EACH_SIDE} rated days with it and "
            f"{MIN_DAYS_EACH_SIDE} without. Choose a longer range, or keep checking in."
        )

    @property
    def summary(self) -> str:
        if not self.tested:
            return ""
        if not self.strong:
            return (
                f"{self.tested} comparisons, none strong (q ≤ {STRONG_Q:g}): nothing stands "
                "out more than chance would make it."
            )
        return f"{self.tested} comparisons, {self.strong} strong (q ≤ {STRONG_Q:g})."


def suggested_experiment(insight: Insight, today: dt.date) -> Experiment:
    """The experiment that would test ``insight``: its shift, the metric, A-B-A-B."""
    factor, metric = insight.factor, insight.metric
    more = insight.better_with
    what = factor_phrase(insight)
    if factor.kind == "adherence":
        title = f"{factor.label}, tested on and off"
        shift = f"Do {_quoted(factor.label)} in the trial weeks and not in the baseline weeks"
    elif factor.kind == "tag":
        title = f"{'More' if more else 'Fewer'} days with {factor.label}"
        shift = f"{'More' if more else 'Fewer'} {what} in the trial weeks"
    else:
        title = f"{'More' if more else 'Less'} {factor.label}"
        shift = f"{'More' if more else 'Fewer'} {what} in the trial weeks"
    direction = "higher" if insight.difference > 0 else "lower"
    label = metric_label(metric)
    hypothesis = (
        f"On {what} my {label} was {abs(insight.difference):.1f} {direction}; "
        f"if that is the cause, my {label} will be better in the trial weeks."
    )
    return Experiment(
        title=title[:MAX_TITLE_CHARS],
        intention="Find out whether what went with my good days makes them",
        shift=shift,
        hypothesis=hypothesis,
        targets=(Target(metric.name, metric.better),),
        schedule=schedules.abab(DEFAULT_BLOCK_DAYS, today),
    )


def insight_row(insight: Insight, today: dt.date) -> InsightRow:
    """One association in words and numbers; a strong one with its experiment."""
    c = insight.comparison
    metric = insight.metric
    size = f"{abs(c.difference):.1f}"
    way = "higher" if c.difference > 0 else "lower"
    verdict = "better" if insight.better_with else "worse"
    if not insight.strong:
        verdict = "could be chance"
    factor, label = first_capital(factor_phrase(insight)), metric_label(metric)
    headline = f"{factor}: {label} {size} {way} ({verdict})"
    if size == "0.0":
        headline = f"{factor}: {label} about the same"
    detail = (
        f"{_signed(c.difference)} (95% interval {_signed(c.ci_low)} to {_signed(c.ci_high)}); "
        f"{rating_text(round(c.mean_with, 1))} on {c.days_with} days with it, "
        f"{rating_text(round(c.mean_without, 1))} on {c.days_without} without; "
        f"{_q_text(insight.q_value)}"
    )
    return InsightRow(
        key=f"{insight.factor.key}|{metric.name}",
        kind=insight.factor.kind,
        headline=headline,
        detail=detail,
        difference=c.difference,
        ci_low=c.ci_low,
        ci_high=c.ci_high,
        span=float(metric.max_value - metric.min_value),
        better_with=insight.better_with,
        strong=insight.strong,
        suggestion=suggested_experiment(insight, today) if insight.strong else None,
    )


SHOWN_TOGETHER = ("satisfaction", "guilt")


def insights_view(insights: Insights, metric: str | None, today: dt.date) -> InsightsView:
    """The rows of ``metric`` (None: satisfaction and guilt), strongest first."""
    chosen = tuple(
        i
        for i in insights.items
        if (i.metric.name == metric if metric else i.metric.name in SHOWN_TOGETHER)
    )
    shown = chosen[:MAX_ROWS]
    return InsightsView(
        start=insights.start,
        end=insights.end,
        metric=metric,
        rows=tuple(insight_row(i, today) for i in shown),
        tested=len(chosen),
        strong=sum(1 for i in chosen if i.strong),
        more=len(chosen) - len(shown),
        untested=insights.untested,
    )
