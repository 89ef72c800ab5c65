"""Changes that can be undone: what a removal touched, as it was before and after.

A removal (a day, an experiment, a decision, a metric's history, a tag) records every
record it touched twice: as it was, and as it left it. Applying a change writes the
"after" records, undoing it writes the "before" ones: the same code both ways, so
undo restores exactly what was removed. An undo first checks that every record is
still as the change left it; if anything was written over since (by the command line,
another window, an import), it refuses rather than overwrite the newer day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ..model.entities import CheckIn, Decision, Experiment
from ..model.errors import ConflictError, NotFoundError
from ..model.repository import Repository
from .context import Context

HISTORY_SIZE = 100  # changes the window can take back, newest first


def _frozen(mapping: Mapping[object, object]) -> Mapping[object, object]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class Records:
    """Days, experiments and decisions by key; ``None`` where there is none."""

    days: Mapping[dt.date, CheckIn | None] = field(default_factory=dict)
    experiments: Mapping[int, Experiment | None] = field(default_factory=dict)
    decisions: Mapping[int, Decision | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("days", "experiments", "decisions"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))


@dataclass(frozen=True)
class Change:
    """One use case that can be taken back, with what it did and what undoing it does,
    in words ("Removed the check-in of 12 March 2026", "Bring back the check-in of...")."""

    done: str
    undo_text: str
    before: Records
    after: Records


def current(repo: Repository, like: Records) -> Records:
    """The records with the keys of ``like``, as they are stored now."""
    decisions = {d.id: d for d in repo.list_decisions()}
    return Records(
        days={day: repo.get_check_in(day) for day in like.days},
        experiments={key: repo.get_experiment(key) for key in like.experiments},
        decisions={key: decisions.get(key) for key in like.decisions},
    )


def write(repo: Repository, now: Records, target: Records) -> None:
    """Turn the records ``now`` into ``target``, in an order every reference allows.

    New experiments first (decisions and marks may point at them), then decisions,
    then days, and experiments that go last (once nothing points at them).
    """
    for key in sorted(target.experiments):
        if now.experiments[key] is None and target.experiments[key] is not None:
            experiment = target.experiments[key]
            assert experiment is not None
            repo.add_experiment(experiment)
    for key in sorted(target.decisions):
        old, new = now.decisions[key], target.decisions[key]
        if old == new:
            continue
        if old is not None:
            repo.delete_decision(key)
        if new is not None:
            repo.add_decision(new)
    for day in sorted(target.days):
        old_day, new_day = now.days[day], target.days[day]
        if old_day != new_day:
            repo.save_check_in(new_day or CheckIn(day), old_day)
    for key in sorted(target.experiments, reverse=True):
        if now.experiments[key] is not None and target.experiments[key] is None:
            repo.delete_experiment(key)


@dataclass
class ChangeHistory:
    """The changes made through this journal object, newest last (a window's session)."""

    changes: list[Change] = field(default_factory=list)
    listeners: list[Callable[[], None]] = field(default_factory=list)
    made: int = 0  # changes pushed so far: a listener tells a new one from an undo

    def push(self, change: Change) -> None:
        self.made += 1
        self.changes.append(change)
        del self.changes[:-HISTORY_SIZE]
        self._tell()

    def drop(self, change: Change) -> None:
        if change in self.changes:
            self.changes.remove(change)
            self._tell()

    @property
    def last(self) -> Change | None:
        return self.changes[-1] if self.changes else None

    def _tell(self) -> None:
        for listener in list(self.listeners):
            listener()


class ChangeService:
    """Applies changes in one transaction each, and takes back the latest."""

    def __init__(self, context: Context) -> None:
        self._ctx = context
        self.history = ChangeHistory()

    def apply(self, plan: Callable[[], Change]) -> Change:
        """Make the change ``plan`` reads from the journal, and remember it.

        ``plan`` runs inside the transaction, so what is replaced is what it read.
        """
        with self._ctx.repo.atomic():
            change = plan()
            write(self._ctx.repo, change.before, change.after)
        self.history.push(change)
        self._ctx.changed.emit()
        return change

    def undo(self, change: Change | None = None) -> Change:
        """Take back ``change`` (by default the latest); it leaves the history either way.

        ``ConflictError`` when something it touched was changed since, or the history is
        empty; nothing is written then.
        """
        change = change or self.history.last
        if change is None:
            raise ConflictError("There is nothing to undo.")
        repo = self._ctx.repo
        try:
            with repo.atomic():
                now = current(repo, change.after)
                if now != change.after:
                    raise ConflictError(
                        f"{change.undo_text}: not possible, because the journal was changed there "
                        "since (in another window or on the command line), and the newer "
                        "entries are kept"
                    )
                write(repo, now, change.before)
        except NotFoundError as error:
            self.history.drop(change)
            raise ConflictError(
                f"{change.undo_text}: not possible, because something it needs is gone ({error})"
            ) from None
        except ConflictError:
            self.history.drop(change)
            raise
        self.history.drop(change)
        self._ctx.changed.emit()
        return change
