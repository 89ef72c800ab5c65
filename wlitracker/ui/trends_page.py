"""Trends: for now, the recent check-ins as a table with a range picker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.journal import Journal
from .checkin_table import CheckInTableModel
from .feedback import tr

RANGES: tuple[tuple[str, int | None], ...] = (
    ("Last 4 weeks", 28),
    ("Last 3 months", 91),
    ("Last year", 365),
    ("Everything", None),
)


class TrendsPage(QWidget):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        label = QLabel(tr("&Show:"), self)
        self.range_combo = QComboBox(self)
        self.range_combo.setAccessibleName(tr("Range of days"))
        for text, _days in RANGES:
            self.range_combo.addItem(tr(text))
        self.range_combo.setCurrentIndex(1)
        label.setBuddy(self.range_combo)
        self.summary = QLabel(self)
        top.addWidget(label)
        top.addWidget(self.range_combo)
        top.addStretch(1)
        top.addWidget(self.summary)
        layout.addLayout(top)
        self.model = CheckInTableModel()
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(tr("Recent check-ins"))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        self.range_combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        days = RANGES[self.range_combo.currentIndex()][1]
        today = self.journal.today()
        start = None if days is None else today - dt.timedelta(days=days - 1)
        check_ins = self.journal.check_ins.history(start, today)
        self.model.set_check_ins(check_ins, self.journal.metrics.list(include_archived=True))
        if check_ins:
            self.summary.setText(tr("{n} check-ins").format(n=len(check_ins)))
        else:
            self.summary.setText(tr("No check-ins in this range yet."))
