"""The main window: four places (Today, Experiments, Trends, Settings) and the menus.

Pages other than Today are built the first time they are shown, which keeps the
first paint fast. Every page re-reads its state from the journal's one change
signal; hidden pages catch up when they are shown again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_DISPLAY_NAME
from .feedback import tr
from .session import Session
from .sizes import fit_to_screen, text_width
from .style import GAP, SPACING

if TYPE_CHECKING:
    from ..core.model.entities import Experiment
    from ..core.services.journal import Journal
    from .backups_panel import BackupActions
    from .controllers.sync import SyncController
    from .today_page import TodayPage

PRELOAD_CHARTS_MS = 150  # after the page's own paint: the library loads while people read
PAGE_MODULES = (  # what a first visit to each other page imports
    "wlitracker.ui.controllers.experiments",
    "wlitracker.ui.controllers.trends",
    "wlitracker.ui.controllers.settings",
)
PAGES = ("Today", "Experiments", "Trends", "Settings")
TODAY, EXPERIMENTS, TRENDS, SETTINGS = range(4)


def _first_states() -> dict[int, Callable[[Journal], object]]:
    """What a first visit to each of these pages shows, to be made ahead."""
    from .controllers.experiments import first_state as experiments
    from .controllers.trends import first_state as trends

    return {EXPERIMENTS: experiments, TRENDS: trends}


class MainWindow(QMainWindow):
    demo_requested = Signal()
    own_journal_requested = Signal()  # from the demo, back to one's own journal
    theme_changed = Signal(str)
    reload_requested = Signal()  # a restore replaced the journal: reopen the window

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        backups: BackupActions | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.backups = backups
        self.journal = session.journal
        self.pages: dict[int, QWidget] = {}
        self.controllers: dict[int, QObject] = {}  # each page's, kept alive with the window
        self._stale: set[int] = set()
        self._refresh_pending = False
        title = APP_DISPLAY_NAME
        if session.is_demo:
            title += " — " + tr("demo data")
        self.setWindowTitle(title)
        self.setMinimumSize(QSize(760, 520))

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        layout = QHBoxLayout()
        layout.setSpacing(0)
        # The places as a sidebar, in the fields' colour beside the page's.
        self.nav = QListWidget(central)
        self.nav.setAccessibleName(tr("Places"))
        self.nav.setFrameShape(QFrame.Shape.NoFrame)
        for index, name in enumerate(PAGES):
            self.nav.addItem(f"{tr(name)}\tCtrl+{index + 1}")
            self.nav.item(index).setText(tr(name))
            self.nav.item(index).setToolTip(f"Ctrl+{index + 1}")
        self._size_nav()
        self.stack = QStackedWidget(central)
        for _ in PAGES:
            self.stack.addWidget(QWidget(self.stack))
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.demo_banner: QWidget | None = None
        if session.is_demo:
            self.demo_banner = self._demo_banner(central, session.back_to_own)
            outer.addWidget(self.demo_banner)
        self.search_slot = QVBoxLayout()  # the search bar (Ctrl+F), above the pages
        outer.addLayout(self.search_slot)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.statusBar().showMessage(str(session.db_path))
        from .controllers.edit import EditController

        self.edit = EditController(self)  # Undo and Find, in the Edit menu

        self.sync: SyncController | None = None  # made after the first paint: see start_sync
        journal = self.journal
        journal.changed.connect(self._journal_changed)
        self.destroyed.connect(lambda: journal.changed.disconnect(self._journal_changed))
        self._restore_settings()
        self._content_shown = False
        self._ahead: dict[int, Any] = {}  # pages' first states, made ahead
        self._ahead_builders: list[QObject] = []  # kept alive while they build
        self.quitting = False  # set when the app really quits, not just closes to the tray
        self.keep_in_tray: Callable[[], bool] = lambda: False
        self.nav.currentRowChanged.connect(self.show_page)

    def _size_nav(self) -> None:
        """As wide as the longest place's name with room each side, a place two lines high."""
        line = self.nav.fontMetrics().height()
        names = [self.nav.item(row).text() for row in range(self.nav.count())]
        self.nav.setFixedWidth(text_width(self.nav, *names) + 2 * GAP + line // 2)
        for row in range(self.nav.count()):
            self.nav.item(row).setSizeHint(QSize(0, 2 * line))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_nav()

    def _demo_banner(self, parent: QWidget, back: bool) -> QWidget:
        """Unmissable: this is the demo, not one's own journal; and the way back."""
        banner = QFrame(parent)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        banner.setAutoFillBackground(True)
        banner.setAccessibleName(tr("Demo data notice"))
        row = QHBoxLayout(banner)
        row.setContentsMargins(GAP, SPACING, GAP, SPACING)
        text = QLabel(
            tr("<b>Demo data.</b> This is a separate example journal, not yours: try anything."),
            banner,
        )
        text.setForegroundRole(QPalette.ColorRole.ToolTipText)
        text.setWordWrap(True)
        row.addWidget(text, 1)
        self.back_button: QPushButton | None = None
        if back:
            self.back_button = QPushButton(tr("&Back to my journal"), banner)
            self.back_button.setAccessibleName(tr("Back to my journal"))
            self.back_button.clicked.connect(self.own_journal_requested)
            row.addWidget(self.back_button)
        return banner

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        """The frame paints first; the page's content follows in the next turn of the loop."""
        super().paintEvent(event)
        if not self._content_shown:
            self._content_shown = True
            QTimer.singleShot(0, self, self.show_content)

    def show_content(self) -> None:
        """Build and show the current page (called after the first paint, or by tests);
        then, once it is painted too, load the charts' library in the background."""
        self._content_shown = True
        self.show_page(self.nav.currentRow())
        QTimer.singleShot(PRELOAD_CHARTS_MS, self, self._preload_charts)

    def start_sync(self) -> None:
        """Sync's controller reads its folder and status from the journal file: work the
        first paint need not wait for (its first sync is seconds away anyway)."""
        if self.sync is not None or self.session.sync is None:
            return
        from .controllers.sync import SyncController

        self.sync = SyncController(self.journal, self.session.sync, self)
        self.sync.message.connect(self.statusBar().showMessage)

    def _preload_charts(self) -> None:
        """The other pages' modules, then matplotlib, loaded on the chart thread: a first
        visit then builds its page without first reading a few dozen modules. The
        Experiments and Trends pages' first states are made ahead too (hundreds of
        experiments, or ten years of days, take longer than a click may), and used if
        nothing changed meanwhile."""
        from .chart_worker import worker
        from .controllers.states import StateBuilder

        self.start_sync()
        # The keyring (a score of megabytes of backends) only for a journal that syncs:
        # it is asked only for a folder's passphrase.
        also = () if self.sync is None or self.sync.folder is None else (self.sync.keyring,)
        worker().preload(PAGE_MODULES, also)
        reader = self.session.reader
        if reader is None:
            return
        self._ahead_builders.clear()
        for index, make in _first_states().items():
            if index in self.pages:
                continue

            def keep(state: object, index: int = index) -> None:
                if index not in self.pages:
                    self._ahead[index] = state

            builder = StateBuilder(self.journal, reader, self)
            builder.build(make, keep, lambda _error: None)
            self._ahead_builders.append(builder)

    # --- pages ----------------------------------------------------------------

    def _factory(self, index: int) -> Callable[[], QWidget]:
        def today() -> QWidget:
            from .controllers.today import TodayController

            controller = TodayController(self.journal, self.stack)
            self.controllers[TODAY] = controller
            controller.page.experiments_requested.connect(lambda: self.show_page(EXPERIMENTS))
            return controller.page

        def experiments() -> QWidget:
            from .controllers.experiments import ExperimentsController

            controller = ExperimentsController(
                self.journal,
                self.stack,
                self.session.reader,
                state=self._ahead.pop(EXPERIMENTS, None),
            )
            self.controllers[EXPERIMENTS] = controller
            return controller.page

        def trends() -> QWidget:
            from .controllers.trends import TrendsController

            controller = TrendsController(
                self.journal, self.stack, self.session.reader, state=self._ahead.pop(TRENDS, None)
            )
            self.controllers[TRENDS] = controller
            controller.page.day_requested.connect(self.open_day)
            controller.page.today_requested.connect(lambda: self.open_day(self.journal.today()))
            controller.page.experiment_requested.connect(self.test_as_experiment)
            return controller.page

        def settings() -> QWidget:
            from .controllers.settings import open_settings

            controller = open_settings(self.session, self.stack, self.backups, self._sync_panel())
            self.controllers[SETTINGS] = controller
            page = controller.page
            page.theme_changed.connect(self.theme_changed)
            page.today_requested.connect(lambda: self.open_day(self.journal.today()))
            if page.backups_panel is not None:
                page.backups_panel.restored.connect(self.reload_requested)
            return page

        return (today, experiments, trends, settings)[index]

    def _sync_panel(self) -> QWidget | None:
        """The Sync section of Settings, wired to the window's sync controller."""
        self.start_sync()
        if self.sync is None:
            return None
        from .sync_panel import SyncPanel

        controller = self.sync
        panel = SyncPanel(controller.state())
        controller.state_changed.connect(panel.set_state)
        controller.passphrase_needed.connect(panel.ask_passphrase)
        panel.folder_chosen.connect(controller.choose_folder)
        panel.sync_requested.connect(controller.sync_now)
        panel.passphrase_given.connect(controller.give_passphrase)
        return panel

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built on first use."""
        if index not in self.pages:
            placeholder = self.stack.widget(index)
            page = self._factory(index)()
            page.setAccessibleName(tr(PAGES[index]))
            self.stack.insertWidget(index, page)
            if placeholder is not None:
                if self.stack.currentWidget() is placeholder:
                    # Else removing it shows another page first (15 ms for nothing on screen).
                    self.stack.setCurrentWidget(page)
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.pages[index] = page
            self._stale.discard(index)
        return self.pages[index]

    @property
    def today_page(self) -> TodayPage:
        from .today_page import TodayPage

        page = self.page(TODAY)
        assert isinstance(page, TodayPage)
        return page

    def show_page(self, index: int) -> None:
        if not 0 <= index < len(PAGES):
            return
        page = self.page(index)
        if index in self._stale:
            self._stale.discard(index)
            self._refresh(page)
        self.stack.setCurrentIndex(index)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        page.setFocus()

    def current_page(self) -> int:
        return self.stack.currentIndex()

    def open_day(self, day: dt.date) -> None:
        """Show ``day`` on the Today page (asked for from the Trends table)."""
        from .controllers.today import TodayController

        self.show_page(TODAY)
        controller = self.controllers.get(TODAY)
        if isinstance(controller, TodayController):
            controller.show_day(day)

    def show_experiment(self, experiment_id: int) -> None:
        """Show an experiment on the Experiments page (one brought back by Undo)."""
        from .controllers.experiments import ExperimentsController

        self.show_page(EXPERIMENTS)
        controller = self.controllers.get(EXPERIMENTS)
        if isinstance(controller, ExperimentsController):
            controller.select(experiment_id)

    def test_as_experiment(self, draft: Experiment) -> None:
        """Open the experiment form on the Experiments page, filled in with ``draft``."""
        from .experiments_page import ExperimentsPage

        self.show_page(EXPERIMENTS)
        page = self.page(EXPERIMENTS)
        if isinstance(page, ExperimentsPage):
            page.create_from(draft)

    def _journal_changed(self) -> None:
        self._ahead.clear()  # made before this change
        if not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._refresh_pages)

    def _refresh_pages(self) -> None:
        self._refresh_pending = False
        current = self.current_page()
        for index, page in self.pages.items():
            if index == current:
                self._refresh(page)
            else:
                self._stale.add(index)

    @staticmethod
    def _refresh(page: QWidget) -> None:
        refresh = getattr(page, "refresh", None)
        if callable(refresh):
            refresh()

    # --- menus ------------------------------------------------------------------

    def _build_menus(self) -> None:
        # setShortcuts, not setShortcut: resolving the latter's overloads makes PySide6
        # build the Qt namespace's hundred enums, about 35 ms before the first paint.
        file_menu = self.menuBar().addMenu(tr("&File"))
        if self.session.open_demo is not None and not self.session.is_demo:
            demo = QAction(tr("Try with &demo data"), self)
            demo.triggered.connect(self.demo_requested)
            file_menu.addAction(demo)
            file_menu.addSeparator()
        if self.session.back_to_own:
            back = QAction(tr("&Back to my journal"), self)
            back.triggered.connect(self.own_journal_requested)
            file_menu.addAction(back)
            file_menu.addSeparator()
        if self.session.importer is not None:
            import_file = QAction(tr("&Import…"), self)
            import_file.setShortcuts([QKeySequence("Ctrl+I")])
            import_file.setToolTip(
                tr("Daylio CSV, Loop Habit Tracker export, or a wlitracker export")
            )
            import_file.triggered.connect(self.import_file)
            file_menu.addAction(import_file)
            import_folder = QAction(tr("Import a &folder (Loop Habit Tracker)…"), self)
            import_folder.triggered.connect(self.import_folder)
            file_menu.addAction(import_folder)
        if self.session.exporter is not None:
            export = QAction(tr("&Export everything…"), self)
            export.setShortcuts([QKeySequence("Ctrl+Shift+E")])
            export.setToolTip(
                tr("The whole journal as JSON (to import again), or the check-ins as CSV")
            )
            export.triggered.connect(self.export_everything)
            file_menu.addAction(export)
        if self.session.importer is not None or self.session.exporter is not None:
            file_menu.addSeparator()
        quit_action = QAction(tr("&Quit"), self)
        quit_action.setShortcuts([QKeySequence("Ctrl+Q")])  # Cmd+Q on macOS
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.edit_menu = self.menuBar().addMenu(tr("&Edit"))  # filled by EditController

        go_menu = self.menuBar().addMenu(tr("&Go"))
        for index, name in enumerate(PAGES):
            action = QAction(tr(name), self)
            action.setShortcuts([QKeySequence(f"Ctrl+{index + 1}")])  # for the whole window
            action.triggered.connect(lambda _=False, i=index: self.show_page(i))
            go_menu.addAction(action)
            self.addAction(action)

        help_menu = self.menuBar().addMenu(tr("&Help"))
        keys = QAction(tr("&Keyboard shortcuts"), self)
        keys.setShortcuts([QKeySequence(k) for k in ("F1", "Ctrl+?")])
        keys.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys)
        self.addAction(keys)
        about = QAction(tr("&About {name}").format(name=APP_DISPLAY_NAME), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    # --- importing ---------------------------------------------------------------

    def import_file(self) -> None:
        from .file_dialogs import open_file

        path = open_file(
            self, tr("Import history"), tr("Exports (*.csv *.zip *.json);;All files (*)")
        )
        if path is not None:
            self.run_import(path)

    def import_folder(self) -> None:
        from .file_dialogs import existing_folder

        folder = existing_folder(self, tr("Import an unpacked Loop export"))
        if folder is not None:
            self.run_import(folder)

    def run_import(self, path: Path) -> bool:
        """Preview, then import ``path``; returns whether anything was imported."""
        from .import_dialog import BoundImports, ImportDialog

        importer = self.session.importer
        if importer is None:
            return False
        dialog = ImportDialog(BoundImports(importer, self.journal), path, self)
        if not self.run_dialog(dialog):
            return False
        QMessageBox.information(self, tr("Imported"), "\n".join(dialog.result_lines))
        return True

    def export_everything(self) -> None:
        from .file_dialogs import save_file

        suggested = f"wlitracker-export-{self.journal.today().isoformat()}.json"
        path = save_file(
            self,
            tr("Export everything"),
            suggested,
            tr("JSON, the whole journal (*.json);;CSV, the check-ins (*.csv)"),
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> Path | None:
        """Write the export ``path`` names: CSV for ``.csv``, else the whole journal as JSON."""
        from ..core.model.errors import WliError
        from .feedback import show_problem

        exporter = self.session.exporter
        if exporter is None:
            return None
        if path.suffix.lower() not in (".csv", ".json"):
            path = path.with_name(path.name + ".json")
        try:
            if path.suffix.lower() == ".csv":
                written = exporter.write(self.journal, path, "csv")
            else:
                written = exporter.write(self.journal, path, "json")
        except WliError as error:
            show_problem(self, error)
            return None
        self.statusBar().showMessage(tr("Exported to {path}").format(path=written), 8000)
        return written

    def run_dialog(self, dialog: QDialog) -> bool:
        """Separate, so tests can drive dialogs without blocking."""
        return dialog.exec() == QDialog.DialogCode.Accepted

    def show_shortcuts(self) -> None:
        from PySide6.QtCore import Qt

        from .shortcut_sheet import ShortcutSheet

        sheet = ShortcutSheet(self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()
        self.shortcut_sheet = sheet

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            tr("About {name}").format(name=APP_DISPLAY_NAME),
            tr(
                "<b>{name}</b> {version}<br>A private lab notebook for small work-life "
                "integration experiments.<br>Your journal stays on this computer; the app "
                "never uses the network.<br><br>Database: {path}"
            ).format(
                name=APP_DISPLAY_NAME, version=self.session.version, path=self.session.db_path
            ),
        )

    # --- welcome ----------------------------------------------------------------

    def show_welcome(self) -> None:
        from PySide6.QtCore import Qt

        from .welcome import WelcomeWizard

        wizard = WelcomeWizard(self.journal.welcome, self)
        if self.session.open_demo is None or self.session.is_demo:
            wizard.intentions_page.demo_button.hide()
        wizard.demo_requested.connect(self.demo_requested)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        self.welcome = wizard

    # --- window state -------------------------------------------------------------

    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            fit_to_screen(self, QSize(1100, 760))
        try:
            last = int(settings.value("window/page", TODAY))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            last = TODAY
        self.nav.setCurrentRow(last if 0 <= last < len(PAGES) else TODAY)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/page", self.current_page())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.keep_in_tray() and not self.quitting:
            today = self.pages.get(TODAY)
            if today is not None and today.has_unsaved_changes():  # type: ignore[attr-defined]
                today.save()  # type: ignore[attr-defined]
            self.save_settings()
            self.hide()
            event.ignore()
            return
        today = self.pages.get(TODAY)
        if today is not None and today.has_unsaved_changes() and not today.save():  # type: ignore[attr-defined]
            answer = QMessageBox.question(
                self,
                tr("Unsaved check-in"),
                tr("This day's changes could not be saved. Close anyway and lose them?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_settings()
        event.accept()
