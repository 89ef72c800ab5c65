"""Backups in the window: the list, "Back up now", "Restore…", "Choose folder…".

The panel knows backups only through ``BackupActions`` (the composition root
hands it the storage layer's ``BackupManager``), so the UI never imports
storage. After a restore it emits ``restored``; the launcher then reopens the
window on the restored journal. The dialogs for a journal that is damaged or
already open at start-up live here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME
from .feedback import attempt, tr
from .file_dialogs import existing_folder, open_file
from .flow_layout import FlowLayout
from .sizes import text_size
from .style import SPACING, secondary_label

WHEN_COLUMN, SIZE_COLUMN, KIND_COLUMN, FILE_COLUMN = range(4)
COLUMN_PADDING = 24


class BackupInfo(Protocol):
    @property
    def path(self) -> Path: ...
    @property
    def taken_at(self) -> dt.datetime: ...
    @property
    def size(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def label(self) -> str: ...


class RestoreInfo(Protocol):
    def describe(self) -> str: ...


class BackupActions(Protocol):
    """What the panel needs; ``wlitracker.storage.backups.BackupManager`` provides it."""

    @property
    def folder(self) -> Path: ...
    def list_backups(self) -> Sequence[BackupInfo]: ...
    def back_up(self) -> BackupInfo: ...
    def set_folder(self, folder: Path | None) -> None: ...
    def restore(self, source: Path) -> RestoreInfo: ...


def format_size(size: int) -> str:
    if size < 1024:
        return tr("{n} bytes").format(n=size)
    if size < 1024 * 1024:
        return tr("{n:.1f} KB").format(n=size / 1024)
    return tr("{n:.1f} MB").format(n=size / (1024 * 1024))


class BackupsPanel(QWidget):
    """The Settings page's "Backups" section."""

    restored = Signal()

    def __init__(self, backups: BackupActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backups = backups
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        about = secondary_label(
            tr(
                "A copy of your journal is made automatically once a day, when the app "
                "starts or closes. The last 14 days and one copy for each of the last "
                "12 months are kept."
            ),
            self,
        )
        layout.addWidget(about)

        folder_row = FlowLayout(spacing=SPACING)  # a long path wraps; the button then goes under it
        folder_row.addWidget(QLabel(tr("Folder:"), self))
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(tr("Backup folder"))
        self.folder_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        folder_row.addWidget(self.folder_label)
        folder_row.end_here()
        self.folder_button = QPushButton(tr("Choose fol&der…"), self)
        self.folder_button.setAccessibleName(tr("Choose the backup folder"))
        folder_row.addWidget(self.folder_button)
        layout.addLayout(folder_row)

        self.view = QTreeWidget(self)
        self.view.setAccessibleName(tr("Backups"))
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHeaderLabels([tr("Taken"), tr("Size"), tr("Kind"), tr("File")])
        self.view.setMinimumHeight(text_size(self.view, 0, 7).height())
        layout.addWidget(self.view)

        buttons = FlowLayout(spacing=SPACING)
        self.backup_button = QPushButton(tr("Back &up now"), self)
        self.backup_button.setAccessibleName(tr("Back up the journal now"))
        self.restore_button = QPushButton(tr("&Restore…"), self)
        self.restore_button.setAccessibleName(tr("Restore the selected backup"))
        self.restore_file_button = QPushButton(tr("Restore from a f&ile…"), self)
        self.restore_file_button.setAccessibleName(tr("Restore a backup file from elsewhere"))
        for button in (self.backup_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(tr("Backup status"))
        layout.addWidget(self.status)

        self.view.currentItemChanged.connect(self._update_buttons)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button.clicked.connect(self.restore_from_file)
        self.folder_button.clicked.connect(self.choose_folder)
        self.refresh()

    # --- state ----------------------------------------------------------------------

    def refresh(self) -> None:
        self.folder_label.setText(str(self.backups.folder))
        selected = self.selected_backup()
        wanted = selected.path if selected is not None else None
        self.view.clear()
        for backup in self.backups.list_backups():
            kind = tr("daily") if backup.kind == "backup" else tr("before a restore")
            item = QTreeWidgetItem([backup.label, format_size(backup.size), kind, backup.path.name])
            item.setToolTip(FILE_COLUMN, str(backup.path))
            item.setData(WHEN_COLUMN, Qt.ItemDataRole.UserRole, backup)
            self.view.addTopLevelItem(item)
            if backup.path == wanted:
                self.view.setCurrentItem(item)
        for column in range(self.view.columnCount() - 1):
            self.view.resizeColumnToContents(column)
            self.view.setColumnWidth(column, self.view.columnWidth(column) + COLUMN_PADDING)
        self._update_buttons()

    def backup_rows(self) -> list[list[str]]:
        """The list as shown (for tests and accessibility checks)."""
        rows = []
        for row in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(row)
            if item is not None:
                rows.append([item.text(c) for c in range(self.view.columnCount())])
        return rows

    def selected_backup(self) -> BackupInfo | None:
        item = self.view.currentItem()
        backup = item.data(WHEN_COLUMN, Qt.ItemDataRole.UserRole) if item else None
        return backup if backup is not None and hasattr(backup, "path") else None

    def select_row(self, row: int) -> None:
        item = self.view.topLevelItem(row)
        if item is not None:
            self.view.setCurrentItem(item)

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    # --- actions --------------------------------------------------------------------

    def back_up_now(self) -> BackupInfo | None:
        made = attempt(self, self.backups.back_up)
        if made is not None:
            self.refresh()
            self.select_path(made.path)
            self.status.setText(tr("Backed up to {path}.").format(path=made.path))
        return made

    def select_path(self, path: Path) -> None:
        for row in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(row)
            backup = item.data(WHEN_COLUMN, Qt.ItemDataRole.UserRole) if item else None
            if item is not None and backup is not None and backup.path == path:
                self.view.setCurrentItem(item)
                return

    def restore_selected(self) -> bool:
        backup = self.selected_backup()
        if backup is None:
            return False
        return self.restore_file(backup.path, backup.label)

    def restore_from_file(self) -> bool:
        path = open_file(
            self,
            tr("Restore a backup"),
            tr("wlitracker backups (*.db);;All files (*)"),
            self.backups.folder,
        )
        if path is None:
            return False
        return self.restore_file(path, None)

    def restore_file(self, path: Path, label: str | None) -> bool:
        """Ask, naming the backup, then restore; on success say where the old journal is."""
        what = (
            tr("the backup from {date}").format(date=label)
            if label
            else tr("the file {path}").format(path=path)
        )
        answer = QMessageBox.question(
            self,
            tr("Restore a backup"),
            tr(
                "Replace your journal with {what}?\n\nEverything written since then will be "
                "replaced. Your journal as it is now is kept first, as a copy in {folder}."
            ).format(what=what, folder=self.backups.folder),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        result = attempt(self, lambda: self.backups.restore(path))
        if result is None:
            return False
        self.refresh()
        self.status.setText(result.describe())
        QMessageBox.information(
            self,
            tr("Backup restored"),
            result.describe()
            + "\n\n"
            + tr("The window will now reopen with the restored journal."),
        )
        self.restored.emit()
        return True

    def choose_folder(self) -> bool:
        folder = existing_folder(self, tr("Choose a folder for backups"), self.backups.folder)
        if folder is None:
            return False

        def choose() -> bool:
            self.backups.set_folder(folder)
            return True

        done = attempt(self, choose)
        self.refresh()
        if done:
            self.status.setText(tr("New backups go to {path}.").format(path=self.backups.folder))
        return bool(done)


# --- start-up dialogs --------------------------------------------------------------------


def restore_prompt(message: str, backup_label: str, backup_path: str) -> QMessageBox:
    """The dialog for a damaged journal: "Restore latest backup" (default) or "Quit"."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_DISPLAY_NAME, message)
    box.setInformativeText(
        tr(
            "The latest good backup is from {date}:\n{path}\n\nRestore it? The damaged "
            "file is kept beside it, renamed, and never overwritten."
        ).format(date=backup_label, path=backup_path)
    )
    restore = box.addButton(tr("Restore latest backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    return box


def offer_restore(message: str, backup_label: str, backup_path: str) -> bool:
    """Ask whether to restore the latest backup over a damaged journal; True: restore."""
    from .application import application

    application()
    box = restore_prompt(message, backup_label, backup_path)
    box.exec()
    clicked = box.clickedButton()
    return clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole


def report_already_open(db_path: str, pid: int | None = None) -> None:
    """A second start on the same journal whose window did not answer: say which it is."""
    from .application import application

    application()
    holder = tr(" (process {pid})").format(pid=pid) if pid else ""
    QMessageBox.information(
        None,
        APP_DISPLAY_NAME,
        tr(
            "This journal is already open in another {name} window{holder}, which did not "
            "come forward.\n\n{path}\n\nLook for it on your desktop or in the tray; "
            "only one window opens a journal at a time."
        ).format(name=APP_DISPLAY_NAME, holder=holder, path=db_path),
    )
