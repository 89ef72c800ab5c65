"""The decision rule: the four words, the strict interim level, ties, floats and the t tail."""

from __future__ import annotations

import math

import pytest

from wlitracker.core.services.evaluation import judge
from wlitracker.core.stats import decision_rule as rule

CALM = [5, 4, 5, 5, 4, 5, 4, 5, 5, 4, 5, 4, 5, 5]
BETTER = [7, 8, 7, 7, 8, 7, 8, 7, 7, 8, 7, 8, 7, 7]


def test_judge_is_importable_from_the_evaluation_and_is_the_rule() -> None:
    assert judge is rule.judge


@pytest.mark.parametrize("short", [[], [5], [5, 4, 5, 4]])
def test_fewer_than_five_days_in_a_phase_is_not_enough_data(short: list[int]) -> None:
    assert judge(short, BETTER, improvement="increase") == "not enough data"
    assert judge(CALM, short, improvement="decrease") == "not enough data"


def test_a_clear_rise_is_improved_one_way_and_worsened_the_other() -> None:
    assert judge(CALM, BETTER, improvement="increase") == "improved"
    assert judge(CALM, BETTER, improvement="decrease") == "worsened"
    assert judge(BETTER, CALM, improvement="decrease") == "improved"


def test_the_same_days_again_are_unclear() -> None:
    assert judge(CALM, list(reversed(CALM)), improvement="increase") == "unclear"


def test_fractions_are_accepted_as_well_as_whole_numbers() -> None:
    baseline = [v + 0.25 for v in CALM]
    trial = [v - 0.5 for v in BETTER]
    assert judge(baseline, trial, improvement="increase") == "improved"


def test_identical_phases_without_any_variation_are_unclear_not_an_error() -> None:
    assert judge([10] * 7, [10] * 7, improvement="increase") == "unclear"
    assert judge([0] * 7, [0] * 9, improvement="decrease") == "unclear"


def test_a_constant_step_is_a_change_despite_no_day_to_day_variation() -> None:
    # The rounding floor keeps the noise above zero, so this is finite and clear.
    assessment = rule.assess([5] * 7, [7] * 7, "increase")
    assert assessment.change == pytest.approx(2.0)
    assert assessment.ci_low < 2.0 < assessment.ci_high
    assert judge([5] * 7, [7] * 7, improvement="increase") == "improved"


def test_an_interim_look_needs_much_stronger_evidence() -> None:
    baseline = [6, 7, 4, 6, 3, 5, 3, 5, 5, 6, 5, 4, 4, 3]
    trial = [9, 4, 7, 8, 6, 5, 7, 9, 8, 4]
    p = rule.assess(baseline, trial, "increase").p_not_better
    assert rule.INTERIM_ALPHA < p < rule.FINAL_ALPHA
    assert judge(baseline, trial, improvement="increase") == "improved"
    assert judge(baseline, trial, improvement="increase", planned_trial_days=10) == "improved"
    assert judge(baseline, trial, improvement="increase", planned_trial_days=14) == "unclear"
    assert rule.alpha_for(10, 14) == rule.INTERIM_ALPHA
    assert rule.alpha_for(14, 14) == rule.alpha_for(9, None) == rule.FINAL_ALPHA


def test_days_that_drift_together_count_for_less_than_independent_ones() -> None:
    # The same values, but in slow swings: the rule sees the autocorrelation, is less sure.
    independent = rule.assess([4, 6, 4, 6, 4, 6, 4, 6], [5, 7, 5, 7, 5, 7, 5, 7], "increase")
    drifting = rule.assess([4, 4, 4, 4, 6, 6, 6, 6], [5, 5, 5, 5, 7, 7, 7, 7], "increase")
    assert drifting.autocorrelation > independent.autocorrelation + 0.3
    assert drifting.ci_high - drifting.ci_low > independent.ci_high - independent.ci_low


def test_the_change_keeps_the_metrics_sign_for_a_lower_is_better_metric() -> None:
    result = rule.assess([6, 7, 6, 7, 6, 7, 6], [3, 2, 3, 2, 3, 2, 3], "decrease")
    assert result.change == pytest.approx(-3.9, abs=0.3)
    assert result.ci_low < result.change < result.ci_high < 0
    assert result.p_not_better < 0.01
    assert result.p_not_worse == pytest.approx(1 - result.p_not_better)


def test_a_series_with_two_trial_phases_fits_one_change() -> None:
    values = [5, 4, 5, 5, 4, 7, 8, 7, 7, 8, 5, 4, 5, 4, 5, 8, 7, 8, 7, 7]
    flags = [False] * 5 + [True] * 5 + [False] * 5 + [True] * 5
    result = rule.assess_series(values, flags, "increase")
    assert (result.n_baseline, result.n_trial) == (10, 10)
    assert result.change == pytest.approx(2.7, abs=0.4)
    assert result.p_not_better < rule.FINAL_ALPHA


@pytest.mark.parametrize(
    "bad", [([1.0, math.nan, 2.0, 3.0, 4.0], "values"), ([1.0, 2.0], "at least three")]
)
def test_bad_input_is_refused(bad: tuple[list[float], str]) -> None:
    values, words = bad
    flags = [False] + [True] * (len(values) - 1)
    with pytest.raises(ValueError, match=words):
        rule.assess_series(values, flags, "increase")
    with pytest.raises(ValueError, match="improvement"):
        judge(CALM, BETTER, improvement="up")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("t", "df", "expected"),
    [
        (2.228138851986, 10, 0.975),  # the textbook 97.5% point
        (-1.812461122811, 10, 0.05),
        (1.0, 1, 0.75),  # Cauchy
        (2.0, 2, 0.5 + 1 / math.sqrt(6)),  # closed form for 2 degrees of freedom
        (3.182446305284, 3, 0.975),
        (1.673564906, 54, 0.95),
        (0.0, 37, 0.5),
        (1.971896224, 200, 0.975),  # beyond the exact series: the approximation
    ],
)
def test_t_distribution(t: float, df: int, expected: float) -> None:
    assert rule.t_cdf(t, df) == pytest.approx(expected, abs=5e-6)
    assert rule.t_cdf(-t, df) == pytest.approx(1 - expected, abs=5e-6)


def test_effective_degrees_of_freedom_shrink_with_autocorrelation() -> None:
    assert rule.effective_df(28, 0.0) == 26
    assert rule.effective_df(28, 0.5) == 7
    assert rule.effective_df(10, 0.95) == 2
