"""A window on a full journal (Backups and Sync included), and a walk through every place of
it: each page, each kind of experiment, each Trends tab, Settings, then each dialog and each
step of the welcome. Tests check whatever they check at each stop."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from wlitracker.app import Imports, SyncActions, open_journal
from wlitracker.core.model.entities import DecisionKind, RoutineChangeKind
from wlitracker.core.present.experiment_form import blank_draft
from wlitracker.core.services import demo
from wlitracker.storage.backups import BackupManager
from wlitracker.ui.experiments_page import ExperimentsPage
from wlitracker.ui.import_dialog import BoundImports, ImportDialog
from wlitracker.ui.main_window import EXPERIMENTS, PAGES, SETTINGS, TODAY, TRENDS, MainWindow
from wlitracker.ui.routine_panel import ReasonDialog
from wlitracker.ui.session import Session
from wlitracker.ui.settings_dialogs import MetricDialog, SelfCheckDialog
from wlitracker.ui.shortcut_sheet import ShortcutSheet
from wlitracker.ui.trends_page import TrendsPage
from wlitracker.ui.welcome import WelcomeWizard

DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2026-03-10,March 10,Tuesday,21:00,good,gym | family,,A good day\n"
    "2026-03-11,March 11,Wednesday,9:15 pm,Solid,work,,Busy\n"
)
KINDS = {"trial", "baseline", "ready to review", "persisted"}  # of experiment, at least


def window_on(
    qtbot: QtBot, folder: Path, today: dt.date, *, filled: bool, size: QSize
) -> MainWindow:
    """The window on a journal in ``folder``, the demo's days in it if ``filled``."""
    path = folder / ("full.db" if filled else "empty.db")
    journal, _repo = open_journal(path)
    journal.context.today = lambda: today
    if filled:
        demo.fill(journal.repo, today)
    session = Session(
        journal,
        path,
        folder / "wlitracker.log",
        "9.9",
        importer=Imports(),
        sync=SyncActions(path, "laptop"),
    )
    backups = BackupManager(path, folder / "backups")
    backups.back_up()
    window = MainWindow(session, backups=backups)
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() in window.pages)
    window.show_page(TODAY)
    return window


def settle(qtbot: QtBot) -> None:
    """Long enough for a page shown to be laid out (a few turns of the event loop)."""
    qtbot.wait(50)


def places(qtbot: QtBot, window: MainWindow) -> Iterator[str]:
    """Stop at every place of the window, naming it; the window shows it meanwhile."""
    if window.journal.repo.is_empty():
        for index, name in enumerate(PAGES):
            window.show_page(index)
            settle(qtbot)
            yield name
        return
    settle(qtbot)
    yield "Today"
    window.show_page(EXPERIMENTS)
    page = window.page(EXPERIMENTS)
    assert isinstance(page, ExperimentsPage)
    seen: set[str] = set()
    for view in window.journal.experiments.views():
        if view.status.value not in seen:
            seen.add(view.status.value)
            page.select(view.id)
            # Built in the background: on a busy machine it can take longer than a settle.
            qtbot.waitUntil(_showing(page, view.id), timeout=20_000)
            page.review.numbers_toggle.setChecked(True)
            settle(qtbot)
            yield f"Experiments, {view.status.value}"
    assert seen >= KINDS
    window.show_page(TRENDS)
    trends = window.page(TRENDS)
    assert isinstance(trends, TrendsPage)
    qtbot.waitUntil(lambda: trends.trend.image.image is not None, timeout=20_000)
    for index in range(trends.tabs.count()):
        trends.tabs.setCurrentIndex(index)
        if trends.tabs.currentWidget() is trends.insights:  # worked out in the background
            qtbot.waitUntil(lambda: trends.insights.view is not None, timeout=20_000)
            qtbot.wait(200)  # its rows laid out, the scroll area sized to them
        settle(qtbot)
        yield f"Trends, {trends.tabs.tabText(index).replace('&', '')}"
    window.show_page(SETTINGS)
    settle(qtbot)
    yield "Settings"


def _showing(page: ExperimentsPage, experiment_id: int | None) -> Callable[[], bool]:
    """Whether the Experiments page shows ``experiment_id`` in full."""
    return lambda: page.state.selected is not None and page.state.selected.view.id == experiment_id


class _Welcome:
    def finish(self, *_answers: object) -> None:
        return None

    def skip(self) -> None:
        return None


def _read(dialog: ImportDialog) -> Callable[[], bool]:
    """Whether the import dialog has read its file."""
    return lambda: not dialog.busy


def _made(window: MainWindow, export: Path) -> Iterator[tuple[str, QDialog]]:
    page = window.page(EXPERIMENTS)
    assert isinstance(page, ExperimentsPage)
    journal = window.journal
    running = next(v for v in journal.experiments.views() if v.status.value == "trial")
    page.select(running.id)
    title = running.experiment.title
    yield "the experiment form", page.make_editor(running.experiment)
    yield "a new experiment", page.make_editor(blank_draft(journal.today()))
    yield "the ideas", page.make_gallery()
    yield "a decision", page.make_decision_dialog(DecisionKind.SWITCH, title)
    yield "an early decision", page.make_early_dialog(DecisionKind.PERSIST, "Too early. " * 12)
    yield "a pause", ReasonDialog(RoutineChangeKind.PAUSE, title, page)
    yield "the shortcut sheet", ShortcutSheet(window)
    yield "a metric", MetricDialog(lambda _dialog: True, None, window)
    yield "the self-check", SelfCheckDialog(lambda _answers: True, None, window)
    yield "an import", ImportDialog(BoundImports(Imports(), journal), export, window)


def dialogs(qtbot: QtBot, window: MainWindow, folder: Path) -> Iterator[tuple[str, QWidget]]:
    """Open every dialog (and every step of the welcome) in turn, naming it; closed after."""
    export = folder / "daylio_export.csv"
    export.write_text(DAYLIO, encoding="utf-8")
    for name, dialog in _made(window, export):
        dialog.show()
        if isinstance(dialog, ImportDialog):
            qtbot.waitUntil(_read(dialog), timeout=20_000)
        settle(qtbot)
        yield name, dialog
        dialog.reject()
    wizard = WelcomeWizard(_Welcome(), window)
    qtbot.addWidget(wizard)
    wizard.show()
    for step in range(len(wizard.pageIds())):
        settle(qtbot)
        yield f"welcome, step {step + 1}", wizard
        wizard.next()
