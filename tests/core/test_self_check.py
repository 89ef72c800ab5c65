"""The self-check's scoring: bounds, reverse-scored statements, validation, bands."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from wlitracker.core import self_check
from wlitracker.core.model.errors import ValidationError
from wlitracker.core.self_check import STATEMENTS, describe, evaluate, score

N = len(STATEMENTS)


def _most_integrating() -> list[int]:
    return [1 if s.reverse else 5 for s in STATEMENTS]


def _most_segmenting() -> list[int]:
    return [5 if s.reverse else 1 for s in STATEMENTS]


def test_there_are_seven_statements_some_reversed() -> None:
    assert N == 7
    assert any(s.reverse for s in STATEMENTS)
    assert not all(s.reverse for s in STATEMENTS)
    assert len({s.text for s in STATEMENTS}) == N


def test_the_extremes_are_zero_and_one() -> None:
    assert score(_most_integrating()) == 1.0
    assert score(_most_segmenting()) == 0.0


def test_all_neutral_is_the_middle() -> None:
    assert score([3] * N) == 0.5


def test_agreeing_with_everything_is_not_an_extreme() -> None:
    """Reverse-scored statements cancel plain agreement out."""
    assert 0.0 < score([5] * N) < 1.0
    assert 0.0 < score([1] * N) < 1.0


def test_a_reverse_statement_counts_the_other_way() -> None:
    reverse_at = next(i for i, s in enumerate(STATEMENTS) if s.reverse)
    plain_at = next(i for i, s in enumerate(STATEMENTS) if not s.reverse)
    agree_reverse = [3] * N
    agree_reverse[reverse_at] = 5
    agree_plain = [3] * N
    agree_plain[plain_at] = 5
    assert score(agree_reverse) < 0.5 < score(agree_plain)
    assert score(agree_reverse) + score(agree_plain) == pytest.approx(1.0)


@pytest.mark.parametrize("answers", [[3] * (N - 1), [3] * (N + 1), []])
def test_the_wrong_number_of_answers_is_refused(answers: list[int]) -> None:
    with pytest.raises(ValidationError, match="expected 7 answers"):
        score(answers)


@pytest.mark.parametrize("bad", [0, 6, -1, True])
def test_answers_off_the_scale_are_refused(bad: int) -> None:
    answers = [3] * N
    answers[2] = bad
    with pytest.raises(ValidationError, match="answer 3"):
        score(answers)


def test_evaluate_keeps_answers_score_and_date() -> None:
    day = dt.date(2026, 3, 16)
    result = evaluate(_most_integrating(), day)
    assert result.answers == tuple(_most_integrating())
    assert result.score == 1.0
    assert result.taken_on == day


@pytest.mark.parametrize(
    ("value", "label"),
    [
        (0.0, "More of a segmenter"),
        (0.39, "More of a segmenter"),
        (0.4, "Somewhere in between"),
        (0.5, "Somewhere in between"),
        (0.6, "Somewhere in between"),
        (0.61, "More of an integrator"),
        (1.0, "More of an integrator"),
    ],
)
def test_describe_bands(value: float, label: str) -> None:
    assert describe(value)[0] == label


@pytest.mark.parametrize("value", [0.0, 0.5, 1.0])
def test_describe_gives_two_sentences_that_mention_boundaries(value: float) -> None:
    _, text = describe(value)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]
    assert len(sentences) == 2
    assert all(s[0].isupper() and s[-1] in ".!?" for s in sentences)
    assert re.search(r"boundar|lines", text)


@pytest.mark.parametrize("value", [-0.1, 1.1, float("nan")])
def test_describe_refuses_scores_outside_zero_to_one(value: float) -> None:
    with pytest.raises(ValidationError):
        describe(value)


def test_every_possible_score_has_a_band() -> None:
    for total in range(N, 5 * N + 1):
        value = (total - N) / (4 * N)
        assert describe(value)[0] in {
            self_check.LABEL_SEGMENTER,
            self_check.LABEL_BETWEEN,
            self_check.LABEL_INTEGRATOR,
        }
