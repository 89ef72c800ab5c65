"""Whether there is a keyring is found once per window: finding out loads every backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from wlitracker.app import SyncActions
from wlitracker.sync import passphrases


def test_the_keyring_is_looked_for_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def works() -> bool:
        asked.append(True)
        return False

    monkeypatch.setattr(passphrases, "keyring_works", works)
    actions = SyncActions(tmp_path / "journal.db")
    assert actions.keyring_available() is False
    assert actions.keyring_available() is False
    assert asked == [True]
