"""What the search bar shows: the words looked for, the days found, and a line about them."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.search import SearchHit, search_terms
from ..model.words import counted
from ..services.journal import Journal
from ..services.search import DEFAULT_LIMIT

__all__ = ["SearchHit", "SearchState", "build_search_state"]


@dataclass(frozen=True)
class SearchState:
    query: str
    hits: tuple[SearchHit, ...]  # newest first
    total: int

    @property
    def message(self) -> str:
        """A line under the box: what to type, nothing found, or how many days."""
        if not search_terms(self.query):
            return "Type words from your notes or tags; each finds words starting with it."
        if not self.total:
            return "No days found. Words match from their start: “walk” finds “walked”."
        if self.total > len(self.hits):
            return f"The newest {len(self.hits)} of {self.total} days. Enter opens one in Today."
        return f"{counted(self.total, 'day')}. Enter or a double click opens one in Today."


def build_search_state(journal: Journal, query: str, limit: int = DEFAULT_LIMIT) -> SearchState:
    results = journal.search.days(query, limit)
    return SearchState(query, results.hits, results.total)
