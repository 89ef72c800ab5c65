"""Effect sizes for comparing a baseline phase (A) with a trial phase (B).

The numbers are meant to be checkable against the R package SingleCaseES,
so its formulas and conventions are followed:

- NAP, non-overlap of all pairs (Parker & Vannest 2009). Its SE is the exactly
  unbiased estimator of Sen (1967) and Mee (1990) with SingleCaseES's
  truncation of NAP(1 - NAP) at 1/(2mn); its interval is Newcombe's (2006)
  score interval ("Method 5").
- Tau, non-overlap (Parker, Vannest, Davis & Sauber 2011): 2 NAP - 1, with the
  SE and interval of NAP carried over.
- Tau-U in the revised form of Parker, Vannest & Davis (2011), the one
  SingleCaseES implements: (S_P - S_A) / (m n).
- Tau-BC, baseline-corrected Tau (Tarlow 2017) as SingleCaseES computes it by
  default: Theil-Sen baseline trend removed from both phases, then Tau.
- SMD, within-case standardized mean difference (Gingerich 1984; Busk &
  Serlin 1992) with Hedges' (1981) small-sample correction.
- PND (Scruggs, Mastropieri & Casto 1987).
- ``aggregate``: SingleCaseES's equal-weight pooling of phase pairs (ABAB).

Direction: with ``improvement="decrease"`` both phases are negated before
NAP, Tau, Tau-U, Tau-BC and PND are computed, and the sign of SMD is flipped,
so every index reads "bigger is better", exactly as in SingleCaseES.

Deliberate departures from SingleCaseES:

- An SE the package reports as infinite (one point in a phase) or NA is
  ``None`` here, and inputs for which no honest number exists (empty phases,
  zero baseline SD for SMD) raise ``InsufficientData`` instead of giving
  NaN or infinity.
- When NAP is exactly 0 or 1 the package's root finder stops at the trivial
  root and reports the interval [1, 1] (or [0, 0]); the Newcombe interval's
  other bound is returned instead, so the interval is never degenerate.
- SMD with Hedges' correction and only two baseline points (or two points in
  all for the pooled SD) has a correction factor of exactly 0; the package
  returns 0 with SE 0, which would claim certainty, so this raises.
- Tau-BC detrends in floating point, like the package, so it agrees with it
  even where two residuals tie only on paper (rounding then decides the pair
  as a win or a loss rather than half; with integer ratings and a fractional
  slope this happens in about 1 random 0-10 series in 10).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from statistics import NormalDist, mean, variance
from typing import Literal, TypeVar, get_args

from wlitracker.core.model.errors import InsufficientData

__all__ = [
    "Estimate",
    "Improvement",
    "aggregate",
    "kendall_trend",
    "mann_whitney_u",
    "nap",
    "pnd",
    "smd",
    "tau",
    "tau_bc",
    "tau_u",
    "theil_sen_slope",
]

Improvement = Literal["increase", "decrease"]

_IMPROVEMENTS: tuple[str, ...] = get_args(Improvement)
_EXACT_KENDALL_MAX_N = 50  # as R's cor.test: exact null distribution below this, without ties
_NORMAL = NormalDist()

_Num = TypeVar("_Num", float, Fraction)


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its uncertainty; ``None`` marks what is undefined."""

    value: float
    se: float | None
    ci_low: float | None
    ci_high: float | None

    def __post_init__(self) -> None:
        # A NaN or infinity here would be a bug upstream; fail where it is made.
        for name in ("value", "se", "ci_low", "ci_high"):
            field = getattr(self, name)
            if field is not None and not math.isfinite(field):
                raise ValueError(f"Estimate.{name} must be finite, got {field!r}")


# ---------------------------------------------------------------------------
# Input handling


def _check_improvement(improvement: str) -> None:
    if improvement not in _IMPROVEMENTS:
        raise ValueError(f"improvement must be 'increase' or 'decrease', got {improvement!r}")


def _z(confidence: float) -> float:
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be strictly between 0 and 1, got {confidence!r}")
    return _NORMAL.inv_cdf(1.0 - (1.0 - confidence) / 2.0)


def _as_floats(values: Sequence[float], what: str) -> list[float]:
    out = [float(v) for v in values]
    for v in out:
        if not math.isfinite(v):
            raise ValueError(f"{what} contains a value that is not a finite number: {v!r}")
    return out


