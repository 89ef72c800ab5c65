"""What the Tags place in Settings shows: every tag in use, its days and its last day."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.search import TagUse
from ..services.journal import Journal

__all__ = ["TagUse", "TagsState", "build_tags_state"]


@dataclass(frozen=True)
class TagsState:
    uses: tuple[TagUse, ...]  # the most used first

    def days_of(self, tag: str) -> int:
        return next((u.days for u in self.uses if u.tag == tag), 0)


def build_tags_state(journal: Journal) -> TagsState:
    return TagsState(tuple(journal.tags.uses()))
