"""Screen states built in the background: the newest wins, a change supersedes, refusals shown."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from wlitracker.core.model.errors import ValidationError, WliError
from wlitracker.core.services.journal import Journal
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository
from wlitracker.ui.controllers.states import StateBuilder
from wlitracker.ui.controllers.trends import TrendsController

DAY = dt.timedelta(days=1)


@pytest.fixture
def journals(tmp_path: Path, today: dt.date) -> tuple[Journal, list[threading.Thread]]:
    path = tmp_path / "journal.db"
    journal = Journal(SqliteRepository(open_database(path), path), lambda: today)
    for offset in range(30):
        journal.check_ins.update(today - offset * DAY, ratings={"satisfaction": 4 + offset % 5})
    return journal, []


def reader_for(
    journal: Journal, today: dt.date, threads: list[threading.Thread]
) -> Callable[[], Journal]:
    repo = journal.repo
    assert isinstance(repo, SqliteRepository)
    path = repo.path

    def reader() -> Journal:
        threads.append(threading.current_thread())
        return Journal(SqliteRepository(open_database(path), path), lambda: today)

    return reader


def test_the_trends_page_is_built_off_the_window_thread_with_the_latest_data(
    qtbot: QtBot, journals: tuple[Journal, list[threading.Thread]], today: dt.date
) -> None:
    journal, threads = journals
    controller = TrendsController(journal, reader=reader_for(journal, today, threads))
    page = controller.page
    qtbot.addWidget(page)
    page.show()
    page.range_combo.setCurrentIndex(page.range_combo.findData("4 weeks"))
    qtbot.waitUntil(lambda: page.state.range_name == "4 weeks")
    assert threads and threads[0] is not threading.main_thread()
    journal.check_ins.update(today, ratings={"satisfaction": 10}, note="seen")
    qtbot.waitUntil(lambda: bool(page.state.rows) and page.state.rows[0].note == "seen")
    assert page.state.rows[0].ratings["satisfaction"] == 10


def test_only_the_newest_request_is_shown_and_a_change_supersedes(
    qtbot: QtBot, journals: tuple[Journal, list[threading.Thread]], today: dt.date
) -> None:
    journal, threads = journals
    owner = TrendsController(journal).page  # any QObject on this thread
    qtbot.addWidget(owner)
    builder = StateBuilder(journal, reader_for(journal, today, threads), owner)
    shown: list[str] = []
    gate = threading.Event()

    def slow(_: Journal) -> str:
        gate.wait(5)
        return "old"

    builder.build(slow, shown.append, lambda e: shown.append(str(e)))
    builder.build(lambda j: f"{len(j.check_ins.history())} days", shown.append, print)
    gate.set()
    qtbot.waitUntil(lambda: not builder.busy)
    assert shown == ["30 days"]

    gate.clear()
    builder.build(slow, shown.append, print)
    journal.check_ins.update(today - 40 * DAY, ratings={"guilt": 1})  # a change meanwhile
    gate.set()
    qtbot.wait(200)
    assert shown == ["30 days"]  # built before the change: never shown as current


def test_a_refusal_in_the_background_is_shown_on_the_window_thread(
    qtbot: QtBot, journals: tuple[Journal, list[threading.Thread]], today: dt.date
) -> None:
    journal, threads = journals
    owner = TrendsController(journal).page
    qtbot.addWidget(owner)
    builder = StateBuilder(journal, reader_for(journal, today, threads), owner)
    problems: list[WliError] = []
    where: list[threading.Thread] = []

    def refuse(_: Journal) -> None:
        raise ValidationError("range", "no such range")

    def failed(error: WliError) -> None:
        where.append(threading.current_thread())
        problems.append(error)

    builder.build(refuse, print, failed)
    qtbot.waitUntil(lambda: bool(problems))
    assert "no such range" in str(problems[0]) and where == [threading.main_thread()]


def test_first_states_are_made_ahead_and_dropped_after_a_change(
    qtbot: QtBot, journals: tuple[Journal, list[threading.Thread]], today: dt.date
) -> None:
    from wlitracker.ui.main_window import EXPERIMENTS, TRENDS, MainWindow
    from wlitracker.ui.session import Session

    journal, threads = journals
    repo = journal.repo
    assert isinstance(repo, SqliteRepository)
    session = Session(journal, repo.path, None, "1", reader=reader_for(journal, today, threads))
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show_content()
    both = {EXPERIMENTS, TRENDS}
    qtbot.waitUntil(lambda: set(window._ahead) == both, timeout=10_000)
    journal.check_ins.update(today, note="changed")  # what was made ahead is out of date
    qtbot.waitUntil(lambda: not window._ahead)
    window._preload_charts()
    qtbot.waitUntil(lambda: set(window._ahead) == both, timeout=10_000)
    ahead = dict(window._ahead)
    for index in both:
        window.show_page(index)
        assert window.page(index).state is ahead[index]  # type: ignore[attr-defined]
    assert not window._ahead
