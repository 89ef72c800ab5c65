"""Trends: satisfaction and guilt over time, a year in pixels, weekday patterns,
guilt against satisfaction, and the check-ins as a table.

Charts are drawn when their tab is first shown (matplotlib loads then, not at start-up).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.chart_specs import trend_range
from ..core.journal import Journal
from ..core.models import GUILT, SATISFACTION
from .chart_view import ChartView
from .checkin_table import CheckInTableModel
from .feedback import tr

RANGES: tuple[tuple[str, str], ...] = (  # label, chart_specs.TREND_RANGES name
    ("Last 4 weeks", "4 weeks"),
    ("Last 3 months", "3 months"),
    ("Last year", "a year"),
    ("Everything", "all"),
)
BOTH = "satisfaction and guilt"


class TrendsPage(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        range_label = QLabel(tr("&Show:"), self)
        self.range_combo = QComboBox(self)
        self.range_combo.setAccessibleName(tr("Range of days"))
        for text, _name in RANGES:
            self.range_combo.addItem(tr(text))
        self.range_combo.setCurrentIndex(1)
        range_label.setBuddy(self.range_combo)
        metric_label = QLabel(tr("&Metric:"), self)
        self.metric_combo = QComboBox(self)
        self.metric_combo.setAccessibleName(tr("Metric"))
        metric_label.setBuddy(self.metric_combo)
        self.summary = QLabel(self)
        for widget in (range_label, self.range_combo, metric_label, self.metric_combo):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout.addLayout(top)

        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Trend views"))
        self.trend = ChartView(journal, "trend", self.tabs)
        self.calendar = ChartView(journal, "calendar", self.tabs)
        self.weekday = ChartView(journal, "weekday", self.tabs)
        self.scatter = ChartView(journal, "scatter", self.tabs)
        self.model = CheckInTableModel()
        self.table = QTableView(self.tabs)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Check-ins"))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        tabs: tuple[tuple[QWidget, str], ...] = (
            (self.trend, tr("&Over time")),
            (self.calendar, tr("&Calendar")),
            (self.weekday, tr("&Weekdays")),
            (self.scatter, tr("&Guilt and satisfaction")),
            (self.table, tr("T&able")),
        )
        for tab, title in tabs:
            self.tabs.addTab(tab, title)
        layout.addWidget(self.tabs, 1)
        self.range_combo.currentIndexChanged.connect(self.refresh)
        self.metric_combo.currentIndexChanged.connect(self.refresh)
        self.refresh()  # fills the metric list too

    def _fill_metrics(self) -> None:
        current = self.metric_combo.currentData()
        self.metric_combo.blockSignals(True)
        self.metric_combo.clear()
        self.metric_combo.addItem(tr("Satisfaction and guilt"), BOTH)
        for metric in self.journal.metrics.list():
            self.metric_combo.addItem(metric.name.capitalize(), metric.name)
        index = self.metric_combo.findData(current)
        self.metric_combo.setCurrentIndex(max(index, 0))
        self.metric_combo.blockSignals(False)

    def span(self) -> tuple[dt.date, dt.date]:
        return trend_range(self.journal, RANGES[self.range_combo.currentIndex()][1])

    def refresh(self) -> None:
        self._fill_metrics()
        start, end = self.span()
        chosen = self.metric_combo.currentData()
        metric = None if chosen in (None, BOTH) else str(chosen)
        self.trend.set_params(metric=metric, start=start, end=end)
        self.calendar.set_params(metric=metric or SATISFACTION, start=dt.date(end.year, 1, 1))
        self.weekday.set_params(metric=metric, start=start, end=end)
        if metric in (None, GUILT):
            self.scatter.set_params(start=start, end=end)
        else:
            self.scatter.set_params(metric=metric, start=start, end=end)
        check_ins = self.journal.check_ins.history(start, end)
        self.model.set_check_ins(check_ins, self.journal.metrics.list(include_archived=True))
        if check_ins:
            self.summary.setText(tr("{n} check-ins").format(n=len(check_ins)))
        else:
            self.summary.setText(tr("No check-ins in this range yet."))
