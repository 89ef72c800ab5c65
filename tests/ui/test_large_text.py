"""Every page, tab, section and dialog at 900x600 with text at 200%: whole text, nothing on top
of anything else, everything reachable (in view, or where a scroll bar goes), charts drawn."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QScreen
from PySide6.QtWidgets import QDialog, QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from tests.ui.large_text import SCREEN, large_text, problems
from wlitracker.app import Imports, SyncActions, open_journal
from wlitracker.core.model.entities import DecisionKind, RoutineChangeKind
from wlitracker.core.present.experiment_form import blank_draft
from wlitracker.core.services import demo
from wlitracker.storage.backups import BackupManager
from wlitracker.ui.chart_view import ChartView
from wlitracker.ui.experiments_page import ExperimentsPage
from wlitracker.ui.import_dialog import BoundImports, ImportDialog
from wlitracker.ui.main_window import EXPERIMENTS, PAGES, SETTINGS, TODAY, TRENDS, MainWindow
from wlitracker.ui.routine_panel import ReasonDialog
from wlitracker.ui.session import Session
from wlitracker.ui.settings_dialogs import MetricDialog, SelfCheckDialog
from wlitracker.ui.shortcut_sheet import ShortcutSheet
from wlitracker.ui.trends_page import TrendsPage
from wlitracker.ui.welcome import WelcomeWizard

CHART_FLOOR = QSize(240, 150)  # a chart drawn smaller than this is a chart in name only
DAYLIO = (
    "full_date,date,weekday,time,mood,activities,note_title,note\n"
    "2026-03-10,March 10,Tuesday,21:00,good,gym | family,,A good day\n"
    "2026-03-11,March 11,Wednesday,9:15 pm,Solid,work,,Busy\n"
)


@pytest.fixture
def large(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Text at 200% on a screen of 900x600, the size windows fit themselves to."""
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(QPoint(), SCREEN))
    with large_text():
        yield


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """No window size or page remembered from another test."""
    QSettings().clear()
    yield
    QSettings().clear()


def _session(tmp_path: Path, today: dt.date, name: str, filled: bool) -> Session:
    path = tmp_path / f"{name}.db"
    journal, _repo = open_journal(path)
    journal.context.today = lambda: today
    if filled:
        demo.fill(journal.repo, today)
    log = tmp_path / "wlitracker.log"
    sync = SyncActions(path, "laptop")
    return Session(journal, path, log, "9.9", importer=Imports(), sync=sync)


def _window(qtbot: QtBot, session: Session) -> MainWindow:
    """The window with every section, Backups (one taken) and Sync among them."""
    backups = BackupManager(session.db_path, session.db_path.parent / "backups")
    backups.back_up()
    window = MainWindow(session, backups=backups)
    qtbot.addWidget(window)
    window.resize(SCREEN)
    window.show()
    qtbot.waitUntil(lambda: window.current_page() in window.pages)
    window.show_page(TODAY)
    return window


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(30)


def _charts(window: QWidget, where: str) -> list[str]:
    small = []
    for view in window.findChildren(ChartView):
        size = view.image.size()
        if view.isVisible() and (
            size.width() < CHART_FLOOR.width() or size.height() < CHART_FLOOR.height()
        ):
            small.append(f"{where}: the {view.kind} chart is only {size.width()}x{size.height()}")
    return small


def _at(where: str, window: QWidget) -> list[str]:
    return [f"{where}: {problem}" for problem in problems(window)] + _charts(window, where)


@pytest.mark.usefixtures("large")
def test_every_place_of_a_full_journal_fits(qtbot: QtBot, tmp_path: Path, today: dt.date) -> None:
    window = _window(qtbot, _session(tmp_path, today, "full", filled=True))
    assert window.size() == SCREEN
    found = _at("Today", window)
    nav = window.nav
    for row in range(nav.count()):
        text = nav.item(row).text()
        if nav.visualItemRect(nav.item(row)).width() < nav.fontMetrics().horizontalAdvance(text):
            found.append(f"the place {text!r} is cut off in the list of places")
    if nav.horizontalScrollBar().isVisible():
        found.append("the list of places scrolls sideways")

    window.show_page(EXPERIMENTS)
    page = window.page(EXPERIMENTS)
    assert isinstance(page, ExperimentsPage)
    journal = window.journal
    seen: set[str] = set()
    for view in journal.experiments.views():
        if view.status.value in seen:
            continue
        seen.add(view.status.value)
        page.select(view.id)
        page.review.numbers_toggle.setChecked(True)
        _settle(qtbot)
        found += _at(f"Experiments, {view.status.value}", window)
    assert {"trial", "baseline", "ready to review", "persisted"} <= seen

    window.show_page(TRENDS)
    trends = window.page(TRENDS)
    assert isinstance(trends, TrendsPage)
    qtbot.waitUntil(lambda: trends.trend.image.image is not None, timeout=20_000)
    for index in range(trends.tabs.count()):
        trends.tabs.setCurrentIndex(index)
        if trends.tabs.currentWidget() is trends.insights:  # worked out in the background
            qtbot.waitUntil(lambda: trends.insights.view is not None, timeout=20_000)
            qtbot.wait(200)  # its rows laid out, the scroll area sized to them
        _settle(qtbot)
        found += _at(f"Trends, {trends.tabs.tabText(index).replace('&', '')}", window)

    window.show_page(SETTINGS)
    _settle(qtbot)
    found += _at("Settings", window)
    assert window.page(SETTINGS).findChild(QScrollArea) is not None  # its sections scroll
    assert not found, "\n".join(found)


@pytest.mark.usefixtures("large")
def test_every_place_of_an_empty_journal_fits(qtbot: QtBot, tmp_path: Path, today: dt.date) -> None:
    window = _window(qtbot, _session(tmp_path, today, "empty", filled=False))
    found = []
    for index, name in enumerate(PAGES):
        window.show_page(index)
        _settle(qtbot)
        found += _at(name, window)
    assert not found, "\n".join(found)


def _dialogs(window: MainWindow, export: Path) -> Iterator[tuple[str, QDialog]]:
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


def _read(dialog: ImportDialog) -> Callable[[], bool]:
    """Whether the import dialog has read its file."""
    return lambda: not dialog.busy


class _Welcome:
    def finish(self, *_answers: object) -> None:
        return None

    def skip(self) -> None:
        return None


@pytest.mark.usefixtures("large")
def test_every_dialog_fits(qtbot: QtBot, tmp_path: Path, today: dt.date) -> None:
    window = _window(qtbot, _session(tmp_path, today, "full", filled=True))
    export = tmp_path / "daylio_export.csv"
    export.write_text(DAYLIO, encoding="utf-8")
    found = []
    for name, dialog in _dialogs(window, export):
        dialog.show()
        if isinstance(dialog, ImportDialog):
            qtbot.waitUntil(_read(dialog), timeout=20_000)
        _settle(qtbot)
        found += _at(name, dialog)
        dialog.reject()
    wizard = WelcomeWizard(_Welcome(), window)
    qtbot.addWidget(wizard)
    wizard.show()
    for step in range(len(wizard.pageIds())):
        _settle(qtbot)
        found += _at(f"welcome, step {step + 1}", wizard)
        wizard.next()
    assert not found, "\n".join(found)
