"""The segmenter-integrator self-check: seven statements, one score, kind words.

Segmenters feel best with firm lines between work and home; integrators are happy
to blend the two. Neither is better, and boundaries matter in both cases, so the
result only helps pick experiments that fit. Some statements are phrased from the
segmenter side and scored in reverse, so that simply agreeing with everything does
not push the score to one end.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .model.errors import ValidationError
from .services.preferences import SelfCheckResult

LOWEST, HIGHEST = 1, 5

#: What each answer means, from 1 to 5.
SCALE: tuple[str, ...] = (
    "Strongly disagree",
    "Disagree",
    "Not sure",
    "Agree",
    "Strongly agree",
)

#: Scores below this read as "more of a segmenter", above the next as "more of an integrator".
SEGMENTER_BELOW = 0.4
INTEGRATOR_ABOVE = 0.6


@dataclass(frozen=True)
class Statement:
    """One statement; ``reverse`` means agreeing points towards segmenting."""

    text: str
    reverse: bool = False


STATEMENTS: tuple[Statement, ...] = (
    Statement("Answering a quick work message in the evening is fine with me."),
    Statement("I prefer to keep work at work and home at home.", reverse=True),
    Statement("Handling a personal errand during the working day feels natural."),
    Statement("When my working day ends, I like to switch off from work completely.", reverse=True),
    Statement("I am happy to talk about my life outside work with colleagues."),
    Statement(
        "I would rather have separate phones, calendars or spaces for work and home.",
        reverse=True,
    ),
    Statement("Blending work and home through the day makes my life easier."),
)

LABEL_SEGMENTER = "More of a segmenter"
LABEL_BETWEEN = "Somewhere in between"
LABEL_INTEGRATOR = "More of an integrator"

_EXPLANATIONS = {
    LABEL_SEGMENTER: (
        "You seem to feel best with clear lines between work and home, and that is a "
        "perfectly good way to live. Experiments that protect those lines, like a fixed "
        "stop time or no work email in the evening, may suit you well."
    ),
    LABEL_BETWEEN: (
        "You blend work and home in some ways and keep them apart in others, which gives "
        "you room to choose. Small experiments on either side could suit you, as long as "
        "you keep the boundaries that already help."
    ),
    LABEL_INTEGRATOR: (
        "You seem comfortable weaving work and home together, and that flexibility can be "
        "a real strength. Experiments that blend on purpose, like midday exercise or "
        "errands in a quiet hour, may suit you, with a few firm boundaries to keep rest safe."
    ),
}


def check_answers(answers: Sequence[int]) -> tuple[int, ...]:
    """The answers as a tuple, or a ValidationError naming what is wrong."""
    if len(answers) != len(STATEMENTS):
        raise ValidationError(
            "self-check", f"expected {len(STATEMENTS)} answers, got {len(answers)}"
        )
    for number, answer in enumerate(answers, start=1):
        if isinstance(answer, bool) or not isinstance(answer, int):
            raise ValidationError("self-check", f"answer {number} must be a whole number")
        if not LOWEST <= answer <= HIGHEST:
            raise ValidationError(
                "self-check", f"answer {number} is {answer}; use {LOWEST} to {HIGHEST}"
            )
    return tuple(answers)


def score(answers: Sequence[int]) -> float:
    """0 = strong segmenter, 1 = strong integrator; the mean of the (reversed) answers."""
    checked = check_answers(answers)
    points = [
        (HIGHEST + LOWEST - answer) if statement.reverse else answer
        for statement, answer in zip(STATEMENTS, checked, strict=True)
    ]
    mean = sum(points) / len(points)
    return (mean - LOWEST) / (HIGHEST - LOWEST)


def evaluate(answers: Sequence[int], taken_on: dt.date) -> SelfCheckResult:
    """Answers and their score, ready to be stored as a preference."""
    return SelfCheckResult(check_answers(answers), score(answers), taken_on)


def label(value: float) -> str:
    """The band a score falls in: segmenter, in between, or integrator."""
    if math.isnan(value) or not 0.0 <= value <= 1.0:
        raise ValidationError("self-check score", f"{value!r} must be from 0 to 1")
    if value < SEGMENTER_BELOW:
        return LABEL_SEGMENTER
    if value > INTEGRATOR_ABOVE:
        return LABEL_INTEGRATOR
    return LABEL_BETWEEN


def describe(value: float) -> tuple[str, str]:
    """A short label and two kind sentences on what it means and which experiments may fit."""
    band = label(value)
    return band, _EXPLANATIONS[band]
