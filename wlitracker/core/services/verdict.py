"""The suggestion from an evaluation's results: persist, adjust, switch or keep going; caveats."""

from __future__ import annotations

from collections.abc import Sequence

from ..model.entities import first_capital
from ..model.evaluation_results import (
    MIN_ADHERENCE,
    MIN_DAYS_PER_PHASE,
    Confounder,
    MetricResult,
    PairResult,
    PhaseSummary,
    Progress,
    Verdict,
)
from .verdict_words import _change_words, _names


def pairs_agree(pairs: Sequence[PairResult]) -> bool | None:
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


def tradeoffs(metrics: Sequence[MetricResult]) -> tuple[str, ...]:
    better = [m for m in metrics if m.status == "improved"]
    worse = [m for m in metrics if m.status == "worsened"]
    lines = []
    for gain in better:
        for cost in worse:
            change = cost.change if cost.change is not None else cost.difference or 0.0
            moved = "rose" if change > 0 else "fell"
            lines.append(
                f"{gain.label} improved, but {cost.label} {moved} too, which is worse for you"
            )
    return tuple(lines)


def suggest(
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
        where = ", ".join(f"{MIN_DAYS_PER_PHASE - s.usable_days} in phase {s.label}" for s in short)
        detail = f" ({where})" if where else ""
        needed = "1 more rated day is" if days_needed == 1 else f"{days_needed} more rated days are"
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
    improved = [m.label for m in metrics if m.status == "improved"]
    worsened = [m.label for m in metrics if m.status == "worsened"]
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
        m.label for m in metrics if m.baseline_trend is not None and m.baseline_trend.improving
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
            else f", and your main target, {main.label}, showed no clear change"
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
            f"Adjust: {_names(improved)} improved, but your main target, {main.label}, "
            "showed no clear change; a version aimed more at it may show more."
            + trend_note
            + pattern,
        )
    unclear = _names([m.label for m in metrics])
    return (
        Verdict.ADJUST,
        f"Adjust: no clear change in {unclear} yet; a "
        "stronger or easier version of the change may show more." + trend_note,
    )


def caveats(
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
                f"{first_capital(m.label)} was already improving during the baseline "
                f"(about {m.baseline_trend.slope:+.2f} per rated day)."
            )
    if len(metrics) > 1:
        notes.append(
            f"{first_capital(metrics[0].label)} is the main target; the others count as "
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
