"""A read-only table model of check-ins, in the order given (the Trends state: newest first)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.model.entities import CheckIn, Metric, rating_text
from .feedback import tr

Index = QModelIndex | QPersistentModelIndex


class CheckInTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[CheckIn] = []
        self._metrics: list[Metric] = []

    def set_rows(self, rows: Sequence[CheckIn], metrics: Sequence[Metric]) -> None:
        """Show ``rows`` with a column for each of ``metrics``."""
        if list(rows) == self._rows and list(metrics) == self._metrics:
            return  # the same table: keep the selection and the scroll position
        self.beginResetModel()
        self._rows = list(rows)
        self._metrics = list(metrics)
        self.endResetModel()

    def date_at(self, row: int) -> dt.date | None:
        """The day shown in ``row``, if there is one."""
        return self._rows[row].date if 0 <= row < len(self._rows) else None

    def _headers(self) -> list[str]:
        return [
            tr("Date"),
            *(m.name.capitalize() for m in self._metrics),
            tr("Tags"),
            tr("Unusual"),
            tr("Note"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        check_in = self._rows[index.row()]
        column = index.column()
        metric_count = len(self._metrics)
        if role == Qt.ItemDataRole.TextAlignmentRole and 1 <= column <= metric_count:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return check_in.date.strftime("%a %Y-%m-%d")
        if column <= metric_count:
            value = check_in.ratings.get(self._metrics[column - 1].name)
            return "" if value is None else rating_text(value)
        extra = column - metric_count
        if extra == 1:
            return ", ".join(check_in.tags)
        if extra == 2:
            return "" if check_in.unusual is None else (check_in.unusual or tr("yes"))
        note = check_in.note
        if role == Qt.ItemDataRole.DisplayRole:
            return note.replace("\n", " ")
        return note
