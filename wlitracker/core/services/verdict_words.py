"""An evaluation in plain words, for the window, the command line and the report."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.entities import first_capital
from ..model.evaluation_results import Evaluation, MetricResult, Verdict
from ..model.words import STATUS_WORDS


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


def _change_words(result: MetricResult, named: bool = False) -> str:
    """'by about 2.9 points; a trial day was better ... in 100% of comparisons'."""
    parts = []
    if result.change is not None:
        by = f"by about {_points(abs(result.change)).lstrip('+')}"
        parts.append(f"{result.label} {by}" if named else by)
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
        f"{first_capital(m.label)} ({role}{better} is better): {status}; "
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
