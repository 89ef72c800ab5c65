"""Import history from Daylio, Loop Habit Tracker or the app's own exports, with a preview.

The dialog reads the file, shows what would be added, changed and skipped,
asks where unknown Daylio moods belong (nothing is guessed), and imports
everything in one go or nothing. The reading and writing happen behind
``ImportActions``, which the composition root provides, off the GUI thread
(``ImportWorker``): the window stays responsive, and work that takes more than
half a second shows a progress bar with Stop. Stopping a preview leaves nothing to
import; stopping the import rolls it back, so the journal is exactly as before.
While the file is read again (a mood placed differently) the old preview is not
shown as if it were current.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.model.errors import Cancelled, WliError
from ..core.model.words import IMPORT_STAGE_WORDS
from .feedback import tr
from .import_worker import ImportWorker, Progress
from .sizes import fit_to_screen, text_size

if TYPE_CHECKING:
    from ..core.services.journal import Journal

LEAVE_OUT = 0
SHOW_PROGRESS_AFTER_MS = 500  # quicker work finishes before a progress bar would flash
PROGRESS_STEPS = 1000


class ImportActions(Protocol):
    @property
    def level_names(self) -> Mapping[int, str]: ...

    def preview(
        self,
        journal: Journal,
        path: Path,
        mood_map: Mapping[str, int | None],
        progress: Progress | None = None,
    ) -> Any: ...
    def apply(self, journal: Journal, plan: Any, progress: Progress | None = None) -> Any: ...
    def describe(self, plan: Any, applied: bool) -> Sequence[str]: ...


class JournalImports(Protocol):
    """Import actions bound to the open journal (the dialog never holds the journal).

    ``preview`` and ``apply`` run off the GUI thread; ``announce`` (on the GUI thread)
    tells the window the journal changed."""

    @property
    def level_names(self) -> Mapping[int, str]: ...

    def preview(
        self, path: Path, mood_map: Mapping[str, int | None], progress: Progress | None = None
    ) -> Any: ...
    def apply(self, plan: Any, progress: Progress | None = None) -> Any: ...
    def describe(self, plan: Any, applied: bool) -> Sequence[str]: ...
    def announce(self) -> None: ...


@dataclass(frozen=True)
class BoundImports:
    """``ImportActions`` for one journal; made by the window, which holds the journal."""

    actions: ImportActions
    journal: Journal

    @property
    def level_names(self) -> Mapping[int, str]:
        return self.actions.level_names

    def preview(
        self, path: Path, mood_map: Mapping[str, int | None], progress: Progress | None = None
    ) -> Any:
        return self.actions.preview(self.journal, path, mood_map, progress)

    def apply(self, plan: Any, progress: Progress | None = None) -> Any:
        return self.actions.apply(self.journal, plan, progress)

    def describe(self, plan: Any, applied: bool) -> Sequence[str]:
        return self.actions.describe(plan, applied)

    def announce(self) -> None:
        self.journal.changed.emit()


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
        self.worker: ImportWorker | None = None
        self._importing: Any = None  # the plan being imported, while it is
        self._closing = False
        self.setWindowTitle(tr("Import {name}").format(name=path.name))
        fit_to_screen(self, text_size(self, 90, 30))
        layout = QVBoxLayout(self)
        self.preview_text = QPlainTextEdit(self)
        self.preview_text.setReadOnly(True)
        self.preview_text.setAccessibleName(tr("What the import would do"))
        layout.addWidget(QLabel(tr("What importing this file would do:"), self))
        layout.addWidget(self.preview_text, 1)
        self.moods_box = QGroupBox(tr("Moods to place"), self)
        self.moods_layout = QFormLayout(self.moods_box)
        layout.addWidget(self.moods_box)
        self.progress_row = QWidget(self)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.progress_label = QLabel(self.progress_row)
        self.progress_bar = QProgressBar(self.progress_row)
        self.progress_bar.setAccessibleName(tr("Import progress"))
        self.stop_button = QPushButton(tr("&Stop"), self.progress_row)
        self.stop_button.setToolTip(tr("Stop; nothing is imported"))
        self.stop_button.clicked.connect(self.stop)
        row.addWidget(self.progress_label)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.stop_button)
        self.progress_row.hide()
        layout.addWidget(self.progress_row)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    @property
    def busy(self) -> bool:
        """Reading or importing is under way."""
        return self.worker is not None

    def mood_map(self) -> dict[str, int | None]:
        return {
            name: (None if box.currentData() == LEAVE_OUT else int(box.currentData()))
            for name, box in self.mood_boxes.items()
            if box.currentIndex() > 0
        }

    # --- work off the GUI thread ---------------------------------------------------

    def _start(
        self, work: Callable[[Progress], Any], done: Callable[[Any], None], what: str
    ) -> None:
        """Run ``work`` in the background; a preview under way is replaced by a new one."""
        if self.worker is not None:
            self.worker.cancel()  # its result is ignored: only the newest counts
        worker = ImportWorker(work, self)
        self.worker = worker
        worker.progress.connect(lambda *report: self._progress(worker, *report))
        worker.finished.connect(lambda result: self._ended(worker, done, result))
        worker.failed.connect(lambda error: self._failed(worker, error))
        self.import_button.setEnabled(False)
        self.progress_label.setText(what)
        self.progress_bar.setRange(0, 0)  # busy, until the first report
        QTimer.singleShot(SHOW_PROGRESS_AFTER_MS, lambda: self._show_progress(worker))
        worker.start()

    def _show_progress(self, worker: ImportWorker) -> None:
        if worker is self.worker:
            self.progress_row.show()
            self.stop_button.setFocus()

    def _progress(self, worker: ImportWorker, stage: str, done: int, total: int) -> None:
        if worker is not self.worker:
            return
        self.progress_label.setText(tr(IMPORT_STAGE_WORDS.get(stage, stage)))
        if total > 0:
            self.progress_bar.setRange(0, PROGRESS_STEPS)
            self.progress_bar.setValue(PROGRESS_STEPS * done // total)

    def _finish(self, worker: ImportWorker) -> bool:
        """Whether ``worker`` is the current one (its result counts); it is done either way."""
        if worker is not self.worker:
            return False
        self.worker = None
        self.progress_row.hide()
        if self._closing:
            QDialog.reject(self)
            return False
        return True

    def _ended(self, worker: ImportWorker, done: Callable[[Any], None], result: Any) -> None:
        if self._finish(worker):
            done(result)

    def _failed(self, worker: ImportWorker, error: BaseException) -> None:
        if not self._finish(worker):
            return
        importing, self._importing = self._importing, None
        for box in self.mood_boxes.values():
            box.setEnabled(True)
        if not isinstance(error, WliError):
            raise error  # a bug: the global handler logs it and says so
        if importing is not None:  # the journal is as it was; the plan still holds
            self.plan = importing
            self.preview_text.setPlainText(
                tr("Nothing was imported:\n{error}").format(error=error)
                + "\n\n"
                + "\n".join(self.importer.describe(importing, False))
            )
            self.import_button.setEnabled(True)
            return
        self.plan = None
        self.import_button.setEnabled(False)
        if isinstance(error, Cancelled):
            self.preview_text.setPlainText(
                tr("Reading the file was stopped; there is nothing to import.")
            )
            return
        self.preview_text.setPlainText(
            tr("This file cannot be imported:\n{error}").format(error=error)
        )
        self.moods_box.hide()

    def stop(self) -> None:
        """Stop what is under way: a preview leaves nothing to import, an import is undone."""
        if self.worker is not None:
            self.stop_button.setEnabled(False)
            self.worker.cancel()

    def reject(self) -> None:
        """Cancel: while work runs, stop it first and close when it has ended."""
        if self.worker is None:
            super().reject()
            return
        self._closing = True
        self.stop()

    def done(self, code: int) -> None:
        """However the dialog closes, nothing is left running behind it."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()
            self.worker = None
        super().done(code)

    # --- preview and import --------------------------------------------------------

    def refresh(self) -> None:
        """Read the file again with the current mood choices and show the preview.

        What was shown before stays visible but is marked as being replaced, and
        nothing can be imported until the new preview is in."""
        self.plan = None
        self.stop_button.setEnabled(True)
        waiting = tr("Reading {name}…").format(name=self.path.name)
        previous = self.preview_text.toPlainText()
        self.preview_text.setPlainText(
            waiting if not previous else f"{waiting}\n\n" + tr("(the last preview:)\n") + previous
        )
        mood_map = self.mood_map()
        self._start(
            lambda progress: self.importer.preview(self.path, mood_map, progress),
            self._previewed,
            waiting,
        )

    def _previewed(self, plan: Any) -> None:
        self.plan = plan
        self._show_moods()
        self.preview_text.setPlainText("\n".join(self.importer.describe(plan, False)))
        self.import_button.setEnabled(bool(plan.can_apply and not plan.adds_nothing))

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
        if self.busy or self.plan is None or not self.plan.can_apply:
            return
        plan = self.plan
        self._importing = plan
        self.stop_button.setEnabled(True)
        for box in self.mood_boxes.values():
            box.setEnabled(False)
        self._start(
            lambda progress: self.importer.apply(plan, progress),
            self._imported,
            tr("Importing…"),
        )

    def _imported(self, applied: Any) -> None:
        self._importing = None
        self.importer.announce()
        self.result_lines = self.importer.describe(applied, True)
        self.accept()
