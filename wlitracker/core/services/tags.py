"""Tags across the journal: how often each is used, renaming, merging and removing them.

A tag lives on the days that have it; these use cases rewrite those days (through the
change service, so each can be undone) and touch nothing else of them. Renaming a
tag to one a day already has merges the two on that day, keeping the first place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..model.entities import CheckIn
from ..model.errors import NotFoundError, ValidationError
from ..model.record import replace
from ..model.search import TagUse
from ..validation import clean_tags
from .changes import Change, ChangeService, Records
from .context import Context
from .removals import days_words, kept

Retag = Callable[[CheckIn], CheckIn]


class TagService:
    def __init__(self, context: Context, changes: ChangeService) -> None:
        self._ctx = context
        self._changes = changes

    def uses(self) -> list[TagUse]:
        """Every tag in use with its number of days, the most used first."""
        return self._ctx.repo.tag_uses()

    def find(self, tag: str) -> str:
        """The tag as stored: exactly as typed, else the one tag that differs only in case."""
        clean = " ".join(tag.split())
        names = [u.tag for u in self._ctx.repo.tag_uses()]
        if clean in names:
            return clean
        alike = [n for n in names if n.casefold() == clean.casefold()]
        if len(alike) == 1:
            return alike[0]
        known = ", ".join(sorted(names)[:20]) or "none yet"
        raise NotFoundError(f"tag: no day has the tag {tag!r}; tags in use: {known}")

    def rename(self, old: str, new: str) -> Change:
        """Every day tagged ``old`` is tagged ``new`` instead (merged if it has both)."""
        return self.merge([old], new)

    def merge(self, tags: Iterable[str], into: str) -> Change:
        """The days tagged with any of ``tags`` are tagged ``into`` in their place."""
        sources = list(dict.fromkeys(self.find(t) for t in tags))
        target = self.clean_name(into)
        moving = [t for t in sources if t != target]
        if not moving:
            raise ValidationError("tag", f"{target!r} is already called that")

        def retag(check_in: CheckIn) -> CheckIn:
            tags = tuple(target if t in moving else t for t in check_in.tags)
            return replace(check_in, tags=clean_tags(tags))

        quoted = ", ".join(f"“{t}”" for t in moving)
        if len(moving) == 1:
            done = f"Renamed the tag {quoted} to “{target}” on {{days}}"
            undo = f"Undo renaming the tag {quoted} to “{target}”"
        else:
            done = f"Merged the tags {quoted} into “{target}” on {{days}}"
            undo = f"Undo merging the tags {quoted} into “{target}”"
        return self._apply(done, undo, moving, retag)

    def remove(self, tag: str) -> Change:
        """The tag goes from every day that has it; the rest of each day stays."""
        found = self.find(tag)

        def untag(check_in: CheckIn) -> CheckIn:
            return replace(check_in, tags=tuple(t for t in check_in.tags if t != found))

        return self._apply(
            f"Removed the tag “{found}” from {{days}}",
            f"Bring back the tag “{found}” on {{days}}",
            [found],
            untag,
        )

    @staticmethod
    def clean_name(name: str) -> str:
        """A tag's new name: trimmed, not empty, no comma (the Today page splits on them)."""
        cleaned = clean_tags([name])
        if not cleaned:
            raise ValidationError("tag", "the new name must not be empty")
        if "," in cleaned[0]:
            raise ValidationError("tag", "a tag cannot hold a comma: commas separate tags")
        return cleaned[0]

    def _apply(self, done: str, undo: str, tags: list[str], retag: Retag) -> Change:
        """Rewrite every day with one of ``tags``; ``{days}`` in the words is their number."""
        repo = self._ctx.repo
        wanted = set(tags)

        def plan() -> Change:
            days = [c for c in repo.list_check_ins() if wanted.intersection(c.tags)]
            if not days:
                raise NotFoundError(f"tag: no day has the tag {tags[0]!r}")
            count = days_words(len(days))
            return Change(
                done.replace("{days}", count),
                undo.replace("{days}", count),
                Records(days={c.date: c for c in days}),
                Records(days={c.date: kept(retag(c)) for c in days}),
            )

        return self._changes.apply(plan)
