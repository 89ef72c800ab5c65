"""Finding days by words in their notes and tags (the index is the storage's)."""

from __future__ import annotations

from ..model.search import SearchResults, search_terms
from .context import Context

DEFAULT_LIMIT = 100


class SearchService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    def days(self, text: str, limit: int | None = DEFAULT_LIMIT) -> SearchResults:
        """The newest days (at most ``limit``; ``None`` for all) having every word of
        ``text`` at the start of a word of their note or tags. Any text may be given:
        it is cut into plain words first, so nothing typed is read as query syntax."""
        return self._ctx.repo.search_days(search_terms(text), limit)
