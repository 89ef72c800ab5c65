"""The Review area of an experiment: its charts, the numbers on demand, and the report."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.model.errors import WliError
from ..core.model.words import STATUS_WORDS
from .chart_view import ChartView
from .feedback import show_problem, tr
from .flow_layout import FlowLayout
from .sizes import SidewaysScroll
from .style import secondary_label

if TYPE_CHECKING:
    from ..core.present.experiments import ExperimentDetailState
    from ..core.services.evaluation import Evaluation

REPORT_FILTER = "PDF document (*.pdf);;Web page (*.html)"


def numbers_html(evaluation: Evaluation) -> str:
    """The decision rule's figures and the effect sizes behind the verdict, on demand."""
    rows = []
    for m in evaluation.metrics:

        def fmt(estimate: object, signed: bool = True) -> str:
            value = getattr(estimate, "value", None)
            if value is None:
                return "–"
            low, high = getattr(estimate, "ci_low", None), getattr(estimate, "ci_high", None)
            text = f"{value:+.2f}" if signed else f"{value:.2f}"
            if low is not None and high is not None:
                text += f" ({low:.2f} to {high:.2f})"
            return text

        mean = (
            f"{m.baseline_mean:.1f} → {m.trial_mean:.1f}"
            if m.baseline_mean is not None and m.trial_mean is not None
            else "–"
        )
        change = "–"
        if m.change is not None and m.change_ci is not None:
            change = f"{m.change:+.1f} ({m.change_ci[0]:+.1f} to {m.change_ci[1]:+.1f})"
        rho = "–" if m.autocorrelation is None else f"{m.autocorrelation:.2f}"
        name = m.label + (tr(" (main)") if m.primary and len(evaluation.metrics) > 1 else "")
        rows.append(
            "<tr>"
            + "".join(
                f"<td>{html.escape(cell)}</td>"
                for cell in (
                    name,
                    STATUS_WORDS[m.status],
                    f"{m.n_baseline} / {m.n_trial}",
                    mean,
                    change,
                    rho,
                    fmt(m.nap, signed=False),
                    fmt(m.tau),
                    fmt(m.tau_bc),
                    fmt(m.smd),
                )
            )
            + "</tr>"
        )
    if not rows:
        return html.escape(tr("No numbers yet: there is nothing to compare."))
    head = "".join(
        f"<th align='left'>{html.escape(h)}</th>"
        for h in (
            tr("metric"),
            tr("decision"),
            tr("days A / B"),
            tr("mean A → B"),
            tr("change (95%)"),
            tr("alike"),
            tr("NAP (95% CI)"),
            tr("Tau"),
            tr("Tau-BC"),
            tr("SMD"),
        )
    )
    return f"<table cellspacing='6'><tr>{head}</tr>{''.join(rows)}</table>"


def numbers_note() -> str:
    """What the numbers' columns mean, under their table."""
    return tr(
        "Decision and change: from a model for days that resemble each other (alike: "
        "the estimated autocorrelation, 0 for independent days), strict before the "
        "planned end. NAP: the share of comparisons of a baseline day with a trial day "
        "in which the trial day was better; 0.5 means no difference. Tau = 2 NAP - 1. "
        "Tau-BC corrects for a baseline trend. SMD: the change in baseline standard "
        "deviations. These four describe; they do not decide."
    )


def report_folder() -> Path:
    """Where reports go: the folder used last, else the Documents folder, else home."""
    from PySide6.QtCore import QSettings, QStandardPaths

    remembered = QSettings().value("reports/folder")
    if isinstance(remembered, str) and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember_report_folder(folder: Path) -> None:
    from PySide6.QtCore import QSettings

    QSettings().setValue("reports/folder", str(folder))


