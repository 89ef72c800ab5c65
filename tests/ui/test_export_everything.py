"""File > Export everything writes the command line's files; File > Import reads them back
with the command line's preview."""

from __future__ import annotations

import datetime as dt
import io
import json
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from wlitracker import app
from wlitracker.app import Exports, Imports, open_journal
from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, DecisionKind, Experiment
from wlitracker.ui.import_dialog import ImportDialog
from wlitracker.ui.main_window import MainWindow
from wlitracker.ui.session import Session

DAY = dt.timedelta(days=1)


@pytest.fixture
def session(tmp_path: Path, today: dt.date) -> Iterator[Session]:
    path = tmp_path / "journal.db"
    journal, repo = open_journal(path)
    journal.context.today = lambda: today
    made = journal.experiments.create(Experiment("Walk", schedules.ab(3, 3, today - 10 * DAY)))
    for offset in range(1, 11):
        journal.check_ins.update(
            today - offset * DAY,
            ratings={"satisfaction": 5 + offset % 3},
            adherence={made.id or 0: Adherence.DONE} if offset >= 5 else {},
            add_tags=["gym"],
        )
    journal.experiments.decide(made.id or 0, DecisionKind.PERSIST, "Worth keeping")
    journal.routines.pause(made.id or 0, "Away")
    yield Session(journal, path, None, "1", importer=Imports(), exporter=Exports())
    repo.close()


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    window = MainWindow(session)
    qtbot.addWidget(window)
    return window


def _cli(db: Path, *args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    assert app.main(["--db", str(db), *args], out=out, err=err) == 0, err.getvalue()
    return out.getvalue()


def test_export_everything_writes_the_command_lines_files_privately(
    qtbot: QtBot, session: Session, tmp_path: Path, stopped_clock: None
) -> None:
    window = _window(qtbot, session)
    written = window.export_to(tmp_path / "mine")  # no suffix: the whole journal as JSON
    assert written == tmp_path / "mine.json"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    _cli(session.db_path, "export", "--format", "json", "-o", str(tmp_path / "cli.json"))
    ours, theirs = (json.loads(p.read_text()) for p in (written, tmp_path / "cli.json"))
    assert ours == theirs and ours["routine_changes"][0]["reason"] == "Away"
    assert "Exported to" in window.statusBar().currentMessage()

    csv_file = window.export_to(tmp_path / "days.csv")
    _cli(session.db_path, "export", "--format", "csv", "-o", str(tmp_path / "cli.csv"))
    assert csv_file is not None
    assert csv_file.read_text() == (tmp_path / "cli.csv").read_text()


def test_export_never_writes_over_the_journal(
    qtbot: QtBot, session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _window(qtbot, session)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    disguised = tmp_path / "journal-link.json"
    disguised.symlink_to(session.db_path)
    before = session.db_path.read_bytes()[:100]
    assert window.export_to(disguised) is None
    assert shown and "journal" in shown[0]
    assert session.db_path.read_bytes()[:100] == before
    assert session.journal.check_ins.get(session.journal.today() - DAY).tags == ("gym",)


@pytest.mark.parametrize("suffix", [".json", ".csv"])
def test_import_in_the_window_previews_an_export_as_the_command_line_does(
    qtbot: QtBot,
    session: Session,
    tmp_path: Path,
    today: dt.date,
    suffix: str,
    monkeypatch: pytest.MonkeyPatch,
    stopped_clock: None,
) -> None:
    exported = _window(qtbot, session).export_to(tmp_path / f"everything{suffix}")
    assert exported is not None
    other_path = tmp_path / "other.db"
    other, repo = open_journal(other_path)
    other.context.today = lambda: today
    try:
        dry_run = _cli(other_path, "import", str(exported), "--dry-run").splitlines()
        assert dry_run[-1] == "Dry run: nothing was written."
        target = _window(qtbot, Session(other, other_path, None, "1", importer=Imports()))
        previews: list[str] = []

        def import_it(dialog: object) -> bool:
            assert isinstance(dialog, ImportDialog)
            qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)  # read in the background
            previews.append(dialog.preview_text.toPlainText())
            dialog.run_import()
            qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
            return True

        monkeypatch.setattr(target, "run_dialog", import_it)
        monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
        assert target.run_import(exported)
        assert previews == ["\n".join(dry_run[:-1])]  # the same preview, word for word
        days = other.check_ins.history()
        assert [c.tags for c in days] == [("gym",)] * 10
        if suffix == ".json":  # the whole journal, pauses included
            assert other.repo.list_routine_changes()[0].reason == "Away"
    finally:
        repo.close()
