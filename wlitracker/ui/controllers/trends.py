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


class TrendsController(QObject):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        self.journal = journal
        self.range_name = DEFAULT_RANGE
        self.metric: str | None = None
        self.tab: TrendsTab = "trend"
        page = TrendsPage(self._build(), journal.protected, parent)
        super().__init__(page)
        self.page = page
        page.range_requested.connect(self.show_range)
        page.metric_requested.connect(self.show_metric)
        page.tab_requested.connect(self.show_tab)
        self.refresher = OncePerChange(page, self.refresh)
        self.refresher.follow(journal.changed)

    @property
    def state(self) -> TrendsState:
        return self.page.state

    def _build(self) -> TrendsState:
        return build_trends_state(self.journal, self.range_name, self.metric, self.tab)

    def _show(self, build: Callable[[], TrendsState]) -> None:
        """Show what ``build`` makes; a problem is shown and the page stays as it was."""
        try:
            state = build()
        except WliError as error:
            self.page.show_problem(error)
            state = self.page.state  # what is shown stays what was chosen
        else:
            self.page.set_state(state)
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
        self._show(lambda: with_tab(self.journal, self.state, chosen))
