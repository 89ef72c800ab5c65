"""The Trends page's controller: the range, metric and tab chosen; one state per change.

It keeps what the person chose, so a rebuild after any write (a check-in on Today,
an import, the command line) shows the same range, metric and tab. Only the chart
of the tab in view is built; another tab's when it is opened.

What goes with good days takes about half a second on ten years of days, so it is
worked out in a thread of its own (pure Python on plain values: no journal, no Qt)
while the tab says so; the answer is kept until the journal changes, so choosing
another metric shows it at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from ...core.model.errors import WliError
from ...core.present.trends import (
    DEFAULT_RANGE,
    TRENDS_TABS,
    InsightInputs,
    TrendsState,
    build_trends_state,
    insight_inputs,
    with_insights,
    with_tab,
)
from ...core.services.insights import Insights, compute, gather
from ...core.services.journal import Journal
from ..trends_page import TrendsPage
from .refresh import OncePerChange
from .states import Reader, StateBuilder


def first_state(journal: Journal) -> TrendsState:
    """What the page shows on a first visit (made ahead by the window, in the background)."""
    return build_trends_state(journal, DEFAULT_RANGE, None, "trend")


class TrendsController(QObject):
    """``reader``: the journal on a connection of its own, to build states in the background."""

    def __init__(
        self,
        journal: Journal,
        parent: QWidget | None = None,
        reader: Reader | None = None,
        state: TrendsState | None = None,
    ) -> None:
        """``state``: the first state, built ahead (in the background) for the journal as
        it is now."""
        self.journal = journal
        if state is None:
            state = first_state(journal)
        self.range_name, self.metric, self.tab = state.range_name, state.metric, state.tab
        page = TrendsPage(state, journal.protected, parent)
        super().__init__(page)
        self.page = page
        self.builder = StateBuilder(journal, reader, self)
        page.range_requested.connect(self.show_range)
        page.metric_requested.connect(self.show_metric)
        page.tab_requested.connect(self.show_tab)
        self.refresher = OncePerChange(page, self.refresh)
        self.refresher.follow(journal.changed)
        self.generation = 0  # counts the journal's changes: an answer is for one of them
        self._insights: tuple[tuple[int, dt.date, dt.date], Insights] | None = None
        self._working: tuple[tuple[int, dt.date, dt.date], Future[Insights]] | None = None
        self._pool: ThreadPoolExecutor | None = None
        self._poll = QTimer(page)
        self._poll.setInterval(25)
        self._poll.timeout.connect(self._collect)
        journal.changed.connect(self._journal_changed)
        page.destroyed.connect(self._stop)
        self._want_insights()

    @property
    def state(self) -> TrendsState:
        return self.page.state

    def _build(self, journal: Journal) -> TrendsState:
        return build_trends_state(journal, self.range_name, self.metric, self.tab)

    def _show(self, build: Callable[[Journal], TrendsState]) -> None:
        """Show what ``build`` makes; a problem is shown and the page stays as it was."""
        self.page.set_updating(True)
        self.builder.build(build, self._shown, self._refused)

    def _shown(self, state: TrendsState) -> None:
        self.page.set_state(state)
        self._chosen(state)

    def _refused(self, error: WliError) -> None:
        self.page.set_updating(False)
        self.page.show_problem(error)
        self._chosen(self.page.state)  # what is shown stays what was chosen

    def _chosen(self, state: TrendsState) -> None:
        self.range_name, self.metric, self.tab = state.range_name, state.metric, state.tab
        self._want_insights()

    # --- what goes with good days, off the GUI thread ---------------------------

    def _key(self, state: TrendsState) -> tuple[int, dt.date, dt.date]:
        return (self.generation, state.start, state.end)

    def _journal_changed(self) -> None:
        self.generation += 1

    def _want_insights(self) -> None:
        """The insights tab in view without its answer: show a kept one, or start on it."""
        state = self.page.state
        if state.tab != "insights" or state.insights is not None:
            return
        key = self._key(state)
        if self._insights is not None and self._insights[0] == key:
            self.page.set_state(with_insights(state, self._insights[1]))
            return
        if self._working is not None and self._working[0] == key:
            return  # already on it
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="insights")
        inputs = insight_inputs(self.journal, state)
        self._working = (key, self._pool.submit(_work_out, inputs))
        self._poll.start()

    def _collect(self) -> None:
        """An answer that is ready, shown if it is still for what the page shows."""
        if self._working is None:
            self._poll.stop()
            return
        key, future = self._working
        if not future.done():
            return
        self._working = None
        self._poll.stop()
        self._insights = (key, future.result())  # an error in the work is a bug: raised
        state = self.page.state
        if state.tab == "insights" and state.insights is None and self._key(state) == key:
            self.page.set_state(with_insights(state, self._insights[1]))
        else:
            self._want_insights()

    def wait_for_insights(self) -> None:
        """Block until the answer being worked out is shown (for scripts and screenshots)."""
        while self._working is not None:
            self._working[1].result()
            self._collect()

    def _stop(self) -> None:
        self.journal.changed.disconnect(self._journal_changed)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def refresh(self) -> None:
        self._show(self._build)

    def show_range(self, range_name: str) -> None:
        self.range_name = range_name
        self.refresher.now()

    def show_metric(self, metric: str | None) -> None:
        self.metric = metric
        self.refresher.now()

    def show_tab(self, tab: str) -> None:
        """Bring ``tab`` into view, building its chart if this change has not yet."""
        chosen = next(t for t in TRENDS_TABS if t == tab)
        self.tab = chosen
        state = self.state
        self._show(lambda journal: with_tab(journal, state, chosen))


def _work_out(inputs: InsightInputs) -> Insights:
    """Runs in the worker thread: plain values in, plain values out."""
    return compute(
        gather(inputs.check_ins, inputs.metrics, inputs.experiments, inputs.start, inputs.end)
    )
