"""Settings: metrics, reminder time, theme, where the data lives, the self-check, About.

The page shows a ``SettingsState`` and asks for changes through its signals; its
controller (``ui.controllers.settings``) makes them and gives it the new state.
Dialogs are opened non-modally (``open``) so the page never blocks, and a dialog
whose input is refused stays open for a fix: the controller answers a request
synchronously, with ``show_problem`` when it was refused.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from .. import APP_DISPLAY_NAME
from ..core.model.entities import Metric, metric_key, metric_label
from ..core.model.errors import WliError
from ..core.present.settings import (
    THEMES,
    MetricDraft,
    SelfCheckState,
    SettingsState,
)
from . import confirm
from .backups_panel import BackupActions, BackupsPanel
from .feedback import show_problem, tr
from .flow_layout import FlowLayout
from .settings_dialogs import BETTER_NAMES, MetricDialog, SelfCheckDialog, wrapped_label
from .sizes import scrolled, stack_when_narrow, text_size
from .style import (
    SPACING,
    Section,
    body_layout,
    card_layout,
    form_layout,
    page_layout,
    page_title,
    secondary,
    secondary_label,
    strong,
)
from .tags_panel import TagsPanel
from .welcome import ReminderInput

THEME_NAMES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}
NAME_COLUMN, SCALE_COLUMN, BETTER_COLUMN, STATUS_COLUMN = range(4)
COLUMN_PADDING = 24


def _selectable(label: QLabel) -> QLabel:
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )
    return label


# --- the page ---------------------------------------------------------------------------


class SettingsPage(QWidget):
    theme_changed = Signal(str)  # after the theme was saved: the window applies it
    # What the person asks for; the controller answers each one before ``emit`` returns.
    metric_add_requested = Signal(object)  # MetricDraft
    metric_rename_requested = Signal(str, str)  # old name, new name
    metric_archive_requested = Signal(str, bool)  # name, archived
    metric_history_remove_requested = Signal(str)  # name: every rating of it goes
    reminder_requested = Signal(object)  # dt.time | None
    keep_in_tray_requested = Signal(bool)
    theme_requested = Signal(str)
    self_check_answered = Signal(object)  # tuple[int, ...]
    today_requested = Signal()  # from an empty place: go and check in

    def __init__(
        self,
        state: SettingsState,
        parent: QWidget | None = None,
        *,
        backups: BackupActions | None = None,
        sync_panel: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._problem: str | None = None
        self._select_after: str | None = None
        self.backups_panel: BackupsPanel | None = None
        self.metric_dialog: MetricDialog | None = None
        self.self_check_dialog: SelfCheckDialog | None = None
        self._loading = False
        outer = page_layout(self)
        outer.addWidget(page_title(tr("Settings"), self))
        body = QWidget()
        layout = body_layout(body)
        layout.addWidget(self._metrics_box(body))
        self.tags_box = Section(tr("Tags"), body)  # the controller puts the Tags panel in
        self.tags_slot = card_layout(self.tags_box.card)
        self.tags_panel: TagsPanel | None = None
        layout.addWidget(self.tags_box)
        layout.addWidget(self._reminder_box(body))
        layout.addWidget(self._theme_box(body))
        layout.addWidget(self._self_check_box(body))
        layout.addWidget(self._data_box(body))
        if backups is not None:  # the demo journal has no backups
            box = Section(tr("Backups"), body)
            self.backups_panel = BackupsPanel(backups, box.card)
            card_layout(box.card).addWidget(self.backups_panel)
            layout.addWidget(box)
        self.sync_panel = sync_panel
        if sync_panel is not None:  # the demo journal does not sync
            box = Section(tr("Sync"), body)
            sync_panel.setParent(box.card)
            card_layout(box.card).addWidget(sync_panel)
            layout.addWidget(box)
        layout.addStretch(1)
        outer.addWidget(scrolled(body, self), 1)
        self.set_state(state)

    # --- sections ---------------------------------------------------------------------

    def _metrics_box(self, parent: QWidget) -> Section:
        section = Section(
            tr("Metrics"),
            parent,
            tr(
                "What you rate each day. Satisfaction and Guilt are built in; add your "
                "own, rename them, or archive those you no longer need (their history stays)."
            ),
        )
        box = section.card
        layout = card_layout(box)
        self.metrics_view = QTreeWidget(box)
        self.metrics_view.setAccessibleName(tr("Metrics"))
        self.metrics_view.setRootIsDecorated(False)
        self.metrics_view.setUniformRowHeights(True)
        self.metrics_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.metrics_view.setHeaderLabels([tr("Metric"), tr("Scale"), tr("Better"), tr("Status")])
        self.metrics_view.setMinimumHeight(text_size(self.metrics_view, 0, 7).height())
        layout.addWidget(self.metrics_view)
        buttons = FlowLayout(spacing=SPACING)
        self.add_button = QPushButton(tr("&Add metric…"), box)
        self.add_button.setAccessibleName(tr("Add a metric"))
        self.rename_button = QPushButton(tr("Re&name…"), box)
        self.rename_button.setAccessibleName(tr("Rename the selected metric"))
        self.archive_button = QPushButton(tr("Ar&chive"), box)
        self.archive_button.setAccessibleName(tr("Archive or restore the selected metric"))
        self.clear_history_button = QPushButton(tr("Remove ratings…"), box)
        self.clear_history_button.setAccessibleName(
            tr("Remove every rating of the selected metric")
        )
        self.clear_history_button.setToolTip(
            tr("Remove every rating of this metric; the metric stays (Undo brings them back)")
        )
        for button in (self.add_button, self.rename_button, self.archive_button):
            buttons.addWidget(button)
        buttons.end_here()
        buttons.addWidget(self.clear_history_button)
        layout.addLayout(buttons)
        self.metrics_view.currentItemChanged.connect(self._update_metric_buttons)
        self.metrics_view.itemDoubleClicked.connect(lambda *_: self.rename_metric())
        self.add_button.clicked.connect(self.add_metric)
        self.rename_button.clicked.connect(self.rename_metric)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.clear_history_button.clicked.connect(lambda _=False: self.remove_metric_history())
        return section

    def _reminder_box(self, parent: QWidget) -> Section:
        section = Section(
            tr("Reminder"), parent, tr("A daily nudge to check in. Saved as you change it.")
        )
        box = section.card
        form = form_layout(box)
        self.reminder = ReminderInput(box)
        label = QLabel(tr("Reminder &time:"), box)
        label.setBuddy(self.reminder.time_edit)
        form.addRow(label, self.reminder)
        self.keep_in_tray = QCheckBox(tr("&Keep running in the tray when the window closes"), box)
        self.keep_in_tray.setAccessibleName(tr("Keep running in the tray"))
        self.keep_in_tray.setToolTip(tr("So the reminder can still invite you to check in"))
        form.addRow(self.keep_in_tray)
        self.reminder.changed.connect(self._save_reminder)
        self.keep_in_tray.toggled.connect(self._save_keep_in_tray)
        return section

    def _theme_box(self, parent: QWidget) -> Section:
        section = Section(tr("Appearance"), parent)
        box = section.card
        form = form_layout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.theme_combo = QComboBox(box)
        self.theme_combo.setAccessibleName(tr("Theme"))
        for key in THEMES:
            self.theme_combo.addItem(tr(THEME_NAMES[key]), key)
        label = QLabel(tr("The&me:"), box)
        label.setBuddy(self.theme_combo)
        form.addRow(label, self.theme_combo)
        self.theme_combo.currentIndexChanged.connect(self._save_theme)
        return section

    def _self_check_box(self, parent: QWidget) -> Section:
        section = Section(tr("Self-check"), parent)
        box = section.card
        layout = card_layout(box)
        self.self_check_title = _selectable(strong(QLabel(box)))
        self.self_check_title.setAccessibleName(tr("Self-check result"))
        self.self_check_text = _selectable(wrapped_label("", box))
        self.self_check_text.setAccessibleName(tr("What the self-check result means"))
        self.self_check_button = QPushButton(box)
        self.self_check_button.setAccessibleName(tr("Take the self-check"))
        layout.addWidget(self.self_check_title)
        layout.addWidget(self.self_check_text)
        row = QHBoxLayout()
        row.addWidget(self.self_check_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.self_check_button.clicked.connect(self.take_self_check)
        return section

    def _data_box(self, parent: QWidget) -> Section:
        section = Section(
            tr("Your data"),
            parent,
            tr("Everything stays on this computer; the app never uses the network."),
        )
        box = section.card
        layout = card_layout(box)
        self.demo_note = wrapped_label(
            tr(
                "Demo data: this is a separate example journal, not yours. "
                "Your own journal is untouched."
            ),
            box,
        )
        self.demo_note.setAccessibleName(tr("Demo data notice"))
        layout.addWidget(self.demo_note)
        form = QFormLayout()
        stack_when_narrow(form, box)
        self.db_label = _selectable(wrapped_label(str(self.state.db_path), box))
        self.db_label.setAccessibleName(tr("Database location"))
        form.addRow(secondary_label(tr("Database"), box, wrap=False), self.db_label)
        if self.state.log_file is not None:
            self.log_label = _selectable(wrapped_label(str(self.state.log_file), box))
            self.log_label.setAccessibleName(tr("Log file location"))
            form.addRow(secondary_label(tr("Log file"), box, wrap=False), self.log_label)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.open_folder_button = QPushButton(tr("Open fo&lder"), box)
        self.open_folder_button.setAccessibleName(tr("Open the database folder"))
        self.about_button = QPushButton(tr("A&bout {name}").format(name=APP_DISPLAY_NAME), box)
        self.about_button.setAccessibleName(tr("About {name}").format(name=APP_DISPLAY_NAME))
        self.folder_status = secondary(QLabel(box))
        self.folder_status.setAccessibleName(tr("Open folder status"))
        row.addWidget(self.open_folder_button)
        row.addWidget(self.about_button)
        row.addWidget(self.folder_status, 1)
        layout.addLayout(row)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.about_button.clicked.connect(self.show_about)
        return section

    # --- state ------------------------------------------------------------------------

    def set_state(self, state: SettingsState) -> None:
        """Show ``state`` (the controller gives a new one after every change)."""
        self.state = state
        self._loading = True
        try:
            self._show_metrics(select=self._select_after)
            self._select_after = None
            self.reminder.set_value(state.reminder)
            self.keep_in_tray.setChecked(state.keep_in_tray)
            self.theme_combo.setCurrentIndex(self.theme_combo.findData(state.theme))
            self._show_self_check(state.self_check)
            self.demo_note.setVisible(state.is_demo)
            if self.backups_panel is not None:
                self.backups_panel.refresh()
        finally:
            self._loading = False

    def show_problem(self, error: WliError) -> None:
        """A request was refused: say why, over the dialog that asked if one is open."""
        self._problem = str(error)
        dialogs = (self.metric_dialog, self.self_check_dialog)
        parent = next((d for d in dialogs if d is not None and d.isVisible()), self)
        show_problem(parent, error)

    def select_after(self, name: str) -> None:
        """Select this metric when the next state comes (the one just saved)."""
        self._select_after = name

    def _ask(self, emit: Callable[[], None]) -> bool:
        """Emit a request; whether the controller carried it out."""
        self._problem = None
        emit()
        self._select_after = None
        return self._problem is None

    def _show_metrics(self, select: str | None = None) -> None:
        current = self.selected_metric()
        wanted = select or (current.name if current is not None else None)
        self.metrics_view.clear()
        for metric in self.state.metrics:
            if metric.builtin:
                status = tr("built in")
            elif metric.archived:
                status = tr("archived")
            else:
                status = tr("in use")
            item = QTreeWidgetItem(
                [
                    metric_label(metric),
                    tr("{low} to {high}").format(low=metric.min_value, high=metric.max_value),
                    tr(BETTER_NAMES[metric.better]),
                    status,
                ]
            )
            item.setData(NAME_COLUMN, Qt.ItemDataRole.UserRole, metric)
            self.metrics_view.addTopLevelItem(item)
            if metric.name == wanted:
                self.metrics_view.setCurrentItem(item)
        for column in range(self.metrics_view.columnCount() - 1):
            self.metrics_view.resizeColumnToContents(column)
            width = self.metrics_view.columnWidth(column)
            self.metrics_view.setColumnWidth(column, width + COLUMN_PADDING)
        self._update_metric_buttons()

    def selected_metric(self) -> Metric | None:
        item = self.metrics_view.currentItem()
        metric = item.data(NAME_COLUMN, Qt.ItemDataRole.UserRole) if item else None
        return metric if isinstance(metric, Metric) else None

    def select_metric(self, name: str) -> None:
        """Select the metric called ``name``, in any case ("Sleep hours", "sleep hours")."""
        for row in range(self.metrics_view.topLevelItemCount()):
            item = self.metrics_view.topLevelItem(row)
            metric = item.data(NAME_COLUMN, Qt.ItemDataRole.UserRole) if item else None
            if item is not None and isinstance(metric, Metric) and metric.name == metric_key(name):
                self.metrics_view.setCurrentItem(item)
                return
        raise KeyError(name)

    def _update_metric_buttons(self) -> None:
        metric = self.selected_metric()
        editable = metric is not None and not metric.builtin
        self.rename_button.setEnabled(editable)
        self.archive_button.setEnabled(editable)
        self.clear_history_button.setEnabled(metric is not None)
        if metric is not None and metric.archived:
            self.archive_button.setText(tr("Unar&chive"))
        else:
            self.archive_button.setText(tr("Ar&chive"))
        if metric is not None and metric.builtin:
            self.rename_button.setToolTip(tr("Built-in metrics keep their names"))
            self.archive_button.setToolTip(tr("Built-in metrics are always asked for"))
        else:
            self.rename_button.setToolTip("")
            self.archive_button.setToolTip("")

    def _show_self_check(self, check: SelfCheckState | None) -> None:
        if check is None:
            self.self_check_title.setText(tr("Not taken yet"))
            self.self_check_text.setText(
                tr(
                    "Seven quick statements on whether you like to blend work and home "
                    "or keep them apart. It takes about a minute."
                )
            )
            self.self_check_button.setText(tr("Take the &self-check"))
            return
        self.self_check_title.setText(
            tr("{label} (taken {date})").format(
                label=tr(check.label), date=check.result.taken_on.isoformat()
            )
        )
        self.self_check_text.setText(tr(check.text))
        self.self_check_button.setText(tr("Take the &self-check again"))

    # --- actions ----------------------------------------------------------------------

    def add_metric(self) -> MetricDialog:
        def save(dialog: MetricDialog) -> bool:
            draft = MetricDraft(
                dialog.name_edit.text().strip(),
                dialog.min_spin.value(),
                dialog.max_spin.value(),
                dialog.better(),
            )
            return self._ask(lambda: self.metric_add_requested.emit(draft))

        return self._open_metric_dialog(MetricDialog(save, None, self))

    def rename_metric(self) -> MetricDialog | None:
        metric = self.selected_metric()
        if metric is None or metric.builtin:
            return None

        def save(dialog: MetricDialog) -> bool:
            new_name = dialog.name_edit.text().strip()
            return self._ask(lambda: self.metric_rename_requested.emit(metric.name, new_name))

        return self._open_metric_dialog(MetricDialog(save, metric, self))

    def _open_metric_dialog(self, dialog: MetricDialog) -> MetricDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.metric_dialog = dialog
        dialog.open()
        return dialog

    def toggle_archived(self) -> None:
        metric = self.selected_metric()
        if metric is None or metric.builtin:
            return
        self._ask(lambda: self.metric_archive_requested.emit(metric.name, not metric.archived))

    def remove_metric_history(self) -> bool:
        """Ask once, then ask for every rating of the selected metric to be removed."""
        metric = self.selected_metric()
        if metric is None:
            return False
        text = tr(
            "Remove every {name} rating from every day? The metric stays, and so does the "
            "rest of each day."
        ).format(name=metric_label(metric))
        if not confirm.ask_to_remove(self, tr("Remove ratings"), text):
            return False
        return self._ask(lambda: self.metric_history_remove_requested.emit(metric.name))

    def _save_reminder(self) -> None:
        if self._loading:
            return
        value: dt.time | None = self.reminder.value()
        self._ask(lambda: self.reminder_requested.emit(value))

    def _save_keep_in_tray(self, checked: bool) -> None:
        if self._loading:
            return
        self._ask(lambda: self.keep_in_tray_requested.emit(checked))

    def _save_theme(self, _index: int) -> None:
        if self._loading:
            return
        theme = str(self.theme_combo.currentData())
        if self._ask(lambda: self.theme_requested.emit(theme)):
            self.theme_changed.emit(theme)

    def take_self_check(self) -> SelfCheckDialog:
        def save(answers: tuple[int, ...]) -> bool:
            return self._ask(lambda: self.self_check_answered.emit(answers))

        previous = self.state.self_check.result if self.state.self_check else None
        dialog = SelfCheckDialog(save, previous, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.self_check_dialog = dialog
        dialog.open()
        return dialog

    def database_folder(self) -> Path:
        return self.state.db_path.expanduser().absolute().parent

    def open_folder(self) -> None:
        folder = self.database_folder()
        if self.open_in_file_manager(folder):
            self.folder_status.clear()
        else:
            self.folder_status.setText(tr("Could not open the folder; copy the path above."))

    def open_in_file_manager(self, folder: Path) -> bool:
        """The one place that talks to the desktop; tests replace it."""
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def about_text(self) -> str:
        return tr(
            "<p><b>{name}</b> {version}</p>"
            "<p>A private lab notebook for small work-life integration experiments.</p>"
            "<p>No network access: your data stays on this computer.</p>"
        ).format(name=APP_DISPLAY_NAME, version=html.escape(self.state.version))

    def show_about(self) -> None:
        QMessageBox.about(self, tr("About {name}").format(name=APP_DISPLAY_NAME), self.about_text())