def open_file(path: Path) -> bool:
    """Show a written file in the desktop's own viewer (the one place that asks it)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ReviewPanel(QWidget):
    """Shows the charts and numbers of the experiment's detail state; asks for the report.

    ``protected``: the journal's files, never written over by a chart or a report.
    """

    report_requested = Signal(object)  # a Path; the controller answers before emit returns

    def __init__(self, protected: Sequence[Path] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.experiment_id: int | None = None
        self._written: Path | None = None
        self._problem: str | None = None
        self.evaluation: Evaluation | None = None
        self.report_name: str | None = None  # the file name the report dialog suggests
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(tr("Review charts"))
        self.experiment_chart = ChartView("experiment", self.tabs, protected=protected)
        self.compare_chart = ChartView("compare", self.tabs, protected=protected)
        self.experiment_chart.setMinimumHeight(340)
        self.compare_chart.setMinimumHeight(300)
        self.tabs.addTab(self.experiment_chart, tr("Day by day"))
        self.tabs.addTab(self.compare_chart, tr("Before and after"))
        layout.addWidget(self.tabs)
        row = FlowLayout()
        self.numbers_toggle = QCheckBox(tr("Show the num&bers"), self)
        self.numbers_toggle.setAccessibleName(tr("Show the effect sizes"))
        self.report_button = QPushButton(tr("E&xport report…"), self)
        self.report_button.setAccessibleName(tr("Export a one-page report"))
        self.report_button.setToolTip(tr("A one-page PDF or web page, to share or print"))
        row.addWidget(self.numbers_toggle)
        row.end_here()
        row.addWidget(self.report_button)
        layout.addLayout(row)
        self.numbers = QLabel()
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)  # its cells wrap before the table scrolls
        self.numbers.setAccessibleName(tr("Effect sizes"))
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.numbers_area = SidewaysScroll(self.numbers, self)  # a wide table scrolls alone
        self.numbers_area.hide()
        layout.addWidget(self.numbers_area)
        self.numbers_note = secondary_label(numbers_note(), self)
        self.numbers_note.hide()
        layout.addWidget(self.numbers_note)
        self.numbers_toggle.toggled.connect(self._show_numbers)
        self.report_button.clicked.connect(self.report_dialog)

    def set_detail(self, detail: ExperimentDetailState | None, today: dt.date) -> None:
        """The experiment's charts and numbers; hidden for routines and unscheduled ones.

        The specs and the evaluation come already made with the page's state.
        """
        self.experiment_id = detail.view.id if detail is not None else None
        self.evaluation = detail.evaluation if detail is not None else None
        chart = detail.experiment_chart if detail is not None else None
        compared = detail.compare_chart if detail is not None else None
        self.setVisible(chart is not None)
        if chart is None or compared is None:
            return
        self.experiment_chart.set_spec(chart, today, savable=not chart.is_empty)
        self.compare_chart.set_spec(compared, today, savable=not compared.is_empty)
        self._show_numbers(self.numbers_toggle.isChecked())

    def _show_numbers(self, shown: bool) -> None:
        self.numbers_area.setVisible(shown)
        self.numbers_note.setVisible(shown)
        if shown and self.evaluation is not None:
            self.numbers.setText(numbers_html(self.evaluation))

    def report_dialog(self) -> None:
        """Ask where (the folder used last, else Documents), write, then say where it went."""
        if self.experiment_id is None:
            return
        from .file_dialogs import save_file

        folder = report_folder()
        suggested = folder / (self.report_name or f"experiment-{self.experiment_id}.pdf")
        path = save_file(self, tr("Export report"), suggested, tr(REPORT_FILTER))
        if path is None:
            return
        written = self.export_report(path)
        if written is not None:
            remember_report_folder(written.parent)
            self.show_written(written)

    def show_written(self, path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, tr("Report exported"), "", parent=self)
        box.setText(tr("The report was written to:\n{path}").format(path=path))
        opened = box.addButton(tr("&Open it"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: open_file(path) if button is opened else None)
        box.open()
        self.written_box = box

    def export_report(self, path: Path) -> Path | None:
        """Ask for the one-page report (PDF or HTML, by the extension); where it went."""
        if self.experiment_id is None:
            return None
        self._written = self._problem = None
        self.report_requested.emit(path)
        return None if self._problem is not None else self._written

    def report_written(self, path: Path) -> None:
        """The controller's answer: the report is at ``path``."""
        self._written = path

    def show_problem(self, error: WliError) -> None:
        self._problem = str(error)
        show_problem(self, error)
