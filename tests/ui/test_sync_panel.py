"""The Sync section: choosing a folder, the passphrase, syncing off the GUI thread, and
the window refreshing once another computer's changes are merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.qtbot import QtBot

from wlitracker.app import SyncActions, open_journal, sync_journal
from wlitracker.core.services.journal import Journal
from wlitracker.ui.controllers.sync import SyncController
from wlitracker.ui.sync_panel import SyncPanel

DAY = dt.date(2026, 3, 10)


def _journal(path: Path, today: dt.date) -> Journal:
    journal, repo = open_journal(path)
    return Journal(repo, lambda: today, journal.protected)


def test_sync_now_asks_for_a_passphrase_syncs_and_refreshes(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    other = _journal(tmp_path / "desktop.db", today)
    other.check_ins.update(DAY, ratings={"satisfaction": 8}, note="from the desktop")
    sync_journal(tmp_path / "desktop.db", folder, "pass words", device_name="desktop")

    journal = _journal(tmp_path / "laptop.db", today)
    controller = SyncController(journal, SyncActions(tmp_path / "laptop.db", "laptop"))
    panel = SyncPanel(controller.state())
    qtbot.addWidget(panel)
    controller.state_changed.connect(panel.set_state)
    asked: list[bool] = []
    controller.passphrase_needed.connect(asked.append)
    panel.folder_chosen.connect(controller.choose_folder)
    assert panel.folder_label.text().startswith("Not syncing")
    assert not panel.sync_button.isEnabled()

    refreshed: list[int] = []
    journal.changed.connect(lambda: refreshed.append(1))
    panel.folder_chosen.emit(folder)
    # The keyring's backends load off the window's thread first.
    qtbot.waitUntil(lambda: asked == [False], timeout=10_000)  # one passphrase, no confirmation
    controller.give_passphrase("wrong")
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert "not the passphrase" in panel.problem.text()
    assert journal.check_ins.get(DAY).is_empty
    controller.give_passphrase("pass words")
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)
    assert panel.problem.text() == ""
    assert panel.status.text().startswith("Last synced")
    assert refreshed  # the window refreshes from the change signal
    assert journal.check_ins.get(DAY).note == "from the desktop"
    assert panel.sync_button.isEnabled()
    controller.wait()


def test_the_panel_lists_values_replaced_by_another_computer(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    folder = tmp_path / "Sync"
    folder.mkdir()
    laptop = _journal(tmp_path / "laptop.db", today)
    desktop = _journal(tmp_path / "desktop.db", today)
    laptop.check_ins.update(DAY, ratings={"guilt": 2})
    desktop.check_ins.update(DAY, ratings={"guilt": 6})
    for path, name in (("laptop.db", "laptop"), ("desktop.db", "desktop"), ("laptop.db", "l")):
        sync_journal(tmp_path / path, folder, None, encrypt=False, device_name=name)
    actions = SyncActions(tmp_path / "laptop.db", "laptop")
    actions.set_folder(folder)
    controller = SyncController(laptop, actions)
    panel = SyncPanel(controller.state())
    qtbot.addWidget(panel)
    assert panel.history.count() == 1
    assert "Guilt on Tue 10 Mar 2026: 6 is shown; 2 was written" in panel.history.item(0).text()


class _CountingActions(SyncActions):
    """Counts the keyring questions (loading its backends costs a score of megabytes)."""

    asked = 0

    def keyring_available(self) -> bool:
        self.asked += 1
        return False


def test_the_keyring_is_asked_about_only_for_a_journal_that_syncs(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    journal = _journal(tmp_path / "laptop.db", today)
    actions = _CountingActions(tmp_path / "laptop.db", "laptop")
    controller = SyncController(journal, actions)
    panel = SyncPanel(controller.state())
    qtbot.addWidget(panel)
    assert actions.asked == 0 and not controller.state().keyring
    actions.set_folder(tmp_path / "Sync")
    controller.folder = actions.folder()
    controller.state()
    assert actions.asked == 1
    controller.wait()


class _SlowKeyring(SyncActions):
    """A keyring whose backends take a while to load, as on a desktop with several."""

    def keyring_available(self) -> bool:
        import time

        time.sleep(0.4)
        return True


def test_choosing_a_first_folder_loads_the_keyring_off_the_window_thread(
    qtbot: QtBot, tmp_path: Path, today: dt.date
) -> None:
    import time

    journal = _journal(tmp_path / "laptop.db", today)
    controller = SyncController(journal, _SlowKeyring(tmp_path / "laptop.db", "laptop"))
    panel = SyncPanel(controller.state())
    qtbot.addWidget(panel)
    controller.state_changed.connect(panel.set_state)
    asked: list[bool] = []
    controller.passphrase_needed.connect(asked.append)
    folder = tmp_path / "Sync"
    folder.mkdir()
    began = time.perf_counter()
    controller.choose_folder(folder)
    assert time.perf_counter() - began < 0.2  # the window did not wait for the keyring
    assert controller.running and not asked
    qtbot.waitUntil(lambda: asked == [True], timeout=10_000)  # a new folder: asked twice
    assert controller.state().keyring and not controller.running
    controller.wait()
