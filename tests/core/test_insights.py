"""What goes with my good days: factors, the comparison, the q-values, the words, the suggestion."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from benchmarks import associations
from wlitracker.core.model.entities import Adherence, CheckIn, Experiment, Metric, Schedule
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.model.record import replace
from wlitracker.core.present.insights import insight_row, insights_view, suggested_experiment
from wlitracker.core.services.insights import compute, gather
from wlitracker.core.services.journal import Journal
from wlitracker.core.stats.associations import benjamini_hochberg, compare
from wlitracker.core.stats.decision_rule import assess_series

DAY = dt.timedelta(days=1)


def test_benjamini_hochberg_matches_scipys_false_discovery_control() -> None:
    # scipy.stats.false_discovery_control([0.01, 0.04, 0.03, 0.2, 0.001])
    expected = [0.025, 0.05, 0.05, 0.2, 0.005]
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.2, 0.001]) == pytest.approx(expected)
    assert benjamini_hochberg([]) == []
    assert benjamini_hochberg([0.9, 0.95]) == pytest.approx([0.95, 0.95])


def test_the_comparison_is_the_decision_rules_model_with_the_factor_as_regressor() -> None:
    rng = random.Random(3)
    values = [5.0 + rng.gauss(0, 1) for _ in range(40)]
    flags = [i % 3 == 0 for i in range(40)]
    comparison = compare(values, flags)
    model = assess_series(values, flags, "increase")
    assert (comparison.difference, comparison.ci_low, comparison.ci_high) == (
        model.change,
        model.ci_low,
        model.ci_high,
    )
    one_sided = model.p_not_better
    assert comparison.p_value == pytest.approx(2 * min(one_sided, 1 - one_sided))
    assert (comparison.days_with, comparison.days_without) == (14, 26)
    with_values = [v for v, f in zip(values, flags, strict=True) if f]
    assert comparison.mean_with == pytest.approx(sum(with_values) / 14)
    with pytest.raises(ValueError, match="10 days with it and 10 without"):
        compare(values[:15], flags[:15])


ENERGY = Metric("energy", 0, 10, "higher", id=3)
WALKED = Metric("walked", 0, 1, "higher", id=4)
METRICS = (
    Metric("satisfaction", 0, 10, "higher", builtin=True, id=1),
    Metric("guilt", 0, 10, "lower", builtin=True, id=2),
    ENERGY,
    WALKED,
)
ROUTINE = Experiment("Walk at lunch", Schedule((), dt.date(2026, 1, 1)), kind="routine", id=7)


def _days(today: dt.date, n: int = 60) -> list[CheckIn]:
    """Guilt 2 lower on gym days; everything else noise; a few unusual days."""
    rng = random.Random(11)
    days = []
    for offset in range(n):
        gym = offset % 3 == 0
        days.append(
            CheckIn(
                today - (n - 1 - offset) * DAY,
                ratings={
                    "satisfaction": rng.randint(4, 7),
                    "guilt": max(0, min(10, round(5 - (2 if gym else 0) + rng.gauss(0, 1)))),
                    "energy": rng.randint(2, 8),
                    "walked": offset % 2,
                },
                adherence={7: Adherence.DONE if offset % 4 else Adherence.NOT_DONE},
                tags=("gym",) if gym else ("rare",) if offset == 5 else (),
                unusual="ill" if offset in (1, 2) else None,
            )
        )
    return days


def test_factors_and_days_with_and_without(today: dt.date) -> None:
    days = _days(today)
    data = gather(days, METRICS, (ROUTINE,), days[0].date, today)
    factors = {f.key: f for f in data.factors}
    assert sorted(factors) == [
        "adherence:7",
        "metric:energy",
        "metric:walked",
        "tag:gym",
        "tag:rare",
    ]
    assert len(data.series["guilt"]) == 58  # the unusual days are left out
    gym = factors["tag:gym"]
    assert sum(gym.days.values()) == 20 and len(gym.days) == 58
    walked = factors["metric:walked"]  # yes/no: the yes days
    assert walked.yes_no and all(
        walked.days[c.date] == (c.ratings["walked"] == 1) for c in days[3:]
    )
    energy = factors["metric:energy"]  # above its own median
    assert energy.threshold is not None
    assert all(energy.days[d] == (v > energy.threshold) for d, v in data.series["energy"])
    kept = factors["adherence:7"]
    assert sum(not v for v in kept.days.values()) == 15  # the days marked not done


def test_every_pair_tested_with_q_values_over_all_and_strongest_first(today: dt.date) -> None:
    days = _days(today)
    result = compute(gather(days, METRICS, (ROUTINE,), days[0].date, today))
    pairs = {(i.factor.key, i.metric.name) for i in result.items}
    assert ("metric:energy", "energy") not in pairs  # never against itself
    assert not any(key == "tag:rare" for key, _ in pairs)  # one day: not tested
    assert result.untested == 4  # the rare tag against each of the four metrics
    assert result.tested == 2 * 4 + 2 * 3  # tag and routine on 4 metrics, metrics on 3
    strongest = result.items[0]
    assert (strongest.factor.key, strongest.metric.name) == ("tag:gym", "guilt")
    assert strongest.strong and strongest.better_with and strongest.difference < -1.2
    q = [i.q_value for i in result.items]
    assert q == sorted(q)
    assert q == pytest.approx(
        sorted(benjamini_hochberg([i.comparison.p_value for i in result.items]))
    )
    assert result.for_metric("guilt")[0] is strongest


def test_the_row_says_it_in_words_and_offers_the_experiment(today: dt.date) -> None:
    days = _days(today)
    result = compute(gather(days, METRICS, (ROUTINE,), days[0].date, today))
    strongest = result.items[0]
    row = insight_row(strongest, today)
    assert row.headline.startswith("Days tagged “gym”: Guilt ")
    assert row.headline.endswith(" lower (better)")
    assert "95% interval" in row.detail and "on 20 days with it" in row.detail
    assert row.strong and row.suggestion is not None
    draft = suggested_experiment(strongest, today)
    assert draft == row.suggestion
    assert draft.title == "More days with gym"
    assert [(t.metric, t.better) for t in draft.targets] == [("guilt", "lower")]
    assert [p.days for p in draft.schedule.plan] == [7, 7, 7, 7]  # A-B-A-B
    assert draft.schedule.start == today
    weak = next(i for i in result.items if not i.strong)
    assert insight_row(weak, today).suggestion is None
    view = insights_view(result, None, today)
    assert {r.key.split("|")[1] for r in view.rows} == {"satisfaction", "guilt"}
    assert view.strong >= 1 and "associations, not causes" in view.note


def test_a_metric_is_named_in_the_words_as_it_was_typed(today: dt.date) -> None:
    days = _days(today)
    typed = (*METRICS[:2], replace(ENERGY, label="Energy"), WALKED)
    result = compute(gather(days, typed, (ROUTINE,), days[0].date, today))
    factor = next(i for i in result.items if i.factor.key == "metric:energy")
    assert (factor.factor.name, factor.factor.label) == ("energy", "Energy")
    assert insight_row(factor, today).headline.startswith("Days with Energy above ")
    outcome = next(i for i in result.items if i.metric.name == "energy")
    assert f": Energy {abs(outcome.difference):.1f} " in insight_row(outcome, today).headline
    assert "my Energy was" in suggested_experiment(outcome, today).hypothesis


def test_the_suggestion_validates_as_an_experiment(journal: Journal, today: dt.date) -> None:
    journal.metrics.add("energy", 0, 10, "higher")
    journal.metrics.add("walked", 0, 1, "higher")
    routine = journal.experiments.create(
        Experiment("Walk at lunch", Schedule((), today - 90 * DAY), kind="routine")
    )
    for check_in in _days(today):
        journal.check_ins.save(
            CheckIn(
                check_in.date,
                check_in.ratings,
                {routine.id or 0: check_in.adherence[7]},
                check_in.tags,
                unusual=check_in.unusual,
            )
        )
    result = journal.insights.insights()
    draft = suggested_experiment(result.items[0], today)
    assert journal.experiments.validate(draft).title == draft.title
    with pytest.raises(ValidationError, match="after the last day"):
        journal.insights.insights(today, today - DAY)


def test_a_quick_simulation_rarely_flags_a_factor_with_no_real_link() -> None:
    """The full run (benchmarks/associations.py) gives the published rates."""
    tallies = associations.simulate(reps=12, seed=9, quick=True)
    null = [t for t in tallies if t.cell.link is None]
    pairs = sum(t.pairs for t in null)
    assert sum(t.p_below for t in null) / pairs <= 0.09  # about 5% uncorrected
    assert sum(t.journals_flagged for t in null) / sum(t.journals for t in null) <= 0.2
    found = [t for t in tallies if t.cell.link == "tag"]
    assert sum(t.found for t in found) / sum(t.journals for t in found) >= 0.4
