"""Planning an experiment's length from the person's own recent days."""

from __future__ import annotations

import random

import pytest

from wlitracker.core.stats import planning


def test_with_less_than_four_weeks_of_days_the_usual_length_stays_and_says_why() -> None:
    history = [5.0, None] * 20  # 20 rated days

    advice = planning.advise_length("satisfaction", history, "increase", 0, 10)

    assert (advice.days, advice.rated_days, advice.from_history) == (14, 20, False)
    assert advice.text == (
        "Plan 14 baseline and 14 trial days: satisfaction has 20 rated days in the last 90, "
        "and 28 are needed to size the experiment from your own days."
    )


def test_steady_days_need_a_shorter_trial_than_restless_ones() -> None:
    rng = random.Random(5)
    steady = [float(round(5 + rng.gauss(0, 0.6))) for _ in range(90)]
    restless = [float(min(10, max(0, round(5 + rng.gauss(0, 2.5))))) for _ in range(90)]

    calm = planning.advise_length("guilt", steady, "decrease", 0, 10)
    busy = planning.advise_length("guilt", restless, "decrease", 0, 10)

    assert calm.from_history and calm.chance is not None and calm.chance >= 0.8
    assert calm.days < busy.days
    assert calm.text.startswith("Over the last 90 days (90 rated) your guilt varied by about")
    assert f"plan {calm.days} baseline and {calm.days} trial days." in calm.text
    assert busy.days == planning.MAX_DAYS
    assert "hard to see in days like these" in busy.text


def test_a_bigger_change_needs_fewer_days() -> None:
    rng = random.Random(8)
    history = [float(round(6 + rng.gauss(0, 1.4))) for _ in range(80)] + [None] * 10

    small = planning.advise_length("energy", history, "increase", 0, 10, change=1.0)
    big = planning.advise_length("energy", history, "increase", 0, 10, change=2.5)

    assert big.days <= small.days
    assert big.chance is not None and big.chance >= 0.8
    assert "a change of 2.5 points" in big.text


def test_days_that_resemble_each_other_are_measured() -> None:
    rng = random.Random(2)
    z, history = 0.0, []
    for _ in range(90):
        z = 0.7 * z + rng.gauss(0, 1)
        history.append(float(round(5 + z)))

    advice = planning.advise_length("stress", history, "decrease", 0, 10)

    assert advice.autocorrelation is not None and 0.5 < advice.autocorrelation <= 0.9


def test_the_change_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        planning.advise_length("stress", [5.0] * 40, "decrease", 0, 10, change=0)
