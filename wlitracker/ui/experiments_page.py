"""The Experiments page: every experiment by status, one in detail, and the decisions.

The page shows an ``ExperimentsState`` and asks for every change (select, create,
edit, decide, undo) through its signals; its controller
(``ui.controllers.experiments``) answers each request before ``emit`` returns,
with a new state or ``show_problem``. Dialogs are made by small factory methods
and run by ``run_dialog`` so tests can drive the real widgets without a blocking
event loop.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from ..core.model.entities import DecisionKind, Experiment, PhaseKind, RoutineChangeKind
from ..core.model.errors import WliError
from ..core.model.words import DECISION_WORDS
from ..core.present.experiment_form import Group, adjust_draft, blank_draft, grouped
from ..core.present.experiments import (
    DecisionRequest,
    EditorSupport,
    ExperimentDetailState,
    ExperimentsState,
    ExperimentView,
    RoutineRequest,
    report_file_name,
)
from ..core.templates import template
from . import confirm
from .decision_dialog import DecisionDialog, EarlyDecisionDialog
from .experiment_detail import ExperimentDetail, days_left_text, phase_text
from .experiment_editor import ExperimentEditor
from .feedback import show_problem, tr
from .flow_layout import FlowLayout
from .idea_gallery import IdeaGallery
from .review_panel import ReviewPanel
from .routine_panel import ReasonDialog
from .style import GAP, SPACING, EmptyState, page_layout, page_title
from .theme import PHASE_COLOURS

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = 3


def group_title(group: Group) -> str:
    return {
        Group.RUNNING: tr("Running"),
        Group.READY: tr("Ready to review"),
        Group.PLANNED: tr("Planned"),
        Group.FINISHED: tr("Finished"),
    }[group]


class _RoomyDelegate(QStyledItemDelegate):
    """A few pixels more per row, so the list is easy to read and to click."""

    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


_PHASE_ICONS: dict[PhaseKind, QIcon] = {}


def _phase_icon(kind: PhaseKind) -> QIcon:
    """One icon per phase kind, shared by every row that shows it."""
    icon = _PHASE_ICONS.get(kind)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(PHASE_COLOURS[kind.value]))
        icon = _PHASE_ICONS[kind] = QIcon(pixmap)
    return icon


class ExperimentsPage(QWidget):
    """Experiments grouped by status on the left, the selected one on the right."""

    current_changed = Signal(object)  # the selected experiment's id, or None
    # What the person asks for; the controller answers each before ``emit`` returns.
    select_requested = Signal(int)
    create_requested = Signal(object)  # Experiment (a draft)
    update_requested = Signal(object)  # Experiment
    decide_requested = Signal(object)  # DecisionRequest
    undo_requested = Signal(int)  # experiment id
    remove_requested = Signal(int)  # experiment id: it goes with its marks and decisions
    remove_decision_requested = Signal(int)  # decision id
    routine_requested = Signal(object)  # RoutineRequest: pause, resume or retire

    def __init__(
        self,
        state: ExperimentsState,
        support: EditorSupport,
        review: ReviewPanel,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.support = support
        self.review = review
        self._views: dict[int, ExperimentView] = {}
        self._selected: int | None = None
        self._filling = False
        self._problem: str | None = None
        layout = page_layout(self)
        header = FlowLayout(spacing=GAP)
        header.addWidget(page_title(tr("Experiments"), self))
        header.end_here()
        self.toolbar = QWidget(self)
        bar = FlowLayout(self.toolbar, spacing=SPACING)
        self.new_button = self._button(tr("&New experiment"), self.toolbar, self.new_experiment)
        self.idea_button = self._button(
            tr("Start from an &idea"), self.toolbar, self.start_from_idea
        )
        self.edit_button = self._button(tr("E&dit"), self.toolbar, self.edit)
        for button in (self.new_button, self.idea_button, self.edit_button):
            bar.addWidget(button)
        bar.end_here()
        self.remove_button = self._button(tr("&Remove…"), self.toolbar, self.remove)
        self.remove_button.setAccessibleName(tr("Remove the selected experiment"))
        self.remove_button.setToolTip(
            tr("Remove the experiment with its adherence marks and decisions (Undo brings it back)")
        )
        bar.addWidget(self.remove_button)
        header.addWidget(self.toolbar)
        layout.addLayout(header)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_empty())
        self.stack.addWidget(self._build_main())
        layout.addWidget(self.stack, 1)
        self._build_actions()
        self.set_state(state)

    # building
    def _button(self, text: str, parent: QWidget, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, parent)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(lambda _=False: slot())
        return button

    def _build_empty(self) -> QWidget:
        self.empty_idea_button = self._button(tr("Start from an &idea"), self, self.start_from_idea)
        self.empty_new_button = self._button(tr("&New experiment"), self, self.new_experiment)
        self.empty_idea_button.setDefault(True)
        return EmptyState(
            tr("No experiments yet"),
            tr(
                "An experiment is one small change to your days, tried for a few weeks "
                "and compared with the usual way. Whatever the result, you learn "
                "something. Start from one of ten ideas, or write your own."
            ),
            (self.empty_idea_button, self.empty_new_button),
            self,
        )

    def _build_main(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.tree = QTreeWidget(splitter)
        self.tree.setColumnCount(COLUMNS)
        self.tree.setHeaderLabels([tr("Experiment"), tr("Phase"), tr("Days left")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(_RoomyDelegate(self.tree))
        self.tree.setAccessibleName(tr("Experiments by status"))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # Widths from a few dozen rows, not every experiment there ever was (each asks the
        # delegate, in Python, for its size).
        header.setResizeContentsPrecision(48)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        scroll = QScrollArea(splitter)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # The detail wraps to the width it gets: nothing is cut off or pushed sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail_scroll = scroll
        self.detail = ExperimentDetail(scroll)
        self.review.setParent(self.detail)
        self.detail.review_slot.addWidget(self.review)
        scroll.setWidget(self.detail)
        self.detail.decision_requested.connect(self.decide)
        self.detail.undo_requested.connect(self.undo_decision)
        self.detail.remove_decision_requested.connect(self.remove_decision)
        self.detail.routine_panel.change_requested.connect(self.change_routine)
        self.detail.version_chosen.connect(self.select)
        splitter.addWidget(self.tree)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 680])
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_actions(self) -> None:
        self.actions_by_name: dict[str, QAction] = {}
        for name, text, keys, slot in (
            ("new", tr("New experiment"), "Ctrl+N", self.new_experiment),
            ("idea", tr("Start from an idea"), "Ctrl+Shift+N", self.start_from_idea),
            ("edit", tr("Edit experiment"), "Ctrl+E", self.edit),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, s=slot: s())
            self.addAction(action)
            self.actions_by_name[name] = action
        for name, button in (
            ("new", self.new_button),
            ("idea", self.idea_button),
            ("edit", self.edit_button),
        ):
            shortcut = (
                self.actions_by_name[name]
                .shortcut()
                .toString(QKeySequence.SequenceFormat.NativeText)
            )
            button.setToolTip(f"{self.actions_by_name[name].text()} ({shortcut})")

    # state
    def set_updating(self, updating: bool) -> None:
        """A new state is being made: the charts shown fade until it is here."""
        for view in (self.review.experiment_chart, self.review.compare_chart):
            view.set_outdated(updating)

    def set_state(self, state: ExperimentsState) -> None:
        """Show the list and the selected experiment (the controller's answer to a change)."""
        self.state = state
        self.set_updating(False)
        self._views = {view.id: view for view in state.views}
        self._filling = True
        try:
            self._fill_tree()
        finally:
            self._filling = False
        has_any = bool(state.views)
        self.stack.setCurrentIndex(1 if has_any else 0)
        self.toolbar.setVisible(has_any)
        detail = state.selected
        if detail is None:
            self.review.set_detail(None, state.today)
            self._selected = None
            self._sync_actions()
            self.current_changed.emit(None)
            return
        item = self._item_for(detail.view.id)
        if item is not None:
            self._filling = True
            try:
                self.tree.setCurrentItem(item)
            finally:
                self._filling = False
            self.tree.scrollToItem(item)
        self._show(detail)

    def show_problem(self, error: WliError) -> None:
        """A request was refused: say why; nothing was changed."""
        self._problem = str(error)
        show_problem(self, error)

    def _ask(self, emit: Callable[[], None]) -> bool:
        """Emit a request; whether the controller carried it out."""
        self._problem = None
        emit()
        return self._problem is None

    def _fill_tree(self) -> None:
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for group, views in grouped(self._views.values()):
            header = QTreeWidgetItem([f"{group_title(group)} ({len(views)})"])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            header.setFont(0, bold)
            self.tree.addTopLevelItem(header)
            header.setFirstColumnSpanned(True)
            for view in views:
                header.addChild(self._item(view))
            header.setExpanded(True)

    def _item(self, view: ExperimentView) -> QTreeWidgetItem:
        experiment = view.experiment
        title = experiment.title
        if experiment.version > 1:
            title = tr("{title} (v{version})").format(title=title, version=experiment.version)
        left = days_left_text(view.days_left) if view.is_open else ""
        item = QTreeWidgetItem([title, phase_text(view), left])
        item.setData(0, ID_ROLE, view.id)
        item.setToolTip(0, experiment.shift or experiment.title)
        if view.current_phase is not None and view.is_open:
            item.setIcon(1, _phase_icon(view.current_phase.kind))
        return item

    def experiment_items(self) -> Iterator[QTreeWidgetItem]:
        """The list's experiment rows, group by group (headers left out)."""
        for top in range(self.tree.topLevelItemCount()):
            header = self.tree.topLevelItem(top)
            if header is None:
                continue
            for row in range(header.childCount()):
                child = header.child(row)
                if child is not None:
                    yield child

    def _item_for(self, experiment_id: int) -> QTreeWidgetItem | None:
        return next(
            (i for i in self.experiment_items() if i.data(0, ID_ROLE) == experiment_id), None
        )

    def select(self, experiment_id: int) -> None:
        """Show ``experiment_id`` in the detail and highlight it in the list."""
        self.select_requested.emit(experiment_id)

    def selected_id(self) -> int | None:
        return self._selected

    def set_verdict(self, text: str | None) -> None:
        self.detail.set_verdict(text)

    def _selection_changed(self) -> None:
        if self._filling:
            return
        items = self.tree.selectedItems()
        if items and items[0].data(0, ID_ROLE) is not None:
            self.select(int(items[0].data(0, ID_ROLE)))

    def _show(self, detail: ExperimentDetailState) -> None:
        view = detail.view
        self.detail.set_state(
            view, detail.lineage, detail.strip, self.state.today, detail.routine, self.state.labels
        )
        self.review.set_detail(detail, self.state.today)
        self.review.report_name = report_file_name(view.experiment.title, self.state.today)
        self._show_verdict(detail.summary)
        changed = view.id != self._selected
        self._selected = view.id
        self._sync_actions()
        if changed:
            self.detail_scroll.verticalScrollBar().setValue(0)  # a new one starts at its top
            self.current_changed.emit(view.id)

    def _show_verdict(self, lines: Sequence[str]) -> None:
        """The evaluation in plain words, reason first."""
        first, rest = (
            html.escape(lines[0]),
            "".join(f"<li>{html.escape(line)}</li>" for line in lines[1:]),
        )
        self.set_verdict(f"<b>{first}</b><ul style='margin-left: 0'>{rest}</ul>")

    def _sync_actions(self) -> None:
        has_selection = self._selected is not None
        self.edit_button.setEnabled(has_selection)
        self.remove_button.setEnabled(has_selection)
        self.actions_by_name["edit"].setEnabled(has_selection)

    # dialogs (factories and the runner are separate so tests can drive them)
    def run_dialog(self, dialog: QDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def make_editor(self, draft: Experiment, heading: str | None = None) -> ExperimentEditor:
        return ExperimentEditor(
            draft,
            self.state.metrics,
            self.support.validate,
            self.state.today,
            heading,
            self,
            advise=self.support.advise,
        )

    def make_gallery(self) -> IdeaGallery:
        return IdeaGallery(self)

    def make_decision_dialog(self, kind: DecisionKind, title: str) -> DecisionDialog:
        return DecisionDialog(kind, title, self)

    def make_early_dialog(self, kind: DecisionKind, note: str) -> EarlyDecisionDialog:
        return EarlyDecisionDialog(kind, note, self)

    def _edited(self, draft: Experiment, heading: str | None = None) -> Experiment | None:
        editor = self.make_editor(draft, heading)
        try:
            return editor.experiment() if self.run_dialog(editor) else None
        finally:
            editor.deleteLater()

    # actions
    def new_experiment(self) -> None:
        self._create(blank_draft(self.state.today))

    def start_from_idea(self) -> None:
        gallery = self.make_gallery()
        try:
            key = gallery.chosen_key() if self.run_dialog(gallery) else None
        finally:
            gallery.deleteLater()
        if key is not None:
            self._create(template(key).to_experiment(self.state.today))

    def change_routine(self, kind: RoutineChangeKind) -> None:
        """Pause or retire (with a reason asked for), or resume the routine shown."""
        view = self._views.get(self._selected) if self._selected is not None else None
        if view is None:
            return
        reason = ""
        if kind is not RoutineChangeKind.RESUME:
            dialog = ReasonDialog(kind, view.experiment.title, self)
            try:
                if not self.run_dialog(dialog):
                    return
                reason = dialog.reason()
            finally:
                dialog.deleteLater()
        request = RoutineRequest(view.id, kind, reason)
        self._ask(lambda: self.routine_requested.emit(request))

    def create_from(self, draft: Experiment) -> None:
        """The experiment form filled in with ``draft`` (a suggestion to test); created on OK."""
        self._create(draft)

    def _create(self, draft: Experiment) -> None:
        edited = self._edited(draft)
        if edited is not None:
            self._ask(lambda: self.create_requested.emit(edited))

    def edit(self) -> None:
        view = self._views.get(self._selected) if self._selected is not None else None
        if view is None:
            return
        edited = self._edited(view.experiment)
        if edited is not None:
            self._ask(lambda: self.update_requested.emit(edited))

    def decide(self, kind: DecisionKind) -> None:
        """Ask for a reason (and, to adjust, the next version), then record the decision."""
        view = self._views.get(self._selected) if self._selected is not None else None
        if view is None or not view.is_open:
            return
        detail = self.state.selected
        note = detail.early_note if detail is not None and detail.view.id == view.id else None
        if note is not None:
            early = self.make_early_dialog(kind, note)
            try:
                if not self.run_dialog(early):
                    return
            finally:
                early.deleteLater()
        dialog = self.make_decision_dialog(kind, view.experiment.title)
        try:
            reason = dialog.reason() if self.run_dialog(dialog) else ""
        finally:
            dialog.deleteLater()
        if not reason:
            return
        next_version: Experiment | None = None
        if kind is DecisionKind.ADJUST:
            draft = adjust_draft(view.experiment, self.state.today)
            heading = tr("Adjust: version {n}").format(n=draft.version)
            next_version = self._edited(draft, heading)
            if next_version is None:
                return
        request = DecisionRequest(view.id, kind, reason, next_version)
        if self._ask(lambda: self.decide_requested.emit(request)) and kind is DecisionKind.SWITCH:
            self.start_from_idea()

    def undo_decision(self) -> None:
        """Take back the selected experiment's latest decision (and an untouched next version)."""
        view = self._views.get(self._selected) if self._selected is not None else None
        if view is None or view.closing is None:
            return
        self._ask(lambda: self.undo_requested.emit(view.id))

    def remove(self) -> None:
        """Ask once, then remove the selected experiment with its marks and decisions."""
        view = self._views.get(self._selected) if self._selected is not None else None
        if view is None:
            return
        text = tr(
            "Remove “{title}” with its adherence marks and decisions? Your ratings, notes "
            "and other experiments stay."
        ).format(title=view.experiment.title)
        if confirm.ask_to_remove(self, tr("Remove the experiment"), text):
            self._ask(lambda: self.remove_requested.emit(view.id))

    def remove_decision(self, decision_id: int) -> None:
        """Ask once, then remove one decision: the experiment is open again."""
        view = self._views.get(self._selected) if self._selected is not None else None
        decision = next((d for d in view.decisions if d.id == decision_id), None) if view else None
        if view is None or decision is None:
            return
        text = tr(
            "Remove the decision “{kind}” of {date} on “{title}”? The experiment is open again; "
            "a version it made stays."
        ).format(
            kind=tr(DECISION_WORDS[decision.kind]),
            date=decision.decided_on.isoformat(),
            title=view.experiment.title,
        )
        if confirm.ask_to_remove(self, tr("Remove the decision"), text):
            self._ask(lambda: self.remove_decision_requested.emit(decision_id))
