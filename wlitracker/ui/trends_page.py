"""Trends: satisfaction and guilt over time, a year in pixels, weekday patterns,
guilt against satisfaction, what goes with good days, and the check-ins as a table.

The page shows a ``TrendsState`` and asks through signals for another range, another
metric, another tab (whose chart is built then) or a day of the table to open.
Charts are drawn when their tab is shown (matplotlib loads then, not at start-up).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.model.entities import metric_label
from ..core.model.errors import WliError
from ..core.model.words import counted
from ..core.present.trends import RANGE_NAMES, TRENDS_TABS, TrendsState, TrendsTab
from .chart_view import ChartView
from .checkin_table import CheckInTableModel
from .feedback import show_problem, tr
from .flow_layout import FlowLayout
from .insights_view import InsightsList
from .style import GAP, EmptyState, page_layout, page_title, secondary, together

RANGE_LABELS = {  # by the name in core.present.trends.RANGE_NAMES
    "4 weeks": "Last 4 weeks",
    "3 months": "Last 3 months",
    "a year": "Last year",
    "all": "Everything",
}
MEASURED_ROWS = 60  # rows measured for a column's width
CELL_ROOM = 16  # pixels beside a cell's text (margins, the focus frame)
HEADING_ROOM = 28  # beside a heading's text: margins and the sort arrow
BOTH = ""  # the metric list's entry for satisfaction and guilt together


class TrendsPage(QWidget):
    range_requested = Signal(str)  # a name of RANGE_NAMES
    metric_requested = Signal(object)  # a metric's name, or None for satisfaction and guilt
    tab_requested = Signal(str)  # a name of TRENDS_TABS, now in view
    day_requested = Signal(object)  # a date of the table, to open on the Today page
    experiment_requested = Signal(object)  # an Experiment draft to test an association
    today_requested = Signal()  # nothing to show yet: go and check in

    def __init__(
        self, state: TrendsState, protected: Iterable[Path] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        journals = tuple(protected)
        layout = page_layout(self)
        top = FlowLayout(spacing=GAP)
        top.addWidget(page_title(tr("Trends"), self))
        range_label = QLabel(tr("&Show:"), self)
        self.range_combo = QComboBox(self)
        self.range_combo.setAccessibleName(tr("Range of days"))
        for name in RANGE_NAMES:
            self.range_combo.addItem(tr(RANGE_LABELS[name]), name)
        range_label.setBuddy(self.range_combo)
        metric_label = QLabel(tr("&Metric:"), self)
        self.metric_combo = QComboBox(self)
        self.metric_combo.setAccessibleName(tr("Metric"))
        metric_label.setBuddy(self.metric_combo)
        self.summary = secondary(QLabel(self))
        top.addWidget(together(self, range_label, self.range_combo))
        top.addWidget(together(self, metric_label, self.metric_combo))
        top.end_here()
        top.addWidget(self.summary)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Trend views"))
        self.trend = ChartView("trend", self.tabs, protected=journals)
        self.calendar = ChartView("calendar", self.tabs, protected=journals)
        self.weekday = ChartView("weekday", self.tabs, protected=journals)
        self.scatter = ChartView("scatter", self.tabs, protected=journals)
        self.insights = InsightsList(self.tabs)
        self.insights.experiment_requested.connect(self.experiment_requested)
        self.model = CheckInTableModel()
        self.table_tab = QWidget(self.tabs)
        table_layout = QVBoxLayout(self.table_tab)
        table_layout.setContentsMargins(0, 6, 0, 0)
        filter_row = QHBoxLayout()
        filter_label = QLabel(tr("Fi&lter:"), self.table_tab)
        self.filter_edit = QLineEdit(self.table_tab)
        self.filter_edit.setPlaceholderText(tr("Words in notes or tags"))
        self.filter_edit.setAccessibleName(tr("Filter the days by words in notes or tags"))
        self.filter_edit.setClearButtonEnabled(True)
        filter_label.setBuddy(self.filter_edit)
        self.filter_count = QLabel(self.table_tab)
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter_edit, 1)
        filter_row.addWidget(self.filter_count)
        table_layout.addLayout(filter_row)
        self.table = QTableView(self.table_tab)
        table_layout.addWidget(self.table, 1)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Check-ins"))
        self.table.setToolTip(tr("Double-click a day (or press Enter) to open it on Today"))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # Widths measured once per new set of days, from the first rows' texts: Qt's
        # ResizeToContents asks the delegate about every cell again at each layout (50 ms
        # and more on ten years). The person may drag them wider.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.modelReset.connect(self._size_columns)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)  # newest first, as given
        header.setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.charts: dict[TrendsTab, ChartView] = {
            "trend": self.trend,
            "calendar": self.calendar,
            "weekday": self.weekday,
            "scatter": self.scatter,
        }
        tabs: tuple[tuple[QWidget, str], ...] = (
            (self.trend, tr("&Over time")),
            (self.calendar, tr("&Calendar")),
            (self.weekday, tr("&Weekdays")),
            (self.scatter, tr("G&uilt and Satisfaction")),
            (self.insights, tr("What goes with good &days")),
            (self.table_tab, tr("T&able")),
        )
        for tab, title in tabs:
            self.tabs.addTab(tab, title)
        self.views = QStackedWidget(self)  # the tabs, or what to do while there is nothing
        self.views.addWidget(self.tabs)
        self.views.addWidget(self._build_empty())
        layout.addWidget(self.views, 1)
        self.state = state
        self.set_state(state)
        self.range_combo.currentIndexChanged.connect(
            lambda index: self.range_requested.emit(self.range_combo.itemData(index))
        )
        self.metric_combo.currentIndexChanged.connect(
            lambda index: self.metric_requested.emit(self.metric_combo.itemData(index) or None)
        )
        self.tabs.currentChanged.connect(self._tab_changed)
        self.table.activated.connect(self._open_day)
        self.table.doubleClicked.connect(self._open_day)

    def _build_empty(self) -> EmptyState:
        self.check_in_button = QPushButton(tr("Check &in on Today"))
        self.check_in_button.setAccessibleName(tr("Check in on the Today page"))
        self.check_in_button.clicked.connect(lambda _=False: self.today_requested.emit())
        self.everything_button = QPushButton(tr("Show every&thing"))
        self.everything_button.setAccessibleName(tr("Show every day, not only this range"))
        self.everything_button.clicked.connect(lambda _=False: self.range_requested.emit("all"))
        self.empty = EmptyState(
            tr("No check-ins here yet"), "", (self.check_in_button, self.everything_button), self
        )
        return self.empty

    def _show_empty(self, state: TrendsState) -> None:
        """Nothing rated in the range: say so, and offer a way to something to see."""
        empty = not state.rows
        self.views.setCurrentIndex(1 if empty else 0)
        self.summary.setVisible(not empty)  # the empty state says it
        if not empty:
            return
        everything = state.range_name == "all"
        self.empty.text.setText(
            tr(
                "Rate a day on the Today page: satisfaction, guilt and the rest show here "
                "from the first check-in on."
            )
            if everything
            else tr("Nothing was rated in this range. Show every day, or rate today.")
        )
        self.everything_button.setVisible(not everything)

    def set_updating(self, updating: bool) -> None:
        """A new state is being made: the charts shown fade until it is here."""
        for view in self.charts.values():
            view.set_outdated(updating)

    def set_state(self, state: TrendsState) -> None:
        """Show ``state``: the lists as chosen, each chart built so far, the table."""
        self.state = state
        self.set_updating(False)
        for combo in (self.range_combo, self.metric_combo, self.tabs):
            combo.blockSignals(True)
        self.range_combo.setCurrentIndex(max(self.range_combo.findData(state.range_name), 0))
        self.metric_combo.clear()
        self.metric_combo.addItem(tr("Satisfaction and Guilt"), BOTH)
        for metric in state.metrics:
            self.metric_combo.addItem(metric_label(metric), metric.name)
        self.metric_combo.setCurrentIndex(max(self.metric_combo.findData(state.metric or BOTH), 0))
        self.tabs.setCurrentIndex(TRENDS_TABS.index(state.tab))
        for combo in (self.range_combo, self.metric_combo, self.tabs):
            combo.blockSignals(False)
        for tab, view in self.charts.items():
            view.set_spec(state.chart(tab), state.today, savable=state.can_save(tab))
        self.insights.set_view(state.insights)
        if state.tab == "table":
            self._fill_table()
        elif not self.model.holds(state.rows, state.columns):
            # Out of view, the old days (and their texts) are not kept: filled when shown.
            self.model.set_rows((), state.columns)
        if state.rows:
            self.summary.setText(counted(len(state.rows), tr("check-in"), tr("check-ins")))
        else:
            self.summary.setText(tr("No check-ins in this range yet."))
        self._show_empty(state)

    def _tab_changed(self, index: int) -> None:
        tab = TRENDS_TABS[index]
        if tab == "table":
            self._fill_table()  # the rows at hand are current: no wait for the new state
        self.tab_requested.emit(tab)

    def _fill_table(self) -> None:
        """The table follows the state only while it is in view: comparing ten years of
        days with the rows shown (to keep the selection) is not free."""
        self.model.set_rows(self.state.rows, self.state.columns)
        self._count_shown()

    def _size_columns(self) -> None:
        model, header = self.model, self.table.horizontalHeader()
        cell, title = self.table.fontMetrics(), header.fontMetrics()
        for column in range(model.columnCount() - 1):  # the last one, the note, stretches
            widths = [cell.horizontalAdvance(t) for t in model.column_texts(column, MEASURED_ROWS)]
            heading = title.horizontalAdvance(
                str(model.headerData(column, Qt.Orientation.Horizontal))
            )
            header.resizeSection(
                column, max([heading + HEADING_ROOM, *(w + CELL_ROOM for w in widths)])
            )

    def _filter(self, text: str) -> None:
        self.model.set_filter(text)
        self._count_shown()

    def _count_shown(self) -> None:
        model = self.model
        if model.shown == model.total:
            self.filter_count.setText("")
        else:
            self.filter_count.setText(
                tr("{shown} of {total} days").format(shown=model.shown, total=model.total)
            )

    def show_problem(self, error: WliError) -> None:
        show_problem(self, error)

    def _open_day(self, index: QModelIndex) -> None:
        day = self.model.date_at(index.row())
        if isinstance(day, dt.date):
            self.day_requested.emit(day)
