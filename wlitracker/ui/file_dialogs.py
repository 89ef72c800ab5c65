"""Every file dialog the window shows, built so that it never opens a file it lists.

Qt's file dialog guesses each listed file's type by opening and reading it
(``QFileIconProvider`` asks ``QMimeDatabase`` for the content's type). When the
listing includes the journal, that read and its ``close()`` drop every SQLite
lock this process holds on the journal (POSIX locks belong to the process; see
``core.files``), and the command line may then delete the write-ahead log the
window still writes to. So these dialogs guess types from the name alone, and
they are Qt's own dialogs: a platform's native dialog may load in this process
and sniff files the same way.

Nothing else in ``ui/`` creates a ``QFileDialog``; a test keeps it so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from the file name, never from the file's content."""

    def icon(self, what: QAbstractFileIconProvider.IconType | QFileInfo) -> QIcon:
        if isinstance(what, QFileInfo):
            kind = (
                QAbstractFileIconProvider.IconType.Folder
                if what.isDir()
                else QAbstractFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def make_dialog(
    parent: QWidget | None,
    title: str,
    folder: str | Path = "",
    name_filter: str = "",
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    accept: QFileDialog.AcceptMode = QFileDialog.AcceptMode.AcceptOpen,
) -> QFileDialog:
    """A file dialog that never reads the files it lists (see the module's docstring)."""
    dialog = QFileDialog(parent, title, str(folder), name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setOption(QFileDialog.Option.DontUseCustomDirectoryIcons, True)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._name_only_icons = provider  # type: ignore[attr-defined]  # Qt does not own it
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    if mode == QFileDialog.FileMode.Directory:
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QFileDialog.DialogCode.Accepted:
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files else None


def open_file(
    parent: QWidget | None, title: str, name_filter: str, folder: str | Path = ""
) -> Path | None:
    """Ask for an existing file; ``None`` if cancelled."""
    return _chosen(make_dialog(parent, title, folder, name_filter))


def save_file(
    parent: QWidget | None, title: str, suggested: str | Path, name_filter: str
) -> Path | None:
    """Ask where to save (a suggested name or path); ``None`` if cancelled."""
    dialog = make_dialog(
        parent,
        title,
        suggested,
        name_filter,
        QFileDialog.FileMode.AnyFile,
        QFileDialog.AcceptMode.AcceptSave,
    )
    return _chosen(dialog)


def existing_folder(parent: QWidget | None, title: str, folder: str | Path = "") -> Path | None:
    """Ask for a folder; ``None`` if cancelled."""
    return _chosen(make_dialog(parent, title, folder, mode=QFileDialog.FileMode.Directory))
