"""Effect sizes against published worked examples, edge cases and invariants.

Published values are SingleCaseES output (Parker, Vannest & Davis 2011;
Parker & Vannest 2009; Tarlow 2017; McKissick) or WWC 5.0 Appendix I.
Values and SEs are compared to 1e-6; interval bounds to 2e-4, because
SingleCaseES finds them with uniroot's default tolerance.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from statistics import NormalDist, mean, stdev

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wlitracker.core.model.errors import InsufficientData
from wlitracker.core.stats.effect_sizes import (
    Estimate,
    Improvement,
    aggregate,
    kendall_trend,
    mann_whitney_u,
    nap,
    pnd,
    smd,
    tau,
    tau_bc,
    tau_u,
    theil_sen_slope,
)

VALUE_TOL = 1e-6
CI_TOL = 2e-4


def val(x: float) -> object:
    return pytest.approx(x, abs=VALUE_TOL)


def bound(x: float) -> object:
    return pytest.approx(x, abs=CI_TOL)


def newcombe_f(x: float, nap_value: float, m: int, n: int, z: float) -> float:
    """Newcombe (2006) Method 5 equation whose roots are the NAP interval bounds."""
    h = (m + n) / 2 - 1
    return m * n * (nap_value - x) ** 2 * (2 - x) * (1 + x) - z**2 * x * (1 - x) * (
        2 + h + (1 + 2 * h) * x * (1 - x)
    )


Z95 = NormalDist().inv_cdf(0.975)

# Parker, Vannest & Davis (2011), Fig. 1
FIG1_A = [20, 20, 26, 25, 22, 23]
FIG1_B = [28, 25, 24, 27, 30, 30, 29]

# Parker & Vannest (2009)
PV2009_A = [4, 3, 4, 3, 4, 7, 5, 2, 3, 2]
PV2009_B = [5, 9, 7, 9, 7, 5, 9, 11, 11, 10, 9]


# ---------------------------------------------------------------------------
# Published worked examples


def test_parker_vannest_davis_2011_fig1_increase() -> None:
    est = nap(FIG1_A, FIG1_B)
    assert est.value == val(0.9166667)
    assert est.se == val(0.06900656)
    assert est.ci_low == bound(0.5973406)
    assert est.ci_high == bound(0.9860176)

    t = tau(FIG1_A, FIG1_B)
    assert t.value == val(0.8333333)
    assert t.se == val(0.1380131)
    assert t.ci_low == bound(2 * 0.5973406 - 1)
    assert t.ci_high == bound(2 * 0.9860176 - 1)

    assert tau_u(FIG1_A, FIG1_B) == val(0.7380952)
    assert tau_bc(FIG1_A, FIG1_B).value == val(0.2857143)
    assert pnd(FIG1_A, FIG1_B) == val(0.7142857)

    d = smd(FIG1_A, FIG1_B)
    assert d.value == val(1.649932)
    assert d.se == val(0.6340935)
    assert d.ci_low == bound(0.4071314)
    assert d.ci_high == bound(2.892732)


def test_parker_vannest_davis_2011_fig1_decrease() -> None:
    assert nap(FIG1_A, FIG1_B, improvement="decrease").value == val(0.08333333)
    assert tau(FIG1_A, FIG1_B, improvement="decrease").value == val(-0.8333333)
    assert pnd(FIG1_A, FIG1_B, improvement="decrease") == 0.0
    assert smd(FIG1_A, FIG1_B, improvement="decrease").value == val(-1.649932)


def test_fig1_tau_u_original_normalisation_is_the_published_0_544() -> None:
    # The original Tau-U divides S_P - S_A by mn + m(m-1)/2 instead of mn.
    m, n = len(FIG1_A), len(FIG1_B)
    original = tau_u(FIG1_A, FIG1_B) * m * n / (m * n + m * (m - 1) / 2)
    assert original == pytest.approx(0.544, abs=5e-4)


def test_parker_vannest_2009() -> None:
    est = nap(PV2009_A, PV2009_B)
    assert est.value == val(0.9636364)
    assert est.se == val(0.03192622)
    assert est.ci_low == bound(0.7499741)
    assert est.ci_high == bound(0.9950729)

    assert tau(PV2009_A, PV2009_B).value == val(0.9272727)

    d = smd(PV2009_A, PV2009_B)
    assert d.value == val(2.8531844)
    assert d.se == val(0.78308117)
    assert d.ci_low == bound(1.3183735)
    assert d.ci_high == bound(4.3879953)


def test_parker_vannest_davis_2011_four_plus_five_example() -> None:
    a, b = [3, 3, 4, 5], [4, 5, 6, 7, 7]
    assert tau(a, b).value == val(16 / 20)
    assert tau_u(a, b) == val(11 / 20)


def test_tarlow_2017_pure_trend_without_effect() -> None:
    a, b = [1, 2, 3, 4, 5], [6, 7, 8, 9, 10]
    assert tau(a, b).value == val(1.0)
    assert tau_u(a, b) == val(0.6)
    assert tau_bc(a, b).value == val(0.0)
    assert theil_sen_slope(a) == val(1.0)


def test_mckissick_period_1_all_pairs_improved() -> None:
    a = [13.62, 12.57, 15.76]
    b = [5.97, 4.63, 5.82, 3.72, 8.07, 2.95, 11.86]
    est = nap(a, b, improvement="decrease")
    assert est.value == 1.0
    assert est.se == val(0.0440101)
    # SingleCaseES stops at the trivial root and prints [1, 1]; the score
    # interval's informative lower bound is the other root of its equation.
    assert est.ci_high == 1.0
    assert est.ci_low is not None
    assert 0.0 < est.ci_low < 1.0
    m, n = len(a), len(b)
    assert newcombe_f(est.ci_low - 1e-6, 1.0, m, n, Z95) > 0
    assert newcombe_f(est.ci_low + 1e-6, 1.0, m, n, Z95) < 0


def test_tau_bc_detrends_in_floating_point_like_singlecasees() -> None:
    # Theil-Sen slope -1/6, intercept 55/12: the baseline residual at day 2 and
    # the trial residual at day 8 are both -13/4 on paper. SingleCaseES
    # detrends in floating point, where rounding splits that tie: 9 of 20 pairs
    # improve, not 9.5, and Tau-BC is -0.1 rather than -0.05.
    a, b = [5, 1, 4, 4], [6, 0, 2, 0, 7]
    assert theil_sen_slope(a) == val(-1 / 6)
    assert tau_bc(a, b).value == val(-0.1)
    assert tau_bc(a, b, improvement="decrease").value == val(0.1)
    # A slope the caller already has gives exactly the same estimate.
    assert tau_bc(a, b, slope=theil_sen_slope(a)) == tau_bc(a, b)


def test_wwc_5_appendix_i_nap_checks() -> None:
    baseline1 = [15, 10, 14, 17, 13, 12]
    baseline2 = [9, 9, 11, 15, 20]
    # Reversibility: second baseline against the first, lower is better.
    assert round(nap(baseline1, baseline2, improvement="decrease").value, 3) == 0.617
    # Therapeutic baseline trend: last 3 baseline points against the earlier ones.
    assert round(nap(baseline1[:3], baseline1[3:], improvement="decrease").value, 2) == 0.44


# ---------------------------------------------------------------------------
# Hand computations


def test_smd_pooled_and_uncorrected_match_the_formulas() -> None:
    a, b = FIG1_A, FIG1_B
    m, n = len(a), len(b)
    diff = mean(b) - mean(a)

    s_p = math.sqrt(((m - 1) * stdev(a) ** 2 + (n - 1) * stdev(b) ** 2) / (m + n - 2))
    j = 1 - 3 / (4 * (m + n) - 9)
    d_p = j * diff / s_p
    se_p = j * math.sqrt(1 / m + 1 / n + d_p**2 / (2 * (m + n - 2)))
    pooled = smd(a, b, pooled=True)
    assert pooled.value == val(d_p)
    assert pooled.se == val(se_p)
    assert pooled.ci_low == val(d_p - Z95 * se_p)
    assert pooled.ci_high == val(d_p + Z95 * se_p)

    d_a = diff / stdev(a)
    se_a = math.sqrt(1 / m + stdev(b) ** 2 / (n * stdev(a) ** 2) + d_a**2 / (2 * (m - 1)))
    raw = smd(a, b, bias_correct=False)
    assert raw.value == val(d_a)
    assert raw.se == val(se_a)


def test_aggregate_is_equal_weight_mean_with_wald_interval() -> None:
    e1 = Estimate(0.8, 0.10, 0.6, 0.9)
    e2 = Estimate(0.6, 0.20, 0.3, 0.8)
    e3 = Estimate(0.4, 0.05, 0.3, 0.5)
    value = (0.8 + 0.6 + 0.4) / 3
    se = math.sqrt(0.10**2 + 0.20**2 + 0.05**2) / 3
    agg = aggregate([e1, e2, e3])
    assert agg.value == val(value)
    assert agg.se == val(se)
    assert agg.ci_low == val(value - Z95 * se)
    assert agg.ci_high == val(value + Z95 * se)

    z90 = NormalDist().inv_cdf(0.95)
    narrower = aggregate([e1, e2, e3], confidence=0.90)
    assert narrower.ci_low == val(value - z90 * se)


def test_aggregate_of_phase_pairs() -> None:
    pair1 = nap(FIG1_A, FIG1_B)
    pair2 = nap(PV2009_A, PV2009_B)
    assert pair1.se is not None
    assert pair2.se is not None
    agg = aggregate([pair1, pair2])
    assert agg.value == val((pair1.value + pair2.value) / 2)
    assert agg.se == val(math.sqrt(pair1.se**2 + pair2.se**2) / 2)


def test_aggregate_without_an_se_has_no_interval() -> None:
    agg = aggregate([Estimate(1.0, None, 0.2, 1.0), Estimate(0.5, 0.1, 0.3, 0.7)])
    assert agg == Estimate(0.75, None, None, None)


def test_mann_whitney_u_counts_ties_half() -> None:
    assert mann_whitney_u([1, 2, 3], [2, 3, 4]) == 1.5 + 2.5 + 3
    assert mann_whitney_u([1, 2, 3], [2, 3, 4], improvement="decrease") == 9 - 7
    assert mann_whitney_u(FIG1_A, FIG1_B) == 38.5


# ---------------------------------------------------------------------------
# Trend helpers


def test_theil_sen_on_simple_series() -> None:
    assert theil_sen_slope([1, 3, 5, 7, 9]) == 2.0
    assert theil_sen_slope([4, 4, 4, 4]) == 0.0
    assert theil_sen_slope([10, 9, 8, 7]) == -1.0
    assert theil_sen_slope([1, 2, 3, 4, 100]) == 1.0  # one wild day does not move it
    assert theil_sen_slope([0, 1]) == 1.0


def test_kendall_trend_on_simple_series() -> None:
    # Exact: only 2 of the 5! orderings are as extreme as a perfect line.
    tau_b, p = kendall_trend([1, 2, 3, 4, 5])
    assert tau_b == 1.0
    assert p == pytest.approx(2 / 120, abs=1e-12)
    tau_b, p = kendall_trend([5, 4, 3, 2, 1])
    assert tau_b == -1.0
    assert p == pytest.approx(2 / 120, abs=1e-12)
    assert kendall_trend([3, 3, 3, 3]) == (0.0, 1.0)
    assert kendall_trend([1, 2]) == (1.0, 1.0)
    tau_b, p = kendall_trend(list(range(60)))  # long series: normal approximation
    assert tau_b == 1.0
    assert 0.0 < p < 1e-10


def brute_force_kendall_p(values: Sequence[float]) -> float:
    """Share of orderings whose |S| is at least the observed |S|."""

    def s_of(xs: Sequence[float]) -> int:
        return sum(
            (xs[j] > xs[i]) - (xs[j] < xs[i]) for i in range(len(xs)) for j in range(i + 1, len(xs))
        )

    observed = abs(s_of(values))
    perms = list(itertools.permutations(values))
    return sum(1 for p in perms if abs(s_of(p)) >= observed) / len(perms)


@pytest.mark.parametrize(
    "values", [[3, 1, 4, 2, 5, 6], [2, 1, 3], [1, 3, 2, 4], [7, 1, 6, 2, 5, 3, 4], [4, 2, 6, 1]]
)
def test_kendall_trend_exact_p_without_ties(values: list[float]) -> None:
    _, p = kendall_trend(values)
    assert p == pytest.approx(brute_force_kendall_p(values), abs=1e-12)


def test_kendall_trend_with_ties_uses_tie_corrected_variance() -> None:
    values = [1, 1, 3, 3, 5, 5]
    n = len(values)
    s = 12  # 15 pairs, 3 tied, all others increasing
    var_s = (n * (n - 1) * (2 * n + 5) - 3 * (2 * 1 * 9)) / 18
    tau_b, p = kendall_trend(values)
    assert tau_b == val(s / math.sqrt(15 * (15 - 3)))
    assert p == val(2 * NormalDist().cdf(-s / math.sqrt(var_s)))


# ---------------------------------------------------------------------------
# Edge cases: a value or InsufficientData, never NaN or infinity

ESTIMATORS: list[Callable[..., object]] = [nap, tau, tau_u, tau_bc, smd, pnd, mann_whitney_u]


def assert_finite_or_none(est: Estimate) -> None:
    for x in (est.value, est.se, est.ci_low, est.ci_high):
        assert x is None or math.isfinite(x)


def test_one_point_per_phase() -> None:
    for a, b, expected in (([1], [2], 1.0), ([2], [2], 0.5), ([3], [2], 0.0)):
        est = nap(a, b)
        assert est.value == expected
        assert est.se is None  # infinite in SingleCaseES
        assert est.ci_low is not None
        assert est.ci_high is not None
        assert 0.0 <= est.ci_low <= est.value <= est.ci_high <= 1.0
        assert_finite_or_none(est)
        t = tau(a, b)
        assert t.value == 2 * expected - 1
        assert t.se is None
        assert_finite_or_none(t)
        assert tau_u(a, b) == 2 * expected - 1
        assert pnd(a, b) == (1.0 if expected == 1.0 else 0.0)
    with pytest.raises(InsufficientData, match="baseline"):
        smd([1], [2])
    with pytest.raises(InsufficientData, match="pooled"):
        smd([1], [2], pooled=True)
    with pytest.raises(InsufficientData, match="trend"):
        tau_bc([1], [2])


def test_single_trial_point() -> None:
    est = nap([1, 2, 3], [4])
    assert est.se is None
    assert_finite_or_none(est)
    d = smd([1, 2, 3, 5], [4])
    assert math.isfinite(d.value)
    assert d.se is None and d.ci_low is None and d.ci_high is None
    pooled = smd([1, 2, 3, 5], [4], pooled=True)
    assert pooled.se is not None
    assert_finite_or_none(pooled)
    assert_finite_or_none(tau_bc([1, 2, 3], [4]))


def test_zero_baseline_variance() -> None:
    a, b = [5, 5, 5, 5], [6, 7, 6, 8]
    with pytest.raises(InsufficientData, match="SD is 0"):
        smd(a, b)
    pooled = smd(a, b, pooled=True)  # the trial phase varies
    assert_finite_or_none(pooled)
    est = nap(a, b)
    assert est.value == 1.0
    assert_finite_or_none(est)
    assert_finite_or_none(tau_bc(a, b))
    assert pnd(a, b) == 1.0


def test_all_ties() -> None:
    a, b = [5, 5, 5], [5, 5, 5, 5]
    est = nap(a, b)
    assert est.value == 0.5
    assert est.se is not None and est.se > 0
    assert_finite_or_none(est)
    assert tau(a, b).value == 0.0
    assert tau_u(a, b) == 0.0
    assert tau_bc(a, b).value == 0.0
    assert pnd(a, b) == 0.0
    for pooled in (False, True):
        with pytest.raises(InsufficientData):
            smd(a, b, pooled=pooled)
    assert kendall_trend(a) == (0.0, 1.0)
    assert theil_sen_slope(a) == 0.0


def test_hedges_correction_needs_two_degrees_of_freedom() -> None:
    with pytest.raises(InsufficientData, match="Hedges"):
        smd([1, 2], [3, 4, 5])
    assert_finite_or_none(smd([1, 2], [3, 4, 5], bias_correct=False))
    with pytest.raises(InsufficientData, match="Hedges"):
        smd([1, 2], [3], pooled=True)


@pytest.mark.parametrize("fn", ESTIMATORS)
@pytest.mark.parametrize(
    ("a", "b", "missing"), [([], [1, 2], "baseline"), ([1, 2], [], "trial"), ([], [], "baseline")]
)
def test_empty_phase_raises(
    fn: Callable[..., object], a: list[int], b: list[int], missing: str
) -> None:
    with pytest.raises(InsufficientData, match=missing):
        fn(a, b)


@pytest.mark.parametrize("fn", ESTIMATORS)
@pytest.mark.parametrize("improvement", ["up", "Increase", "", "higher"])
def test_invalid_improvement_raises(fn: Callable[..., object], improvement: str) -> None:
    with pytest.raises(ValueError, match="improvement"):
        fn(FIG1_A, FIG1_B, improvement=improvement)
    with pytest.raises(ValueError, match="improvement"):
        fn([], [], improvement=improvement)


@pytest.mark.parametrize("confidence", [0.0, 1.0, 95, -0.5])
def test_invalid_confidence_raises(confidence: float) -> None:
    for fn in (nap, tau, tau_bc, smd):
        with pytest.raises(ValueError, match="confidence"):
            fn(FIG1_A, FIG1_B, confidence=confidence)
    with pytest.raises(ValueError, match="confidence"):
        aggregate([nap(FIG1_A, FIG1_B)], confidence=confidence)


def test_non_finite_input_raises() -> None:
    with pytest.raises(ValueError, match="finite"):
        nap([1, float("nan")], [2])
    with pytest.raises(ValueError, match="finite"):
        smd([1, 2, 3], [float("inf")])


def test_short_series_for_trend_helpers() -> None:
    for fn in (theil_sen_slope, kendall_trend):
        for values in ([], [3]):
            with pytest.raises(InsufficientData, match="at least 2"):
                fn(values)


def test_aggregate_of_nothing_raises() -> None:
    with pytest.raises(InsufficientData):
        aggregate([])


def test_estimate_rejects_nan_and_infinity() -> None:
    with pytest.raises(ValueError):
        Estimate(float("nan"), None, None, None)
    with pytest.raises(ValueError):
        Estimate(0.5, float("inf"), None, None)


def test_estimate_is_frozen() -> None:
    est = Estimate(0.5, None, None, None)
    with pytest.raises(AttributeError):
        est.value = 1.0  # type: ignore[misc]


# ---------------------------------------------------------------------------
# Properties

phase = st.lists(st.integers(min_value=0, max_value=10), min_size=1, max_size=15)
PROPS = settings(max_examples=100, deadline=None)


def independent_u(a: Sequence[float], b: Sequence[float]) -> float:
    wins = sum(1 for x in a for y in b if y > x)
    ties = sum(1 for x in a for y in b if y == x)
    return wins + ties / 2


@PROPS
@given(phase, phase)
def test_nap_is_a_probability_with_an_ordered_interval(a: list[int], b: list[int]) -> None:
    est = nap(a, b)
    assert 0.0 <= est.value <= 1.0
    assert est.ci_low is not None and est.ci_high is not None
    assert 0.0 <= est.ci_low <= est.value <= est.ci_high <= 1.0
    assert (est.se is None) == (len(a) < 2 or len(b) < 2)


@PROPS
@given(phase, phase)
def test_nap_equals_mann_whitney_u_over_mn(a: list[int], b: list[int]) -> None:
    u = independent_u(a, b)
    assert nap(a, b).value == pytest.approx(u / (len(a) * len(b)), abs=1e-12)
    assert mann_whitney_u(a, b) == u


@PROPS
@given(phase, phase)
def test_flipping_direction_gives_one_minus_nap(a: list[int], b: list[int]) -> None:
    up = nap(a, b)
    down = nap(a, b, improvement="decrease")
    assert down.value == pytest.approx(1 - up.value, abs=1e-12)
    assert up.ci_low is not None and up.ci_high is not None
    assert down.ci_low == pytest.approx(1 - up.ci_high, abs=1e-9)
    assert down.ci_high == pytest.approx(1 - up.ci_low, abs=1e-9)
    if up.se is None:
        assert down.se is None
    else:
        assert down.se == pytest.approx(up.se, abs=1e-12)


@PROPS
@given(phase, phase, st.booleans())
def test_flipping_direction_negates_signed_indices(
    a: list[int], b: list[int], pooled: bool
) -> None:
    assert tau(a, b, improvement="decrease").value == pytest.approx(-tau(a, b).value, abs=1e-12)
    if len(a) >= 2:
        up, down = tau_bc(a, b), tau_bc(a, b, improvement="decrease")
        assert down.value == pytest.approx(-up.value, abs=1e-12)
        assert up.ci_high is not None
        assert down.ci_low == pytest.approx(-up.ci_high, abs=1e-9)
    try:
        d_up = smd(a, b, pooled=pooled)
    except InsufficientData:
        return
    d_down = smd(a, b, improvement="decrease", pooled=pooled)
    assert d_down.value == pytest.approx(-d_up.value, abs=1e-12)
    assert d_down.se == d_up.se


@PROPS
@given(phase, phase, st.sampled_from(["cubic", "exp"]))
def test_nap_is_unchanged_by_increasing_transforms(a: list[int], b: list[int], kind: str) -> None:
    def transform(x: int) -> float:
        return x**3 + 2 * x if kind == "cubic" else math.exp(x)

    before = nap(a, b)
    after = nap([transform(x) for x in a], [transform(x) for x in b])
    assert after == before


@PROPS
@given(phase, phase, st.sampled_from(["increase", "decrease"]))
def test_tau_is_rescaled_nap(a: list[int], b: list[int], improvement: Improvement) -> None:
    n_est = nap(a, b, improvement=improvement)
    t_est = tau(a, b, improvement=improvement)
    assert t_est.value == pytest.approx(2 * n_est.value - 1, abs=1e-12)
    assert n_est.ci_low is not None and n_est.ci_high is not None
    assert t_est.ci_low == pytest.approx(2 * n_est.ci_low - 1, abs=1e-12)
    assert t_est.ci_high == pytest.approx(2 * n_est.ci_high - 1, abs=1e-12)
    if n_est.se is None:
        assert t_est.se is None
    else:
        assert t_est.se == pytest.approx(2 * n_est.se, abs=1e-12)


@PROPS
@given(phase, phase, st.sampled_from(["increase", "decrease"]), st.booleans())
def test_every_estimate_is_finite_or_none(
    a: list[int], b: list[int], improvement: Improvement, pooled: bool
) -> None:
    estimates = [
        nap(a, b, improvement=improvement),
        tau(a, b, improvement=improvement),
    ]
    for fn in (tau_bc, smd):
        try:
            if fn is smd:
                estimates.append(smd(a, b, improvement=improvement, pooled=pooled))
            else:
                estimates.append(tau_bc(a, b, improvement=improvement))
        except InsufficientData:
            pass
    estimates.append(aggregate(estimates))
    for est in estimates:
        assert_finite_or_none(est)
        if est.ci_low is not None and est.ci_high is not None:
            assert est.ci_low <= est.value <= est.ci_high
    m, n = len(a), len(b)
    assert abs(tau_u(a, b)) <= (2 * n + m - 1) / (2 * n) + 1e-12
    assert 0.0 <= pnd(a, b, improvement=improvement) <= 1.0


@PROPS
@given(st.lists(st.integers(min_value=0, max_value=10), min_size=2, max_size=15))
def test_trend_helpers_are_bounded(values: list[int]) -> None:
    tau_b, p = kendall_trend(values)
    assert -1.0 <= tau_b <= 1.0
    assert 0.0 <= p <= 1.0
    slope = theil_sen_slope(values)
    assert math.isfinite(slope)
    flipped_tau, flipped_p = kendall_trend([-v for v in values])
    assert flipped_tau == pytest.approx(-tau_b, abs=1e-12)
    assert flipped_p == pytest.approx(p, abs=1e-12)
    assert theil_sen_slope([-v for v in values]) == -slope
