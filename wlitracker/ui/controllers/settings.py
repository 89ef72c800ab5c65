"""The Settings page's controller: requests become service calls; one rebuild per change."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core import self_check
from ...core.model.entities import Metric
from ...core.model.errors import WliError
from ...core.present.settings import MetricDraft, build_settings_state
from ...core.present.tags import build_tags_state
from ...core.services.journal import Journal
from ..backups_panel import BackupActions
from ..session import Session
from ..settings_page import SettingsPage
from ..tags_panel import TagsPanel
from .refresh import OncePerChange
from .tags import TagsController


class SettingsController(QObject):
    def __init__(
        self,
        journal: Journal,
        page: SettingsPage,
        db_path: Path,
        log_file: Path | None,
        version: str,
    ) -> None:
        super().__init__(page)
        self.journal = journal
        self.page = page
        self._where = (db_path, log_file, version)
        self.tags: TagsController | None = None  # the Tags place's, set by ``open_settings``
        page.metric_add_requested.connect(self.add_metric)
        page.metric_rename_requested.connect(self.rename_metric)
        page.metric_archive_requested.connect(self.archive_metric)
        page.metric_history_remove_requested.connect(
            lambda name: self._do(lambda: journal.removals.metric_history(name))
        )
        page.reminder_requested.connect(
            lambda value: self._do(lambda: journal.preferences.set_reminder_time(value))
        )
        page.keep_in_tray_requested.connect(
            lambda keep: self._do(lambda: journal.preferences.set_keep_in_tray(keep))
        )
        page.theme_requested.connect(
            lambda theme: self._do(lambda: journal.preferences.set_theme(theme))
        )
        page.self_check_answered.connect(self.save_self_check)
        self.refresher = OncePerChange(page, self.refresh)
        self.refresher.follow(journal.changed)

    def refresh(self) -> None:
        self.page.set_state(build_settings_state(self.journal, *self._where))

    def _do(self, write: Callable[[], object], select: bool = False) -> None:
        """One service call, then the page's new state; a refusal is shown instead.

        ``select``: the call returns a metric, which the page then selects.
        """
        try:
            result = write()
        except WliError as error:
            self.page.show_problem(error)
            return
        if select and isinstance(result, Metric):
            self.page.select_after(result.name)
        self.refresher.now()

    def add_metric(self, draft: MetricDraft) -> None:
        self._do(
            lambda: self.journal.metrics.add(
                draft.name, draft.min_value, draft.max_value, draft.better
            ),
            select=True,
        )

    def rename_metric(self, old: str, new: str) -> None:
        self._do(lambda: self.journal.metrics.rename(old, new), select=True)

    def archive_metric(self, name: str, archived: bool) -> None:
        self._do(lambda: self.journal.metrics.set_archived(name, archived))

    def save_self_check(self, answers: tuple[int, ...]) -> None:
        today: dt.date = self.journal.today()
        self._do(
            lambda: self.journal.preferences.set_self_check(self_check.evaluate(answers, today))
        )


def open_settings(
    session: Session,
    parent: QWidget | None = None,
    backups: BackupActions | None = None,
    sync_panel: QWidget | None = None,
) -> SettingsController:
    """The Settings page for the session's journal, with its controller (reach it as ``.page``)."""
    where = (session.db_path, session.log_file, session.version)
    state = build_settings_state(session.journal, *where)
    page = SettingsPage(state, parent, backups=backups, sync_panel=sync_panel)
    controller = SettingsController(session.journal, page, *where)
    panel = TagsPanel(build_tags_state(session.journal), page.tags_box.card)
    page.tags_slot.addWidget(panel)
    panel.today_requested.connect(page.today_requested)
    page.tags_panel = panel
    controller.tags = TagsController(session.journal, panel)
    return controller
