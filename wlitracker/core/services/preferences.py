"""Preferences kept in the journal's settings table, each key defined once here."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..model.errors import ValidationError
from .context import Context

Theme = Literal["system", "light", "dark"]
THEMES: tuple[Theme, ...] = ("system", "light", "dark")

KEY_REMINDER = "reminder_time"
KEY_THEME = "theme"
KEY_INTENTIONS = "intentions"
KEY_SELF_CHECK = "self_check"
KEY_WELCOME_DONE = "welcome_done"
KEY_DEMO = "demo"
KEY_BACKUP_FOLDER = "backup_folder"
KEY_KEEP_IN_TRAY = "keep_in_tray"


@dataclass(frozen=True)
class SelfCheckResult:
    """Answers to the segmenter-integrator self-check (1..5 each) and their score."""

    answers: tuple[int, ...]
    score: float  # 0 = strong segmenter, 1 = strong integrator
    taken_on: dt.date


class PreferenceService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    def _set(self, key: str, value: str | None) -> None:
        self._ctx.repo.set_setting(key, value)
        self._ctx.changed.emit()

    def reminder_time(self) -> dt.time | None:
        text = self._ctx.repo.get_setting(KEY_REMINDER)
        return dt.time.fromisoformat(text) if text else None

    def set_reminder_time(self, value: dt.time | None) -> None:
        self._set(KEY_REMINDER, value.strftime("%H:%M") if value else None)

    def theme(self) -> Theme:
        text = self._ctx.repo.get_setting(KEY_THEME)
        return text if text in THEMES else "system"

    def set_theme(self, theme: str) -> None:
        if theme not in THEMES:
            raise ValidationError("theme", f"must be one of {', '.join(THEMES)}")
        self._set(KEY_THEME, theme)

    def intentions(self) -> list[str]:
        text = self._ctx.repo.get_setting(KEY_INTENTIONS)
        return [str(i) for i in json.loads(text)] if text else []

    def set_intentions(self, intentions: list[str]) -> None:
        self._set(
            KEY_INTENTIONS, json.dumps([" ".join(i.split()) for i in intentions if i.strip()])
        )

    def self_check(self) -> SelfCheckResult | None:
        text = self._ctx.repo.get_setting(KEY_SELF_CHECK)
        if not text:
            return None
        data = json.loads(text)
        return SelfCheckResult(
            tuple(int(a) for a in data["answers"]),
            float(data["score"]),
            dt.date.fromisoformat(data["taken_on"]),
        )

    def set_self_check(self, result: SelfCheckResult) -> None:
        data = {
            "answers": list(result.answers),
            "score": result.score,
            "taken_on": result.taken_on.isoformat(),
        }
        self._set(KEY_SELF_CHECK, json.dumps(data))

    def welcome_done(self) -> bool:
        return self._ctx.repo.get_setting(KEY_WELCOME_DONE) == "yes"

    def set_welcome_done(self) -> None:
        self._set(KEY_WELCOME_DONE, "yes")

    def keep_in_tray(self) -> bool:
        """Whether closing the window leaves the app (and its reminder) in the tray."""
        return self._ctx.repo.get_setting(KEY_KEEP_IN_TRAY) == "yes"

    def set_keep_in_tray(self, keep: bool) -> None:
        self._set(KEY_KEEP_IN_TRAY, "yes" if keep else None)

    def is_demo(self) -> bool:
        return self._ctx.repo.get_setting(KEY_DEMO) == "yes"

    def backup_folder(self) -> Path | None:
        """The folder the user chose for backups; ``None``: the default beside the database."""
        text = self._ctx.repo.get_setting(KEY_BACKUP_FOLDER)
        return Path(text) if text else None

    def set_backup_folder(self, folder: str | os.PathLike[str] | None) -> None:
        self._set(KEY_BACKUP_FOLDER, os.fspath(folder) if folder else None)