def _phases(
    baseline: Sequence[float], trial: Sequence[float], improvement: str
) -> tuple[list[float], list[float]]:
    """Validate both phases; the caller decides whether to flip."""
    _check_improvement(improvement)
    a = _as_floats(baseline, "baseline")
    b = _as_floats(trial, "trial")
    missing = [name for name, phase in (("baseline", a), ("trial", b)) if not phase]
    if missing:
        raise InsufficientData(
            f"no values in the {' and '.join(missing)} phase; each phase needs at least one"
        )
    return a, b


def _oriented(
    baseline: Sequence[float], trial: Sequence[float], improvement: str
) -> tuple[list[float], list[float]]:
    """Both phases, negated for "decrease" so that bigger is better."""
    a, b = _phases(baseline, trial, improvement)
    if improvement == "decrease":
        return [-x for x in a], [-x for x in b]
    return a, b


def _median(values: Sequence[_Num]) -> _Num:
    ordered = sorted(values)
    k = len(ordered)
    mid = k // 2
    if k % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


# ---------------------------------------------------------------------------
# NAP and Tau


@dataclass(frozen=True)
class _PairCounts:
    """Row and column sums of the doubled pair scores 2 q_ij (win 2, tie 1, loss 0).

    Counted by binary search on sorted phases, so long phases (a year of days)
    cost O((m + n) log) rather than m x n comparisons.
    """

    rows: tuple[int, ...]  # per baseline point: 2 * (trial points above) + (ties)
    cols: tuple[int, ...]  # per trial point: 2 * (baseline points below) + (ties)
    wins: int
    ties: int

    @property
    def total(self) -> int:
        return 2 * self.wins + self.ties

    @property
    def losses(self) -> int:  # every baseline point meets every trial point once
        return len(self.rows) * len(self.cols) - self.wins - self.ties


def _pair_counts(a: Sequence[_Num], b: Sequence[_Num]) -> _PairCounts:
    sorted_a, sorted_b = sorted(a), sorted(b)
    n, rows = len(b), []
    wins = ties = 0
    for ai in a:
        below_or_equal = bisect_right(sorted_b, ai)
        tied = below_or_equal - bisect_left(sorted_b, ai)
        above = n - below_or_equal
        rows.append(2 * above + tied)
        wins += above
        ties += tied
    cols = []
    for bj in b:
        below = bisect_left(sorted_a, bj)
        tied = bisect_right(sorted_a, bj) - below
        cols.append(2 * below + tied)
    return _PairCounts(tuple(rows), tuple(cols), wins, ties)


def _nap_se(counts: _PairCounts, m: int, n: int) -> float | None:
    """Unbiased SE (Sen 1967; Mee 1990) with SingleCaseES's truncation of NAP(1 - NAP).

    Computed exactly (integers, then a few fractions) so that a variance which is
    mathematically positive cannot come out as a rounding-error negative.
    """
    if m < 2 or n < 2:
        return None  # the package's denominator (m - 1)(n - 1) is 0: SE infinite
    mn = m * n
    total = counts.total  # = 2 mn NAP
    nap = Fraction(total, 2 * mn)
    # row_i = R_i / 2 - n NAP = (m R_i - total) / (2m); likewise for the columns.
    q1 = Fraction(sum((m * r - total) ** 2 for r in counts.rows), 4 * m * m) / (m * n * n)
    q2 = Fraction(sum((n * c - total) ** 2 for c in counts.cols), 4 * n * n) / (m * m * n)
    # (q_ij - NAP)^2 summed over the cells, by score: 2 q_ij in {0, 1, 2}.
    cells = (
        counts.losses * total**2
        + counts.ties * (mn - total) ** 2
        + counts.wins * (2 * mn - total) ** 2
    )
    x = Fraction(cells, 4 * mn * mn) / mn
    trunc = Fraction(1, 2 * mn)
    nap_t = min(max(nap, trunc), 1 - trunc)
    var = (nap_t * (1 - nap_t) + n * q1 + m * q2 - 2 * x) / ((m - 1) * (n - 1))
    if var <= 0:  # not seen on real data, but an unbiased estimate may dip below 0
        return None
    return math.sqrt(var)


