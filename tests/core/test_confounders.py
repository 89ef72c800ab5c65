"""Other experiments in their trial: the index agrees with reading every schedule, and
it follows the journal when experiments or decisions change."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wlitracker.core import schedules
from wlitracker.core.model.entities import Decision, DecisionKind, Experiment, PhaseKind
from wlitracker.core.services import confounders
from wlitracker.core.services.confounders import TrialIndex
from wlitracker.core.services.journal import Journal

BASE = dt.date(2025, 1, 1)


def plainly(
    experiments: list[Experiment], decisions: list[Decision], me: int, start: dt.date, end: dt.date
) -> list[tuple[int, str, int]]:
    """The rule read straight from every schedule, day by day."""
    found = []
    for other in experiments:
        if other.id == me or other.id is None:
            continue
        closing = schedules.closing_decision([d for d in decisions if d.experiment_id == other.id])
        days = 0
        for phase in schedules.phases(other.schedule):
            if phase.kind is not PhaseKind.TRIAL:
                continue
            day = phase.start
            while day <= phase.end:
                stopped = (
                    closing is not None
                    and closing.kind is not DecisionKind.PERSIST
                    and day > closing.decided_on
                )
                if start <= day <= end and not stopped:
                    days += 1
                day += dt.timedelta(days=1)
        if days:
            found.append((other.id, other.title, days))
    return found


schedule_of = st.one_of(
    st.builds(
        schedules.ab,
        st.integers(1, 20),
        st.integers(1, 20),
        st.integers(0, 120).map(lambda n: BASE + dt.timedelta(days=n)),
    ),
    st.builds(
        schedules.abab,
        st.integers(1, 10),
        st.integers(0, 120).map(lambda n: BASE + dt.timedelta(days=n)),
    ),
    st.just(schedules.ab(7, 7)),  # not scheduled yet
)


@given(
    plans=st.lists(
        st.tuples(
            schedule_of,
            st.none() | st.tuples(st.sampled_from(list(DecisionKind)), st.integers(0, 150)),
        ),
        max_size=12,
    ),
    me=st.integers(1, 12),
    first=st.integers(-10, 150),
    length=st.integers(-3, 60),
)
def test_the_index_agrees_with_reading_every_schedule(
    plans: list[tuple[object, tuple[DecisionKind, int] | None]], me: int, first: int, length: int
) -> None:
    experiments = []
    decisions = []
    for number, (schedule, decided) in enumerate(plans, start=1):
        assert isinstance(schedule, type(schedules.ab(1, 1)))
        experiments.append(Experiment(title=f"#{number}", schedule=schedule, id=number))
        if decided is not None:
            kind, offset = decided
            decisions.append(Decision(number, kind, "why", BASE + dt.timedelta(days=offset)))
    start = BASE + dt.timedelta(days=first)
    end = start + dt.timedelta(days=length)

    found = TrialIndex(experiments, decisions).overlapping(me, start, end)

    assert [(c.experiment_id, c.title, c.overlap_days) for c in found] == plainly(
        experiments, decisions, me, start, end
    )


def create(journal: Journal, title: str, start: dt.date) -> int:
    made = journal.experiments.create(Experiment(title=title, schedule=schedules.ab(7, 7, start)))
    assert made.id is not None
    return made.id


def test_evaluating_every_experiment_places_the_schedules_once(
    journal: Journal, today: dt.date, monkeypatch: pytest.MonkeyPatch
) -> None:
    start = today - dt.timedelta(days=30)
    ids = [create(journal, f"Change {n}", start + dt.timedelta(days=n)) for n in range(6)]
    built: list[int] = []
    real = confounders.TrialIndex.__init__

    def counting(self: TrialIndex, *args: object, **kwargs: object) -> None:
        built.append(1)
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(confounders.TrialIndex, "__init__", counting)

    evaluations = [journal.evaluations.evaluate(i) for i in ids]

    assert len(built) == 1
    assert [c.title for c in evaluations[0].confounders] == [f"Change {n}" for n in range(1, 6)]


def test_a_new_experiment_or_decision_is_seen_by_the_next_evaluation(
    journal: Journal, today: dt.date
) -> None:
    start = today - dt.timedelta(days=30)
    main = create(journal, "Walk at lunch", start)
    assert journal.evaluations.evaluate(main).confounders == ()

    other = create(journal, "No email after 9", start + dt.timedelta(days=2))
    assert [
        (c.experiment_id, c.overlap_days) for c in journal.evaluations.evaluate(main).confounders
    ] == [(other, 5)]

    # Stopped on its trial's second day: two days of it overlap, no more.
    stopped_on = start + dt.timedelta(days=10)
    Journal(journal.repo, lambda: stopped_on).experiments.decide(other, DecisionKind.STOP, "no")
    assert [c.overlap_days for c in journal.evaluations.evaluate(main).confounders] == [2]
