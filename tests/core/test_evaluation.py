"""The evaluation engine: phases, effect sizes, caveats and the suggested verdict.

Every scenario is built by hand through the real services, on both repository
implementations, with phases that lie in the past relative to the fixed today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
import re
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from wlitracker.core import schedules
from wlitracker.core.model.entities import (
    GUILT,
    SATISFACTION,
    Adherence,
    DecisionKind,
    Experiment,
    Phase,
    PhaseKind,
    Schedule,
    Status,
    Target,
)
from wlitracker.core.model.record import replace
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services import demo
from wlitracker.core.services.evaluation import (
    Evaluation,
    MetricResult,
    Verdict,
    early_decision_note,
)
from wlitracker.core.services.journal import Journal
from wlitracker.core.stats import effect_sizes as es
from wlitracker.interop.native import evaluation_to_dict

D = Adherence.DONE
P = Adherence.PARTLY
N = Adherence.NOT_DONE
S = Adherence.NOT_SCHEDULED

SAT_UP = (Target(SATISFACTION, "higher"),)
GUILT_DOWN = (Target(GUILT, "lower"),)
BOTH = (Target(SATISFACTION, "higher"), Target(GUILT, "lower"))

FLAT = [5, 4, 5, 4, 5, 4, 5]
FLAT_AGAIN = [4, 5, 4, 5, 4, 5, 4]
HIGH = [7, 8, 7, 8, 7, 8, 7]
LOW = [2, 1, 2, 1, 2, 1, 2]

JARGON = re.compile(r"NAP|Tau|SMD|Kendall|Theil|Hedges|p-value|interval", re.IGNORECASE)

Series = Sequence[int | None]


# --- building scenarios ------------------------------------------------------


def day(start: dt.date, offset: int) -> dt.date:
    return start + dt.timedelta(days=offset)


def create(
    journal: Journal,
    schedule: Schedule,
    targets: Sequence[Target] = SAT_UP,
    title: str = "Walk at lunch",
) -> int:
    created = journal.experiments.create(Experiment(title, schedule, targets=tuple(targets)))
    assert created.id is not None
    return created.id


def phases_of(journal: Journal, experiment_id: int) -> tuple[Phase, ...]:
    return journal.experiments.view(experiment_id).phases


def rate(journal: Journal, first: dt.date, series: Mapping[str, Series]) -> None:
    """One rating per day from ``first`` on; ``None`` leaves that metric unrated that day."""
    for offset in range(max((len(s) for s in series.values()), default=0)):
        ratings = {
            name: value
            for name, values in series.items()
            if offset < len(values) and (value := values[offset]) is not None
        }
        if ratings:
            journal.check_ins.update(day(first, offset), ratings=ratings)


def mark(
    journal: Journal, experiment_id: int, first: dt.date, marks: Sequence[Adherence | None]
) -> None:
    for offset, adherence in enumerate(marks):
        if adherence is not None:
            journal.check_ins.update(day(first, offset), adherence={experiment_id: adherence})


def fill_phases(
    journal: Journal,
    experiment_id: int,
    data: Sequence[Mapping[str, Series]],
    marks: Sequence[Sequence[Adherence | None] | None] | None = None,
) -> None:
    """Ratings for each phase in order; every trial day marked done unless told otherwise."""
    placed = phases_of(journal, experiment_id)
    for i, (phase, series) in enumerate(zip(placed, data, strict=True)):
        rate(journal, phase.start, series)
        chosen = marks[i] if marks is not None else None
        if chosen is None and phase.kind is PhaseKind.TRIAL:
            chosen = [D] * phase.days
        if chosen:
            mark(journal, experiment_id, phase.start, chosen)


def ab_experiment(
    journal: Journal,
    baseline: Mapping[str, Series],
    trial: Mapping[str, Series],
    *,
    targets: Sequence[Target] = SAT_UP,
    days: tuple[int, int] | None = None,
    ended_days_ago: int = 3,
    trial_marks: Sequence[Adherence | None] | None = None,
    title: str = "Walk at lunch",
) -> int:
    """An A-B experiment over the given days, ending ``ended_days_ago`` before today."""
    a_days, b_days = days or (
        max(len(s) for s in baseline.values()),
        max(len(s) for s in trial.values()),
    )
    start = journal.today() - dt.timedelta(days=a_days + b_days - 1 + ended_days_ago)
    experiment_id = create(journal, schedules.ab(a_days, b_days, start), targets, title)
    fill_phases(journal, experiment_id, [baseline, trial], [None, trial_marks])
    return experiment_id


def abab_experiment(
    journal: Journal,
    blocks: Sequence[Mapping[str, Series]],
    *,
    targets: Sequence[Target] = SAT_UP,
    block_days: int = 5,
) -> int:
    start = journal.today() - dt.timedelta(days=4 * block_days + 2)
    experiment_id = create(journal, schedules.abab(block_days, start), targets)
    fill_phases(journal, experiment_id, blocks)
    return experiment_id


def on_day(journal: Journal, when: dt.date) -> Journal:
    """The same journal with its clock set to another day (to record a past decision)."""
    return Journal(journal.repo, lambda: when)


def first_sentence(reason: str) -> str:
    return reason.split(". ", maxsplit=1)[0]


def metric(evaluation: Evaluation, name: str) -> MetricResult:
    return next(m for m in evaluation.metrics if m.metric == name)


def strict_json(evaluation: Evaluation) -> str:
    return json.dumps(evaluation_to_dict(evaluation), allow_nan=False)


def usable(values: Series) -> list[int]:
    return [v for v in values if v is not None]


# --- verdicts ----------------------------------------------------------------


def test_clear_improvement_and_nothing_worse_is_persist(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT, GUILT: FLAT}, {SATISFACTION: HIGH, GUILT: FLAT}, targets=BOTH
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.PERSIST
    assert metric(evaluation, SATISFACTION).status == "improved"
    assert metric(evaluation, GUILT).status == "unclear"
    result = metric(evaluation, SATISFACTION)
    assert result.judgement == "improved"
    assert result.change is not None and result.change_ci is not None
    assert result.change_ci[0] < result.change < result.change_ci[1]
    assert evaluation.reason == (
        f"Persist: Satisfaction improved (by about {result.change:.1f} points; a trial day was "
        "better than a baseline day in 100% of comparisons) and nothing got worse. This is a "
        "pattern in your data, not proof."
    )
    assert evaluation.tradeoffs == ()
    assert evaluation.days_needed == 0
    assert not JARGON.search(first_sentence(evaluation.reason))


def test_a_metric_is_named_in_the_verdict_as_it_was_typed(journal: Journal) -> None:
    journal.metrics.add("Sleep Hours", 0, 10, "higher")
    experiment_id = ab_experiment(
        journal,
        {"sleep hours": FLAT},
        {"sleep hours": HIGH},
        targets=(Target("sleep hours", "higher"),),
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, "sleep hours")
    assert (result.metric, result.label) == ("sleep hours", "Sleep Hours")
    assert evaluation.reason.startswith("Persist: Sleep Hours improved (by about ")
    (shown,) = evaluation_to_dict(evaluation)["metrics"]
    assert (shown["metric"], shown["label"]) == ("sleep hours", "Sleep Hours")


def test_worse_and_nothing_better_is_switch(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT, GUILT: FLAT}, {SATISFACTION: LOW, GUILT: FLAT}, targets=BOTH
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.SWITCH
    assert [m.status for m in evaluation.metrics] == ["worsened", "unclear"]
    assert evaluation.reason.startswith(
        "Try something different: Satisfaction got worse during the trial and nothing "
        "improved. That is useful to know, not a failure."
    )
    assert evaluation.reason.endswith("This is a pattern in your data, not proof.")
    assert not JARGON.search(first_sentence(evaluation.reason))


def test_a_trade_off_is_adjust_and_is_said_out_loud(journal: Journal) -> None:
    # Satisfaction rose (good) but guilt rose too (bad: lower is better).
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT, GUILT: FLAT}, {SATISFACTION: HIGH, GUILT: HIGH}, targets=BOTH
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.ADJUST
    assert [m.status for m in evaluation.metrics] == ["improved", "worsened"]
    assert evaluation.tradeoffs == (
        "Satisfaction improved, but Guilt rose too, which is worse for you",
    )
    assert evaluation.reason == (
        "Adjust: Satisfaction improved, but Guilt got worse; a tweaked version might keep "
        "the gain without the cost. This is a pattern in your data, not proof."
    )
    assert not JARGON.search(first_sentence(evaluation.reason))


def test_a_trade_off_names_a_metric_that_fell(journal: Journal) -> None:
    # Guilt dropped (good), satisfaction dropped too (bad).
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT, GUILT: FLAT}, {SATISFACTION: LOW, GUILT: LOW}, targets=BOTH
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.ADJUST
    assert evaluation.tradeoffs == (
        "Guilt improved, but Satisfaction fell too, which is worse for you",
    )
    assert evaluation.reason.startswith("Adjust: Guilt improved, but Satisfaction got worse;")


def test_a_fall_that_only_continued_an_earlier_trend_is_not_credited(
    journal: Journal,
) -> None:
    # Guilt was already falling fast; it fell further in the trial, but less than the trend.
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT, GUILT: [9, 8, 7, 6, 5, 4, 3]},
        {SATISFACTION: HIGH, GUILT: [3] * 7},
        targets=BOTH,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    guilt = metric(evaluation, GUILT)
    # Days that drift like that carry over: the model does not credit the fall, and the
    # projected trend runs off the scale, so it does not call the change "worse" either.
    assert (guilt.status, guilt.deciding, guilt.difference) == ("unclear", "level", -3.0)
    assert guilt.autocorrelation is not None and guilt.autocorrelation > 0.6
    assert evaluation.verdict is Verdict.PERSIST
    assert evaluation.tradeoffs == ()
    assert "Your Guilt was already improving before the change" in evaluation.reason


def test_all_unclear_after_the_plan_ended_is_adjust(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT, GUILT: FLAT},
        {SATISFACTION: FLAT_AGAIN, GUILT: FLAT},
        targets=BOTH,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.ADJUST
    assert {m.status for m in evaluation.metrics} == {"unclear"}
    assert evaluation.days_needed == 0
    assert evaluation.reason == (
        "Adjust: no clear change in Satisfaction and Guilt yet; a stronger or easier "
        "version of the change may show more."
    )


def test_all_unclear_while_the_plan_runs_is_too_early_until_it_is_closed(
    journal: Journal, today: dt.date
) -> None:
    # A-B 5 + 10 days: five baseline and five trial days done, five trial days to go.
    start = day(today, -10)
    experiment_id = create(journal, schedules.ab(5, 10, start))
    rate(journal, start, {SATISFACTION: [5, 4, 5, 4, 5, 4, 5, 4, 5, 4]})
    mark(journal, experiment_id, day(start, 5), [D] * 5)
    assert journal.experiments.view(experiment_id).status is Status.TRIAL

    running = journal.evaluations.evaluate(experiment_id)

    assert running.verdict is Verdict.KEEP_GOING
    assert running.days_needed == 0
    assert metric(running, SATISFACTION).status == "unclear"
    assert metric(running, SATISFACTION).interim
    assert running.progress is not None
    assert (running.progress.day, running.progress.days, running.progress.days_left) == (6, 10, 5)
    assert running.reason == (
        "Too early: day 6 of 10 of the trial, keep going; 5 days left in the plan. Until the "
        "end the app only speaks up if the change is already unmistakable."
    )

    journal.experiments.decide(experiment_id, DecisionKind.STOP, "Not for me")
    closed = journal.evaluations.evaluate(experiment_id)

    assert closed.verdict is Verdict.ADJUST
    assert closed.reason.startswith("Adjust: no clear change in Satisfaction yet;")


def test_low_adherence_is_adjust_even_when_the_numbers_improved(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT},
        {SATISFACTION: HIGH},
        trial_marks=[D, D, P, N, N, N, N],
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.adherence == pytest.approx(2.5 / 7)
    assert metric(evaluation, SATISFACTION).status == "improved"
    assert evaluation.verdict is Verdict.ADJUST
    assert evaluation.reason == (
        "Adjust: you managed the change on about 36% of trial days, so it has not really "
        "been tried yet; an easier version may fit your days better."
    )
    assert not JARGON.search(first_sentence(evaluation.reason))


def test_adherence_of_exactly_half_counts_as_tried(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT},
        {SATISFACTION: HIGH[:6]},
        trial_marks=[D, D, P, P, N, N],
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.adherence == 0.5
    assert evaluation.verdict is Verdict.PERSIST


# --- keep going: counting the days still needed ------------------------------


def test_too_few_trial_days_is_keep_going_with_the_days_needed(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT}, {SATISFACTION: [8, None, 8, None, 8, None, None]}
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.days_needed == 2
    assert [(p.label, p.usable_days) for p in evaluation.phases] == [("A", 7), ("B", 3)]
    assert metric(evaluation, SATISFACTION).status == "not enough data"
    assert evaluation.reason == (
        "Keep going: 2 more rated days are needed (2 in phase B) before the app can say "
        "anything honest about this change."
    )


def test_days_needed_add_up_over_phases_and_one_day_is_singular(
    journal: Journal, today: dt.date
) -> None:
    start = day(today, -20)
    experiment_id = create(journal, schedules.ab(7, 7, start))
    # Baseline: four usable days (one missing, two unusual); trial: four usable days.
    rate(journal, start, {SATISFACTION: [5, None, 4, 5, 4, 5, 4]})
    for offset in (5, 6):
        journal.check_ins.update(day(start, offset), unusual="ill")
    rate(journal, day(start, 7), {SATISFACTION: [8, 8, 8, 8]})
    mark(journal, experiment_id, day(start, 7), [D] * 7)

    two_short = journal.evaluations.evaluate(experiment_id)

    assert two_short.days_needed == 2
    assert two_short.reason.startswith(
        "Keep going: 2 more rated days are needed (1 in phase A, 1 in phase B) before"
    )

    journal.check_ins.update(day(start, 11), ratings={SATISFACTION: 8})
    one_short = journal.evaluations.evaluate(experiment_id)

    assert one_short.verdict is Verdict.KEEP_GOING
    assert one_short.days_needed == 1
    assert one_short.reason == (
        "Keep going: 1 more rated day is needed (1 in phase A) before the app can say "
        "anything honest about this change."
    )


def test_not_enough_data_wins_over_low_adherence(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT},
        {SATISFACTION: [8, 8, 8]},
        days=(7, 7),
        trial_marks=[N] * 7,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.adherence == 0.0
    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.days_needed == 2


def test_every_target_needs_enough_days(journal: Journal) -> None:
    # Satisfaction is rated every day, guilt only on three trial days.
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT, GUILT: FLAT},
        {SATISFACTION: HIGH, GUILT: [3, None, 3, None, 3, None, None]},
        targets=BOTH,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.phases[1].usable_days == 3
    assert metric(evaluation, SATISFACTION).n_trial == 7
    assert metric(evaluation, GUILT).n_trial == 3
    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.days_needed == 2


def test_an_unscheduled_experiment_needs_every_phase(journal: Journal) -> None:
    ab_id = create(journal, schedules.ab(7, 14))
    abab_id = create(journal, schedules.abab(5))

    ab = journal.evaluations.evaluate(ab_id)
    abab = journal.evaluations.evaluate(abab_id)

    assert (ab.verdict, ab.days_needed, ab.phases, ab.design) == (
        Verdict.KEEP_GOING,
        10,
        (),
        "ab",
    )
    assert (abab.verdict, abab.days_needed, abab.phases, abab.design) == (
        Verdict.KEEP_GOING,
        20,
        (),
        "abab",
    )
    assert ab.reason == (
        "Keep going: 10 more rated days are needed before the app can say anything honest "
        "about this change."
    )
    assert ab.adherence is None
    strict_json(ab)
    strict_json(abab)


def test_a_future_experiment_is_keep_going_with_empty_phases(
    journal: Journal, today: dt.date
) -> None:
    rate(journal, day(today, -3), {SATISFACTION: [5, 5, 5, 5]})
    experiment_id = create(journal, schedules.abab(5, day(today, 2)))

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.design == "abab"
    assert evaluation.days_needed == 20
    assert [(p.label, p.elapsed_days, p.usable_days) for p in evaluation.phases] == [
        ("A", 0, 0),
        ("B", 0, 0),
        ("A2", 0, 0),
        ("B2", 0, 0),
    ]
    assert evaluation.adherence is None
    assert evaluation.confounders == ()
    strict_json(evaluation)


# --- what counts as a day ----------------------------------------------------


def test_unusual_days_are_left_out_and_missing_days_skipped(
    journal: Journal, today: dt.date
) -> None:
    start = day(today, -20)
    experiment_id = create(journal, schedules.ab(8, 8, start))
    baseline: list[int | None] = [5, 4, None, 5, 4, 5, 4, 5]  # day 3 missing
    trial: list[int | None] = [7, 8, 7, None, 8, 7, 8, 1]  # day 4 missing
    rate(journal, start, {SATISFACTION: baseline})
    rate(journal, day(start, 8), {SATISFACTION: trial})
    mark(journal, experiment_id, day(start, 8), [D] * 8)
    # An unusual day in each phase; its rating must not count.
    journal.check_ins.update(day(start, 1), unusual="ill")
    journal.check_ins.update(day(start, 15), unusual="travelling")

    evaluation = journal.evaluations.evaluate(experiment_id)

    kept_baseline = [5, 5, 4, 5, 4, 5]
    kept_trial = [7, 8, 7, 8, 7, 8]
    result = metric(evaluation, SATISFACTION)
    assert (result.n_baseline, result.n_trial) == (6, 6)
    assert [(p.elapsed_days, p.usable_days, p.unusual_days) for p in evaluation.phases] == [
        (8, 6, 1),
        (8, 6, 1),
    ]
    assert result.baseline_mean == statistics.fmean(kept_baseline)
    assert result.trial_mean == statistics.fmean(kept_trial)
    assert result.nap == es.nap(kept_baseline, kept_trial)
    assert "2 unusual days left out." in evaluation.caveats


def test_a_day_without_a_target_rating_is_not_usable(journal: Journal, today: dt.date) -> None:
    start = day(today, -12)
    experiment_id = create(journal, schedules.ab(5, 5, start), targets=BOTH)
    rate(
        journal,
        start,
        {
            SATISFACTION: [5, 4, 5, 4, 5, 8, 8, 8, 8, 8],
            GUILT: [5, 5, None, 5, 5, 5, 5, 5, 5, 5],
        },
    )
    mark(journal, experiment_id, day(start, 5), [D] * 5)

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert [p.usable_days for p in evaluation.phases] == [4, 5]
    assert metric(evaluation, SATISFACTION).n_baseline == 5
    assert metric(evaluation, GUILT).n_baseline == 4
    assert evaluation.verdict is Verdict.KEEP_GOING
    assert "1 in phase A" in evaluation.reason


# --- adherence ---------------------------------------------------------------


def test_adherence_counts_partly_as_half_and_leaves_out_not_scheduled(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT}, {SATISFACTION: HIGH}, trial_marks=[D, D, D, P, P, N, S]
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    # Six scheduled days (one not scheduled), 3 done + 2 halves.
    assert evaluation.adherence == pytest.approx(4 / 6)


def test_adherence_ignores_baseline_marks_and_counts_unmarked_trial_days_as_not_done(
    journal: Journal, today: dt.date
) -> None:
    start = day(today, -12)
    experiment_id = create(journal, schedules.ab(5, 5, start))
    rate(journal, start, {SATISFACTION: [5, 4, 5, 4, 5, 8, 8, 8, 8, 8]})
    mark(journal, experiment_id, start, [D] * 5)  # baseline marks do not count
    mark(journal, experiment_id, day(start, 5), [D, D, P, None, None])

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.adherence == pytest.approx(2.5 / 5)


# --- direction ---------------------------------------------------------------


def test_guilt_dropping_is_an_improvement(journal: Journal) -> None:
    baseline = [6, 7, 6, 7, 6, 7, 6]
    trial = [2, 3, 2, 3, 2, 3, 2]
    experiment_id = ab_experiment(journal, {GUILT: baseline}, {GUILT: trial}, targets=GUILT_DOWN)

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, GUILT)
    assert result.improvement == "decrease"
    assert result.status == "improved"
    assert result.difference == pytest.approx(-4.0)
    assert result.nap == es.nap(baseline, trial, improvement="decrease")
    assert result.nap is not None and result.nap.value == 1.0
    assert result.tau is not None and result.tau.value == 1.0
    assert result.smd is not None and result.smd.value > 0
    assert evaluation.verdict is Verdict.PERSIST
    assert evaluation.reason.startswith("Persist: Guilt improved")


def test_the_same_drop_is_worse_for_a_metric_where_higher_is_better(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {GUILT: [6, 7, 6, 7, 6, 7, 6]},
        {GUILT: [2, 3, 2, 3, 2, 3, 2]},
        targets=(Target(GUILT, "higher"),),
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert metric(evaluation, GUILT).status == "worsened"
    assert evaluation.verdict is Verdict.SWITCH


def test_without_targets_the_defaults_are_stored_and_satisfaction_is_the_main_one(
    journal: Journal,
) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: FLAT, GUILT: [6, 7, 6, 7, 6, 7, 6]},
        {SATISFACTION: FLAT_AGAIN, GUILT: [2, 3, 2, 3, 2, 3, 2]},
        targets=(),
    )
    assert journal.experiments.get(experiment_id).targets == BOTH

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert [(m.metric, m.improvement, m.status, m.primary) for m in evaluation.metrics] == [
        (SATISFACTION, "increase", "unclear", True),
        (GUILT, "decrease", "improved", False),
    ]
    # Only the main target can make it a "persist"; the other is said out loud.
    assert evaluation.verdict is Verdict.ADJUST
    assert evaluation.reason.startswith(
        "Adjust: Guilt improved, but your main target, Satisfaction, showed no clear change;"
    )


def test_an_experiment_stored_without_targets_is_judged_on_the_defaults(
    journal: Journal,
) -> None:
    # Journals from before targets were required hold experiments without any.
    experiment_id = ab_experiment(
        journal, {SATISFACTION: FLAT, GUILT: FLAT}, {SATISFACTION: HIGH, GUILT: FLAT}
    )
    old = journal.experiments.get(experiment_id)
    journal.repo.update_experiment(replace(old, targets=()))

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert [m.metric for m in evaluation.metrics] == [SATISFACTION, GUILT]
    assert evaluation.verdict is Verdict.PERSIST


# --- a baseline that was already improving ------------------------------------


def test_an_improving_baseline_is_not_credited_to_the_change_and_the_reason_says_so(
    journal: Journal,
) -> None:
    # Satisfaction was climbing a point a day; the trial only continued the climb.
    baseline = [1, 2, 3, 4, 5, 6, 7]
    trial = [8, 9, 10, 10, 10, 10, 10]
    experiment_id = ab_experiment(journal, {SATISFACTION: baseline}, {SATISFACTION: trial})

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, SATISFACTION)
    # Plain non-overlap would call this a clear improvement...
    assert result.nap is not None and result.nap.ci_low is not None
    assert result.nap.ci_low > 0.5
    # ...but the model sees days that carry over, and the climb only went on.
    assert result.deciding == "level"
    assert result.judgement == "unclear"
    assert result.tau_bc == es.tau_bc(baseline, trial)
    assert result.baseline_trend is not None
    assert result.baseline_trend.improving
    assert result.baseline_trend.slope == es.theil_sen_slope(baseline)
    assert (result.baseline_trend.kendall_tau, result.baseline_trend.p_value) == es.kendall_trend(
        baseline
    )
    assert result.status == "unclear"
    assert evaluation.verdict is Verdict.ADJUST
    assert evaluation.reason == (
        "Adjust: no clear change in Satisfaction yet; a stronger or easier version of the "
        "change may show more. Your Satisfaction was already improving before the change; the "
        "decision allows for days that drift like that, and the trend-corrected comparison "
        "(Tau-BC) is in the numbers."
    )
    assert not JARGON.search(first_sentence(evaluation.reason))
    assert any("already improving during the baseline" in c for c in evaluation.caveats)


def test_a_trial_that_beats_the_trend_still_persists_with_the_trend_named(
    journal: Journal,
) -> None:
    baseline = [2, 2, 3, 3, 4, 4, 5]
    trial = [10] * 7
    experiment_id = ab_experiment(journal, {SATISFACTION: baseline}, {SATISFACTION: trial})

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, SATISFACTION)
    assert result.baseline_trend is not None and result.baseline_trend.improving
    assert result.status == "improved"
    assert evaluation.verdict is Verdict.PERSIST
    assert "was already improving before the change" in evaluation.reason
    assert "(Tau-BC) is in the numbers" in evaluation.reason


def test_two_trending_metrics_are_named_together(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: [1, 2, 3, 4, 5, 6, 7], GUILT: [9, 8, 7, 6, 5, 4, 3]},
        {SATISFACTION: [8] * 7, GUILT: [2] * 7},
        targets=BOTH,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert all(m.baseline_trend and m.baseline_trend.improving for m in evaluation.metrics)
    assert "Your Satisfaction and Guilt were already improving before the change" in (
        evaluation.reason
    )


def test_a_baseline_moving_the_wrong_way_does_not_switch_to_tau_bc(journal: Journal) -> None:
    # Getting worse during the baseline is not "already improving".
    experiment_id = ab_experiment(
        journal, {SATISFACTION: [7, 6, 5, 4, 3, 2, 1]}, {SATISFACTION: HIGH}
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, SATISFACTION)
    assert result.baseline_trend is not None
    assert result.baseline_trend.slope == -1.0
    assert result.baseline_trend.p_value < 0.05
    assert not result.baseline_trend.improving
    assert result.deciding == "level"
    assert "already improving" not in evaluation.reason


# --- A-B-A-B -----------------------------------------------------------------


def test_abab_evaluates_each_pair_and_aggregates_them_with_equal_weight(
    journal: Journal,
) -> None:
    blocks = [[5, 4, 5, 4, 5], [7, 8, 7, 8, 7], [4, 5, 3, 5, 4], [6, 8, 7, 9, 7]]
    experiment_id = abab_experiment(journal, [{SATISFACTION: b} for b in blocks])

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.design == "abab"
    assert [p.label for p in evaluation.phases] == ["A", "B", "A2", "B2"]
    assert [(p.baseline_label, p.trial_label) for p in evaluation.pairs] == [
        ("A", "B"),
        ("A2", "B2"),
    ]
    first, second = (pair.metrics[0] for pair in evaluation.pairs)
    assert first.nap == es.nap(blocks[0], blocks[1])
    assert second.nap == es.nap(blocks[2], blocks[3])
    assert first.smd == es.smd(blocks[0], blocks[1])
    assert second.tau_bc == es.tau_bc(blocks[2], blocks[3])
    combined = metric(evaluation, SATISFACTION)
    assert first.nap is not None and second.nap is not None
    assert combined.nap == es.aggregate([first.nap, second.nap], bounds=(0.0, 1.0))
    assert first.tau is not None and second.tau is not None
    # The package's Wald interval for Tau reaches past 1 here; Tau cannot, so it is clipped.
    unclipped = es.aggregate([first.tau, second.tau])
    assert unclipped.ci_high is not None and unclipped.ci_high > 1.0
    assert combined.tau == es.aggregate([first.tau, second.tau], bounds=(-1.0, 1.0))
    assert combined.tau is not None and combined.tau.ci_high == 1.0
    assert combined.tau_bc is not None and combined.tau_bc.ci_high is not None
    assert combined.tau_bc.ci_high <= 1.0
    assert first.smd is not None and second.smd is not None
    assert combined.smd == es.aggregate([first.smd, second.smd])
    # Means and counts are over every baseline and every trial day.
    assert combined.baseline_mean == statistics.fmean(blocks[0] + blocks[2])
    assert combined.trial_mean == statistics.fmean(blocks[1] + blocks[3])
    assert (combined.n_baseline, combined.n_trial) == (10, 10)
    assert evaluation.pairs_agree is True
    assert combined.status == "improved"
    assert evaluation.verdict is Verdict.PERSIST
    assert evaluation.reason.endswith("The result repeated across both A-B pairs.")
    assert "pattern in your data" not in evaluation.reason


def test_abab_pairs_that_point_different_ways_do_not_agree(journal: Journal) -> None:
    blocks = [[5, 4, 5, 4, 5], [7, 8, 7, 8, 7], [5, 4, 5, 4, 5], [2, 1, 2, 1, 2]]
    experiment_id = abab_experiment(journal, [{SATISFACTION: b} for b in blocks])

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert [pair.metrics[0].status for pair in evaluation.pairs] == ["improved", "worsened"]
    assert evaluation.pairs_agree is False
    combined = metric(evaluation, SATISFACTION)
    assert combined.nap is not None and combined.nap.value == 0.5
    assert combined.status == "unclear"
    assert evaluation.verdict is Verdict.ADJUST
    assert "The A-B pairs point in different directions." in evaluation.caveats


def test_abab_persist_from_one_strong_pair_says_the_pairs_did_not_agree(
    journal: Journal,
) -> None:
    # A clear first pair carries the average, though the second trial was slightly worse.
    blocks = [[3, 2, 3, 2, 3], [9, 10, 9, 10, 9], [5, 4, 5, 4, 5], [5, 4, 4, 4, 5]]
    experiment_id = abab_experiment(journal, [{SATISFACTION: b} for b in blocks])

    evaluation = journal.evaluations.evaluate(experiment_id)

    first, second = (pair.metrics[0] for pair in evaluation.pairs)
    assert (first.status, second.status) == ("improved", "unclear")
    assert second.nap is not None and second.nap.value == 0.4
    assert evaluation.pairs_agree is False
    assert metric(evaluation, SATISFACTION).status == "improved"
    assert evaluation.verdict is Verdict.PERSIST
    assert evaluation.reason.startswith("Persist: Satisfaction improved (by about ")
    assert evaluation.reason.endswith(
        "a trial day was better than a baseline day in 70% of comparisons) and nothing got "
        "worse. The A-B pairs did not point the same way, so hold it lightly."
    )


def test_abab_needs_enough_days_in_every_phase(journal: Journal) -> None:
    blocks: list[list[int | None]] = [
        [5, 4, 5, 4, 5],
        [7, 8, 7, 8, 7],
        [5, 4, 5, 4, 5],
        [7, 8, None, None, None],
    ]
    experiment_id = abab_experiment(journal, [{SATISFACTION: b} for b in blocks])

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert evaluation.verdict is Verdict.KEEP_GOING
    assert evaluation.days_needed == 3
    assert "(3 in phase B2)" in evaluation.reason
    assert metric(evaluation, SATISFACTION).status == "not enough data"
    assert evaluation.pairs[0].metrics[0].status == "improved"


def test_abab_trend_in_the_second_baseline_is_the_one_reported(journal: Journal) -> None:
    # Only A2 climbs; Tau-BC then decides, and the reported trend is A2's.
    blocks = [[5, 4, 5, 4, 5], [7, 8, 7, 8, 7], [3, 4, 5, 6, 7], [9, 9, 10, 10, 9]]
    experiment_id = abab_experiment(journal, [{SATISFACTION: b} for b in blocks])

    evaluation = journal.evaluations.evaluate(experiment_id)

    first, second = (pair.metrics[0] for pair in evaluation.pairs)
    assert first.baseline_trend is not None and not first.baseline_trend.improving
    assert second.baseline_trend is not None and second.baseline_trend.improving
    combined = metric(evaluation, SATISFACTION)
    assert combined.baseline_trend == second.baseline_trend
    assert combined.baseline_trend is not None and combined.baseline_trend.improving
    assert first.tau_bc is not None and second.tau_bc is not None
    assert combined.tau_bc == es.aggregate([first.tau_bc, second.tau_bc], bounds=(-1.0, 1.0))
    assert "already improving before the change" in evaluation.reason
    assert any("already improving during the baseline" in c for c in evaluation.caveats)


# --- confounders -------------------------------------------------------------


def test_other_experiments_in_their_trial_are_named_with_the_overlap(
    journal: Journal, today: dt.date
) -> None:
    start = day(today, -30)
    main = create(journal, schedules.ab(7, 7, start), title="Walk at lunch")
    other = create(journal, schedules.ab(3, 7, day(start, 5)), title="No email after 9")
    create(journal, schedules.ab(3, 7, day(start, 20)), title="Later")  # trial after main ends
    create(journal, schedules.ab(3, 7, day(start, -20)), title="Earlier")  # trial before
    create(journal, schedules.ab(7, 7), title="Unscheduled")

    evaluation = journal.evaluations.evaluate(main)

    # Other's trial runs start+8 .. start+14; main runs start .. start+13.
    assert [(c.experiment_id, c.title, c.overlap_days) for c in evaluation.confounders] == [
        (other, "No email after 9", 6)
    ]
    assert (
        "Other experiments were in their trial at the same time: “No email after 9” (6 days)."
        in evaluation.caveats
    )
    # And the other way round: main's trial (start+7 .. start+13) lies inside other's days.
    reverse = journal.evaluations.evaluate(other)
    assert [(c.experiment_id, c.overlap_days) for c in reverse.confounders] == [(main, 7)]


def test_a_trial_closed_early_overlaps_only_until_its_decision(
    journal: Journal, today: dt.date
) -> None:
    start = day(today, -30)
    main = create(journal, schedules.ab(7, 7, start))
    stopped = create(journal, schedules.ab(3, 7, day(start, 5)), title="Stopped")
    persisted = create(journal, schedules.ab(3, 7, day(start, 5)), title="Persisted")
    on_day(journal, day(start, 10)).experiments.decide(stopped, DecisionKind.STOP, "no")
    on_day(journal, day(start, 10)).experiments.decide(persisted, DecisionKind.PERSIST, "yes")

    evaluation = journal.evaluations.evaluate(main)

    # Trials from start+8; the stopped one ended on start+10, the persisted one went on.
    assert [(c.title, c.overlap_days) for c in evaluation.confounders] == [
        ("Stopped", 3),
        ("Persisted", 6),
    ]


# --- closing decisions -------------------------------------------------------


def test_days_after_a_closing_decision_are_not_used(journal: Journal, today: dt.date) -> None:
    start = day(today, -20)
    experiment_id = create(journal, schedules.ab(5, 10, start))
    rate(journal, start, {SATISFACTION: [5, 4, 5, 4, 5]})
    rate(journal, day(start, 5), {SATISFACTION: [8, 8, 9, 8, 9, 1, 1, 1, 1, 1]})
    mark(journal, experiment_id, day(start, 5), [D] * 5 + [N] * 5)
    journal.check_ins.update(day(start, 12), unusual="ill")
    on_day(journal, day(start, 9)).experiments.decide(
        experiment_id, DecisionKind.PERSIST, "Good enough"
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, SATISFACTION)
    assert (result.n_baseline, result.n_trial) == (5, 5)
    assert result.trial_mean == statistics.fmean([8, 8, 9, 8, 9])
    assert [(p.elapsed_days, p.usable_days, p.unusual_days) for p in evaluation.phases] == [
        (5, 5, 0),
        (5, 5, 0),
    ]
    assert evaluation.adherence == 1.0
    assert evaluation.verdict is Verdict.PERSIST


def test_the_decision_day_itself_still_counts(journal: Journal, today: dt.date) -> None:
    start = day(today, -20)
    experiment_id = create(journal, schedules.ab(5, 10, start))
    rate(journal, start, {SATISFACTION: [5, 4, 5, 4, 5, 8, 8, 8, 8, 8, 8, 1]})
    mark(journal, experiment_id, day(start, 5), [D] * 6)
    on_day(journal, day(start, 10)).experiments.decide(experiment_id, DecisionKind.STOP, "done")

    evaluation = journal.evaluations.evaluate(experiment_id)

    assert metric(evaluation, SATISFACTION).n_trial == 6
    assert evaluation.phases[1].elapsed_days == 6


# --- numbers ------------------------------------------------------------------


def test_numbers_equal_the_effect_size_functions(journal: Journal) -> None:
    sat_a, sat_b = [4, 5, 3, 5, 4, 6, 4], [6, 7, 5, 8, 7, 6, 7]
    guilt_a, guilt_b = [5, 6, 4, 6, 5, 7, 5], [4, 5, 5, 3, 4, 6, 4]
    experiment_id = ab_experiment(
        journal,
        {SATISFACTION: sat_a, GUILT: guilt_a},
        {SATISFACTION: sat_b, GUILT: guilt_b},
        targets=BOTH,
    )

    evaluation = journal.evaluations.evaluate(experiment_id)

    for name, improvement, a, b in (
        (SATISFACTION, "increase", sat_a, sat_b),
        (GUILT, "decrease", guilt_a, guilt_b),
    ):
        result = metric(evaluation, name)
        assert result.improvement == improvement
        assert result.nap == es.nap(a, b, improvement=improvement)
        assert result.tau == es.tau(a, b, improvement=improvement)
        assert result.tau_bc == es.tau_bc(a, b, improvement=improvement)
        assert result.smd == es.smd(a, b, improvement=improvement)
        assert result.baseline_trend is not None
        assert result.baseline_trend.slope == es.theil_sen_slope(a)
        assert (result.baseline_trend.kendall_tau, result.baseline_trend.p_value) == (
            es.kendall_trend(a)
        )
        assert result.deciding == "level"


def test_means_medians_and_difference_are_in_the_users_units(journal: Journal) -> None:
    journal.metrics.add("sleep", 0, 12, "higher")
    baseline = [1, 2, 3, 4, 10]
    trial = [6, 6, 7, 9, 12]
    experiment_id = ab_experiment(
        journal, {"sleep": baseline}, {"sleep": trial}, targets=(Target("sleep", "higher"),)
    )

    result = metric(journal.evaluations.evaluate(experiment_id), "sleep")

    assert (result.baseline_mean, result.trial_mean, result.difference) == (4.0, 8.0, 4.0)
    assert (result.baseline_median, result.trial_median) == (3.0, 7.0)
    assert (result.n_baseline, result.n_trial) == (5, 5)


def test_difference_keeps_its_sign_for_a_lower_is_better_metric(journal: Journal) -> None:
    experiment_id = ab_experiment(
        journal, {GUILT: [6, 6, 7, 5, 6]}, {GUILT: [3, 2, 3, 4, 3]}, targets=GUILT_DOWN
    )

    result = metric(journal.evaluations.evaluate(experiment_id), GUILT)

    assert result.baseline_mean == 6.0
    assert result.trial_mean == 3.0
    assert result.difference == -3.0
    assert result.baseline_median == 6.0
    assert result.trial_median == 3.0


def test_a_constant_baseline_has_no_smd_and_no_nan(journal: Journal) -> None:
    experiment_id = ab_experiment(journal, {SATISFACTION: [5] * 5}, {SATISFACTION: [7] * 5})

    evaluation = journal.evaluations.evaluate(experiment_id)

    result = metric(evaluation, SATISFACTION)
    assert result.smd is None
    assert result.nap is not None and result.nap.value == 1.0
    assert result.baseline_trend is not None and not result.baseline_trend.improving
    assert evaluation.verdict is Verdict.PERSIST
    strict_json(evaluation)


def _walk_numbers(value: Any) -> list[float]:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _walk_numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _walk_numbers(v)]
    raise AssertionError(f"unexpected value in evaluation_to_dict: {value!r}")


def test_no_nan_anywhere_in_the_exported_evaluations(journal: Journal, today: dt.date) -> None:
    ids = [
        ab_experiment(journal, {SATISFACTION: FLAT}, {SATISFACTION: HIGH}, ended_days_ago=60),
        ab_experiment(journal, {SATISFACTION: [5] * 5}, {SATISFACTION: [5] * 5}, ended_days_ago=45),
        ab_experiment(
            journal, {SATISFACTION: [5]}, {SATISFACTION: [6]}, days=(1, 1), ended_days_ago=42
        ),
        ab_experiment(
            journal,
            {SATISFACTION: [5, None, None]},
            {SATISFACTION: [None, None, None]},
            ended_days_ago=35,
        ),
        abab_experiment(
            journal,
            [
                {SATISFACTION: [5, 5, 5, 5, 5]},
                {SATISFACTION: [5, 5, 5, 5, 5]},
                {SATISFACTION: [1, 2, 3, 4, 5]},
                {SATISFACTION: [0, 0, 0, 0, 0]},
            ],
        ),
        create(journal, schedules.abab(5)),
        create(journal, schedules.ab(5, 5, day(today, 3))),
    ]

    for experiment_id in ids:
        data = evaluation_to_dict(journal.evaluations.evaluate(experiment_id))
        json.dumps(data, allow_nan=False)
        assert all(math.isfinite(n) for n in _walk_numbers(data))


def test_the_exported_evaluation_has_every_field(journal: Journal) -> None:
    experiment_id = abab_experiment(
        journal,
        [
            {SATISFACTION: [5, 4, 5, 4, 5]},
            {SATISFACTION: [7, 8, 7, 8, 7]},
            {SATISFACTION: [4, 5, 4, 5, 4]},
            {SATISFACTION: [8, 7, 8, 7, 8]},
        ],
    )

    data = json.loads(strict_json(journal.evaluations.evaluate(experiment_id)))

    assert {
        "verdict",
        "reason",
        "adherence",
        "phases",
        "metrics",
        "pairs",
        "confounders",
        "tradeoffs",
    } <= set(data)
    assert data["verdict"] == "persist"
    assert len(data["pairs"]) == 2
    (row,) = data["metrics"]
    assert {
        "metric",
        "improvement",
        "baseline_mean",
        "trial_mean",
        "difference",
        "nap",
        "nap_ci",
        "tau",
        "tau_bc",
        "smd",
        "n_baseline",
        "n_trial",
        "baseline_trend",
        "status",
    } <= set(row)
    assert len(row["nap_ci"]) == 2


# --- the value itself -----------------------------------------------------------


def test_an_evaluation_is_immutable(journal: Journal) -> None:
    experiment_id = ab_experiment(journal, {SATISFACTION: FLAT}, {SATISFACTION: HIGH})
    evaluation = journal.evaluations.evaluate(experiment_id)

    with pytest.raises(dataclasses.FrozenInstanceError):
        evaluation.verdict = Verdict.SWITCH  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        evaluation.metrics[0].status = "worsened"  # type: ignore[misc]
    for name in ("phases", "metrics", "pairs", "confounders", "tradeoffs", "caveats"):
        assert isinstance(getattr(evaluation, name), tuple)


def test_evaluating_does_not_write(journal: Journal) -> None:
    experiment_id = ab_experiment(journal, {SATISFACTION: FLAT}, {SATISFACTION: HIGH})
    calls: list[str] = []
    journal.changed.connect(lambda: calls.append("changed"))

    first = journal.evaluations.evaluate(experiment_id)

    assert calls == []
    assert journal.evaluations.evaluate(experiment_id) == first


# --- the demo -------------------------------------------------------------------


def test_the_demo_gives_a_sensible_kind_verdict_for_every_experiment(today: dt.date) -> None:
    repo = InMemoryRepository()
    demo.fill(repo, today)
    journal = Journal(repo, lambda: today)

    verdicts: dict[int, Verdict] = {}
    for view in journal.experiments.views():
        evaluation = journal.evaluations.evaluate(view.id)
        verdicts[view.id] = evaluation.verdict
        reason = evaluation.reason
        assert reason.endswith("."), reason
        assert not JARGON.search(first_sentence(reason)), reason
        strict_json(evaluation)
        if view.status in (Status.PLANNED, Status.BASELINE):
            assert evaluation.verdict is Verdict.KEEP_GOING, (view.experiment.title, reason)
        closing = view.closing
        if closing is not None and closing.kind is DecisionKind.PERSIST:
            assert evaluation.verdict is Verdict.PERSIST, (view.experiment.title, reason)
        if closing is not None and closing.kind in (DecisionKind.SWITCH, DecisionKind.ADJUST):
            assert evaluation.verdict in (Verdict.ADJUST, Verdict.SWITCH), (
                view.experiment.title,
                reason,
            )

    found = set(verdicts.values())
    assert Verdict.PERSIST in found
    assert Verdict.KEEP_GOING in found
    assert found & {Verdict.ADJUST, Verdict.SWITCH}


# --- deciding early -------------------------------------------------------------


def test_deciding_on_day_one_is_warned_about_with_what_the_data_shows(
    journal: Journal, today: dt.date
) -> None:
    experiment_id = create(journal, schedules.ab(7, 14, today))

    note = early_decision_note(journal.evaluations.evaluate(experiment_id))

    assert note == (
        "It is day 1 of 7 of the baseline, with 21 days left in the plan. What the data shows "
        "so far: Keep going: 10 more rated days are needed (5 in phase A, 5 in phase B) before "
        "the app can say anything honest about this change. You can still decide now, and "
        "undo the decision afterwards."
    )


def test_deciding_before_the_start_or_while_it_is_too_early_is_warned_about(
    journal: Journal, today: dt.date
) -> None:
    future = create(journal, schedules.ab(7, 14, day(today, 3)), title="Later")
    start = day(today, -12)
    running = create(journal, schedules.ab(5, 10, start))
    rate(journal, start, {SATISFACTION: [5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5]})
    mark(journal, running, day(start, 5), [D] * 8)

    later = early_decision_note(journal.evaluations.evaluate(future))
    too_early = early_decision_note(journal.evaluations.evaluate(running))

    assert later is not None and later.startswith(
        "It has not started yet: all 21 days of the plan are still ahead."
    )
    assert too_early is not None and too_early.startswith(
        "It is day 8 of 10 of the trial, with 3 days left in the plan. What the data shows "
        "so far: Too early: day 8 of 10 of the trial, keep going;"
    )


def test_no_warning_once_the_plan_is_over_or_the_rule_has_spoken(
    journal: Journal, today: dt.date
) -> None:
    over = ab_experiment(journal, {SATISFACTION: FLAT}, {SATISFACTION: FLAT_AGAIN})
    start = day(today, -14)
    clear = create(journal, schedules.ab(7, 14, start), title="Clear early")
    rate(journal, start, {SATISFACTION: [2, 1, 2, 1, 2, 1, 2, 9, 10, 9, 10, 9, 10, 9, 10]})
    mark(journal, clear, day(start, 7), [D] * 8)

    assert early_decision_note(journal.evaluations.evaluate(over)) is None
    evaluation = journal.evaluations.evaluate(clear)
    assert metric(evaluation, SATISFACTION).interim
    assert evaluation.verdict is Verdict.PERSIST
    assert "It is clear already, before the planned end." in evaluation.reason
    assert early_decision_note(evaluation) is None
