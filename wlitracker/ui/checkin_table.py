"""A read-only table model of check-ins: newest first as given, sortable by any column,
filtered by words in notes and tags.

Sorting and filtering happen here, on the rows themselves, in one Python sort: a sort
proxy would ask ``data()`` for every comparison, tens of thousands of calls for ten years.
Cell texts are made once per row, when first shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..core.model.entities import CheckIn, Metric, metric_label, rating_text
from .feedback import tr

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_CENTER = int(Qt.AlignmentFlag.AlignCenter)


class CheckInTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._all: list[CheckIn] = []  # as given: newest first
        self._rows: list[CheckIn] = []  # as shown: filtered and sorted
        self._metrics: list[Metric] = []
        self._headers: list[str] = self._make_headers()
        self._texts: dict[dt.date, tuple[str, ...]] = {}
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[CheckIn], metrics: Sequence[Metric]) -> None:
        """Show ``rows`` with a column for each of ``metrics`` (filter and sort kept)."""
        if self.holds(rows, metrics):
            return  # the same table: keep the selection and the scroll position
        self.beginResetModel()
        self._all = list(rows)
        self._metrics = list(metrics)
        self._headers = self._make_headers()
        self._texts = {}
        self._arrange()
        self.endResetModel()

    def holds(self, rows: Sequence[CheckIn], metrics: Sequence[Metric]) -> bool:
        """Whether ``rows`` and ``metrics`` are what the table was given last."""
        return list(rows) == self._all and list(metrics) == self._metrics

    def set_filter(self, text: str) -> None:
        """Keep the days whose note or tags contain ``text`` (any case); empty: every day."""
        wanted = text.strip().casefold()
        if wanted == self._filter:
            return
        self.beginResetModel()
        self._filter = wanted
        self._arrange()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order)
        self._arrange()
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        rows = self._all
        if self._filter:
            wanted = self._filter
            rows = [
                c
                for c in rows
                if wanted in c.note.casefold() or any(wanted in t.casefold() for t in c.tags)
            ]
        else:
            rows = list(rows)
        if self._sort is not None:
            column, order = self._sort
            rows.sort(key=self._key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = rows

    def _key(self, column: int) -> Any:
        metric_count = len(self._metrics)
        if column == 0:
            return lambda c: c.date
        if column <= metric_count:
            name = self._metrics[column - 1].name
            # Unrated days sort after every value (first when descending).
            return lambda c: (name not in c.ratings, c.ratings.get(name, 0))
        extra = column - metric_count
        if extra == 1:
            return lambda c: ", ".join(c.tags).casefold()
        if extra == 2:
            return lambda c: (c.unusual is None, c.unusual or "")
        return lambda c: c.note.casefold()

    @property
    def shown(self) -> int:
        return len(self._rows)

    @property
    def total(self) -> int:
        return len(self._all)

    def date_at(self, row: int) -> dt.date | None:
        """The day shown in ``row``, if there is one."""
        return self._rows[row].date if 0 <= row < len(self._rows) else None

    def column_texts(self, column: int, rows: int) -> list[str]:
        """The texts ``column`` shows in its first ``rows`` rows (to size it by)."""
        return [self._cells(c)[column] for c in self._rows[:rows]]

    def _make_headers(self) -> list[str]:
        return [
            tr("Date"),
            *(metric_label(m) for m in getattr(self, "_metrics", [])),
            tr("Tags"),
            tr("Unusual"),
            tr("Note"),
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY
    ) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def _cells(self, check_in: CheckIn) -> tuple[str, ...]:
        texts = self._texts.get(check_in.date)
        if texts is None:
            ratings = check_in.ratings
            values = (ratings.get(m.name) for m in self._metrics)
            unusual = check_in.unusual
            texts = (
                check_in.date.strftime("%a %Y-%m-%d"),
                *("" if v is None else rating_text(v) for v in values),
                ", ".join(check_in.tags),
                "" if unusual is None else (unusual or tr("yes")),
                check_in.note.replace("\n", " "),
            )
            self._texts[check_in.date] = texts
        return texts

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            return self._cells(self._rows[index.row()])[index.column()]
        if role == _ALIGN:
            return _CENTER if 1 <= index.column() <= len(self._metrics) else None
        if role == _TOOLTIP:
            column = index.column()
            if column == len(self._headers) - 1:
                return self._rows[index.row()].note  # with its line breaks
            return self._cells(self._rows[index.row()])[column]
        return None
