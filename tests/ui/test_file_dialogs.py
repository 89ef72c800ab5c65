"""File dialogs never open the files they list, so the journal keeps its SQLite locks."""

from __future__ import annotations

import ast
import datetime as dt
import os
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from wlitracker.app import open_journal
from wlitracker.ui.file_dialogs import NameOnlyIconProvider, make_dialog

UI = Path(__file__).parents[2] / "wlitracker" / "ui"


def test_only_the_file_dialogs_module_makes_file_dialogs() -> None:
    users = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        if "QFileDialog" in names:
            users.append(path.name)
    assert users == ["file_dialogs.py"]


def test_types_come_from_the_name_alone(qtbot: QtBot, tmp_path: Path) -> None:
    provider = NameOnlyIconProvider()
    (tmp_path / "journal.db").write_bytes(b"SQLite format 3\x00")
    (tmp_path / "journal.db-wal").write_bytes(b"\x37\x7f\x06\x82")
    assert provider.type(QFileInfo(str(tmp_path / "journal.db"))) == "DB file"
    assert provider.type(QFileInfo(str(tmp_path / "journal.db-wal"))) == "DB-WAL file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
    assert not provider.icon(QFileInfo(str(tmp_path / "journal.db"))).isNull()


def _locks() -> list[str]:
    pid = str(os.getpid())
    with open("/proc/locks", encoding="ascii") as handle:
        rows = [line.split() for line in handle]
    return sorted(f"{r[5]}:{r[6]}" for r in rows if len(r) >= 8 and r[1] == "POSIX" and r[4] == pid)


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/locks")
@pytest.mark.parametrize(
    ("mode", "accept"),
    [
        (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
        (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
        (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
    ],
)
def test_browsing_the_journals_folder_keeps_its_locks(
    qtbot: QtBot,
    tmp_path: Path,
    mode: QFileDialog.FileMode,
    accept: QFileDialog.AcceptMode,
) -> None:
    db = tmp_path / "journal.db"
    journal, repo = open_journal(db)
    journal.check_ins.update(dt.date(2026, 3, 1), note="held")
    (tmp_path / "notes.txt").write_text("beside the journal\n")
    held = _locks()
    assert held

    dialog = make_dialog(None, "Browse", tmp_path, "All files (*)", mode, accept)
    qtbot.addWidget(dialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)  # the Type column asks for each type
    dialog.show()
    deadline = time.monotonic() + 1.0  # the dialog looks at its files in a thread of its own
    while time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    dialog.reject()

    assert _locks() == held
    repo.close()
