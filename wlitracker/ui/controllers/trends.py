"""The Trends page's controller: the range, metric and tab chosen; one state per change.

It keeps what the person chose, so a rebuild after any write (a check-in on Today,
an import, the command line) shows the same range, metric and tab. Only the chart
of the tab in view is built; another tab's when it is opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core.model.errors import WliError
from ...core.present.trends import (
    DEFAULT_RANGE,
    TRENDS_TABS,
    TrendsState,
    TrendsTab,
    build_trends_state,
    with_tab,
)
from ...core.services.journal import Journal
from ..trends_page import TrendsPage
from .refresh import OncePerChange
from .states import Reader, StateBuilder


class TrendsController(QObject):
    """``reader``: the journal on a connection of its own, to build states in the background."""

    def __init__(
        self, journal: Journal, parent: QWidget | None = None, reader: Reader | None = None
    ) -> None:
        self.journal = journal
        self.range_name = DEFAULT_RANGE
        self.metric: str | None = None
        self.tab: TrendsTab = "trend"
        page = TrendsPage(self._build(journal), journal.protected, parent)
        super().__init__(page)
        self.page = page
        self.builder = StateBuilder(journal, reader, self)
        page.range_requested.connect(self.show_range)
        page.metric_requested.connect(self.show_metric)
        page.tab_requested.connect(self.show_tab)
        self.refresher = OncePerChange(page, self.refresh)
        self.refresher.follow(journal.changed)

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
