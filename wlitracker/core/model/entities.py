"""The journal's vocabulary as immutable values.

Everything here is plain data: services build these, repositories store them,
and widgets only ever receive them. Mappings are frozen on construction so a
value handed to the UI cannot be changed behind the service's back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType

from .record import Record

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Literal, TypeVar

    Better = Literal["higher", "lower"]
    ExperimentKind = Literal["experiment", "routine"]
    K = TypeVar("K")
    V = TypeVar("V")
else:  # other modules import these names for their annotations only
    Better = ExperimentKind = str
EXPERIMENT_KINDS: tuple[ExperimentKind, ...] = ("experiment", "routine")

SATISFACTION = "satisfaction"
GUILT = "guilt"


class Domain(StrEnum):
    WORK = "work"
    FAMILY = "family"
    RELATIONSHIPS = "relationships"
    HEALTH = "health"
    PERSONAL_GROWTH = "personal growth"


class Adherence(StrEnum):
    """Did the user do the experiment's change on a day."""

    DONE = "done"
    PARTLY = "partly"
    NOT_DONE = "not_done"
    NOT_SCHEDULED = "not_scheduled"


class PhaseKind(StrEnum):
    BASELINE = "baseline"
    TRIAL = "trial"


class DecisionKind(StrEnum):
    PERSIST = "persist"
    ADJUST = "adjust"
    SWITCH = "switch"
    STOP = "stop"


class Status(StrEnum):
    PLANNED = "planned"
    BASELINE = "baseline"
    TRIAL = "trial"
    READY_TO_REVIEW = "ready to review"
    PERSISTED = "persisted"
    ADJUSTED = "adjusted"
    SWITCHED = "switched"
    STOPPED = "stopped"
    ROUTINE = "routine"  # an open routine: no phases, runs from its start until stopped


class RoutineChangeKind(StrEnum):
    """What can happen to a routine once it is kept: paused, taken up again, retired."""

    PAUSE = "pause"
    RESUME = "resume"
    RETIRE = "retire"


STATUS_AFTER_DECISION: Mapping[DecisionKind, Status] = MappingProxyType(
    {
        DecisionKind.PERSIST: Status.PERSISTED,
        DecisionKind.ADJUST: Status.ADJUSTED,
        DecisionKind.SWITCH: Status.SWITCHED,
        DecisionKind.STOP: Status.STOPPED,
    }
)


Rating = int | float
"""A rating: a whole number when a person enters it. An import may bring a fraction
(the mean of several Daylio entries on one day), and it is kept as the file says."""


def rating_text(value: Rating) -> str:
    """A rating as people read it: 7, 3.5, 3.67 (a fraction to two places at most)."""
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _freeze(mapping: Mapping[K, V]) -> Mapping[K, V]:
    return MappingProxyType(dict(mapping))


class Metric(Record):
    """Something rated each day on a scale with whole-number ends.

    ``name`` is the metric's key (``metric_key``: lower case, single spaces), by which
    ratings, targets, lookups, imports and sync know it; ``label`` is the name as the
    person typed it, which ``metric_label`` shows.
    """

    name: str
    min_value: int
    max_value: int
    better: Better = "higher"
    builtin: bool = False
    archived: bool = False
    id: int | None = None
    label: str = ""

    def allows(self, value: Rating) -> bool:
        return self.min_value <= value <= self.max_value


def metric_key(text: str) -> str:
    """A metric's name as the journal knows it, so "Sleep  Hours" finds "sleep hours"."""
    return " ".join(text.split()).lower()


def metric_label(metric: Metric) -> str:
    """The metric's name as people read it: as it was typed, built-in ones capitalised.

    A label counts only while it spells the name (``metric_key``): a name changed
    where labels are unknown (a computer syncing with an older version) shows as the
    name itself rather than as a label that no longer fits.
    """
    if metric.label and metric_key(metric.label) == metric.name:
        return metric.label
    return first_capital(metric.name) if metric.builtin else metric.name


