"""Getting around: the demo says what it is and leads back; a second start brings the window up."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from wlitracker import app
from wlitracker.app import Imports, open_journal
from wlitracker.core.services import demo
from wlitracker.storage.instance_lock import InstanceLock, ask_to_raise, raise_request_path
from wlitracker.ui.main import Launcher
from wlitracker.ui.session import Session


def _launcher(qtbot: QtBot, tmp_path: Path) -> tuple[Launcher, Session]:
    db = tmp_path / "journal.db"
    journal, _ = open_journal(db)
    journal.check_ins.update(journal.today(), note="mine")
    demo_path = app.demo_path_for(db)

    def open_demo() -> object:
        demo_journal, _ = open_journal(demo_path, (db,))
        demo.fill(demo_journal.repo, demo_journal.today(), force=True)
        return demo_journal

    session = Session(
        journal,
        db,
        None,
        "1",
        open_demo,  # type: ignore[arg-type]
        demo_path,
        importer=Imports(),
        raise_requests=raise_request_path(db),
    )
    launcher = Launcher(QApplication.instance(), session)  # type: ignore[arg-type]
    launcher.open(session)
    assert launcher.window is not None
    qtbot.addWidget(launcher.window)
    return launcher, session


def test_the_demo_has_a_banner_and_leads_back_to_ones_own_journal(
    qtbot: QtBot, tmp_path: Path
) -> None:
    launcher, own = _launcher(qtbot, tmp_path)
    assert launcher.window is not None and launcher.window.demo_banner is None

    launcher.open_demo()
    demo_window = launcher.window
    assert demo_window is not None and demo_window.session.is_demo
    qtbot.addWidget(demo_window)
    assert demo_window.demo_banner is not None and demo_window.back_button is not None
    texts = [label.text() for label in demo_window.demo_banner.findChildren(QLabel)]
    assert any("not yours" in text for text in texts)
    demo_window.back_button.click()

    assert launcher.window is not demo_window
    assert launcher.window is not None and launcher.window.session is own
    assert launcher.window.journal.check_ins.get(dt.date.today()).note == "mine"


def test_a_replaced_window_stops_listening_to_its_journal(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    launcher, own = _launcher(qtbot, tmp_path)
    assert launcher.window is not None
    for index in range(4):
        launcher.window.page(index)  # every page and its controller listening
    listening = len(own.journal.changed.listeners)
    for _ in range(3):
        launcher.open_demo()
        launcher.open_own()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert launcher.window is not None
        for index in range(4):
            launcher.window.page(index)
    assert len(own.journal.changed.listeners) == listening  # not three windows' worth


def test_a_request_file_brings_the_window_forward_and_is_answered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    launcher, own = _launcher(qtbot, tmp_path)
    shown: list[bool] = []
    launcher.show_window = lambda: shown.append(True)  # type: ignore[method-assign]
    request = own.raise_requests
    assert request is not None
    request.write_text("123\n")
    qtbot.waitUntil(lambda: not request.exists())
    assert shown == [True]


def test_nobody_to_answer_leaves_no_request_behind(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    started = time.monotonic()
    assert not ask_to_raise(db, wait=0.2)
    assert time.monotonic() - started < 2
    assert not raise_request_path(db).exists()


@pytest.mark.processes
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX")
def test_starting_the_app_again_brings_the_first_window_forward(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_STATE_HOME=str(tmp_path / "state"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    first = subprocess.Popen(
        [sys.executable, "-m", "wlitracker", "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        probe = InstanceLock(db)
        deadline = time.monotonic() + 30
        while probe.acquire():  # until the first window holds the journal
            probe.release()
            assert time.monotonic() < deadline, "the first window did not start"
            time.sleep(0.1)
        time.sleep(1.0)  # its watch on the folder starts with the window
        second = subprocess.run(
            [sys.executable, "-m", "wlitracker", "--db", str(db)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        first.kill()
        first.wait(10)
    assert second.returncode == 0
    assert "brought forward" in second.stderr
