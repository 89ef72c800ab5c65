"""The search bar's controller: the words typed become a search; one rebuild per change."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ...core.present.search import build_search_state
from ...core.services.journal import Journal
from ..search_bar import SearchBar
from .refresh import OncePerChange


class SearchController(QObject):
    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        bar = SearchBar(build_search_state(journal, ""), parent)
        super().__init__(bar)
        self.journal = journal
        self.bar = bar
        self.query = ""
        bar.query_changed.connect(self.search)
        self.refresher = OncePerChange(bar, self.refresh)
        self.refresher.follow(journal.changed)  # a day written or removed: found again

    def refresh(self) -> None:
        self.bar.set_state(build_search_state(self.journal, self.query))

    def search(self, query: str) -> None:
        self.query = query
        self.refresher.now()
