"""What the Settings page shows: metrics, reminder, theme, self-check, where the data lives."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model.entities import Better, Metric
from ..self_check import describe
from ..services.journal import Journal
from ..services.metrics import MAX_SCALE_SPAN
from ..services.preferences import THEMES, SelfCheckResult, Theme

__all__ = [
    "MAX_SCALE_SPAN",
    "THEMES",
    "MetricDraft",
    "SelfCheckResult",
    "SelfCheckState",
    "SettingsState",
    "Theme",
    "build_settings_state",
]


@dataclass(frozen=True)
class MetricDraft:
    """A new metric as the person typed it (the service checks it)."""

    name: str
    min_value: int
    max_value: int
    better: Better


@dataclass(frozen=True)
class SelfCheckState:
    result: SelfCheckResult
    label: str  # "More of a segmenter"...
    text: str  # what that means for picking experiments


@dataclass(frozen=True)
class SettingsState:
    metrics: tuple[Metric, ...]  # archived ones too, in the journal's order
    reminder: dt.time | None
    keep_in_tray: bool
    theme: Theme
    self_check: SelfCheckState | None
    is_demo: bool
    db_path: Path
    log_file: Path | None
    version: str


def build_settings_state(
    journal: Journal, db_path: Path, log_file: Path | None, version: str
) -> SettingsState:
    prefs = journal.preferences
    result = prefs.self_check()
    check = None
    if result is not None:
        label, text = describe(result.score)
        check = SelfCheckState(result, label, text)
    return SettingsState(
        metrics=tuple(journal.metrics.list(include_archived=True)),
        reminder=prefs.reminder_time(),
        keep_in_tray=prefs.keep_in_tray(),
        theme=prefs.theme(),
        self_check=check,
        is_demo=prefs.is_demo(),
        db_path=db_path,
        log_file=log_file,
        version=version,
    )
