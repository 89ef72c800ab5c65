"""The Experiments page's controller: requests become service calls; one state per change.

It keeps which experiment is shown, so every rebuild (after a write here, in another
page, or by the command line, noticed through the change signal) shows the same one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core.model.entities import Experiment, RoutineChangeKind
from ...core.model.errors import WliError
from ...core.present.experiments import (
    DecisionRequest,
    EditorSupport,
    ExperimentsState,
    RoutineRequest,
    build_experiments_state,
    report_spec,
)
from ...core.services.journal import Journal
from ..experiments_page import ExperimentsPage
from ..review_panel import ReviewPanel
from .refresh import OncePerChange
from .states import Reader, StateBuilder


def first_state(journal: Journal) -> ExperimentsState:
    """What the page shows on a first visit (made ahead by the window, in the background)."""
    return build_experiments_state(journal, None)


class ExperimentsController(QObject):
    """``reader``: the journal on a connection of its own, to build states in the background."""

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        reader: Reader | None = None,
        state: ExperimentsState | None = None,
    ) -> None:
        """``state``: one built ahead (in the background) for the journal as it is now."""
        if state is None:
            state = first_state(journal)
        support = EditorSupport(journal.experiments.validate, journal.experiments.length_advice)
        page = ExperimentsPage(state, support, ReviewPanel(journal.protected), parent)
        super().__init__(page)
        self.journal = journal
        self.page = page
        self.shown: int | None = state.selected.view.id if state.selected else None
        self.builder = StateBuilder(journal, reader, self)
        self.page.select_requested.connect(self.select)
        self.page.create_requested.connect(self.create)
        self.page.update_requested.connect(self.update)
        self.page.decide_requested.connect(self.decide)
        self.page.undo_requested.connect(self.undo)
        self.page.remove_requested.connect(self.remove)
        self.page.remove_decision_requested.connect(self.remove_decision)
        self.page.routine_requested.connect(self.change_routine)
        self.page.review.report_requested.connect(self.write_report)
        self.refresher = OncePerChange(self.page, self.refresh)
        self.refresher.follow(journal.changed)

    @property
    def state(self) -> ExperimentsState:
        return self.page.state

    def refresh(self) -> None:
        shown = self.shown
        self.page.set_updating(True)
        self.builder.build(
            lambda journal: build_experiments_state(journal, shown),
            self._show,
            self._refused,
        )

    def _show(self, state: ExperimentsState) -> None:
        self.shown = state.selected.view.id if state.selected else None
        self.page.set_state(state)

    def _refused(self, error: WliError) -> None:
        self.page.set_updating(False)
        self.page.show_problem(error)

    def select(self, experiment_id: int) -> None:
        if experiment_id == self.shown and self.state.view(experiment_id) is not None:
            return  # already shown: nothing to build
        self.shown = experiment_id
        self.refresher.now()

    def _do(self, write: Callable[[], object], show: Callable[[object], int | None]) -> None:
        """One service call, then the state showing ``show(result)``; a refusal is shown."""
        try:
            result = write()
        except WliError as error:
            self.page.show_problem(error)
            return
        self.shown = show(result) or self.shown
        self.refresher.now()

    def create(self, draft: Experiment) -> None:
        self._do(
            lambda: self.journal.experiments.create(draft),
            lambda made: made.id if isinstance(made, Experiment) else None,
        )

    def update(self, experiment: Experiment) -> None:
        self._do(lambda: self.journal.experiments.update(experiment), lambda _: None)

    def decide(self, request: DecisionRequest) -> None:
        self._do(
            lambda: self.journal.experiments.decide(
                request.experiment_id, request.kind, request.reason, request.next_version
            ),
            lambda decision: getattr(decision, "new_experiment_id", None) or request.experiment_id,
        )

    def undo(self, experiment_id: int) -> None:
        self._do(
            lambda: self.journal.experiments.undo_decision(experiment_id),
            lambda _: experiment_id,
        )

    def remove(self, experiment_id: int) -> None:
        """Remove it with its marks and decisions; the list shows the first one left."""
        self._do(lambda: self.journal.removals.experiment(experiment_id), lambda _: None)

    def remove_decision(self, decision_id: int) -> None:
        self._do(lambda: self.journal.removals.decision(decision_id), lambda _: None)

    def change_routine(self, request: RoutineRequest) -> None:
        routines = self.journal.routines
        change = {
            RoutineChangeKind.PAUSE: routines.pause,
            RoutineChangeKind.RESUME: routines.resume,
            RoutineChangeKind.RETIRE: routines.retire,
        }[request.kind]
        self._do(lambda: change(request.experiment_id, request.reason), lambda _: None)

    def write_report(self, path: Path) -> None:
        """The shown experiment's report, from the evaluation its state already holds
        (written by the chart process, where matplotlib is)."""
        from ...charts.process import Report
        from ..chart_worker import worker

        detail = self.state.selected
        if detail is None or detail.experiment_chart is None:
            return
        try:
            written = worker().write(
                Report(
                    report_spec(self.journal, detail),
                    detail.experiment_chart,
                    Path(path),
                    tuple(self.journal.protected),
                )
            )
        except WliError as error:
            self.page.review.show_problem(error)
            return
        self.page.review.report_written(written)
