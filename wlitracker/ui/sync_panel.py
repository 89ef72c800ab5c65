"""The Sync section of Settings: the folder, Sync now, the last sync, any problem, and the
values another computer's edit replaced."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.present.sync import SyncPanelState
from .feedback import tr
from .file_dialogs import existing_folder
from .flow_layout import FlowLayout
from .sizes import text_size
from .style import SPACING, secondary_label
from .theme import show_as_problem

SYNC_SHORTCUT = "Ctrl+Shift+S"


class SyncPanel(QWidget):
    folder_chosen = Signal(object)  # Path | None (stop syncing)
    sync_requested = Signal()
    passphrase_given = Signal(str)

    def __init__(self, state: SyncPanelState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = secondary_label(
            tr(
                "Keep this journal the same on your other computers through a folder that "
                "Syncthing, Nextcloud, Dropbox or a USB stick carries. Changes are encrypted "
                "with a passphrase and merged without loss; the journal itself stays here."
            ),
            self,
        )
        layout.addWidget(intro)
        self.folder_label = QLabel(self)
        self.folder_label.setWordWrap(True)
        layout.addWidget(self.folder_label)
        row = FlowLayout(spacing=SPACING)  # the buttons wrap under one another when narrow
        self.choose_button = QPushButton(tr("Choose folder…"), self)
        self.choose_button.clicked.connect(self._choose)
        row.addWidget(self.choose_button)
        self.stop_button = QPushButton(tr("Stop syncing"), self)
        self.stop_button.setToolTip(tr("Forget the folder here; nothing in it is deleted"))
        self.stop_button.clicked.connect(lambda: self.folder_chosen.emit(None))
        row.addWidget(self.stop_button)
        self.sync_button = QPushButton(tr("Sync now"), self)
        self.sync_button.setShortcut(QKeySequence(SYNC_SHORTCUT))
        self.sync_button.setToolTip(f"{tr('Sync now')} ({SYNC_SHORTCUT})")
        self.sync_button.clicked.connect(self.sync_requested)
        row.addWidget(self.sync_button)
        layout.addLayout(row)
        self.status = QLabel(self)
        layout.addWidget(self.status)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        show_as_problem(self.problem, True)
        layout.addWidget(self.problem)
        self.history_title = QLabel(tr("Replaced by another computer's edit (kept here):"), self)
        layout.addWidget(self.history_title)
        self.history = QListWidget(self)
        self.history.setAccessibleName(tr("Sync history"))
        self.history.setMaximumHeight(text_size(self.history, 0, 8).height())
        self.history.setWordWrap(True)
        layout.addWidget(self.history)
        self.state = state
        self.set_state(state)

    def set_state(self, state: SyncPanelState) -> None:
        self.state = state
        if state.folder:
            self.folder_label.setText(tr("Folder: ") + state.folder)
        else:
            self.folder_label.setText(tr("Not syncing. Choose a folder to start."))
        self.sync_button.setEnabled(bool(state.folder) and not state.running)
        self.stop_button.setVisible(bool(state.folder))
        self.status.setText(tr(state.last_sync) if state.folder else "")
        self.problem.setText(state.problem or "")
        show_as_problem(self.problem, True)  # in this palette's red
        self.problem.setVisible(bool(state.problem))
        self.history.clear()
        self.history.addItems(list(state.history))
        shown = bool(state.history)
        self.history.setVisible(shown)
        self.history_title.setVisible(shown)

    def _choose(self) -> None:
        folder = existing_folder(self, tr("Choose the sync folder"), self.state.folder or "")
        if folder is not None:
            self.folder_chosen.emit(folder)

    def ask_passphrase(self, new: bool) -> None:
        """Ask for the folder's passphrase (twice for a new folder); emits it when given."""
        keep = (
            tr("It is kept in the system keyring.")
            if self.state.keyring
            else tr("There is no system keyring here: it is asked again next time.")
        )
        first = tr("Choose a passphrase for the sync folder") if new else tr("Sync passphrase")
        text, ok = QInputDialog.getText(
            self,
            tr("Sync"),
            f"{first}.\n{keep}",
            QLineEdit.EchoMode.Password,
        )
        if not ok or not text:
            return
        if new:
            again, ok = QInputDialog.getText(
                self, tr("Sync"), tr("The same passphrase again:"), QLineEdit.EchoMode.Password
            )
            if not ok:
                return
            if again != text:
                self.problem.setText(tr("The two passphrases differ; nothing was synced."))
                self.problem.setVisible(True)
                return
        self.passphrase_given.emit(text)
