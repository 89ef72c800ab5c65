"""Import history from Daylio, Loop Habit Tracker or the app's own exports, with a preview.

The dialog reads the file, shows what would be added, changed and skipped,
asks where unknown Daylio moods belong (nothing is guessed), and imports
everything in one go or nothing. The reading and writing happen behind
``ImportActions``, which the composition root provides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.model.errors import WliError
from .feedback import tr

if TYPE_CHECKING:
    from ..core.services.journal import Journal

LEAVE_OUT = 0


class ImportActions(Protocol):
    @property
    def level_names(self) -> Mapping[int, str]: ...

    def preview(self, journal: Journal, path: Path, mood_map: Mapping[str, int | None]) -> Any: ...
    def apply(self, journal: Journal, plan: Any) -> Any: ...
    def describe(self, plan: Any, applied: bool) -> Sequence[str]: ...


class JournalImports(Protocol):
    """Import actions bound to the open journal (the dialog never holds the journal)."""

    @property
    def level_names(self) -> Mapping[int, str]: ...

    def preview(self, path: Path, mood_map: Mapping[str, int | None]) -> Any: ...
    def apply(self, plan: Any) -> Any: ...
    def describe(self, plan: Any, applied: bool) -> Sequence[str]: ...


@dataclass(frozen=True)
class BoundImports:
    """``ImportActions`` for one journal; made by the window, which holds the journal."""

    actions: ImportActions
    journal: Journal

    @property
    def level_names(self) -> Mapping[int, str]:
        return self.actions.level_names

    def preview(self, path: Path, mood_map: Mapping[str, int | None]) -> Any:
        return self.actions.preview(self.journal, path, mood_map)

    def apply(self, plan: Any) -> Any:
        return self.actions.apply(self.journal, plan)

    def describe(self, plan: Any, applied: bool) -> Sequence[str]:
        return self.actions.describe(plan, applied)


class ImportDialog(QDialog):
    def __init__(
        self,
        actions: JournalImports,
        path: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.importer = actions
        self.path = path
        self.plan: Any = None
        self.result_lines: Sequence[str] = ()
        self.mood_boxes: dict[str, QComboBox] = {}
        self.setWindowTitle(tr("Import {name}").format(name=path.name))
        self.resize(640, 520)
        layout = QVBoxLayout(self)
        self.preview_text = QPlainTextEdit(self)
        self.preview_text.setReadOnly(True)
        self.preview_text.setAccessibleName(tr("What the import would do"))
        layout.addWidget(QLabel(tr("What importing this file would do:"), self))
        layout.addWidget(self.preview_text, 1)
        self.moods_box = QGroupBox(tr("Moods to place"), self)
        self.moods_layout = QFormLayout(self.moods_box)
        layout.addWidget(self.moods_box)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    def mood_map(self) -> dict[str, int | None]:
        return {
            name: (None if box.currentData() == LEAVE_OUT else int(box.currentData()))
            for name, box in self.mood_boxes.items()
            if box.currentIndex() > 0
        }

    def refresh(self) -> None:
        """Read the file again with the current mood choices and show the preview."""
        try:
            self.plan = self.importer.preview(self.path, self.mood_map())
        except WliError as error:
            self.plan = None
            self.preview_text.setPlainText(
                tr("This file cannot be imported:\n{error}").format(error=error)
            )
            self.import_button.setEnabled(False)
            self.moods_box.hide()
            return
        self._show_moods()
        self.preview_text.setPlainText("\n".join(self.importer.describe(self.plan, False)))
        self.import_button.setEnabled(bool(self.plan.can_apply and not self.plan.adds_nothing))

    def _show_moods(self) -> None:
        """One choice per mood the importer cannot place on the 1-5 scale."""
        for mood in self.plan.unmapped_moods:
            if mood.name in self.mood_boxes:
                continue
            box = QComboBox(self.moods_box)
            box.addItem(tr("choose…"), None)
            for level, name in sorted(self.importer.level_names.items()):
                box.addItem(f"{level} — {name}", level)
            box.addItem(tr("leave these entries out"), LEAVE_OUT)
            box.setAccessibleName(tr("Level for the mood {name}").format(name=mood.name))
            box.currentIndexChanged.connect(self.refresh)
            label = QLabel(
                tr("“{name}” ({n} entries)").format(name=mood.name, n=mood.entries),
                self.moods_box,
            )
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(box)
            self.moods_layout.addRow(label, box)
            self.mood_boxes[mood.name] = box
        self.moods_box.setVisible(bool(self.mood_boxes))

    def run_import(self) -> None:
        if self.plan is None or not self.plan.can_apply:
            return
        try:
            applied = self.importer.apply(self.plan)
        except WliError as error:
            self.preview_text.setPlainText(tr("Nothing was imported:\n{error}").format(error=error))
            return
        self.result_lines = self.importer.describe(applied, True)
        self.accept()
