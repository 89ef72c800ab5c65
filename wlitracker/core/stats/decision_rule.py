"""The decision rule: did a target metric improve, honestly, for days that resemble each other?

Daily ratings are autocorrelated (a day resembles the day before) and people
look every day. The rule models both:

- A level-change regression with AR(1) errors: y_t = b0 + b1 D_t + e_t, where
  D_t is 0 on baseline days and 1 on trial days and e_t = rho e_(t-1) + u_t.
  For a given rho the Prais-Winsten transform makes the errors independent and
  b1 / se(b1) follows a t distribution with n - 2 degrees of freedom.
- rho is poorly known from a few weeks of days and its plain estimate is
  biased towards 0, which would make the rule claim too often. So rho is
  integrated out: on a grid over [0, 1) each value is weighted by a prior
  (a Beta(2, 2) shape: real weight on moderate autocorrelation, little on the
  extremes) times its marginal likelihood with b and the noise integrated out,
  sqrt(1 - rho^2) det(X*'X*)^(-1/2) RSS^(-(n - 2) / 2). The chance that the
  change is *not* an improvement is the weighted average of T_df(-b1 / se).
- df counts independent days, n (1 - rho) / (1 + rho) - 2, rather than n - 2
  (``effective_df``): a safety margin for short, strongly autocorrelated series,
  where a chance shift in the noise also makes rho look smaller than it is.
- "improved" when that chance is below ``FINAL_ALPHA`` (4.5%, one-sided) at
  the planned end and after it, or below ``INTERIM_ALPHA`` (0.1%) at a look
  before it (Haybittle-Peto): looking every day then barely adds to the error
  rate. 4.5% rather than 5% leaves room for what the model leaves out (the
  ratings are whole numbers, clipped to the scale), so that the simulated
  rate of a false "improved" stays at or below 5% (docs/evaluation.md).
  "worsened" is the same test the other way.
- Whole-number ratings carry up to half a point of rounding, so the noise is
  never taken to be smaller than rounding noise (variance 1/12): a phase of
  identical ratings is not read as infinitely precise.

The values of a phase are taken as consecutive days. A day without a rating
(missing, or unusual and left out) is skipped, so its neighbours are treated
as adjacent; with positive autocorrelation that makes the estimated rho a
little lower than over complete days, which the integration over rho absorbs.

Pure Python: nothing here imports numpy or scipy (the core loads at start-up).
All the sums the transform needs are computed once per call; each grid value
of rho then costs a few dozen arithmetic operations, so a call on 28 + 28 days
takes a fraction of a millisecond.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .effect_sizes import Improvement

Judgement = Literal["improved", "worsened", "unclear", "not enough data"]

MIN_DAYS_PER_PHASE = 5
FINAL_ALPHA = 0.045  # one-sided, at the planned end (and after it)
INTERIM_ALPHA = 0.001  # one-sided, at every look before the planned end
ROUNDING_VARIANCE = 1.0 / 12.0  # of a value rounded to a whole number
PRIOR_SHAPE = (2.0, 2.0)  # a Beta(a, b) prior on rho, on [0, 1): mean 0.5
GRID_SIZE = 24
_GRID = tuple((j + 0.5) / GRID_SIZE for j in range(GRID_SIZE))
_LOG_PRIOR = tuple(
    (PRIOR_SHAPE[0] - 1.0) * math.log(r) + (PRIOR_SHAPE[1] - 1.0) * math.log(1.0 - r) for r in _GRID
)
_T_SERIES_MAX_DF = 120  # exact finite series up to here, a close approximation beyond


@dataclass(frozen=True)
class Assessment:
    """What the model says about one metric's change, in the metric's own units.

    ``change``: the estimated change from baseline to trial (trial minus baseline,
    not direction-adjusted), with a 95% interval; ``p_not_better``: the model's
    chance that the change is not an improvement (one-sided; small means a clear
    improvement, close to 1 a clear worsening); ``autocorrelation``: the
    estimated lag-1 autocorrelation of the daily values around their phase levels.
    """

    n_baseline: int
    n_trial: int
    change: float
    ci_low: float
    ci_high: float
    p_not_better: float
    autocorrelation: float

    @property
    def p_not_worse(self) -> float:
        return 1.0 - self.p_not_better


# --- the t distribution, in pure Python ------------------------------------------


def t_cdf(t: float, df: int) -> float:
    """P(T <= t) for Student's t with ``df`` (a whole number >= 1) degrees of freedom.

    Exact finite series (Abramowitz & Stegun 26.7.3-4) up to 120 degrees of
    freedom; beyond, Peiser's normal approximation, within 1e-5 there.
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    if df > _T_SERIES_MAX_DF:
        z = t * (1.0 - 1.0 / (4.0 * df)) / math.sqrt(1.0 + t * t / (2.0 * df))
        return 0.5 * math.erfc(-z / math.sqrt(2.0))
    x = abs(t)
    theta = math.atan(x / math.sqrt(df))
    c = math.cos(theta)
    s = math.sin(theta)
    c2 = c * c
    if df % 2:  # odd
        if df == 1:
            inside = 2.0 * theta / math.pi
        else:
            term = c
            total = c
            for k in range(1, (df - 1) // 2):
                term *= c2 * (2 * k) / (2 * k + 1)
                total += term
            inside = 2.0 / math.pi * (theta + s * total)
    else:
        term = 1.0
        total = 1.0
        for k in range(1, df // 2):
            term *= c2 * (2 * k - 1) / (2 * k)
            total += term
        inside = s * total
    inside = min(1.0, inside)
    tail = 0.5 * (1.0 - inside)  # P(T > |t|)
    return 1.0 - tail if t >= 0 else tail


def _t_log_density_constant(df: int) -> float:
    return math.lgamma((df + 1) / 2.0) - math.lgamma(df / 2.0) - 0.5 * math.log(df * math.pi)


# --- the model --------------------------------------------------------------------


@dataclass(frozen=True)
class _Fit:
    """The model at each grid value of rho, with that value's posterior weight."""

    weights: tuple[float, ...]
    slopes: tuple[float, ...]  # b1 (oriented: bigger is better)
    ses: tuple[float, ...]  # its standard error
    dfs: tuple[int, ...]  # degrees of freedom of the t distribution used


def effective_df(n: int, rho: float) -> int:
    """Degrees of freedom for a t reference: n - 2, counted in *independent* days.

    With autocorrelation rho, n days carry about as much information as
    n (1 - rho) / (1 + rho) independent ones. Conditional on rho the exact
    reference would have n - 2, but rho is estimated from the same days, and
    a chance level shift in the noise makes the days around it look less alike
    than they are; the smaller count is the safety margin the simulation needs
    for short, strongly autocorrelated series. Never below 2.
    """
    return max(2, min(n - 2, math.floor(n * (1.0 - rho) / (1.0 + rho)) - 2))


def _fit(values: Sequence[float], in_trial: Sequence[bool]) -> _Fit:
    """The level-change model on a grid of rho, from sums computed once."""
    n = len(values)
    centre = math.fsum(values) / n  # shifting y leaves b1 alone and keeps the sums small
    y = [v - centre for v in values]
    d = [1.0 if flag else 0.0 for flag in in_trial]
    # For columns a, b the Prais-Winsten transformed cross product is
    # (1 + rho^2) F - rho^2 E - rho L, with F = sum of a_t b_t, E = a_1 b_1 + a_n b_n
    # and L = sum over t >= 2 of (a_t b_(t-1) + a_(t-1) b_t). The columns are
    # 1 (the level), D (the change) and y.
    f_dd = f_dy = f_yy = f_1y = 0.0
    l_1d = l_dd = l_1y = l_dy = l_yy = 0.0
    prev_d = prev_y = 0.0
    for t in range(n):
        dt_, yt = d[t], y[t]
        f_dd += dt_ * dt_
        f_dy += dt_ * yt
        f_yy += yt * yt
        f_1y += yt
        if t:
            l_1d += dt_ + prev_d
            l_dd += 2.0 * dt_ * prev_d
            l_1y += yt + prev_y
            l_dy += dt_ * prev_y + prev_d * yt
            l_yy += 2.0 * yt * prev_y
        prev_d, prev_y = dt_, yt
    d1, dn, y1, yn = d[0], d[-1], y[0], y[-1]
    f_11, e_11, l_11 = float(n), 2.0, 2.0 * (n - 1)
    f_1d, e_1d = f_dd, d1 + dn  # D is 0 or 1, so the sum of D is the sum of D^2
    e_dd = d1 * d1 + dn * dn
    e_1y = y1 + yn
    e_dy = d1 * y1 + dn * yn
    e_yy = y1 * y1 + yn * yn
    df = n - 2
    log_w: list[float] = []
    slopes: list[float] = []
    ses: list[float] = []
    dfs: list[int] = []
    for rho, log_prior in zip(_GRID, _LOG_PRIOR, strict=True):
        r2 = rho * rho
        g = 1.0 + r2
        p11 = g * f_11 - r2 * e_11 - rho * l_11
        p1d = g * f_1d - r2 * e_1d - rho * l_1d
        pdd = g * f_dd - r2 * e_dd - rho * l_dd
        p1y = g * f_1y - r2 * e_1y - rho * l_1y
        pdy = g * f_dy - r2 * e_dy - rho * l_dy
        pyy = g * f_yy - r2 * e_yy - rho * l_yy
        det = p11 * pdd - p1d * p1d
        b1 = (p11 * pdy - p1d * p1y) / det
        b0 = (pdd * p1y - p1d * pdy) / det
        # Rounding to whole numbers adds white noise of variance 1/12 to each day,
        # (1 + rho^2) / 12 to each transformed row: the noise is never less.
        rss = max(pyy - b0 * p1y - b1 * pdy, df * ROUNDING_VARIANCE * g)
        log_w.append(
            log_prior + 0.5 * math.log(1.0 - r2) - 0.5 * math.log(det) - df / 2.0 * math.log(rss)
        )
        slopes.append(b1)
        ses.append(math.sqrt(rss / df * p11 / det))
        dfs.append(effective_df(n, rho))
    top = max(log_w)
    raw = [math.exp(w - top) for w in log_w]
    total = math.fsum(raw)
    return _Fit(tuple(w / total for w in raw), tuple(slopes), tuple(ses), tuple(dfs))


def _p_not_better(fit: _Fit) -> float:
    """The posterior chance that b1 <= 0, averaged over rho."""
    return math.fsum(
        w * t_cdf(-b / se, df)
        for w, b, se, df in zip(fit.weights, fit.slopes, fit.ses, fit.dfs, strict=True)
    )


def _mixture_quantile(fit: _Fit, q: float) -> float:
    """The q-quantile of b1's posterior, a mixture of scaled t distributions."""
    parts = [
        (w, b, se, df, _t_log_density_constant(df))
        for w, b, se, df in zip(fit.weights, fit.slopes, fit.ses, fit.dfs, strict=True)
        if w > 1e-12
    ]

    def cdf(x: float) -> float:
        return math.fsum(w * t_cdf((x - b) / se, df) for w, b, se, df, _ in parts)

    def pdf(x: float) -> float:
        total = 0.0
        for w, b, se, df, const in parts:
            u = (x - b) / se
            total += w * math.exp(const - (df + 1) / 2.0 * math.log1p(u * u / df)) / se
        return total

    # Newton steps kept inside a shrinking bracket.
    lo = min(b - 60.0 * se for _, b, se, _, _ in parts)
    hi = max(b + 60.0 * se for _, b, se, _, _ in parts)
    x = math.fsum(w * b for w, b, _, _, _ in parts)
    tolerance = 1e-7 * max(1.0, *(se for _, _, se, _, _ in parts))
    for _ in range(100):
        gap = cdf(x) - q
        if gap > 0:
            hi = x
        else:
            lo = x
        density = pdf(x)
        step = x - gap / density if density > 0 else (lo + hi) / 2.0
        if not lo < step < hi:
            step = (lo + hi) / 2.0
        if abs(step - x) < tolerance or hi - lo < tolerance:
            return step
        x = step
    return x


def _check(improvement: str) -> None:
    if improvement not in ("increase", "decrease"):
        raise ValueError(f"improvement must be 'increase' or 'decrease', got {improvement!r}")


def _oriented(values: Sequence[float], improvement: Improvement) -> list[float]:
    out = [float(v) for v in values]
    for v in out:
        if not math.isfinite(v):
            raise ValueError(f"values must be finite numbers, got {v!r}")
    return [-v for v in out] if improvement == "decrease" else out


def p_not_better(
    values: Sequence[float], in_trial: Sequence[bool], improvement: Improvement
) -> float:
    """Only the one-sided chance, for the rule (cheaper than a full ``assess_series``)."""
    _check(improvement)
    return _p_not_better(_fit(_oriented(values, improvement), in_trial))


def assess_series(
    values: Sequence[float], in_trial: Sequence[bool], improvement: Improvement
) -> Assessment:
    """The model on a whole series in date order (A-B, or A-B-A-B with one level change).

    ``in_trial`` marks the trial days. Needs at least one day of each kind and
    three days in all; ``judge`` and the evaluation ask for five per phase.
    """
    _check(improvement)
    if len(values) != len(in_trial):
        raise ValueError("values and in_trial must be as long as each other")
    n_trial = sum(1 for flag in in_trial if flag)
    n_baseline = len(values) - n_trial
    if n_trial == 0 or n_baseline == 0 or len(values) < 3:
        raise ValueError("the model needs baseline and trial days, at least three in all")
    fit = _fit(_oriented(values, improvement), in_trial)
    sign = -1.0 if improvement == "decrease" else 1.0
    low, high = _mixture_quantile(fit, 0.025), _mixture_quantile(fit, 0.975)
    if sign < 0:
        low, high = -high, -low
    mean = math.fsum(w * b for w, b in zip(fit.weights, fit.slopes, strict=True))
    rho = math.fsum(w * r for w, r in zip(fit.weights, _GRID, strict=True))
    return Assessment(
        n_baseline=n_baseline,
        n_trial=n_trial,
        change=sign * mean,
        ci_low=low,
        ci_high=high,
        p_not_better=_p_not_better(fit),
        autocorrelation=rho,
    )


def assess(
    baseline: Sequence[float], trial: Sequence[float], improvement: Improvement
) -> Assessment:
    """``assess_series`` for one baseline followed by one trial."""
    return assess_series(
        [*baseline, *trial], [False] * len(baseline) + [True] * len(trial), improvement
    )


def alpha_for(n_trial: int, planned_trial_days: int | None) -> float:
    """The one-sided level of a look: strict before the planned end, 5% at and after it."""
    interim = planned_trial_days is not None and n_trial < planned_trial_days
    return INTERIM_ALPHA if interim else FINAL_ALPHA


def words(p_not_better: float, alpha: float) -> Judgement:
    if p_not_better < alpha:
        return "improved"
    if 1.0 - p_not_better < alpha:
        return "worsened"
    return "unclear"


def judge(
    baseline: Sequence[float],
    trial: Sequence[float],
    *,
    improvement: Improvement,
    planned_trial_days: int | None = None,
) -> Judgement:
    """One metric's verdict: "improved", "worsened", "unclear" or "not enough data".

    ``baseline`` and ``trial``: the phase's daily values in date order, taken as
    consecutive days. ``planned_trial_days``: the trial's planned length while
    it runs (a look with fewer trial values is an interim look, judged at the
    strict level), or None when the trial is over or has no plan.
    """
    _check(improvement)
    if min(len(baseline), len(trial)) < MIN_DAYS_PER_PHASE:
        return "not enough data"
    values = [*baseline, *trial]
    flags = [False] * len(baseline) + [True] * len(trial)
    p = p_not_better(values, flags, improvement)
    return words(p, alpha_for(len(trial), planned_trial_days))