def metric_labels(metrics: Iterable[Metric]) -> Mapping[str, str]:
    """``metric_label`` of each metric by name, for what holds names only (targets,
    results, ratings); a name not among them reads as itself (``label_of``)."""
    return MappingProxyType({m.name: metric_label(m) for m in metrics})


def label_of(name: str, labels: Mapping[str, str]) -> str:
    return labels.get(name, name)


def first_capital(text: str) -> str:
    """``text`` as a sentence starts: its first letter a capital, the rest as written
    (``str.capitalize`` would make "Sleep Hours" "Sleep hours")."""
    return text[:1].upper() + text[1:]


class CheckIn(Record):
    """One day's record. A metric absent from ``ratings`` was not rated (never zero)."""

    date: dt.date
    ratings: Mapping[str, Rating] = MappingProxyType({})  # shared: it cannot change
    adherence: Mapping[int, Adherence] = MappingProxyType({})
    tags: tuple[str, ...] = ()
    note: str = ""
    unusual: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "ratings", _freeze(self.ratings))
        object.__setattr__(self, "adherence", _freeze(self.adherence))
        object.__setattr__(self, "tags", tuple(self.tags))

    @classmethod
    def read(
        cls,
        date: dt.date,
        ratings: dict[str, Rating],
        adherence: dict[int, Adherence],
        tags: tuple[str, ...],
        note: str,
        unusual: str | None,
    ) -> CheckIn:
        """A day as a repository reads it, built in a third of the time: the dicts are
        its own (frozen without a copy) and the fields already have their types.

        Reading ten years makes 3,650 days, and the checks a new value gets were a
        tenth of ``history --json``.
        """
        day = object.__new__(cls)
        day.__dict__.update(
            date=date,
            ratings=MappingProxyType(ratings),
            adherence=MappingProxyType(adherence),
            tags=tags,
            note=note,
            unusual=unusual,
        )
        return day

    @property
    def is_unusual(self) -> bool:
        return self.unusual is not None

    @property
    def is_empty(self) -> bool:
        return not (self.ratings or self.adherence or self.tags or self.note or self.is_unusual)


class Target(Record):
    """A metric an experiment hopes to move, and which way counts as better."""

    metric: str
    better: Better


class PhasePlan(Record):
    kind: PhaseKind
    days: int


class Phase(Record):
    """A phase placed on the calendar; ``label`` is A, B, A2, B2..."""

    label: str
    kind: PhaseKind
    start: dt.date
    end: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Schedule(Record):
    """When an experiment runs: a start date and a sequence of phase lengths."""

    plan: tuple[PhasePlan, ...]
    start: dt.date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "plan", tuple(self.plan))


class Experiment(Record):
    """A small change being tried, or (``kind="routine"``) a habit simply kept track of.

    A routine has a start date and no phases (an empty plan): it runs from its
    start until a decision stops it, and has no baseline to be compared with.
    """

    title: str
    schedule: Schedule
    intention: str = ""
    shift: str = ""
    hypothesis: str = ""
    domains: tuple[Domain, ...] = ()
    targets: tuple[Target, ...] = ()
    template: str | None = None
    parent_id: int | None = None
    version: int = 1
    created_on: dt.date | None = None
    id: int | None = None
    kind: ExperimentKind = "experiment"

    def __post_init__(self) -> None:
        object.__setattr__(self, "domains", tuple(self.domains))
        object.__setattr__(self, "targets", tuple(self.targets))


class Decision(Record):
    experiment_id: int
    kind: DecisionKind
    reason: str
    decided_on: dt.date
    new_experiment_id: int | None = None
    id: int | None = None


class RoutineChange(Record):
    """A routine paused, resumed or retired on a day, with the reason in a few words."""

    experiment_id: int
    kind: RoutineChangeKind
    changed_on: dt.date
    reason: str = ""
    id: int | None = None
