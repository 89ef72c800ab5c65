"""Exporting a report: a name from the experiment, a remembered folder, and where it went."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from wlitracker.core.present.experiments import report_file_name
from wlitracker.core.services.journal import Journal
from wlitracker.core.templates import template
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui import review_panel
from wlitracker.ui.controllers.experiments import ExperimentsController


def test_the_file_name_comes_from_the_title_and_the_day() -> None:
    day = dt.date(2026, 3, 16)
    assert report_file_name("Walk at lunch!", day) == "walk-at-lunch-2026-03-16.pdf"
    assert report_file_name("A/B: café breaks", day) == "a-b-café-breaks-2026-03-16.pdf"
    assert report_file_name("???", day, "html") == "experiment-2026-03-16.html"


def test_the_report_goes_where_the_person_chose_and_the_next_one_starts_there(
    qtbot: QtBot,
    sqlite_repo: SqliteRepository,
    today: dt.date,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    journal = Journal(sqlite_repo, lambda: today)
    start = today - dt.timedelta(days=20)
    journal.experiments.create(template("short-breaks").to_experiment(start))
    page = ExperimentsController(journal).page
    qtbot.addWidget(page)
    page.show()
    suggested: list[Path] = []
    chosen = tmp_path / "for my manager"
    chosen.mkdir()

    def save_file(_parent: object, _title: str, where: Path, _filter: str) -> Path:
        suggested.append(Path(where))
        return chosen / Path(where).name

    opened: list[Path] = []

    def open_file(path: Path) -> bool:
        opened.append(path)
        return True

    monkeypatch.setattr("wlitracker.ui.file_dialogs.save_file", save_file)
    monkeypatch.setattr(review_panel, "open_file", open_file)

    page.review.report_dialog()

    first = suggested[0]
    assert first.name == f"short-breaks-through-the-day-{today.isoformat()}.pdf"
    assert first.parent in (Path.home() / "Documents", Path.home())
    written = chosen / first.name
    assert written.read_bytes().startswith(b"%PDF")
    box = page.review.written_box
    assert isinstance(box, QMessageBox) and str(written) in box.text()
    open_button = next(b for b in box.buttons() if "Open" in b.text())
    open_button.click()
    assert opened == [written]

    page.review.report_dialog()
    assert suggested[1].parent == chosen  # remembered
