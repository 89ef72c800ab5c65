"""The Tags place's controller: requests become tag service calls; one rebuild per change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from ...core.model.errors import WliError
from ...core.present.tags import build_tags_state
from ...core.services.journal import Journal
from ..tags_panel import TagsPanel
from .refresh import OncePerChange


class TagsController(QObject):
    def __init__(self, journal: Journal, panel: TagsPanel) -> None:
        super().__init__(panel)
        self.journal = journal
        self.panel = panel
        panel.rename_requested.connect(
            lambda tag, new: self._do(lambda: journal.tags.rename(tag, new), new)
        )
        panel.merge_requested.connect(
            lambda tags, into: self._do(lambda: journal.tags.merge(tags, into), into)
        )
        panel.remove_requested.connect(lambda tag: self._do(lambda: journal.tags.remove(tag)))
        self.refresher = OncePerChange(panel, self.refresh)
        self.refresher.follow(journal.changed)

    def refresh(self) -> None:
        self.panel.set_state(build_tags_state(self.journal))

    def _do(self, write: Callable[[], object], select: str | None = None) -> None:
        try:
            write()
        except WliError as error:
            self.panel.show_problem(error)
            return
        self.refresher.now()
        if select is not None:
            self.panel.select(" ".join(select.split()))
