"""Which other experiments were in their trial during an experiment's days.

Evaluating every experiment asks this once per experiment; scanning every other
experiment's schedule and decisions each time made evaluating all of them grow with
the square of their number. The trial windows are placed once, sorted by their first
day, and each question looks only at the windows that can reach its days.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..model.entities import Decision, DecisionKind, Experiment, PhaseKind
from ..model.evaluation_results import Confounder
from ..schedules import closing_decision, decisions_by_experiment
from ..schedules import phases as place_phases


@dataclass(frozen=True)
class _Window:
    first: dt.date
    last: dt.date  # the trial's last day, or the day a stop, switch or adjustment closed it
    order: int  # the experiment's place in the journal's list, for a stable order
    experiment_id: int
    title: str


class TrialIndex:
    """Every experiment's trial days, read from one list of experiments and decisions."""

    def __init__(self, experiments: Sequence[Experiment], decisions: Sequence[Decision]) -> None:
        by_experiment = decisions_by_experiment(decisions)
        windows: list[_Window] = []
        for order, other in enumerate(experiments):
            if other.id is None:
                continue
            # A trial stopped, switched or adjusted early did not run after that day;
            # a persisted change goes on, so its scheduled trial days all count.
            closing = closing_decision(by_experiment.get(other.id, []))
            stop = None
            if closing is not None and closing.kind is not DecisionKind.PERSIST:
                stop = closing.decided_on
            for phase in place_phases(other.schedule):
                if phase.kind is not PhaseKind.TRIAL:
                    continue
                last = phase.end if stop is None else min(phase.end, stop)
                if last >= phase.start:
                    windows.append(_Window(phase.start, last, order, other.id, other.title))
        windows.sort(key=lambda w: w.first)
        self._windows = windows
        self._firsts = [w.first for w in windows]
        self._longest = max(((w.last - w.first).days for w in windows), default=0)

    def overlapping(
        self, experiment_id: int | None, start: dt.date, end: dt.date
    ) -> tuple[Confounder, ...]:
        """Experiments other than ``experiment_id`` in their trial between ``start`` and
        ``end`` (both included), with how many of those days, in the journal's order."""
        if end < start:
            return ()
        upto = bisect.bisect_right(self._firsts, end)
        since = bisect.bisect_left(self._firsts, start - dt.timedelta(days=self._longest))
        days: dict[int, int] = {}
        found: dict[int, _Window] = {}
        for window in self._windows[since:upto]:
            if window.experiment_id == experiment_id:
                continue
            overlap = (min(window.last, end) - max(window.first, start)).days + 1
            if overlap > 0:
                days[window.order] = days.get(window.order, 0) + overlap
                found[window.order] = window
        return tuple(
            Confounder(found[order].experiment_id, found[order].title, days[order])
            for order in sorted(found)
        )