def _bisect(f: Callable[[float], float], lo: float, hi: float) -> float:
    """Root of f in [lo, hi] given opposite signs at the ends, to full float precision."""
    f_lo = f(lo)
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if mid <= lo or mid >= hi:
            break
        f_mid = f(mid)
        if f_mid == 0.0:
            return mid
        if (f_mid > 0.0) == (f_lo > 0.0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def _newcombe_interval(nap_value: float, m: int, n: int, z: float) -> tuple[float, float]:
    """Newcombe's (2006) Method 5 score interval for NAP, as in SingleCaseES.

    The bounds are the roots in [0, 1] of
    mn (NAP - x)^2 (2 - x)(1 + x) = z^2 x (1 - x) (2 + h + (1 + 2h) x (1 - x)),
    h = (m + n)/2 - 1. At NAP = 1 (or 0) one root is the trivial x = 1 (or 0);
    the package stops there, but the interval's other bound is the informative
    one, so the trivial factor is divided out before searching.
    """
    mn = m * n
    h = (m + n) / 2.0 - 1.0
    z2 = z * z

    def spread(x: float) -> float:
        return 2.0 + h + (1.0 + 2.0 * h) * x * (1.0 - x)

    def f(x: float) -> float:
        return mn * (nap_value - x) ** 2 * (2.0 - x) * (1.0 + x) - z2 * x * (1.0 - x) * spread(x)

    def without_one(x: float) -> float:  # f / (1 - x) when NAP = 1
        return mn * (1.0 - x) * (2.0 - x) * (1.0 + x) - z2 * x * spread(x)

    def without_zero(x: float) -> float:  # f / x when NAP = 0
        return mn * x * (2.0 - x) * (1.0 + x) - z2 * (1.0 - x) * spread(x)

    if nap_value <= 0.0:
        return 0.0, _bisect(without_zero, 0.0, 1.0)
    if nap_value >= 1.0:
        return _bisect(without_one, 0.0, 1.0), 1.0
    return _bisect(f, 0.0, nap_value), _bisect(f, nap_value, 1.0)


def _nap_estimate(a: Sequence[_Num], b: Sequence[_Num], confidence: float) -> Estimate:
    z = _z(confidence)
    m, n = len(a), len(b)
    counts = _pair_counts(a, b)
    value = counts.total / (2 * m * n)
    low, high = _newcombe_interval(value, m, n, z)
    return Estimate(value, _nap_se(counts, m, n), low, high)


def _tau_from_nap(est: Estimate) -> Estimate:
    def rescale(x: float | None) -> float | None:
        return None if x is None else 2.0 * x - 1.0

    return Estimate(
        2.0 * est.value - 1.0,
        None if est.se is None else 2.0 * est.se,
        rescale(est.ci_low),
        rescale(est.ci_high),
    )


def mann_whitney_u(
    baseline: Sequence[float], trial: Sequence[float], improvement: Improvement = "increase"
) -> float:
    """Pairs (baseline, trial) in which the trial point is better, ties counted half.

    This is the Mann-Whitney U for the trial phase; NAP is U / (m n).
    """
    a, b = _oriented(baseline, trial, improvement)
    return _pair_counts(a, b).total / 2


def nap(
    baseline: Sequence[float],
    trial: Sequence[float],
    improvement: Improvement = "increase",
    confidence: float = 0.95,
) -> Estimate:
    """Non-overlap of all pairs: the share of day pairs in which the trial day was better.

    Ties count half. The SE is ``None`` with a single point in either phase
    (SingleCaseES reports it as infinite); the Newcombe interval stays defined.
    """
    a, b = _oriented(baseline, trial, improvement)
    return _nap_estimate(a, b, confidence)


def tau(
    baseline: Sequence[float],
    trial: Sequence[float],
    improvement: Improvement = "increase",
    confidence: float = 0.95,
) -> Estimate:
    """Tau (non-overlap) = 2 NAP - 1, on [-1, 1] with 0 meaning no difference."""
    return _tau_from_nap(nap(baseline, trial, improvement, confidence))


def _kendall_s(values: Sequence[_Num]) -> int:
    """Kendall's S of a series against time: concordant minus discordant pairs.

    Each value is compared with all earlier ones by binary search in a sorted
    list, so a year of days stays fast.
    """
    earlier: list[_Num] = []
    s = 0
    for value in values:
        below = bisect_left(earlier, value)
        above = len(earlier) - bisect_right(earlier, value)
        s += below - above
        insort(earlier, value)
    return s


def tau_u(
    baseline: Sequence[float], trial: Sequence[float], improvement: Improvement = "increase"
) -> float:
    """Tau-U "A vs B - trend A", revised form (S_P - S_A) / (m n).

    This is the variant SingleCaseES implements; it can leave [-1, 1] and its
    expected value depends on the phase lengths, so prefer NAP or Tau-BC as a
    headline number.
    """
    a, b = _oriented(baseline, trial, improvement)
    counts = _pair_counts(a, b)
    s_p = counts.wins - counts.losses
    return (s_p - _kendall_s(a)) / (len(a) * len(b))


# ---------------------------------------------------------------------------
# Trend


def theil_sen_slope(values: Sequence[float]) -> float:
    """Median of all pairwise slopes over time 1..n, robust to a single odd day."""
    data = _as_floats(values, "values")
    if len(data) < 2:
        raise InsufficientData(f"a trend needs at least 2 values, got {len(data)}")
    return _pairwise_slopes_median(data)


def _pairwise_slopes_median(values: Sequence[float]) -> float:
    k = len(values)
    return float(
        _median([(values[j] - values[i]) / (j - i) for i in range(k) for j in range(i + 1, k)])
    )


def _mahonian(n: int) -> list[int]:
    """Number of permutations of n items with k inversions, for k = 0..n(n-1)/2."""
    counts = [1]
    for i in range(2, n + 1):
        size = len(counts) + i - 1
        new = [0] * size
        running = 0
        for k in range(size):
            if k < len(counts):
                running += counts[k]
            if k - i >= 0:
                running -= counts[k - i]
            new[k] = running
        counts = new
    return counts


def kendall_trend(values: Sequence[float]) -> tuple[float, float]:
    """Kendall's tau-b of the values against time 1..n, with a two-sided p-value.

    The test follows R's ``cor.test(values, seq_along(values), method =
    "kendall")``: without ties and with fewer than 50 values the p-value comes
    from the exact permutation distribution of S; otherwise from the normal
    approximation with Kendall's tie-corrected variance of S. A constant series
    has no trend: it gives (0.0, 1.0) rather than the undefined 0/0.
    """
    data = _as_floats(values, "values")
    k = len(data)
    if k < 2:
        raise InsufficientData(f"a trend test needs at least 2 values, got {k}")
    s = _kendall_s(data)
    pairs = k * (k - 1) // 2
    ties = [data.count(v) for v in set(data)]
    tied_pairs = sum(t * (t - 1) // 2 for t in ties)
    if tied_pairs == pairs:
        return 0.0, 1.0
    tau_b = s / math.sqrt(pairs * (pairs - tied_pairs))
    if tied_pairs == 0 and k < _EXACT_KENDALL_MAX_N:
        counts = _mahonian(k)
        # S = pairs - 2 * inversions, so S >= |s| means inversions <= (pairs - |s|) / 2.
        upper = sum(counts[: (pairs - abs(s)) // 2 + 1])
        p = min(1.0, 2.0 * upper / math.factorial(k))
    else:
        var_s = (k * (k - 1) * (2 * k + 5) - sum(t * (t - 1) * (2 * t + 5) for t in ties)) / 18
        p = math.erfc(abs(s) / math.sqrt(2.0 * var_s))  # 2 (1 - Phi(|z|)), exact in the tail
    return tau_b, min(1.0, p)


def tau_bc(
    baseline: Sequence[float],
    trial: Sequence[float],
    improvement: Improvement = "increase",
    confidence: float = 0.95,
    slope: float | None = None,
) -> Estimate:
    """Tau after removing the baseline's Theil-Sen trend from both phases (Tarlow 2017).

    Answers "did the trial beat where the baseline was already heading?". The
    SE and interval are those of Tau on the residuals, which ignore the
    uncertainty in the slope. The projection can run off the rating scale, so
    read it as a sensitivity check, not a headline. ``slope``: the baseline's
    ``theil_sen_slope`` when the caller has it already (it is quadratic in the days).
    """
    a, b = _phases(baseline, trial, improvement)
    if len(a) < 2:
        raise InsufficientData(
            f"Tau-BC needs at least 2 baseline values to estimate a trend, got {len(a)}"
        )
    m = len(a)
    # Plain floating point, in SingleCaseES's order of operations, so that residuals
    # that tie only on paper are split by rounding exactly as the package splits them.
    float_a = [float(v) for v in a]
    if slope is None:
        slope = _pairwise_slopes_median(float_a)
    intercept = _median([y - slope * t for t, y in enumerate(float_a, start=1)])
    res_a = [y - intercept - slope * t for t, y in enumerate(float_a, start=1)]
    res_b = [float(y) - intercept - slope * t for t, y in enumerate(b, start=m + 1)]
    if improvement == "decrease":
        res_a = [-r for r in res_a]
        res_b = [-r for r in res_b]
    return _tau_from_nap(_nap_estimate(res_a, res_b, confidence))


# ---------------------------------------------------------------------------
# PND, SMD, pooling


def pnd(
    baseline: Sequence[float], trial: Sequence[float], improvement: Improvement = "increase"
) -> float:
    """Share of trial points better than the best baseline point.

    Kept for comparison with older literature: it hinges on one extreme
    baseline day and has no standard error.
    """
    a, b = _oriented(baseline, trial, improvement)
    best = max(a)
    return sum(1 for y in b if y > best) / len(b)


def smd(
    baseline: Sequence[float],
    trial: Sequence[float],
    improvement: Improvement = "increase",
    bias_correct: bool = True,
    pooled: bool = False,
    confidence: float = 0.95,
) -> Estimate:
    """Within-case standardized mean difference (mean B - mean A) / SD, Hedges-corrected.

    The SD is the baseline's (the package default) or, with ``pooled=True``,
    pooled over both phases. It is scaled by one person's day-to-day
    variability, so between-group benchmarks such as Cohen's 0.2/0.5/0.8 do
    not apply. The SE is ``None`` when the trial phase has one point and the
    baseline SD is used, because the SE needs the trial variance.
    """
    a, b = _phases(baseline, trial, improvement)
    m, n = len(a), len(b)
    z = _z(confidence)
    if pooled:
        df = m + n - 2
        if df < 1:
            raise InsufficientData(
                "SMD with a pooled SD needs at least 3 values in all (2 or more in one phase)"
            )
        # A one-point phase adds nothing to the pooled SD, as in SingleCaseES.
        s_sq = sum((len(p) - 1) * variance(p) for p in (a, b) if len(p) > 1) / df
    else:
        if m < 2:
            raise InsufficientData(
                f"SMD needs at least 2 baseline values to estimate their SD, got {m}"
            )
        df = m - 1
        s_sq = variance(a)
    if s_sq <= 0.0:
        raise InsufficientData(
            f"SMD is undefined: the {'pooled' if pooled else 'baseline'} values do not vary "
            "(SD is 0); use NAP or the raw mean difference instead"
        )
    if bias_correct and df < 2:
        raise InsufficientData(
            "Hedges' correction is 0 with 1 degree of freedom, so SMD needs at least 3 "
            "baseline values (or 4 in all with a pooled SD)"
        )
    j = 1.0 - 3.0 / (4.0 * df - 1.0) if bias_correct else 1.0
    d = j * (mean(b) - mean(a)) / math.sqrt(s_sq)
    if improvement == "decrease":
        d = -d
    if pooled:
        sv1 = 1.0 / m + 1.0 / n
    elif n > 1:
        sv1 = 1.0 / m + variance(b) / (n * s_sq)
    else:
        return Estimate(d, None, None, None)  # the SE needs the trial phase's variance
    se = j * math.sqrt(sv1 + d * d / (2.0 * df))
    return Estimate(d, se, d - z * se, d + z * se)


def aggregate(
    estimates: Sequence[Estimate],
    confidence: float = 0.95,
    bounds: tuple[float, float] | None = None,
) -> Estimate:
    """Equal-weight average of phase-pair estimates (e.g. A1-B1 and A2-B2 of an ABAB).

    As SingleCaseES's ``batch_calc_ES(weighting = "equal")``: SE =
    sqrt(sum SE_k^2) / k and a Wald interval, which can leave the index's
    range (a Tau interval reaching 1.07). ``bounds``, the range the index can
    take ((0, 1) for NAP, (-1, 1) for Tau and Tau-BC), clips the interval to it;
    without them the package's values are returned unchanged. The SE and
    interval are ``None`` if any estimate lacks an SE.
    """
    z = _z(confidence)
    k = len(estimates)
    if k == 0:
        raise InsufficientData("nothing to aggregate: at least one estimate is needed")
    value = math.fsum(e.value for e in estimates) / k
    ses = [e.se for e in estimates]
    if any(se is None for se in ses):
        return Estimate(value, None, None, None)
    se = math.sqrt(math.fsum(s * s for s in ses if s is not None)) / k
    low, high = value - z * se, value + z * se
    if bounds is not None:
        low, high = max(bounds[0], low), min(bounds[1], high)
    return Estimate(value, se, low, high)
