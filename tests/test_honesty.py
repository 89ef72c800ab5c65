"""A quick run of the honesty benchmark (fixed seeds), so the decision rule cannot drift.

The full run (``python -m benchmarks.honesty``, 1800 experiments per cell) gives the
published table; this one uses 72 per cell, so its bounds leave room for chance.
"""

from __future__ import annotations

import pytest

from benchmarks import honesty

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture(scope="module")
def results() -> honesty.Results:
    return honesty.simulate(reps=72, seed=14, workers=1)


def test_without_an_effect_improved_is_rare_however_often_one_looks(
    results: honesty.Results,
) -> None:
    hits = total = 0
    for design in honesty.DESIGNS:
        for phi in (0.0, 0.3, 0.6):
            for direction in honesty.DIRECTIONS:
                rate = results.no_effect(design, phi, direction, "daily")
                assert rate.share <= 0.12, (design, phi, direction, rate)
                hits += rate.hits
                total += rate.total
    assert hits / total <= honesty.NO_EFFECT_LIMIT


def test_looking_every_day_is_never_less_strict_than_looking_once(
    results: honesty.Results,
) -> None:
    for design in honesty.DESIGNS:
        for phi in honesty.PHIS:
            for direction in honesty.DIRECTIONS:
                once = results.no_effect(design, phi, direction, "end")
                daily = results.no_effect(design, phi, direction, "daily")
                assert once.hits <= daily.hits


@pytest.mark.parametrize(("design", "phi", "target"), honesty.POWER_ROWS)
def test_a_real_shift_is_found(
    results: honesty.Results, design: tuple[int, int], phi: float, target: float
) -> None:
    # 144 experiments per row here: the bound is the target less about two standard errors.
    assert results.power(design, phi).share >= target - 0.08


def test_the_report_is_a_table_with_every_condition(results: honesty.Results) -> None:
    text = honesty.report(results, 72)
    assert text.count("\n| 7+14 |") == 4 + 2
    assert "| 28+28 | 0.5 |" in text
    assert "marginal SD" in text
